package dev.avalon.core.recovery;

import dev.avalon.core.audit.AuditLines;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.avalon.core.action.ActionContext;
import dev.avalon.core.action.Outcome;
import dev.avalon.core.audit.AuditRecord;
import dev.avalon.core.base.ErrorCode;
import dev.avalon.core.base.Refusal;
import dev.avalon.core.base.Violation;
import dev.avalon.core.behaviour.Behaviour;
import dev.avalon.core.behaviour.BehaviourCheck;
import dev.avalon.core.behaviour.SemVer;
import dev.avalon.core.brain.Brain;
import dev.avalon.core.feature.Feature;
import dev.avalon.core.brain.BrainValidation;
import dev.avalon.core.governance.GovernanceState;
import dev.avalon.core.behaviour.PatchType;
import dev.avalon.core.json.CanonicalJson;
import dev.avalon.core.json.Json;
import dev.avalon.core.layout.BrainLayout;
import dev.avalon.core.port.BrainPath;
import dev.avalon.core.port.CommitInfo;
import dev.avalon.core.port.FileChange;
import dev.avalon.core.port.RestoreResult;
import dev.avalon.core.question.Question;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * SAFE_RESTORE: a safe version's content comes back (the whole working tree kept aside first), the
 * working state and the audit log stay, behaviour.avl gets the MAJOR bump recovery requires (seed 06
 * §6.3), the result is verified, {@code dr.restored} audited, the brain unfrozen and consent asked to
 * commit what changed. A failed verification keeps the brain frozen and asks again.
 */
final class SafeRestore {

    private final SafeVersions safeVersions;
    private final Function<Brain, BrainValidation> validations;
    private final Restorer restorer;
    private final Resolution resolution;
    /** Asked to replay what was entered after the version into the files that come back (a live list). */
    private final List<Feature> features;

    SafeRestore(SafeVersions safeVersions, Function<Brain, BrainValidation> validations, Restorer restorer,
                Resolution resolution, List<Feature> features) {
        this.features = features;
        this.safeVersions = safeVersions;
        this.validations = validations;
        this.restorer = restorer;
        this.resolution = resolution;
    }

