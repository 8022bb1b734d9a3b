package dev.avalon.core.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.avalon.core.action.ActionCatalog;
import dev.avalon.core.action.ActionContext;
import dev.avalon.core.action.ActionDefinition;
import dev.avalon.core.base.ActionError;
import dev.avalon.core.action.ActionRequest;
import dev.avalon.core.action.ActionResult;
import dev.avalon.core.action.Caller;
import dev.avalon.core.action.CatalogExport;
import dev.avalon.core.action.CatalogFormat;
import dev.avalon.core.base.Effect;
import dev.avalon.core.base.ErrorCode;
import dev.avalon.core.action.Outcome;
import dev.avalon.core.base.Refusal;
import dev.avalon.core.base.Violation;
import dev.avalon.core.audit.AuditEntry;
import dev.avalon.core.audit.AuditHead;
import dev.avalon.core.audit.AuditProblem;
import dev.avalon.core.audit.AuditRecord;
import dev.avalon.core.audit.AuditReport;
import dev.avalon.core.behaviour.Behaviour;
import dev.avalon.core.behaviour.BehaviourCheck;
import dev.avalon.core.brain.Brain;
import dev.avalon.core.layout.BrainLayout;
import dev.avalon.core.brain.BrainValidation;
import dev.avalon.core.event.DomainEventListener;
import dev.avalon.core.governance.CommitGate;
import dev.avalon.core.governance.CommitPrecondition;
import dev.avalon.core.governance.GovernanceState;
import dev.avalon.core.governance.GovernanceStatus;
import dev.avalon.core.governance.StateGate;
import dev.avalon.core.json.CanonicalJson;
import dev.avalon.core.json.Json;
import dev.avalon.core.json.ReadLimits;
import dev.avalon.core.port.Alert;
import dev.avalon.core.port.AlertSink;
import dev.avalon.core.port.BrainPath;
import dev.avalon.core.port.BrainStore;
import dev.avalon.core.port.CommitInfo;
import dev.avalon.core.port.IdSource;
import dev.avalon.core.port.Ports;
import dev.avalon.core.feature.Feature;
import dev.avalon.core.schedule.JobReport;
import dev.avalon.core.schedule.JobRun;
import dev.avalon.core.schedule.ScheduledJob;
import dev.avalon.core.schedule.Scheduler;
import dev.avalon.core.schedule.SchedulerState;
import dev.avalon.core.schedule.TickReport;
import dev.avalon.core.question.Question;
import dev.avalon.core.question.QuestionBook;
import dev.avalon.core.question.QuestionKind;
import dev.avalon.core.action.QuestionResolver;
import dev.avalon.core.question.QuestionStatus;
import dev.avalon.core.schema.JsonSchemas;
import dev.avalon.core.time.ManualClock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The machinery behind {@code Avalon}: the envelope parser, the interceptor chain, the built-in
 * actions and the unit of work. One writer at a time: {@link #dispatch} is synchronized.
 *
 * <p>Interceptors run in this fixed order: (1) trace id, (2) caller scope, (3) rate limit,
 * (4) idempotency, (5) governance state gate with a health probe, (6) schema validation of
 * {@code data}, (7) confirmation of high-risk actions; then the handler and the unit of work.
 */
public final class Kernel {

    private static final Logger LOG = LoggerFactory.getLogger(Kernel.class);

    /** Everything the kernel needs; assembled by {@code Avalon.Builder}. */
    public record Config(BrainStore store, Clock clock, ZoneId zone, AlertSink alerts, IdSource ids,
                         ReadLimits limits, int rateLimitPerMinute, int highRiskRateLimitPerMinute,
                         Duration questionTtl, List<DomainEventListener> listeners,
                         List<ActionDefinition> extraActions, List<CommitPrecondition> commitPreconditions,
                         Map<QuestionKind, QuestionResolver> extraResolvers, List<Feature> features,
                         Ports ports) {
    }

    private final Config config;
    private final Brain brain;
    private final EnvelopeParser parser;
    private final RateLimiter rateLimiter = new RateLimiter(Duration.ofMinutes(1));
    private final Map<String, StoredResponse> idempotency = new HashMap<>();
    private final UnitOfWork unitOfWork;
    private final GovernanceFlow governance;
    private final ActionCatalog catalog;
    private final Map<QuestionKind, QuestionResolver> resolvers = new EnumMap<>(QuestionKind.class);
    private final BrainValidation validation = new BrainValidation();
    private final List<ScheduledJob> jobs;
    private final Map<String, JsonSchemas.Compiled> dataSchemas = new HashMap<>();

    private record StoredResponse(String requestHash, ActionResult result) {
    }

    public Kernel(Config config) {
        this.config = config;
        this.brain = new Brain(config.store());
        this.parser = new EnvelopeParser(config.limits());
        ConsentFactory consents = new ConsentFactory(config.ids(), config.questionTtl());
        this.unitOfWork = new UnitOfWork(brain, config.alerts(), config.listeners(), config.zone(), consents);
        List<CommitPrecondition> preconditions = new ArrayList<>(config.commitPreconditions());
        config.features().forEach(f -> preconditions.addAll(f.commitPreconditions()));
        this.governance = new GovernanceFlow(new CommitGate(preconditions), consents, config.questionTtl(),
                config.features());
        resolvers.put(QuestionKind.PATCH_APPROVAL, governance::resolveApproval);
        resolvers.put(QuestionKind.COMMIT_CONSENT, governance::resolveConsent);
        resolvers.put(QuestionKind.CONFLICT_RESOLUTION_REQUEST, governance::resolveConflict);
        config.extraResolvers().forEach(this::addResolver);
        List<ActionDefinition> actions = new ArrayList<>(builtIns());
        List<ScheduledJob> allJobs = new ArrayList<>();
        for (Feature feature : config.features()) {
            actions.addAll(feature.actions());
            feature.resolvers().forEach(this::addResolver);
            for (ScheduledJob job : feature.jobs()) {
                if (allJobs.stream().anyMatch(j -> j.name().equals(job.name()))) {
                    throw new IllegalArgumentException("job " + job.name() + " is registered twice");
                }
                allJobs.add(job);
            }
        }
        actions.addAll(config.extraActions());
        config.features().forEach(f -> f.validators(brain, config.ports()).forEach(validation::with));
        this.catalog = new ActionCatalog(actions);
        this.jobs = List.copyOf(allJobs);
        for (ActionDefinition def : actions) {
            dataSchemas.put(def.name(), JsonSchemas.compile(def.dataSchema()));
        }
        bootstrap();
    }

    private void addResolver(QuestionKind kind, QuestionResolver resolver) {
        if (resolvers.putIfAbsent(kind, resolver) != null) {
            throw new IllegalArgumentException("a resolver for " + kind + " is already registered");
        }
    }

    public ActionCatalog catalog() {
        return catalog;
    }

    /** Every job the features registered, for the scheduler. */
    public List<ScheduledJob> jobs() {
        return jobs;
    }

    public Brain brain() {
        return brain;
    }

    // ---------------------------------------------------------------- scheduler

    /** Runs the jobs due now (see {@link Scheduler}); none while the state gate refuses WRITE (DR, inconsistent). */
    public synchronized TickReport tick() {
        return runDueJobs(config.clock().instant());
    }

    private TickReport runDueJobs(Instant now) {
        probeHealth(now, config.ids().next("T"));
        List<JobReport> reports = new ArrayList<>();
        SchedulerState state = SchedulerState.read(brain);
        Optional<String> suspended = suspension(now);
        if (suspended.isPresent()) {
            return new TickReport(now, reports, suspended);
        }
        JsonNode behaviour = brain.behaviour().behaviour().orElseThrow().document();
        Scheduler.Plan plan = Scheduler.plan(jobs, behaviour, state, now, config.zone());
        state = plan.state();
        if (plan.due().isEmpty() && !plan.state().equals(SchedulerState.read(brain))) {
            unitOfWork.apply(Outcome.builder().writeJson(SchedulerState.PATH, state.toJson()).build(), now,
                    "scheduler", config.ids().next("T"));
        }
        for (JobRun run : plan.due()) {
            suspended = suspension(now);
            if (suspended.isPresent()) {
                break;
            }
            ScheduledJob job = jobs.stream().filter(j -> j.name().equals(run.job())).findFirst().orElseThrow();
            reports.add(runJob(job, run, state, now));
            state = SchedulerState.read(brain);
        }
        if (suspended.isEmpty()) {
            // a workflow a stopped host left between two steps continues on the next tick
            advanceWorkflows(new UnitOfWork.Applied(Json.object(), List.of(), List.of()), Caller.owner(), now,
                    "scheduler", config.ids().next("T"));
        }
        return new TickReport(now, reports, suspended);
    }

    /** Why jobs may not run now, if they may not: the state gate refuses WRITE effects, or behaviour.avl is invalid. */
    private Optional<String> suspension(Instant now) {
        GovernanceState state = brain.governance(now).state();
        if (!StateGate.allows(state, Effect.WRITE)) {
            return Optional.of(state.name());
        }
        return brain.behaviour().valid() ? Optional.empty() : Optional.of("BEHAVIOUR_INVALID");
    }

    /** One run in its own unit of work: the job's outcome and the scheduler's record of it land together. */
    private JobReport runJob(ScheduledJob job, JobRun run, SchedulerState state, Instant now) {
        String traceId = config.ids().next("T");
        ObjectNode data = Json.object();
        data.put("job", run.job());
        data.put("slot", run.slot().toString());
        data.put("late", run.late());
        ActionRequest request = new ActionRequest("system.job", data,
                new dev.avalon.core.action.RequestMeta(null, traceId, "scheduler", false));
        ActionContext ctx = new ActionContext(request, Caller.owner(), traceId, now, config.clock(), config.zone(),
                brain, config.ids(), config.ports(), config.questionTtl());
        try {
            Outcome outcome = job.body().run(ctx, run);
            Outcome withRecord = Outcome.builder(outcome.result()).merge(outcome)
                    .writeJson(SchedulerState.PATH, state.ran(run, now, false).toJson()).build();
            UnitOfWork.Applied applied = unitOfWork.apply(withRecord, now, "scheduler", traceId);
            applied = advanceWorkflows(applied, Caller.owner(), now, "scheduler", traceId);
            return new JobReport(run, true, applied.result(), applied.asked(), applied.alerts());
        } catch (RuntimeException e) {
            LOG.error("job {} failed for slot {} (trace {})", run.job(), run.slot(), traceId, e);
            String problem = e instanceof Refusal r ? r.error().message() : e.getClass().getSimpleName();
            Alert alert = new Alert(dev.avalon.core.port.AlertLevel.IMPORTANT, "JOB_FAILED",
                    "The scheduled job " + run.job() + " failed: " + problem, now, Map.of("job", run.job(),
                    "slot", run.slot().toString()));
            ObjectNode result = Json.object();
            result.put("error", problem);
            ObjectNode audit = Json.object();
            audit.put("job", run.job());
            audit.put("slot", run.slot().toString());
            audit.put("problem", problem);
            UnitOfWork.Applied applied = unitOfWork.apply(Outcome.builder(result).alert(alert)
                    .audit(new AuditRecord("scheduler.job_failed", "scheduler", traceId, audit))
                    .writeJson(SchedulerState.PATH, state.ran(run, now, true).toJson()).build(),
                    now, "scheduler", traceId);
            return new JobReport(run, false, result, List.of(), applied.alerts());
        }
    }

    // ---------------------------------------------------------------- workflows

    /** More steps than any workflow has between two user answers; guards against a step that makes no progress. */
    private static final int MAX_WORKFLOW_STEPS = 64;

    /**
     * Lets features advance their workflows ({@link Feature#advance}): each step is applied as its own
     * unit of work, so a crash between two steps leaves the first durable and the second to the next
     * call. What the steps answer is merged into {@code before}: result fields, questions and alerts.
     */
    private UnitOfWork.Applied advanceWorkflows(UnitOfWork.Applied before, Caller caller, Instant now, String actor,
                                                String traceId) {
        JsonNode result = before.result();
        List<Question> asked = new ArrayList<>(before.asked());
        List<Alert> alerts = new ArrayList<>(before.alerts());
        for (int i = 0; i < MAX_WORKFLOW_STEPS && suspension(now).isEmpty(); i++) {
            ActionRequest request = new ActionRequest("system.advance", Json.object(),
                    new dev.avalon.core.action.RequestMeta(null, traceId, actor, false));
            ActionContext ctx = new ActionContext(request, caller, traceId, now, config.clock(), config.zone(),
                    brain, config.ids(), config.ports(), config.questionTtl());
            UnitOfWork.Applied step = null;
            for (Feature feature : config.features()) {
                try {
                    Optional<Outcome> next = feature.advance(ctx);
                    if (next.isPresent()) {
                        step = unitOfWork.apply(next.get(), now, actor, traceId);
                        break;
                    }
                } catch (RuntimeException e) {
                    LOG.error("workflow step of {} failed (trace {})", feature.name(), traceId, e);
                    String problem = e instanceof Refusal r ? r.error().message() : e.getClass().getSimpleName();
                    Alert alert = new Alert(dev.avalon.core.port.AlertLevel.IMPORTANT, "WORKFLOW_STEP_FAILED",
                            "A step of " + feature.name() + " failed and will be retried: " + problem, now,
                            Map.of("feature", feature.name()));
                    config.alerts().raise(alert);
                    alerts.add(alert);
                    return new UnitOfWork.Applied(result, asked, alerts);
                }
            }
            if (step == null) {
                break;
            }
            UnitOfWork.Applied done = step;
            if (result.isObject() && done.result().isObject()) {
                ObjectNode merged = (ObjectNode) result.deepCopy();
                merged.setAll((ObjectNode) done.result());
                result = merged;
            }
            asked.removeIf(q -> done.asked().stream().anyMatch(x -> x.id().equals(q.id()))
                    || brain.questions().find(q.id()).map(x -> x.status() != QuestionStatus.OPEN).orElse(false));
            asked.addAll(done.asked());
            alerts.addAll(done.alerts());
        }
        return new UnitOfWork.Applied(result, asked, alerts);
    }

    // ---------------------------------------------------------------- bootstrap

    /** A new brain gets the default behaviour.avl and governance state in its working tree (not committed). */
    private void bootstrap() {
        Instant now = config.clock().instant();
        boolean fresh = brain.read(BrainLayout.BEHAVIOUR).isEmpty() && config.store().head().isEmpty()
                && brain.read(BrainLayout.GOVERNANCE).isEmpty();
        if (fresh) {
            Behaviour defaults = BehaviourCheck.defaults();
            ObjectNode data = Json.object();
            data.put("version", defaults.version().toString());
            data.put("behaviourSha256", defaults.sha256());
            Outcome init = Outcome.builder()
                    .write(BrainLayout.BEHAVIOUR, defaults.bytes())
                    .writeJson(BrainLayout.GOVERNANCE, GovernanceStatus.initial(now).toJson())
                    .audit(new AuditRecord("brain.initialized", "avalon", null, data))
                    .build();
            unitOfWork.apply(init, now, "avalon", "bootstrap");
        }
    }

    // ---------------------------------------------------------------- dispatch

    public synchronized ActionResult dispatch(byte[] utf8, Caller caller) {
        Instant start = config.clock().instant();
        EnvelopeParser.Parsed parsed = parser.parse(utf8);
        if (parsed.error() != null) {
            return new ActionResult.Rejected(parsed.actionName(), config.ids().next("T"), parsed.error());
        }
        return dispatch(parsed.request(), caller, start);
    }

    public synchronized ActionResult dispatch(ActionRequest request, Caller caller) {
        return dispatch(request, caller, config.clock().instant());
    }

    private ActionResult dispatch(ActionRequest request, Caller caller, Instant start) {
        // (1) trace id
        String traceId = request.meta().traceId() != null ? request.meta().traceId() : config.ids().next("T");
        ActionRequest req = new ActionRequest(request.action(), request.data(), request.meta().withTraceId(traceId));
        try {
            ActionDefinition def = catalog.find(req.action()).orElseThrow(() -> new Refusal(ErrorCode.UNKNOWN_ACTION,
                    "no action named " + req.action(), new Violation("$.action", "unknown action; see system.catalog")));
            // (2) caller scope
            if (!caller.may(def.scope())) {
                throw new Refusal(ErrorCode.FORBIDDEN, "the caller lacks scope " + def.scope(),
                        new Violation("$.action", "requires scope " + def.scope()));
            }
            // (3) rate limit
            Instant now = config.clock().instant();
            int limit = def.highRisk() ? config.highRiskRateLimitPerMinute() : config.rateLimitPerMinute();
            String bucket = caller.id() + (def.highRisk() ? "#high" : "");
            if (!rateLimiter.tryAcquire(bucket, limit, now)) {
                throw new Refusal(ErrorCode.RATE_LIMITED, "too many requests; at most " + limit + " per minute",
                        new Violation("$.action", "rate limit of " + limit + "/min reached"));
            }
            // (4) idempotency
            String key = req.meta().idempotencyKey();
            String requestHash = null;
            if (key != null) {
                ObjectNode fingerprint = Json.object();
                fingerprint.put("action", req.action());
                fingerprint.set("data", req.data());
                requestHash = CanonicalJson.sha256(fingerprint);
                Optional<StoredResponse> stored = storedResponse(caller, key);
                if (stored.isPresent()) {
                    if (!stored.get().requestHash().equals(requestHash)) {
                        throw new Refusal(ErrorCode.IDEMPOTENCY_CONFLICT,
                                "this idempotency key was used for a different request",
                                new Violation("$.meta.idempotencyKey", "already used with another action or data"));
                    }
                    return stored.get().result();
                }
            }
            // (5) governance state gate, after a health probe that may freeze the brain
            probeHealth(now, traceId);
            GovernanceState state = brain.governance(now).state();
            Optional<ErrorCode> blocked = StateGate.refusal(state, def.effect());
            if (blocked.isPresent()) {
                throw new Refusal(blocked.get(), req.action() + " is not allowed in " + state,
                        new Violation("$.action", state + " does not allow " + def.effect() + " actions"));
            }
            // (6) schema validation
            List<Violation> violations = dataSchemas.get(def.name()).validate(req.data(), "$.data");
            if (!violations.isEmpty()) {
                throw new Refusal(ErrorCode.VALIDATION_FAILED, "data does not match the schema of " + req.action(),
                        violations);
            }
            // (7) confirmation
            if (def.highRisk() && !req.meta().confirm()) {
                throw new Refusal(ErrorCode.CONFIRMATION_REQUIRED, req.action() + " needs explicit confirmation",
                        new Violation("$.meta.confirm", "must be true for this high-risk action"));
            }
            ActionContext ctx = new ActionContext(req, caller, traceId, now, config.clock(), config.zone(), brain,
                    config.ids(), config.ports(), config.questionTtl());
            Outcome outcome = def.handler().handle(ctx);
            UnitOfWork.Applied applied = unitOfWork.apply(outcome, now, ctx.actor(), traceId);
            if (def.effect() != Effect.READ) {
                applied = advanceWorkflows(applied, caller, now, ctx.actor(), traceId);
            }
            long ms = Duration.between(start, config.clock().instant()).toMillis();
            ActionResult.Ok ok = new ActionResult.Ok(req.action(), traceId, Math.max(0, ms), applied.result(),
                    applied.asked(), applied.alerts());
            if (key != null && def.effect() != Effect.READ) {
                remember(caller, key, requestHash, ok, now, traceId);
            }
            return ok;
        } catch (Refusal r) {
            return new ActionResult.Rejected(req.action(), traceId, r.error());
        } catch (RuntimeException e) {
            LOG.error("action {} failed (trace {})", req.action(), traceId, e);
            return new ActionResult.Rejected(req.action(), traceId, ActionError.of(ErrorCode.INTERNAL_ERROR,
                    "an internal error occurred; see the log for trace " + traceId,
                    new Violation("$", e.getClass().getSimpleName())));
        }
    }

    private Optional<StoredResponse> storedResponse(Caller caller, String key) {
        String id = idempotencyId(caller, key);
        StoredResponse mem = idempotency.get(id);
        if (mem != null) {
            return Optional.of(mem);
        }
        return brain.readJson(BrainPath.of(BrainLayout.IDEMPOTENCY_FOLDER + "/" + id + ".json")).map(n -> {
            JsonNode r = n.get("response");
            List<Question> asked = new ArrayList<>();
            r.path("ask").forEach(q -> asked.add(Question.fromJson(q)));
            StoredResponse s = new StoredResponse(n.get("requestHash").textValue(), new ActionResult.Ok(
                    r.get("action").textValue(), r.get("traceId").textValue(), r.get("durationMs").longValue(),
                    r.get("data"), asked, List.of()));
            idempotency.put(id, s);
            return s;
        });
    }

    private void remember(Caller caller, String key, String requestHash, ActionResult.Ok ok, Instant now,
                          String traceId) {
        String id = idempotencyId(caller, key);
        idempotency.put(id, new StoredResponse(requestHash, ok));
        ObjectNode record = Json.object();
        record.put("caller", caller.id());
        record.put("key", key);
        record.put("requestHash", requestHash);
        record.put("storedAt", now.toString());
        record.set("response", ok.toJson());
        config.store().apply(List.of(dev.avalon.core.port.FileChange.put(
                BrainPath.of(BrainLayout.IDEMPOTENCY_FOLDER + "/" + id + ".json"), Json.pretty(record))));
    }

    private static String idempotencyId(Caller caller, String key) {
        return CanonicalJson.sha256Hex((caller.id() + "\u0000" + key).getBytes(StandardCharsets.UTF_8))
                .substring(0, 32);
    }

    /**
     * A cheap check before every action: behaviour.avl valid (cached by hash) and the audit head
     * agreeing with the last audit line. A failure freezes the brain (STATE_DR, CRITICAL alert).
     */
    private void probeHealth(Instant now, String traceId) {
        if (brain.governance(now).state() == GovernanceState.STATE_DR) {
            return;
        }
        // Brain caches the check by content, so an unchanged behaviour.avl costs one read and a compare
        BehaviourCheck check = brain.behaviour();
        if (!check.valid()) {
            unitOfWork.freeze("BEHAVIOUR_CORRUPT", "behaviour.avl is corrupt: " + check.problems().get(0).path()
                    + " " + check.problems().get(0).problem(), now, "avalon", traceId);
            return;
        }
        Optional<String> tailProblem = auditTailProblem();
        tailProblem.ifPresent(p -> unitOfWork.freeze("AUDIT_CHAIN_BROKEN", p, now, "avalon", traceId));
    }

    private Optional<String> auditTailProblem() {
        AuditHead head = brain.auditHead();
        Optional<byte[]> last = brain.lastAuditFile();
        if (last.isEmpty()) {
            return head.seq() == 0 ? Optional.empty() : Optional.of("the audit log is missing");
        }
        // only the last line matters here, and the file grows all year: no copy of the rest
        byte[] bytes = last.get();
        int end = bytes.length > 0 && bytes[bytes.length - 1] == '\n' ? bytes.length - 1 : bytes.length;
        int start = end;
        while (start > 0 && bytes[start - 1] != '\n') {
            start--;
        }
        String line = new String(bytes, start, end - start, StandardCharsets.UTF_8);
        try {
            AuditEntry entry = AuditEntry.fromJson(Json.parse(line));
            if (entry.seq() != head.seq() || !entry.hash().equals(head.hash())) {
                return Optional.of("the audit log ends at " + entry.head() + " but the recorded head is " + head);
            }
            return Optional.empty();
        } catch (Exception e) {
            return Optional.of("the last audit line is unreadable: " + e.getMessage());
        }
    }

    // ---------------------------------------------------------------- built-in actions

    private List<ActionDefinition> builtIns() {
        return List.of(
                ActionDefinition.fromResource("system.catalog", this::systemCatalog),
                ActionDefinition.fromResource("system.health", this::systemHealth),
                ActionDefinition.fromResource("system.tick", this::systemTick),
                ActionDefinition.fromResource("system.validate", this::systemValidate),
                ActionDefinition.fromResource("behaviour.get", this::behaviourGet),
                ActionDefinition.fromResource("behaviour.history", this::behaviourHistory),
                ActionDefinition.fromResource("behaviour.propose_patch", governance::propose),
                ActionDefinition.fromResource("governance.status", this::governanceStatus),
                ActionDefinition.fromResource("governance.set_auto_mode", this::setAutoMode),
                ActionDefinition.fromResource("question.list", this::questionList),
                ActionDefinition.fromResource("question.answer", this::questionAnswer),
                ActionDefinition.fromResource("audit.verify", this::auditVerify),
                ActionDefinition.fromResource("brain.request_commit", governance::requestCommit));
    }

    private Outcome systemCatalog(ActionContext ctx) {
        String format = ctx.data().path("format").asText("avalon");
        ObjectNode result = Json.object();
        result.put("format", format);
        result.set("catalog", CatalogExport.export(catalog, CatalogFormat.valueOf(format.toUpperCase())));
        return Outcome.of(result);
    }

    private Outcome systemHealth(ActionContext ctx) {
        BehaviourCheck check = brain.behaviour();
        ObjectNode result = Json.object();
        result.put("state", brain.governance(ctx.now()).state().name());
        if (check.behaviour().isPresent()) {
            result.put("behaviourVersion", check.behaviour().get().version().toString());
        } else {
            result.putNull("behaviourVersion");
        }
        result.put("behaviourValid", check.valid());
        result.put("auditHead", brain.auditHead().toString());
        Optional<CommitInfo> head = config.store().head();
        if (head.isPresent()) {
            result.put("headCommit", head.get().sha());
        } else {
            result.putNull("headCommit");
        }
        ArrayNode uncommitted = result.putArray("uncommitted");
        config.store().uncommitted().forEach(p -> uncommitted.add(p.value()));
        result.put("openQuestions", brain.questions().open(ctx.now()).size());
        return Outcome.of(result);
    }

    private Outcome systemValidate(ActionContext ctx) {
        BrainValidation.Report report = validation.validate(brain);
        ObjectNode result = Json.object();
        result.put("valid", report.valid());
        result.put("auditIntact", report.audit().intact());
        ArrayNode problems = result.putArray("problems");
        report.problems().forEach(v -> problems.addObject().put("path", v.path()).put("problem", v.problem()));
        return Outcome.of(result);
    }

    private Outcome systemTick(ActionContext ctx) {
        if (!(config.clock() instanceof ManualClock manual)) {
            throw new Refusal(ErrorCode.VALIDATION_FAILED, "this Avalon runs on a real clock",
                    new Violation("$.data.now", "system.tick needs a manual clock (avalon run --clock …)"));
        }
        Instant to = OffsetDateTime.parse(ctx.data().get("now").textValue()).toInstant();
        if (to.isBefore(manual.instant())) {
            throw new Refusal(ErrorCode.VALIDATION_FAILED, "the clock cannot go back",
                    new Violation("$.data.now", "is before the current time " + manual.instant()));
        }
        manual.setTo(to);
        return Outcome.of(runDueJobs(to).toJson());
    }

    private Outcome behaviourGet(ActionContext ctx) {
        Behaviour b = brain.behaviour().behaviour().orElseThrow(() -> new Refusal(ErrorCode.BEHAVIOUR_INCONSISTENT,
                "behaviour.avl is invalid", new Violation("$", "behaviour.avl does not validate")));
        ObjectNode result = Json.object();
        result.put("version", b.version().toString());
        if (ctx.data().hasNonNull("path")) {
            String path = ctx.data().get("path").textValue();
            JsonNode value = b.at(path);
            if (value.isMissingNode()) {
                throw new Refusal(ErrorCode.NOT_FOUND, "no value at " + path,
                        new Violation("$.data.path", "does not exist in behaviour.avl"));
            }
            result.put("path", path);
            result.set("value", value);
        } else {
            result.set("document", b.document());
        }
        return Outcome.of(result);
    }

    private Outcome behaviourHistory(ActionContext ctx) {
        Behaviour b = brain.behaviour().behaviour().orElseThrow(() -> new Refusal(ErrorCode.BEHAVIOUR_INCONSISTENT,
                "behaviour.avl is invalid", new Violation("$", "behaviour.avl does not validate")));
        ObjectNode result = Json.object();
        result.put("version", b.version().toString());
        result.set("history", b.document().path("history"));
        ArrayNode commits = result.putArray("commits");
        for (CommitInfo c : config.store().history(BrainLayout.BEHAVIOUR)) {
            ObjectNode node = commits.addObject();
            node.put("sha", c.sha());
            node.put("time", c.time().toString());
            node.put("subject", c.message().lines().findFirst().orElse(""));
            String v = c.trailers().get(BrainLayout.VERSION_TRAILER);
            if (v == null) {
                node.putNull("version");
            } else {
                node.put("version", v);
            }
        }
        return Outcome.of(result);
    }

    private Outcome governanceStatus(ActionContext ctx) {
        GovernanceStatus status = brain.governance(ctx.now());
        ObjectNode result = status.toJson();
        ArrayNode allows = result.putArray("allows");
        for (Effect e : Effect.values()) {
            if (StateGate.allows(status.state(), e)) {
                allows.add(e.name());
            }
        }
        if (StateGate.allowsCommit(status.state())) {
            allows.add("COMMIT");
        }
        ArrayNode patches = result.putArray("patches");
        brain.patchQueue().entries().forEach(e -> patches.add(e.toJson()));
        return Outcome.of(result);
    }

    private Outcome setAutoMode(ActionContext ctx) {
        boolean enabled = ctx.data().get("enabled").booleanValue();
        GovernanceState current = brain.governance(ctx.now()).state();
        GovernanceState target = enabled ? GovernanceState.STATE_AUTO_MODE : GovernanceState.STATE_NORMAL;
        ObjectNode result = Json.object();
        result.put("state", target.name());
        result.put("changed", current != target);
        if (current == target) {
            return Outcome.of(result);
        }
        String reason = ctx.data().path("reason").asText(enabled ? "auto-mode switched on" : "auto-mode switched off");
        return Outcome.builder(result).state(target, reason).build();
    }

    private Outcome questionList(ActionContext ctx) {
        boolean all = "all".equals(ctx.data().path("status").asText("open"));
        QuestionBook book = brain.questions();
        ObjectNode result = Json.object();
        ArrayNode list = result.putArray("questions");
        for (Question q : all ? book.all() : book.open(ctx.now())) {
            list.add(q.toJsonAt(ctx.now()));
        }
        return Outcome.of(result);
    }

    private Outcome questionAnswer(ActionContext ctx) {
        String id = ctx.data().get("id").textValue();
        String answer = ctx.data().get("answer").textValue().trim().toUpperCase(java.util.Locale.ROOT);
        Question q = brain.questions().find(id).orElseThrow(() -> new Refusal(ErrorCode.NOT_FOUND,
                "no question " + id, new Violation("$.data.id", "no question with this id")));
        QuestionStatus status = q.statusAt(ctx.now());
        if (status == QuestionStatus.EXPIRED) {
            throw new Refusal(ErrorCode.QUESTION_EXPIRED, "question " + id + " expired at " + q.expiresAt(),
                    new Violation("$.data.id", "expired at " + q.expiresAt()));
        }
        if (status != QuestionStatus.OPEN) {
            throw new Refusal(ErrorCode.QUESTION_CLOSED, "question " + id + " is " + status,
                    new Violation("$.data.id", "is " + status + (q.answer() != null ? " (" + q.answer() + ")" : "")));
        }
        if (!q.options().contains(answer)) {
            throw new Refusal(ErrorCode.INVALID_ANSWER, "not an option of question " + id,
                    new Violation("$.data.answer", "must be one of " + q.options()));
        }
        QuestionResolver resolver = resolvers.get(q.kind());
        if (resolver == null) {
            throw new Refusal(ErrorCode.INTERNAL_ERROR, "no resolver for " + q.kind(),
                    new Violation("$.data.id", q.kind() + " cannot be answered in this host"));
        }
        Outcome outcome = resolver.resolve(ctx, q, answer);
        ObjectNode answered = Json.object();
        answered.put("questionId", id);
        answered.put("kind", q.kind().name());
        answered.put("answer", answer);
        // the answer is audited before whatever it causes
        List<AuditRecord> records = new ArrayList<>();
        records.add(new AuditRecord("question.answered", ctx.actor(), ctx.traceId(), answered));
        records.addAll(outcome.audit());
        return new Outcome(withAnswer(outcome.result(), id, answer), outcome.writes(), records, outcome.events(),
                outcome.ask(), outcome.closed(), outcome.alerts(),
                outcome.commit().map(plan -> plan.withThen(info -> {
                    Outcome follow = plan.then().apply(info);
                    return Outcome.builder(withAnswer(follow.result(), id, answer)).merge(follow).build();
                })), outcome.state());
    }

    private static JsonNode withAnswer(JsonNode result, String id, String answer) {
        ObjectNode r = result.isObject() ? (ObjectNode) result.deepCopy() : Json.object();
        r.put("questionId", id);
        r.put("answer", answer);
        return r;
    }

    private Outcome auditVerify(ActionContext ctx) {
        AuditReport report = brain.verifyAudit();
        ObjectNode result = Json.object();
        result.put("intact", report.intact());
        result.put("entries", report.entries());
        result.put("head", report.head().toString());
        ArrayNode problems = result.putArray("problems");
        for (AuditProblem p : report.problems()) {
            problems.addObject().put("file", p.file()).put("line", p.line()).put("problem", p.problem());
        }
        if (report.intact()) {
            return Outcome.of(result);
        }
        AuditProblem first = report.problems().get(0);
        Alert alert = new Alert(dev.avalon.core.port.AlertLevel.CRITICAL, "AUDIT_CHAIN_BROKEN",
                "The audit log is broken at " + first.file() + ":" + first.line() + ": " + first.problem(), ctx.now(),
                Map.of("problems", String.valueOf(report.problems().size())));
        Outcome.Builder b = Outcome.builder(result).alert(alert)
                .audit(new AuditRecord("dr.triggered", ctx.actor(), ctx.traceId(), result));
        if (brain.governance(ctx.now()).state() != GovernanceState.STATE_DR) {
            b.state(GovernanceState.STATE_DR, "AUDIT_CHAIN_BROKEN: " + first.problem());
        }
        return b.build();
    }
}
