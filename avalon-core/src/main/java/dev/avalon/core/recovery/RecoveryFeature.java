package dev.avalon.core.recovery;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.avalon.core.action.ActionContext;
import dev.avalon.core.action.ActionDefinition;
import dev.avalon.core.action.ActionRequest;
import dev.avalon.core.action.Outcome;
import dev.avalon.core.action.QuestionResolver;
import dev.avalon.core.audit.AuditRecord;
import dev.avalon.core.base.ErrorCode;
import dev.avalon.core.base.Refusal;
import dev.avalon.core.base.Violation;
import dev.avalon.core.brain.Brain;
import dev.avalon.core.brain.BrainValidation;
import dev.avalon.core.feature.Feature;
import dev.avalon.core.governance.GovernanceState;
import dev.avalon.core.governance.GovernanceStatus;
import dev.avalon.core.json.Json;
import dev.avalon.core.question.Question;
import dev.avalon.core.question.QuestionKind;
import dev.avalon.core.question.QuestionStatus;
import dev.avalon.core.port.Alert;
import dev.avalon.core.port.AlertLevel;
import dev.avalon.core.schedule.JobRun;
import dev.avalon.core.schedule.JobTiming;
import dev.avalon.core.schedule.Schedule;
import dev.avalon.core.schedule.ScheduledJob;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
 *       rebuilds a broken weekly sheet from its ledger or journal (as repaired) instead, lists what cannot be repaired (the audit chain, history itself, working state), verifies, and
 *       leaves STATE_DR only when nothing is left.</li>
 * </ul>
 * Every question Avalon asks in STATE_DR is of this kind, and {@code question.answer} may answer it in
 * STATE_DR (see {@link #answersRecovery}). In STATE_INCONSISTENT {@code dr.start_resolution} asks it too:
 * the brain returns by itself once behaviour.avl is as the audit log explains, and KEEP_AND_REPAIR is the
 * way there through the actions alone.
 *
 * <p>The weekly {@value #VALIDATION_JOB} job (Mondays 07:00 local, before the weekclose) runs every check
 * {@code system.validate} runs (seed 04 §12): anything wrong freezes the brain (STATE_DR,
 * {@code dr.triggered}, a CRITICAL {@value #VALIDATION_ALERT} alert naming the first file) and asks the
 * DR_RESOLUTION question; a healthy brain is not written to.
 */
public final class RecoveryFeature implements Feature {

    /** The user's way out of STATE_DR. */
    public static final QuestionKind DR_RESOLUTION = QuestionKind.of("DR_RESOLUTION");
    public static final String SAFE_RESTORE = "SAFE_RESTORE";
    public static final String KEEP_AND_REPAIR = "KEEP_AND_REPAIR";
    public static final String CANCEL = "CANCEL";
    /** The weekly validation of every artefact. */
    public static final String VALIDATION_JOB = "validation";
    /** The code of the CRITICAL alert, and of the freeze, when the weekly validation finds a problem. */
    public static final String VALIDATION_ALERT = "VALIDATION_FAILED";
    static final Schedule VALIDATION_SCHEDULE = new Schedule.Weekly(DayOfWeek.MONDAY, LocalTime.of(7, 0));
    /** How many safe versions a question offers. */
    static final int OFFERED = 5;
    static final List<String> OPTIONS = List.of(SAFE_RESTORE, KEEP_AND_REPAIR, CANCEL);
    static final String PROMPT = "The brain is frozen for disaster recovery. SAFE_RESTORE goes back to a"
            + " safe version (the current state is kept aside); KEEP_AND_REPAIR keeps the current state, rebuilds"
            + " the weekly sheets from their ledger or journal and puts back, from history, the other files that"
            + " can be; CANCEL leaves recovery once every check passes again (after a repair by hand).";

    private final Diagnosis diagnosis;
    private final SafeVersions safeVersions;
    private final Resolution resolution;
    private final SafeRestore safeRestore;
    private final KeepAndRepair keepAndRepair;
    private final Resumption resumption;

    /**
     * @param diagnosis   every check on the brain as it is now
     * @param validations the validation of a brain, with every feature's file validators bound to it
     * @param restorer    keeps the working tree aside before a SAFE_RESTORE writes the safe version back
     * @param features    the features KEEP_AND_REPAIR asks to {@linkplain Feature#rederive rebuild} a broken
     *                    derived file (read when a repair runs, so the list may be completed after this call)
     * @param resumption  what the engines ask again as the brain leaves STATE_DR
     */
    public RecoveryFeature(Diagnosis diagnosis, Function<Brain, BrainValidation> validations, Restorer restorer,
                           List<Feature> features, Resumption resumption) {
        this.diagnosis = diagnosis;
        this.resumption = resumption;
        this.safeVersions = new SafeVersions(validations);
        this.resolution = new Resolution(safeVersions);
        this.safeRestore = new SafeRestore(safeVersions, validations, restorer, resolution, features);
        this.keepAndRepair = new KeepAndRepair(diagnosis, safeVersions, validations, resolution,
                new DerivedFiles(features));
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

    @Override
    public List<ScheduledJob> jobs() {
        return List.of(new ScheduledJob(VALIDATION_JOB, JobTiming.fixed(VALIDATION_SCHEDULE), this::validateWeekly));
    }

    // ------------------------------------------------------------------ the weekly validation

    private Outcome validateWeekly(ActionContext ctx, JobRun run) {
        List<Finding> findings = diagnosis.run();
        ObjectNode result = Json.object();
        result.put("valid", findings.isEmpty());
        ArrayNode listed = result.putArray("findings");
        findings.forEach(f -> listed.add(f.toJson()));
        if (findings.isEmpty() || ctx.brain().governance(ctx.now()).state() == GovernanceState.STATE_DR) {
            return Outcome.of(result);
        }
        Finding first = findings.get(0);
        String file = first.where().replaceFirst("[:#].*$", "");
        String message = "the weekly validation found " + first
                + (findings.size() > 1 ? " (and " + (findings.size() - 1) + " more, see dr.status)" : "");
        ObjectNode data = Json.object();
        data.put("code", VALIDATION_ALERT);
        data.put("message", message);
        Outcome.Builder out = Outcome.builder(result)
                .alert(new Alert(AlertLevel.CRITICAL, VALIDATION_ALERT, message, ctx.now(), Map.of("path", file)))
                .audit(new AuditRecord("dr.triggered", ctx.actor(), ctx.traceId(), data))
                .state(GovernanceState.STATE_DR, VALIDATION_ALERT + ": " + message);
        if (openResolution(ctx).isEmpty()) {
            out.ask(resolution.ask(ctx, findings));
        }
        return out.build();
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
        if (!resolvable(state)) {
            // nothing is frozen, so there is nothing to resolve: said, not refused
            ObjectNode result = Json.object();
            result.put("state", state.name());
            result.putNull("questionId");
            result.putArray("safeVersions");
            result.putArray("findings");
            return Outcome.of(result);
        }
        Outcome.Builder out = Outcome.builder();
        openResolution(ctx).ifPresent(q -> out.close(q.closed(QuestionStatus.SUPERSEDED, null, ctx.now())));
        List<Finding> findings = diagnosis.run();
        Question q = resolution.ask(ctx, findings);
        ObjectNode data = Json.object();
        data.put("questionId", q.id());
        data.put("findings", findings.size());
        ObjectNode result = Json.object();
        result.put("state", state.name());
        result.put("questionId", q.id());
        result.set("safeVersions", q.data().get("safeVersions"));
        result.set("findings", q.data().get("findings"));
        return out.ask(q).audit(new AuditRecord("dr.resolution_asked", ctx.actor(), ctx.traceId(), data))
                .result(result).build();
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
        if (!resolvable(ctx.brain().governance(ctx.now()).state())) {
            ObjectNode result = Json.object();
            result.put("state", ctx.brain().governance(ctx.now()).state().name());
            result.put("resolved", true);
            return Outcome.builder(result).close(answered).build();
        }
        Outcome way = switch (answer) {
            case CANCEL -> cancel(ctx, answered);
            case SAFE_RESTORE -> safeRestore.restore(ctx, question, answered);
            case KEEP_AND_REPAIR -> keepAndRepair.repair(ctx, answered);
            default -> throw new Refusal(ErrorCode.INVALID_ANSWER, "not an option of question " + question.id(),
                    new Violation("$.data.answer", "must be one of " + OPTIONS));
        };
        return leaves(way) ? Outcome.builder(way.result()).merge(way).merge(resumption.resume(ctx)).build() : way;
    }

    /**
     * Whether the brain is in a state the DR_RESOLUTION question leads out of: STATE_DR, and
     * STATE_INCONSISTENT (a valid behaviour.avl no applied patch explains), whose KEEP_AND_REPAIR puts
     * back the version the audit log explains, and whose SAFE_RESTORE and CANCEL work as in DR.
     */
    private static boolean resolvable(GovernanceState state) {
        return state == GovernanceState.STATE_DR || state == GovernanceState.STATE_INCONSISTENT;
    }

    /** Whether {@code way} takes the brain out of STATE_DR. */
    private static boolean leaves(Outcome way) {
        return way.state().filter(change -> change.to() != GovernanceState.STATE_DR).isPresent();
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
        return resolution.stillBroken(ctx, answered, findings, "dr.cancel_refused", data, Json.object());
    }
}
