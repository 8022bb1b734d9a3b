package dev.avalon.core.automation;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The signature of a webhook, in the header form payment providers made common:
 * {@code t=<unix seconds>,v1=<hex HMAC-SHA256 of "t.body">}. While a secret is being rotated the header
 * carries one {@code v1} per secret, so a receiver that knows either one accepts the call. Checking is
 * constant-time and refuses a timestamp further from now than the tolerance, so a captured call cannot
 * be replayed later.
 */
public final class WebhookSignature {

    /** How far a signed timestamp may be from the receiver's clock. */
    public static final Duration TOLERANCE = Duration.ofMinutes(5);

    /** What checking a header found. */
    public enum Check {
        /** One of the signatures is the HMAC of the body under one of the secrets, in time. */
        VALID,
        /** Not of the form {@code t=…,v1=…}. */
        MALFORMED,
        /** The timestamp is further from now than the tolerance. */
        STALE,
        /** No signature matches any secret. */
        MISMATCH
    }

    private WebhookSignature() {
    }

    /** The header for {@code body} sent at {@code at}, one {@code v1} per secret (at least one). */
    public static String header(Instant at, String body, List<byte[]> secrets) {
        Objects.requireNonNull(body, "body");
        if (secrets.isEmpty()) {
            throw new IllegalArgumentException("a webhook is signed with at least one secret");
        }
        long t = at.getEpochSecond();
        StringBuilder out = new StringBuilder("t=").append(t);
        for (byte[] secret : secrets) {
            out.append(",v1=").append(HexFormat.of().formatHex(hmac(secret, t + "." + body)));
        }
        return out.toString();
    }

    /** Checks {@code header} for {@code body} against every secret the receiver keeps. */
    public static Check verify(String header, String body, List<byte[]> secrets, Instant now, Duration tolerance) {
        if (header == null || body == null) {
            return Check.MALFORMED;
        }
        Long t = null;
        List<byte[]> given = new ArrayList<>();
        for (String part : header.split(",")) {
            int eq = part.indexOf('=');
            if (eq <= 0) {
                return Check.MALFORMED;
            }
            String key = part.substring(0, eq).strip();
            String value = part.substring(eq + 1).strip();
            try {
                if (key.equals("t")) {
                    if (t != null || !value.matches("[0-9]{1,12}")) {
                        return Check.MALFORMED;
                    }
                    t = Long.parseLong(value);
                } else if (key.equals("v1")) {
                    given.add(HexFormat.of().parseHex(value));
                }
                // other schemes (v0, …) are skipped, as a receiver of a newer sender must
            } catch (IllegalArgumentException e) {
                return Check.MALFORMED;
            }
        }
        if (t == null || given.isEmpty()) {
            return Check.MALFORMED;
        }
        if (Duration.between(Instant.ofEpochSecond(t), now).abs().compareTo(tolerance) > 0) {
            return Check.STALE;
        }
        boolean match = false;
        for (byte[] secret : secrets) {
            byte[] expected = hmac(secret, t + "." + body);
            for (byte[] g : given) {
                // every pair is compared, so the time taken says nothing about which one matched
                match |= MessageDigest.isEqual(expected, g);
            }
        }
        return match ? Check.VALID : Check.MISMATCH;
    }

    /** HMAC-SHA256 of {@code text} (UTF-8) under {@code secret}. */
    public static byte[] hmac(byte[] secret, String text) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            return mac.doFinal(text.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
        }
    }
}
