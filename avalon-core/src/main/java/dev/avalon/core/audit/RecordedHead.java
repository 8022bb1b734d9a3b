package dev.avalon.core.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.avalon.core.json.Json;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Objects;

/**
 * What the working tree records about the brain's evidence, in {@code state/audit-head.json}: the
 * audit head, the brain's id (the hash of its first audit entry), the last commit Avalon made, the
 * sha256 of behaviour.avl as Avalon last wrote it, and, on a sealed brain, an HMAC-SHA256 over all of
 * them under the host's key.
 *
 * <p>A record without a brain id was written before the brain kept this evidence ({@link #tracked()}
 * is false); it is completed by the next write.
 *
 * @param head            the audit chain's head
 * @param brain           the brain's id, or null in an old record
 * @param commit          the last commit Avalon made, or null before the first
 * @param behaviourSha256 the sha256 of behaviour.avl as Avalon last wrote it, or null in an old record
 * @param seal            the HMAC-SHA256 in lower-case hex, or null on an unsealed brain
 */
public record RecordedHead(AuditHead head, String brain, String commit, String behaviourSha256, String seal) {

    private static final String MAC = "HmacSHA256";

    public RecordedHead {
        Objects.requireNonNull(head, "head");
    }

    /** An old record: the head only. */
    public static RecordedHead of(AuditHead head) {
        return new RecordedHead(head, null, null, null, null);
    }

    /** Whether this record carries the brain's evidence (its id, commit and behaviour hash). */
    public boolean tracked() {
        return brain != null;
    }

    public boolean sealed() {
        return seal != null;
    }

    /** This record sealed under {@code key}. */
    public RecordedHead sealedWith(byte[] key) {
        return new RecordedHead(head, brain, commit, behaviourSha256, mac(key));
    }

    /** Whether the seal is the HMAC of this record under {@code key}; compared in constant time. */
    public boolean sealMatches(byte[] key) {
        if (seal == null) {
            return false;
        }
        return MessageDigest.isEqual(seal.getBytes(StandardCharsets.US_ASCII),
                mac(key).getBytes(StandardCharsets.US_ASCII));
    }

    /** The HMAC-SHA256 of every field but the seal, one per line, under {@code key}. */
    String mac(byte[] key) {
        Objects.requireNonNull(key, "key");
        String text = "avalon-seal-v1\n" + brain + "\n" + head + "\n" + commit + "\n" + behaviourSha256 + "\n";
        try {
            Mac mac = Mac.getInstance(MAC);
            mac.init(new SecretKeySpec(key, MAC));
            return HexFormat.of().formatHex(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }

    public ObjectNode toJson() {
        ObjectNode n = Json.object();
        n.put("seq", head.seq());
        n.put("hash", head.hash());
        if (brain != null) {
            n.put("brain", brain);
            if (commit == null) {
                n.putNull("commit");
            } else {
                n.put("commit", commit);
            }
            if (behaviourSha256 == null) {
                n.putNull("behaviourSha256");
            } else {
                n.put("behaviourSha256", behaviourSha256);
            }
        }
        if (seal != null) {
            n.put("seal", seal);
        }
        return n;
    }

    /** Reads {@code state/audit-head.json}; fields it lacks are null. */
    public static RecordedHead fromJson(JsonNode n) {
        AuditHead head = new AuditHead(n.get("seq").longValue(), n.get("hash").textValue());
        return new RecordedHead(head, text(n, "brain"), text(n, "commit"), text(n, "behaviourSha256"),
                text(n, "seal"));
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }
}
