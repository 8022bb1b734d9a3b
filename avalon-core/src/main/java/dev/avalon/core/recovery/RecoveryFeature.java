package dev.avalon.core.recovery;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.avalon.core.action.ActionContext;
import dev.avalon.core.action.ActionDefinition;
import dev.avalon.core.action.ActionRequest;
import dev.avalon.core.action.Outcome;
import dev.avalon.core.action.QuestionResolver;
import dev.avalon.core.audit.AuditFile;
import dev.avalon.core.audit.AuditHead;
import dev.avalon.core.audit.AuditRecord;
import dev.avalon.core.base.ErrorCode;
import dev.avalon.core.base.Refusal;
import dev.avalon.core.base.Violation;
import dev.avalon.core.behaviour.Behaviour;
import dev.avalon.core.behaviour.BehaviourCheck;
import dev.avalon.core.behaviour.SemVer;
import dev.avalon.core.brain.Brain;
import dev.avalon.core.brain.BrainValidation;
import dev.avalon.core.feature.Feature;
import dev.avalon.core.governance.GovernanceState;
import dev.avalon.core.governance.GovernanceStatus;
import dev.avalon.core.behaviour.PatchType;
import dev.avalon.core.json.CanonicalJson;
import dev.avalon.core.json.Json;
import dev.avalon.core.layout.BrainLayout;
import dev.avalon.core.port.BrainPath;
import dev.avalon.core.port.CommitInfo;
import dev.avalon.core.port.FileChange;
import dev.avalon.core.port.RestoreResult;
import dev.avalon.core.question.Question;
import dev.avalon.core.question.QuestionKind;
import dev.avalon.core.question.QuestionStatus;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Disaster recovery as the user sees it: {@code dr.status}, {@code dr.safe_versions},
 * {@code dr.start_resolution} and the {@code DR_RESOLUTION} question it asks.
 *
 * <ul>
 *   <li>CANCEL re-runs every check: all clean leaves STATE_DR ({@code dr.cancelled}); anything still
 *       wrong keeps the brain frozen, names it, and asks again.</li>
 *   <li>SAFE_RESTORE puts a safe version's content back (the whole working tree is kept aside first),
 *       keeps the working state and the audit log, bumps behaviour.avl's MAJOR version, verifies the
 *       result, audits {@code dr.restored}, unfreezes and asks consent to commit what changed. A failed
 *       verification keeps the brain frozen and asks again.</li>
 *   <li>KEEP_AND_REPAIR keeps the current state and puts back each broken file that history holds in a
 *       valid form (behaviour.avl as the record of the head last saw it, any other file as HEAD has it),
 *       lists what cannot be repaired (the audit chain, history itself, working state), verifies, and
 *       leaves STATE_DR only when nothing is left.</li>
 * </ul>
 * Every question Avalon asks in STATE_DR is of this kind, and {@code question.answer} may answer it in
 * STATE_DR (see {@link #answersRecovery}).
 */
public final class RecoveryFeature implements Feature {

    /** The user's way out of STATE_DR. */
    public static final QuestionKind DR_RESOLUTION = QuestionKind.of("DR_RESOLUTION");
    public static final String SAFE_RESTORE = "SAFE_RESTORE";
    public static final String KEEP_AND_REPAIR = "KEEP_AND_REPAIR";
    public static final String CANCEL = "CANCEL";
    /** How many safe versions a question offers. */
    static final int OFFERED = 5;
    private static final List<String> OPTIONS = List.of(SAFE_RESTORE, KEEP_AND_REPAIR, CANCEL);
    private static final String PROMPT = "The brain is frozen for disaster recovery. SAFE_RESTORE goes back to a"
            + " safe version (the current state is kept aside); KEEP_AND_REPAIR keeps the current state and puts"
            + " back, from history, the files that can be; CANCEL leaves recovery once every check passes again"
            + " (after a repair by hand).";

    private final Diagnosis diagnosis;
    private final SafeVersions safeVersions;
    private final Function<Brain, BrainValidation> validations;
    private final Restorer restorer;

    /**
     * @param diagnosis   every check on the brain as it is now
     * @param validations the validation of a brain, with every feature's file validators bound to it
     * @param restorer    puts a commit's content back, keeping the working tree aside first
     */
    public RecoveryFeature(Diagnosis diagnosis, Function<Brain, BrainValidation> validations, Restorer restorer) {
        this.diagnosis = diagnosis;
        this.validations = validations;
        this.safeVersions = new SafeVersions(validations);
        this.restorer = restorer;
    }

    @Override
    public String name() {
        return "recovery";
    }

    @Override
    public List<ActionDefinition> actions() {
        return List.of(
                ActionDefinition.fromResource("dr.status", this::status),
                ActionDefinition.fromResource("dr.safe_versions", this::safeVersions),
                ActionDefinition.fromResource("dr.start_resolution", this::startResolution));
    }

    @Override
    public List<QuestionKind> questionKinds() {
        return List.of(DR_RESOLUTION);
    }

    @Override
    public Map<QuestionKind, QuestionResolver> resolvers() {
        return Map.of(DR_RESOLUTION, this::resolve);
    }

    /**
     * Whether {@code request} answers an open DR_RESOLUTION question: the one write a frozen brain takes
     * through {@code question.answer}.
     */
    public static boolean answersRecovery(Brain brain, ActionRequest request, Instant now) {
        if (!"question.answer".equals(request.action()) || !request.data().path("id").isTextual()) {
            return false;
        }
        return brain.questions().find(request.data().path("id").textValue())
                .filter(q -> q.kind().equals(DR_RESOLUTION) && q.isOpenAt(now)).isPresent();
    }

    // ------------------------------------------------------------------ dr.status

    private Outcome status(ActionContext ctx) {
        GovernanceStatus governance = ctx.brain().governance(ctx.now());
        ObjectNode result = Json.object();
        result.put("state", governance.state().name());
        result.put("since", governance.since().toString());
        result.put("reason", governance.reason());
        Optional<DrTrigger> trigger = governance.state() == GovernanceState.STATE_NORMAL ? Optional.empty()
                : DrTrigger.last(ctx.brain().auditFiles()).filter(t -> !t.at().isBefore(governance.since()));
        if (trigger.isPresent()) {
            result.set("trigger", trigger.get().toJson());
        } else {
            result.putNull("trigger");
        }
        ArrayNode findings = result.putArray("findings");
        diagnosis.run().forEach(f -> findings.add(f.toJson()));
        Optional<Question> open = openResolution(ctx);
        if (open.isPresent()) {
            result.put("questionId", open.get().id());
        } else {
            result.putNull("questionId");
        }
        return Outcome.of(result);
    }

    // ------------------------------------------------------------------ dr.safe_versions

    /** {@code dr.safe_versions}' data: how many versions at most, {@value #OFFERED} when absent. */
    record SafeVersionsData(Integer limit) {
    }

    private Outcome safeVersions(ActionContext ctx) {
        Integer limit = ctx.dataAs(SafeVersionsData.class).limit();
        ObjectNode result = Json.object();
        ArrayNode versions = result.putArray("versions");
        safeVersions.newest(ctx.brain().store(), limit != null ? limit : OFFERED)
                .forEach(v -> versions.add(v.toJson()));
        return Outcome.of(result);
    }

    // ------------------------------------------------------------------ the question

    private Outcome startResolution(ActionContext ctx) {
        GovernanceState state = ctx.brain().governance(ctx.now()).state();
        if (state != GovernanceState.STATE_DR) {
            throw new Refusal(ErrorCode.GOVERNANCE_FORBIDDEN, "the brain is not frozen for recovery",
                    new Violation("$.action", "dr.start_resolution needs STATE_DR; the brain is in " + state));
        }
        Outcome.Builder out = Outcome.builder();
        openResolution(ctx).ifPresent(q -> out.close(q.closed(QuestionStatus.SUPERSEDED, null, ctx.now())));
        List<Finding> findings = diagnosis.run();
        Question q = ask(ctx, findings);
        ObjectNode data = Json.object();
        data.put("questionId", q.id());
        data.put("findings", findings.size());
        ObjectNode result = Json.object();
        result.put("questionId", q.id());
        result.set("safeVersions", q.data().get("safeVersions"));
        result.set("findings", q.data().get("findings"));
        return out.ask(q).audit(new AuditRecord("dr.resolution_asked", ctx.actor(), ctx.traceId(), data))
                .result(result).build();
    }

    private Question ask(ActionContext ctx, List<Finding> findings) {
        ObjectNode data = Json.object();
        ArrayNode versions = data.putArray("safeVersions");
        safeVersions.newest(ctx.brain().store(), OFFERED).forEach(v -> versions.add(v.toJson()));
        ArrayNode found = data.putArray("findings");
        findings.forEach(f -> found.add(f.toJson()));
        return Question.ask(ctx.ids().next("Q"), DR_RESOLUTION, PROMPT, data, OPTIONS, ctx.now(),
                ctx.now().plus(ctx.questionTtl()));
    }

    /**
     * The DR_RESOLUTION question asked when the brain is frozen, with the trigger in its data; a
     * SAFE_RESTORE without a chosen version takes the newest safe one when it is answered, and
     * {@code dr.start_resolution} asks it again with the versions and findings of the moment.
     */
    public static Question question(String id, Instant now, Instant expiresAt, String code, String message) {
        ObjectNode data = Json.object();
        data.putObject("trigger").put("code", code).put("message", message);
        data.putArray("safeVersions");
        data.putArray("findings");
        return Question.ask(id, DR_RESOLUTION, PROMPT, data, OPTIONS, now, expiresAt);
    }

    private static Optional<Question> openResolution(ActionContext ctx) {
        return ctx.brain().questions().open(ctx.now()).stream().filter(q -> q.kind().equals(DR_RESOLUTION))
                .findFirst();
    }

    private Outcome resolve(ActionContext ctx, Question question, String answer) {
        Question answered = question.closed(QuestionStatus.ANSWERED, answer, ctx.now());
        if (ctx.brain().governance(ctx.now()).state() != GovernanceState.STATE_DR) {
            ObjectNode result = Json.object();
            result.put("state", ctx.brain().governance(ctx.now()).state().name());
            result.put("resolved", true);
            return Outcome.builder(result).close(answered).build();
        }
        return switch (answer) {
            case CANCEL -> cancel(ctx, answered);
            case SAFE_RESTORE -> restore(ctx, question, answered);
            case KEEP_AND_REPAIR -> repair(ctx, answered);
            default -> throw new Refusal(ErrorCode.INVALID_ANSWER, "not an option of question " + question.id(),
                    new Violation("$.data.answer", "must be one of " + OPTIONS));
        };
    }

    // ------------------------------------------------------------------ CANCEL

    private Outcome cancel(ActionContext ctx, Question answered) {
        List<Finding> findings = diagnosis.run();
        ObjectNode data = Json.object();
        data.put("questionId", answered.id());
        if (findings.isEmpty()) {
            ObjectNode result = Json.object();
            result.put("resolved", true);
            result.put("state", GovernanceState.STATE_NORMAL.name());
            return Outcome.builder(result).close(answered)
                    .audit(new AuditRecord("dr.cancelled", ctx.actor(), ctx.traceId(), data))
                    .state(GovernanceState.STATE_NORMAL, "dr.cancelled: every check passes again").build();
        }
        return stillBroken(ctx, answered, findings, "dr.cancel_refused", data, Json.object());
    }

    /** The brain stays frozen: what is still wrong is audited and answered, and the question is asked again. */
    private Outcome stillBroken(ActionContext ctx, Question answered, List<Finding> findings, String auditType,
                                ObjectNode auditData, ObjectNode result) {
        Question next = ask(ctx, findings);
        ArrayNode problems = auditData.putArray("findings");
        findings.forEach(f -> problems.add(f.toString()));
        auditData.put("nextQuestionId", next.id());
        result.put("resolved", false);
        result.put("state", GovernanceState.STATE_DR.name());
        ArrayNode listed = result.putArray("findings");
        findings.forEach(f -> listed.add(f.toJson()));
        result.put("nextQuestionId", next.id());
        return Outcome.builder(result).close(answered).ask(next)
                .audit(new AuditRecord(auditType, ctx.actor(), ctx.traceId(), auditData)).build();
    }

    // ------------------------------------------------------------------ SAFE_RESTORE

    private Outcome restore(ActionContext ctx, Question question, Question answered) {
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
        long auditSeqThen = commit.map(c -> c.trailers().get(BrainLayout.AUDIT_HEAD_TRAILER))
                .map(t -> AuditHead.parse(t).seq()).orElse(0L);
        ObjectNode enteredAfter = enteredAfter(brain.auditFiles(), auditSeqThen);
        Optional<Behaviour> before = brain.behaviour().behaviour();

        RestoreResult restored = restorer.restore(sha, true);

        Behaviour then = brain.read(BrainLayout.BEHAVIOUR).flatMap(b -> BehaviourCheck.of(b).behaviour())
                .orElseThrow(() -> new IllegalStateException("safe version " + sha + " has no valid behaviour.avl"));
        SemVer base = before.map(Behaviour::version).filter(v -> v.compareTo(then.version()) > 0)
                .orElse(then.version());
        SemVer newVersion = base.bump(PatchType.MAJOR);
        ObjectNode doc = (ObjectNode) then.document().deepCopy();
        ObjectNode meta = Json.object();
        meta.put("oldVersion", then.version().toString());
        meta.put("newVersion", newVersion.toString());
        meta.put("timestamp", ctx.now().toString());
        meta.put("appliedBy", "backend");
        meta.put("approvedByUser", true);
        meta.put("patchType", PatchType.MAJOR.name());
        meta.put("source", "DR");
        meta.put("hashBefore", then.sha256());
        doc.put("version", newVersion.toString());
        ((ArrayNode) doc.withArray("history")).add(meta);
        byte[] behaviour = Json.pretty(doc);
        String behaviourSha = CanonicalJson.sha256Hex(behaviour);

        List<FileChange> writes = List.of(FileChange.put(BrainLayout.BEHAVIOUR, behaviour));
        Brain after = new Brain(TreeView.withChanges(brain.store(), writes));
        List<Violation> problems = validations.apply(after).validate(after).problems();

        ObjectNode data = Json.object();
        data.put("questionId", answered.id());
        data.put("restoredFrom", sha);
        data.put("asideRef", restored.asideRef());
        data.put("asideSha", restored.asideSha());
        data.put("oldVersion", then.version().toString());
        data.put("newVersion", newVersion.toString());
        data.put("behaviourSha256", behaviourSha);
        ArrayNode changed = data.putArray("changed");
        restored.changed().forEach(p -> changed.add(p.value()));
        data.set("enteredAfter", enteredAfter.get("counts"));
        data.put("verified", problems.isEmpty());

        ObjectNode result = Json.object();
        result.put("restoredFrom", sha);
        result.put("committedAt", version.committedAt().toString());
        result.put("asideRef", restored.asideRef());
        result.put("asideSha", restored.asideSha());
        result.put("behaviourVersion", newVersion.toString());
        result.set("changed", changed.deepCopy());
        result.set("enteredAfter", enteredAfter);
        Outcome.Builder out = Outcome.builder().write(BrainLayout.BEHAVIOUR, behaviour)
                .audit(new AuditRecord("dr.restored", ctx.actor(), ctx.traceId(), data));
        if (!problems.isEmpty()) {
            List<Finding> findings = problems.stream().map(v -> new Finding("validation", v.path(), v.problem()))
                    .toList();
            return out.merge(stillBroken(ctx, answered, findings, "dr.verification_failed", Json.object(), result))
                    .result(result).build();
        }
        result.put("resolved", true);
        result.put("state", GovernanceState.STATE_NORMAL.name());
        Map<BrainPath, byte[]> toCommit = new TreeMap<>();
        for (BrainPath p : brain.store().uncommitted()) {
            if (!BrainLayout.isState(p) && !p.isUnder(BrainLayout.AUDIT_FOLDER) && !p.equals(BrainLayout.BEHAVIOUR)) {
                brain.read(p).ifPresent(b -> toCommit.put(p, b));
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

    // ------------------------------------------------------------------ KEEP_AND_REPAIR

    private Outcome repair(ActionContext ctx, Question answered) {
        Brain brain = ctx.brain();
        List<Finding> findings = diagnosis.run();
        Optional<CommitInfo> head = brain.store().head();
        List<Violation> headProblems = head.map(h -> safeVersions.problems(brain.store(), h.sha())).orElse(List.of());
        Map<BrainPath, String> repaired = new TreeMap<>();
        List<FileChange> writes = new ArrayList<>();
        List<Finding> notRepaired = new ArrayList<>();
        for (Finding f : findings) {
            Optional<BrainPath> file = repairable(f);
            if (file.isPresent() && !repaired.containsKey(file.get())) {
                Optional<Map.Entry<String, byte[]>> good = file.get().equals(BrainLayout.BEHAVIOUR)
                        ? recordedBehaviour(brain) : head.filter(h -> valid(headProblems, file.get()))
                        .flatMap(h -> brain.store().readAt(h.sha(), file.get()).map(b -> Map.entry(h.sha(), b)));
                if (good.isPresent()) {
                    repaired.put(file.get(), good.get().getKey());
                    writes.add(FileChange.put(file.get(), good.get().getValue()));
                    continue;
                }
            }
            if (file.isEmpty() || !repaired.containsKey(file.get())) {
                notRepaired.add(f);
            }
        }
        long headSeq = head.map(c -> c.trailers().get(BrainLayout.AUDIT_HEAD_TRAILER))
                .map(t -> AuditHead.parse(t).seq()).orElse(0L);
        ObjectNode enteredAfter = enteredAfter(brain.auditFiles(), headSeq);
        Brain after = new Brain(TreeView.withChanges(brain.store(), writes));
        validations.apply(after).validate(after).problems().stream()
                .filter(v -> notRepaired.stream().noneMatch(f -> f.where().equals(v.path())))
                .filter(v -> repaired.keySet().stream().anyMatch(p -> v.path().equals(p.value())
                        || v.path().startsWith(p.value() + ":")))
                .forEach(v -> notRepaired.add(new Finding("validation", v.path(), v.problem())));

        ObjectNode data = Json.object();
        data.put("questionId", answered.id());
        ObjectNode result = Json.object();
        ArrayNode done = result.putArray("repaired");
        repaired.forEach((path, from) -> done.addObject().put("path", path.value()).put("from", from));
        data.set("repaired", done.deepCopy());
        ArrayNode left = data.putArray("notRepaired");
        notRepaired.forEach(f -> left.add(f.toString()));
        result.set("enteredAfter", enteredAfter);
        data.set("enteredAfter", enteredAfter.get("counts"));
        Outcome.Builder out = Outcome.builder();
        writes.forEach(out::change);
        if (!notRepaired.isEmpty()) {
            out.audit(new AuditRecord("dr.repaired", ctx.actor(), ctx.traceId(), data));
            return out.merge(stillBroken(ctx, answered, notRepaired, "dr.repair_incomplete", Json.object(), result))
                    .result(result).build();
        }
        result.put("resolved", true);
        result.put("state", GovernanceState.STATE_NORMAL.name());
        return out.close(answered).audit(new AuditRecord("dr.repaired", ctx.actor(), ctx.traceId(), data))
                .state(GovernanceState.STATE_NORMAL, "dr.repaired: " + repaired.keySet() + " put back and verified")
                .result(result).build();
    }

    /** The file a finding is about, when history may hold a valid form of it: not the audit log, not working state. */
    private static Optional<BrainPath> repairable(Finding f) {
        if (f.check().equals("audit") || f.where().startsWith("commit ") || f.where().equals("HEAD")) {
            return Optional.empty();
        }
        String file = f.where().contains(":") ? f.where().substring(0, f.where().indexOf(':')) : f.where();
        BrainPath path;
        try {
            path = BrainPath.of(file);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        if (BrainLayout.isState(path) || path.isUnder(BrainLayout.AUDIT_FOLDER)) {
            return Optional.empty();
        }
        return Optional.of(path);
    }

    private static boolean valid(List<Violation> problems, BrainPath file) {
        return problems.stream().noneMatch(v -> v.path().equals(file.value()) || v.path().startsWith(file.value() + ":"));
    }

    /**
     * behaviour.avl as the record of the head says Avalon last wrote it, found in the file's history:
     * the commit that holds it, and its bytes.
     */
    private static Optional<Map.Entry<String, byte[]>> recordedBehaviour(Brain brain) {
        String wanted = brain.recordedHead().behaviourSha256();
        for (CommitInfo c : brain.store().history(BrainLayout.BEHAVIOUR)) {
            Optional<byte[]> bytes = brain.store().readAt(c.sha(), BrainLayout.BEHAVIOUR);
            if (bytes.isPresent() && BehaviourCheck.of(bytes.get()).valid()
                    && (wanted == null || wanted.equals(CanonicalJson.sha256Hex(bytes.get())))) {
                return Optional.of(Map.entry(c.sha(), bytes.get()));
            }
        }
        return Optional.empty();
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

    /**
     * What was entered after the restored version: the audit entries after its audit head, counted by
     * kind, and the first hundred of them. They stay in the audit log and in the state kept aside.
     */
    private static ObjectNode enteredAfter(List<AuditFile> files, long afterSeq) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        List<JsonNode> entries = new ArrayList<>();
        List<AuditFile> sorted = new ArrayList<>(files);
        sorted.sort(java.util.Comparator.comparing(AuditFile::path));
        for (AuditFile file : sorted) {
            for (String line : new String(file.content(), StandardCharsets.UTF_8).split("\n")) {
                JsonNode entry;
                try {
                    entry = Json.parse(line);
                } catch (Exception e) {
                    continue;
                }
                if (entry.path("seq").asLong() <= afterSeq) {
                    continue;
                }
                String type = entry.path("type").asText("");
                counts.merge(type, 1, Integer::sum);
                if (entries.size() < 100) {
                    ObjectNode e = Json.object();
                    e.put("seq", entry.path("seq").asLong());
                    e.put("ts", entry.path("ts").asText());
                    e.put("type", type);
                    entries.add(e);
                }
            }
        }
        ObjectNode node = Json.object();
        ObjectNode byType = node.putObject("counts");
        counts.forEach(byType::put);
        node.putArray("entries").addAll(entries);
        return node;
    }
}
