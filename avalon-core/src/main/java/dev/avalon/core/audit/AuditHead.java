package dev.avalon.core.audit;

import java.util.Objects;

/**
 * The tip of the audit chain: the sequence number and hash of its last entry. Heads are recorded
 * outside the log (in {@code state/audit-head.json} and as a trailer on every commit) so that a log
 * which was cut short or rewritten can be told from the one that was committed.
 *
 * <pre>{@code
 * AuditHead head = AuditHead.parse("42:9f86d0…");   // as written in a commit trailer
 * head.toString();                                  // "42:9f86d0…"
 * }</pre>
 *
 * @param seq  the last entry's sequence number; {@code 0} for an empty chain
 * @param hash the last entry's hash, 64 lower-case hex digits; {@link #GENESIS_HASH} for an empty chain
 */
public record AuditHead(long seq, String hash) {

    /** The {@code prev} of the first entry: 64 zeros. */
    public static final String GENESIS_HASH = "0".repeat(64);

    /** The head of a chain with no entries yet. */
    public static final AuditHead GENESIS = new AuditHead(0, GENESIS_HASH);

    /** True for exactly 64 lower-case hex digits; a loop, because the verifier asks twice per entry. */
    static boolean isHex64(String value) {
        if (value.length() != 64) {
            return false;
        }
        for (int i = 0; i < 64; i++) {
            char c = value.charAt(i);
            if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
                return false;
            }
        }
        return true;
    }

    public AuditHead {
        Objects.requireNonNull(hash, "hash");
        if (seq < 0) {
            throw new IllegalArgumentException("seq must be >= 0, was " + seq);
        }
        if (!isHex64(hash)) {
            throw new IllegalArgumentException("hash must be 64 lower-case hex digits, was '" + hash + "'");
        }
        // an empty chain has exactly one possible head; anything else would be a forged starting point
        if (seq == 0 && !hash.equals(GENESIS_HASH)) {
            throw new IllegalArgumentException("a head with seq 0 must carry the genesis hash");
        }
    }

    /**
     * Reads the {@code seq:hash} form produced by {@link #toString()}.
     *
     * @throws IllegalArgumentException when {@code text} is not in that form
     */
    public static AuditHead parse(String text) {
        Objects.requireNonNull(text, "text");
        String trimmed = text.strip();
        int colon = trimmed.indexOf(':');
        if (colon <= 0) {
            throw new IllegalArgumentException("not an audit head (seq:hash): '" + text + "'");
        }
        long seq;
        try {
            seq = Long.parseLong(trimmed.substring(0, colon));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not an audit head (seq:hash): '" + text + "'", e);
        }
        return new AuditHead(seq, trimmed.substring(colon + 1));
    }

    /** {@code true} for the head of an empty chain. */
    public boolean isGenesis() {
        return seq == 0;
    }

    /** {@code seq:hash}, the form used in commit trailers. */
    @Override
    public String toString() {
        return seq + ":" + hash;
    }
}
