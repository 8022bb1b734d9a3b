package dev.avalon.tenants;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Objects;
import java.util.Optional;
import java.util.zip.CRC32;

/**
 * The text of an Avalon API key: {@code avl_}, then 32 random bytes as 43 base62 characters
 * ({@code 0-9A-Za-z}, the bytes read as one unsigned big-endian number, left-padded with {@code 0}),
 * then a 6-character base62 checksum (CRC32 of everything before it). 53 characters in all, safe in a
 * header, a URL and a shell without quoting.
 *
 * <p>The checksum lets a server call a mistyped or truncated key {@code MALFORMED} without a lookup:
 * CRC32 catches every change of a single character. The first {@value #ID_LENGTH} characters of the
 * random part are the key's public id, stored in clear next to the key's SHA-256 to find it.
 */
public final class KeyFormat {

    /** How every Avalon key starts, so secret scanners and people recognise one. */
    public static final String PREFIX = "avl_";
    /** The random bytes in a key. */
    public static final int RANDOM_BYTES = 32;
    /** Base62 characters of the random part: the fewest that hold 256 bits. */
    public static final int BODY_LENGTH = 43;
    /** Base62 characters of the checksum: the fewest that hold 32 bits. */
    public static final int CHECKSUM_LENGTH = 6;
    /** The length of a whole key. */
    public static final int LENGTH = PREFIX.length() + BODY_LENGTH + CHECKSUM_LENGTH;
    /** The length of a key's public id. */
    public static final int ID_LENGTH = 8;

    private static final String ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    private static final BigInteger BASE = BigInteger.valueOf(ALPHABET.length());

    private KeyFormat() {
    }

    /** A new key from {@code random}. The caller shows it once and keeps only its hash. */
    public static String generate(SecureRandom random) {
        Objects.requireNonNull(random, "random");
        byte[] bytes = new byte[RANDOM_BYTES];
        random.nextBytes(bytes);
        String unchecked = PREFIX + base62(new BigInteger(1, bytes), BODY_LENGTH);
        return unchecked + checksum(unchecked);
    }

    /** The public id of {@code presented} when it is a well-formed key, else empty. */
    public static Optional<String> idOf(String presented) {
        if (!wellFormed(presented)) {
            return Optional.empty();
        }
        return Optional.of(presented.substring(PREFIX.length(), PREFIX.length() + ID_LENGTH));
    }

    /** True when {@code presented} has the prefix, the length, only base62 characters and a matching checksum. */
    public static boolean wellFormed(String presented) {
        if (presented == null || presented.length() != LENGTH || !presented.startsWith(PREFIX)) {
            return false;
        }
        for (int i = PREFIX.length(); i < LENGTH; i++) {
            if (ALPHABET.indexOf(presented.charAt(i)) < 0) {
                return false;
            }
        }
        String unchecked = presented.substring(0, LENGTH - CHECKSUM_LENGTH);
        return checksum(unchecked).equals(presented.substring(LENGTH - CHECKSUM_LENGTH));
    }

    /** {@code unchecked} (prefix and random part) with its checksum appended. */
    static String withChecksum(String unchecked) {
        return unchecked + checksum(unchecked);
    }

    private static String checksum(String unchecked) {
        CRC32 crc = new CRC32();
        crc.update(unchecked.getBytes(StandardCharsets.US_ASCII));
        return base62(BigInteger.valueOf(crc.getValue()), CHECKSUM_LENGTH);
    }

    private static String base62(BigInteger value, int width) {
        char[] digits = new char[width];
        BigInteger rest = value;
        for (int i = width - 1; i >= 0; i--) {
            BigInteger[] qr = rest.divideAndRemainder(BASE);
            digits[i] = ALPHABET.charAt(qr[1].intValue());
            rest = qr[0];
        }
        if (rest.signum() != 0) {
            throw new IllegalArgumentException("does not fit in " + width + " base62 digits");
        }
        return new String(digits);
    }
}
