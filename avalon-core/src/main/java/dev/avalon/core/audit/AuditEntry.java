package dev.avalon.core.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.avalon.core.json.CanonicalJson;
import dev.avalon.core.json.Json;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * One sealed line of the audit log.
 *
 * <p>On disk an entry is one line of canonical JSON (keys sorted, no spaces) followed by {@code \n}:
 * <pre>{@code
 * {"actor":"user","data":{…},"hash":"…","prev":"…","seq":7,"traceId":"t-1","ts":"2026-03-01T09:00:00Z","type":"commit.done"}
 * }</pre>
 * {@code hash} is the lower-case hex SHA-256 of the canonical UTF-8 bytes of that same object
 * without its {@code hash} key; {@code prev} is the previous entry's {@code hash} (64 zeros for
 * {@code seq} 1). Because the form is canonical, the bytes and hence the hash do not depend on the
 * order in which {@code data} was built.
 *
 * <p>The record checks the shape of its values, not their integrity: an entry read from a tampered
 * file is still representable, and {@link #hashMatches()} or {@link AuditVerifier} tell whether it
 * is genuine. New entries are made with {@link AuditChain#next}.
 *
 * @param seq     position in the chain, from 1
 * @param ts      when it was written; serialised as ISO-8601 UTC ({@link Instant#toString()})
 * @param type    what happened
 * @param actor   who caused it
 * @param traceId the request's trace id; may be {@code null}
 * @param data    the details, a JSON object (the entry keeps its own copy)
 * @param prev    the previous entry's hash, or {@link AuditHead#GENESIS_HASH}
 * @param hash    this entry's hash
 */
public record AuditEntry(long seq, Instant ts, String type, String actor, String traceId, JsonNode data,
                         String prev, String hash) {

    /** The keys of an entry's JSON object, sorted as they appear on disk. */
    public static final List<String> FIELDS =
            List.of("actor", "data", "hash", "prev", "seq", "traceId", "ts", "type");

    private static final Set<String> FIELD_SET = Set.copyOf(FIELDS);

    public AuditEntry {
        Objects.requireNonNull(ts, "ts");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(prev, "prev");
        Objects.requireNonNull(hash, "hash");
        if (seq < 1) {
            throw new IllegalArgumentException("seq must be >= 1, was " + seq);
        }
        if (type.isBlank()) {
            throw new IllegalArgumentException("type must not be blank");
        }
        if (!data.isObject()) {
            throw new IllegalArgumentException("data must be a JSON object, was " + data.getNodeType());
        }
        if (!AuditHead.isHex64(prev)) {
            throw new IllegalArgumentException("prev must be 64 lower-case hex digits");
        }
        if (!AuditHead.isHex64(hash)) {
            throw new IllegalArgumentException("hash must be 64 lower-case hex digits");
        }
        data = data.deepCopy();
    }

    /** A copy of the details; changing it does not change the entry. */
    @Override
    public JsonNode data() {
        return data.deepCopy();
    }

    /** The entry as a JSON object with all eight keys. */
    public ObjectNode toJson() {
        ObjectNode node = unsealedJson();
        node.put("hash", hash);
        return node;
    }

    /** The bytes appended to the year file: canonical one-line JSON, then {@code \n}, UTF-8. */
    public byte[] line() {
        return (CanonicalJson.string(toJson()) + "\n").getBytes(StandardCharsets.UTF_8);
    }

    /** This entry as the head of the chain it ends. */
    public AuditHead head() {
        return new AuditHead(seq, hash);
    }

    /** The hash this entry's content calls for; equal to {@link #hash()} for a genuine entry. */
    public String expectedHash() {
        return CanonicalJson.sha256Hex(CanonicalJson.bytes(unsealedJson()));
    }

    /** {@code true} when {@link #hash()} is the hash of this entry's content. */
    public boolean hashMatches() {
        return expectedHash().equals(hash);
    }

    /**
     * Reads an entry from its JSON object. Checks that every field is present, has the right type and
     * form, and that there are no other keys; it does not check the hash (see {@link #hashMatches()}).
     *
     * @throws IllegalArgumentException naming the first bad field
     */
    public static AuditEntry fromJson(JsonNode node) {
        Objects.requireNonNull(node, "node");
        List<String> problems = shapeProblems(node);
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("not an audit entry: " + problems.get(0));
        }
        return fromShapedJson(node);
    }

    /** {@link #fromJson} for a node whose {@link #shapeProblems} the caller has already found empty. */
    static AuditEntry fromShapedJson(JsonNode node) {
        JsonNode traceId = node.get("traceId");
        return new AuditEntry(node.get("seq").longValue(), Instant.parse(node.get("ts").textValue()),
                node.get("type").textValue(), node.get("actor").textValue(),
                traceId.isNull() ? null : traceId.textValue(), node.get("data"),
                node.get("prev").textValue(), node.get("hash").textValue());
    }

    /**
     * Every way in which {@code node} is not the JSON object of an entry, each naming its field; empty
     * when {@link #fromJson} would succeed. Shared with the verifier so that a bad line reports all
     * of its bad fields, not just the first.
     */
    static List<String> shapeProblems(JsonNode node) {
        List<String> problems = new ArrayList<>();
        if (node == null || !node.isObject()) {
            problems.add("not a JSON object");
            return problems;
        }
        for (String field : FIELDS) {
            if (!node.has(field)) {
                problems.add("field '" + field + "' is missing");
            }
        }
        Iterator<String> names = node.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (!FIELD_SET.contains(name)) {
                problems.add("field '" + name + "' is not part of an audit entry");
            }
        }
        JsonNode seq = node.get("seq");
        if (seq != null && !(seq.isIntegralNumber() && seq.canConvertToLong() && seq.longValue() >= 1)) {
            problems.add("field 'seq' must be an integer >= 1");
        }
        JsonNode ts = node.get("ts");
        if (ts != null && !isInstant(ts)) {
            problems.add("field 'ts' must be an ISO-8601 UTC timestamp");
        }
        JsonNode type = node.get("type");
        if (type != null && !(type.isTextual() && !type.textValue().isBlank())) {
            problems.add("field 'type' must be a non-blank string");
        }
        JsonNode actor = node.get("actor");
        if (actor != null && !actor.isTextual()) {
            problems.add("field 'actor' must be a string");
        }
        JsonNode traceId = node.get("traceId");
        if (traceId != null && !(traceId.isTextual() || traceId.isNull())) {
            problems.add("field 'traceId' must be a string or null");
        }
        JsonNode data = node.get("data");
        if (data != null && !data.isObject()) {
            problems.add("field 'data' must be a JSON object");
        }
        for (String hex : List.of("prev", "hash")) {
            JsonNode value = node.get(hex);
            if (value != null && !(value.isTextual() && AuditHead.isHex64(value.textValue()))) {
                problems.add("field '" + hex + "' must be 64 lower-case hex digits");
            }
        }
        return problems;
    }

    private static boolean isInstant(JsonNode ts) {
        if (!ts.isTextual() || !ts.textValue().endsWith("Z")) {
            return false;
        }
        try {
            Instant.parse(ts.textValue());
            return true;
        } catch (DateTimeParseException e) {
            return false;
        }
    }

    private ObjectNode unsealedJson() {
        ObjectNode node = Json.object();
        node.put("seq", seq);
        node.put("ts", ts.toString());
        node.put("type", type);
        node.put("actor", actor);
        if (traceId == null) {
            node.putNull("traceId");
        } else {
            node.put("traceId", traceId);
        }
        node.set("data", data.deepCopy());
        node.put("prev", prev);
        return node;
    }
}