    Outcome restore(ActionContext ctx, Question question, Question answered) {
        Brain brain = ctx.brain();
        String sha = chosen(ctx, question);
        SafeVersion version = safeVersions.find(brain.store(), sha).orElseThrow(() -> new Refusal(
                ErrorCode.VALIDATION_FAILED, "commit " + sha + " is not a safe version",
                new Violation("$.data.data.sha", "not a commit of the branch whose every file validates;"
                        + " dr.safe_versions lists them")));
        if (!brain.verifyAudit().intact()) {
            throw new Refusal(ErrorCode.GOVERNANCE_FORBIDDEN, "the audit chain is broken",
                    new Violation("$.data.answer", "SAFE_RESTORE keeps the audit log, and it does not verify now;"
                            + " repair it by hand and CANCEL"));
        }
        Optional<CommitInfo> commit = brain.store().log(SafeVersions.SCAN_LIMIT).stream()
                .filter(c -> c.sha().equals(sha)).findFirst();
        long auditSeqThen = commit.map(EnteredAfter::auditSeq).orElse(0L);
        // the files that come back and differ from the working tree now, and the files the version does not
        // hold (state/ and audit/ stay)
        Map<BrainPath, String> held = brain.store().contentHashes(sha);
        Map<BrainPath, byte[]> putBack = new LinkedHashMap<>();
        for (BrainPath p : held.keySet()) {
            if (!kept(p)) {
                byte[] bytes = brain.store().readAt(sha, p).orElse(null);
                if (bytes != null && !Arrays.equals(bytes, brain.read(p).orElse(null))) {
                    putBack.put(p, bytes);
                }
            }
        }
        List<BrainPath> removed = brain.store().list("").stream().filter(p -> !kept(p) && !held.containsKey(p))
                .toList();
        long since = EnteredAfter.since(brain.store(), putBack, auditSeqThen);
        ObjectNode enteredAfter = EnteredAfter.of(brain.auditFiles(), since);
        Optional<Behaviour> before = brain.behaviour().behaviour();
        Behaviour thenBehaviour = brain.store().readAt(sha, BrainLayout.BEHAVIOUR)
                .flatMap(b -> BehaviourCheck.of(b).behaviour())
                .orElseThrow(() -> new IllegalStateException("safe version " + sha + " has no valid behaviour.avl"));

        // only the side ref is written now: the files come back with the audit entry and the unfrozen state in
        // the outcome's one unit of work, so a crash leaves the brain before the restore or after it
        RestoreResult aside = restorer.keepAside();

        SemVer base = before.map(Behaviour::version).filter(v -> v.compareTo(thenBehaviour.version()) > 0)
                .orElse(thenBehaviour.version());
        SemVer newVersion = base.bump(PatchType.MAJOR);
        ObjectNode doc = (ObjectNode) thenBehaviour.document().deepCopy();
        ObjectNode meta = Json.object();
        meta.put("oldVersion", thenBehaviour.version().toString());
        meta.put("newVersion", newVersion.toString());
        meta.put("timestamp", ctx.now().toString());
        meta.put("appliedBy", "backend");
        meta.put("approvedByUser", true);
        meta.put("patchType", PatchType.MAJOR.name());
        meta.put("source", "DR");
        meta.put("hashBefore", thenBehaviour.sha256());
        doc.put("version", newVersion.toString());
        ((ArrayNode) doc.withArray("history")).add(meta);
        byte[] behaviour = Json.pretty(doc);
        String behaviourSha = CanonicalJson.sha256Hex(behaviour);

        List<FileChange> writes = new ArrayList<>();
        putBack.forEach((p, bytes) -> {
            if (!p.equals(BrainLayout.BEHAVIOUR)) {
                writes.add(FileChange.put(p, bytes));
            }
        });
        removed.forEach(p -> writes.add(FileChange.delete(p)));
        writes.add(FileChange.put(BrainLayout.BEHAVIOUR, behaviour));
        List<BrainPath> replayed = replay(ctx, writes, since);
        Brain after = new Brain(TreeView.withChanges(brain.store(), writes));
        List<Violation> problems = validations.apply(after).validate(after).problems();
        SortedSet<BrainPath> changedPaths = new TreeSet<>(putBack.keySet());
        changedPaths.addAll(removed);
        RestoreResult restored = new RestoreResult(sha, aside.asideRef(), aside.asideSha(), List.copyOf(changedPaths));

        ObjectNode data = Json.object();
        data.put("questionId", answered.id());
        data.put("restoredFrom", sha);
        data.put("asideRef", restored.asideRef());
        data.put("asideSha", restored.asideSha());
        data.put("oldVersion", thenBehaviour.version().toString());
        data.put("newVersion", newVersion.toString());
        data.put("behaviourSha256", behaviourSha);
        ArrayNode changed = data.putArray("changed");
        restored.changed().forEach(p -> changed.add(p.value()));
        data.set("enteredAfter", enteredAfter.get("counts"));
        ArrayNode replayedPaths = data.putArray("replayed");
        replayed.forEach(p -> replayedPaths.add(p.value()));
        data.put("verified", problems.isEmpty());

        ObjectNode result = Json.object();
        result.put("restoredFrom", sha);
        result.put("committedAt", version.committedAt().toString());
        result.put("asideRef", restored.asideRef());
        result.put("asideSha", restored.asideSha());
        result.put("behaviourVersion", newVersion.toString());
        result.set("changed", changed.deepCopy());
        result.set("enteredAfter", enteredAfter);
        result.set("replayed", replayedPaths.deepCopy());
        Outcome.Builder out = Outcome.builder();
        writes.forEach(out::change);
        out.audit(new AuditRecord("dr.restored", ctx.actor(), ctx.traceId(), data));
        if (!problems.isEmpty()) {
            List<Finding> findings = problems.stream().map(v -> new Finding("validation", v.path(), v.problem()))
                    .toList();
            return out.merge(resolution.stillBroken(ctx, answered, findings, "dr.verification_failed", Json.object(), result))
                    .result(result).build();
        }
        result.put("resolved", true);
        result.put("state", GovernanceState.STATE_NORMAL.name());
        // what differs from HEAD once the files are back, as the working tree will hold it
        Optional<CommitInfo> head = brain.store().head();
        Map<BrainPath, byte[]> toCommit = new TreeMap<>();
        for (BrainPath p : after.store().list("")) {
            if (!BrainLayout.isState(p) && !p.isUnder(BrainLayout.AUDIT_FOLDER) && !p.equals(BrainLayout.BEHAVIOUR)) {
                byte[] bytes = after.read(p).orElse(null);
                byte[] committed = head.flatMap(h -> brain.store().readAt(h.sha(), p)).orElse(null);
                if (bytes != null && !Arrays.equals(bytes, committed)) {
                    toCommit.put(p, bytes);
                }
            }
        }
        toCommit.put(BrainLayout.BEHAVIOUR, behaviour);
        ObjectNode context = Json.object();
        context.put("dr", "restored");
        context.put("restoredFrom", sha);
        Question consent = ctx.askConsent(toCommit, "DR: restore " + sha.substring(0, Math.min(12, sha.length()))
                + " (behaviour " + newVersion + ")", context);
        result.put("consentQuestionId", consent.id());
        return out.close(answered).ask(consent)
                .state(GovernanceState.STATE_NORMAL, "dr.restored: " + sha + " restored and verified")
                .result(result).build();
    }

