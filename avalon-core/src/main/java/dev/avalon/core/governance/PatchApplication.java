package dev.avalon.core.governance;

import dev.avalon.core.behaviour.SemVer;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.avalon.core.base.Violation;
import dev.avalon.core.audit.AuditRecord;
import dev.avalon.core.behaviour.Behaviour;
import dev.avalon.core.behaviour.BehaviourCheck;
import dev.avalon.core.json.CanonicalJson;
import dev.avalon.core.json.Json;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Applies one approved patch to a behaviour document, in memory (seed 06 §4 steps "apply → bump
 * SemVer → hashes → audit"): validate again against the current document, bump the version by the
 * patch type, append the history metadata, and compute the hashes and the
 * {@code governance.patch_applied} audit record. Pure; the caller writes the bytes and asks the
 * commit consent. Used by the governance chain and by weekclose, so both apply patches alike.
 *
 * <pre>{@code
 * PatchApplication.Result r = PatchApplication.apply(patch, behaviour, now);
 * if (r instanceof PatchApplication.Applied a) { out.write(BrainLayout.BEHAVIOUR, a.bytes()); }
 * }</pre>
 */
public final class PatchApplication {

    private static final PatchValidator VALIDATOR = new PatchValidator();

    private PatchApplication() {
    }

    /** What applying one patch gave. */
    public sealed interface Result permits Applied, Stale, Unversionable {
        Patch patch();
    }

    /**
     * The patch applied.
     *
     * @param behaviour   the patched, valid document with its new version and history entry
     * @param oldVersion  the version before
     * @param newVersion  the version after
     * @param hashBefore  sha256 of behaviour.avl before
     * @param hashAfter   sha256 of behaviour.avl after
     * @param log         the {@code governance.patch_applied} data ({@code commitSHA} null until committed)
     */
    public record Applied(Patch patch, Behaviour behaviour, SemVer oldVersion, SemVer newVersion, String hashBefore,
                          String hashAfter, ObjectNode log) implements Result {
        public Applied {
            Objects.requireNonNull(patch, "patch");
            Objects.requireNonNull(behaviour, "behaviour");
            log = log.deepCopy();
        }

        @Override
        public ObjectNode log() {
            return log.deepCopy();
        }

        /** The bytes to write to behaviour.avl. */
        public byte[] bytes() {
            return behaviour.bytes();
        }

        /** The {@code governance.patch_applied} audit record. */
        public AuditRecord audit(String actor, String traceId) {
            return new AuditRecord("governance.patch_applied", actor, traceId, log());
        }
    }

    /** The patch no longer validates against the current document (it went stale while it waited). */
    public record Stale(Patch patch, List<PatchViolation> violations) implements Result {
        public Stale {
            violations = List.copyOf(violations);
        }

        /** The first problem, in words. */
        public String problem() {
            return violations.isEmpty() ? "the patch does not validate" : violations.get(0).problem();
        }

        /** The violations as JSON, for audit records and responses. */
        public ArrayNode toJson() {
            ArrayNode list = Json.object().arrayNode();
            violations.forEach(v -> list.addObject().put("field", v.field()).put("problem", v.problem())
                    .put("code", v.code().name()));
            return list;
        }
    }

    /** The patch validates but the result would not be a correctly versioned, valid document. */
    public record Unversionable(Patch patch, List<Violation> problems) implements Result {
        public Unversionable {
            problems = List.copyOf(problems);
        }
    }

    /**
     * Applies {@code patch} to {@code current}, as approved by the user at {@code at}.
     *
     * @param patch   the approved patch
     * @param current the behaviour document in force now
     * @param at      the approval instant, recorded in the history and the log
     */
    public static Result apply(Patch patch, Behaviour current, Instant at) {
        Objects.requireNonNull(patch, "patch");
        Objects.requireNonNull(current, "current");
        Objects.requireNonNull(at, "at");
        PatchValidation validation = VALIDATOR.validate(patch, current.document());
        if (!validation.ok()) {
            return new Stale(patch, validation.violations());
        }
        SemVer oldVersion = current.version();
        SemVer newVersion = oldVersion.bump(patch.type());
        if (newVersion.compareTo(oldVersion) <= 0) {
            return new Unversionable(patch, List.of(new Violation("$.version", oldVersion + " → " + newVersion
                    + " does not increase")));
        }
        String hashBefore = current.sha256();
        ObjectNode doc = (ObjectNode) validation.result().deepCopy();
        ObjectNode meta = Json.object();
        meta.put("oldVersion", oldVersion.toString());
        meta.put("newVersion", newVersion.toString());
        meta.put("timestamp", at.toString());
        meta.put("appliedBy", "backend");
        meta.put("approvedByUser", true);
        meta.put("patchType", patch.type().name());
        meta.put("patchId", patch.id());
        // the path lets the insight engine respect a user's recent change (seed 06 §7)
        meta.put("path", patch.path());
        if (patch.before().isNumber() && patch.after().isNumber()) {
            // which way a number moved, so statistics can tell going further from going back
            int c = patch.after().decimalValue().compareTo(patch.before().decimalValue());
            if (c != 0) {
                meta.put("direction", c > 0 ? "UP" : "DOWN");
            }
        }
        meta.put("source", patch.source().name());
        meta.put("hashBefore", hashBefore);
        doc.put("version", newVersion.toString());
        ArrayNode history = doc.has("history") && doc.get("history").isArray()
                ? (ArrayNode) doc.get("history") : doc.putArray("history");
        history.add(meta);
        BehaviourCheck check = BehaviourCheck.of(doc);
        if (!check.valid()) {
            return new Unversionable(patch, check.problems());
        }
        Behaviour patched = check.behaviour().orElseThrow();
        String hashAfter = CanonicalJson.sha256Hex(patched.bytes());
        return new Applied(patch, patched, oldVersion, newVersion, hashBefore, hashAfter,
                log(patch, oldVersion, newVersion, at, hashBefore, hashAfter, null));
    }

    /** The data of a {@code governance.patch_applied} record; {@code commitSha} null before the commit. */
    public static ObjectNode log(Patch patch, SemVer oldVersion, SemVer newVersion, Instant at, String hashBefore,
                                 String hashAfter, String commitSha) {
        ObjectNode log = Json.object();
        log.put("patchId", patch.id());
        log.put("oldVersion", oldVersion.toString());
        log.put("newVersion", newVersion.toString());
        log.put("type", patch.type().name());
        log.put("rationale", patch.rationale());
        log.put("riskLevel", patch.riskLevel().name());
        log.put("source", patch.source().name());
        log.put("approvedBy", "user");
        log.put("timestamp", at.toString());
        log.put("hashBefore", hashBefore);
        log.put("hashAfter", hashAfter);
        if (commitSha == null) {
            log.putNull("commitSHA");
        } else {
            log.put("commitSHA", commitSha);
        }
        return log;
    }

    /** The data of a {@code governance.patch_committed} record. */
    public static ObjectNode committed(String patchId, String commitSha) {
        ObjectNode log = Json.object();
        log.put("patchId", patchId);
        log.put("commitSHA", commitSha);
        return log;
    }
}