    /**
     * Replays into each file that comes back what the audit log recorded entering into it after the
     * version ({@link Feature#replay}), replacing its write in {@code writes}; the paths replayed.
     */
    private List<BrainPath> replay(ActionContext ctx, List<FileChange> writes, long since) {
        Brain restored = new Brain(TreeView.withChanges(ctx.brain().store(), writes));
        ActionContext reading = ctx.reading(restored);
        List<JsonNode> enteredSince = AuditLines.entries(ctx.brain().auditFiles()).stream()
                .filter(e -> e.path("seq").asLong() > since).toList();
        List<BrainPath> replayed = new ArrayList<>();
        for (int i = 0; i < writes.size(); i++) {
            if (writes.get(i) instanceof FileChange.Put put && !put.path().equals(BrainLayout.BEHAVIOUR)) {
                Optional<byte[]> bytes = features.stream()
                        .map(f -> f.replay(reading, put.path(), put.content(), enteredSince))
                        .flatMap(Optional::stream).findFirst();
                if (bytes.isPresent()) {
                    writes.set(i, FileChange.put(put.path(), bytes.get()));
                    replayed.add(put.path());
                }
            }
        }
        return replayed;
    }

    /** Working state and the audit log stay as they are through a restore. */
    private static boolean kept(BrainPath p) {
        return BrainLayout.isState(p) || p.isUnder(BrainLayout.AUDIT_FOLDER);
    }

    /**
     * The commit a SAFE_RESTORE goes back to: {@code data.sha} of the answer, else the newest version
     * offered, else (a question asked at the freeze offers none) the newest safe version now.
     */
    private String chosen(ActionContext ctx, Question question) {
        JsonNode sha = ctx.data().path("data").path("sha");
        if (sha.isTextual()) {
            return sha.textValue();
        }
        JsonNode offered = question.data().path("safeVersions");
        if (offered.isArray() && !offered.isEmpty()) {
            return offered.get(0).path("sha").asText();
        }
        List<SafeVersion> now = safeVersions.newest(ctx.brain().store(), 1);
        if (!now.isEmpty()) {
            return now.get(0).sha();
        }
        throw new Refusal(ErrorCode.VALIDATION_FAILED, "no safe version to restore",
                new Violation("$.data.data.sha", "no commit of the branch validates; repair by hand and CANCEL"));
    }
}
