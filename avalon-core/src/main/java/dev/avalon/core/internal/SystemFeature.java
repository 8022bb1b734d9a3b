package dev.avalon.core.internal;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.avalon.core.action.ActionCatalog;
import dev.avalon.core.action.ActionContext;
import dev.avalon.core.action.ActionDefinition;
import dev.avalon.core.action.CatalogExport;
import dev.avalon.core.action.CatalogFormat;
import dev.avalon.core.action.Outcome;
import dev.avalon.core.action.Reported;
import dev.avalon.core.base.ErrorCode;
import dev.avalon.core.base.Refusal;
import dev.avalon.core.base.Violation;
import dev.avalon.core.behaviour.BehaviourCheck;
import dev.avalon.core.brain.BrainValidation;
import dev.avalon.core.feature.Feature;
import dev.avalon.core.json.Json;
import dev.avalon.core.port.CommitInfo;
import dev.avalon.core.calendar.Outbox;
import dev.avalon.core.calendar.OutboxEntry;
import dev.avalon.core.calendar.OutboxStatus;
import dev.avalon.core.schedule.JobRecord;
import dev.avalon.core.schedule.JobReport;
import dev.avalon.core.schedule.ScheduledJob;
import dev.avalon.core.schedule.SchedulerState;
import dev.avalon.core.schedule.Slots;
import dev.avalon.core.schedule.TickReport;
import dev.avalon.core.time.DateTimeInput;
import dev.avalon.core.time.DateTimeOutput;
import dev.avalon.core.time.ManualClock;

import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/** The kernel's own actions about Avalon itself: {@code system.catalog}, {@code .health}, {@code .tick}, {@code .validate}. */
final class SystemFeature implements Feature {

    private final Supplier<ActionCatalog> catalog;
    private final BrainValidation validation;
    private final Function<Instant, TickReport> tick;
    private final Evidence evidence;
    private final Supplier<List<ScheduledJob>> jobs;

    SystemFeature(Supplier<ActionCatalog> catalog, BrainValidation validation, Function<Instant, TickReport> tick,
                  Evidence evidence, Supplier<List<ScheduledJob>> jobs) {
        this.jobs = jobs;
        this.catalog = catalog;
        this.validation = validation;
        this.tick = tick;
        this.evidence = evidence;
    }

    @Override
    public String name() {
        return "system";
    }

    @Override
    public List<ActionDefinition> actions() {
        return List.of(
                ActionDefinition.fromResource("system.catalog", this::catalog),
                ActionDefinition.fromResource("system.health", this::health),
                ActionDefinition.fromResource("system.tick", this::tick),
                ActionDefinition.fromResource("system.validate", this::validate));
    }

    /** {@code system.catalog}'s data: the export format, {@code avalon} when absent. */
    record CatalogData(String format) {
    }

    /** {@code system.tick}'s data: the moment to move the manual clock to. */
    record TickData(String now) {
    }

    private Outcome catalog(ActionContext ctx) {
        String requested = ctx.dataAs(CatalogData.class).format();
        String format = requested != null ? requested : "avalon";
        ObjectNode result = Json.object();
        result.put("format", format);
        result.set("catalog", CatalogExport.export(catalog.get(), CatalogFormat.valueOf(format.toUpperCase(java.util.Locale.ROOT))));
        return Outcome.of(result);
    }

    private Outcome health(ActionContext ctx) {
        BehaviourCheck check = ctx.brain().behaviour();
        ObjectNode result = Json.object();
        result.put("state", ctx.brain().governance(ctx.now()).state().name());
        if (check.behaviour().isPresent()) {
            result.put("behaviourVersion", check.behaviour().get().version().toString());
        } else {
            result.putNull("behaviourVersion");
        }
        result.put("behaviourValid", check.valid());
        result.put("auditHead", ctx.brain().auditHead().toString());
        Optional<CommitInfo> head = ctx.brain().store().head();
        if (head.isPresent()) {
            result.put("headCommit", head.get().sha());
        } else {
            result.putNull("headCommit");
        }
        ArrayNode uncommitted = result.putArray("uncommitted");
        ctx.brain().store().uncommitted().forEach(p -> uncommitted.add(p.value()));
        result.put("openQuestions", ctx.brain().questions().open(ctx.now()).size());
        result.set("scheduler", scheduler(ctx, check));
        result.set("outbox", outbox(ctx));
        return Outcome.of(result);
    }

    /** Per job: when it runs next (by the current behaviour), its last run and its last failure. */
    private ObjectNode scheduler(ActionContext ctx, BehaviourCheck check) {
        SchedulerState state = SchedulerState.read(ctx.brain());
        ObjectNode n = Json.object();
        ArrayNode list = n.putArray("jobs");
        for (ScheduledJob job : jobs.get()) {
            ObjectNode j = list.addObject();
            j.put("job", job.name());
            Optional<Instant> next = check.behaviour().flatMap(b -> Slots.nextAfter(
                    job.timing().schedule(b.document()), ctx.zone(), ctx.now()));
            putInstant(j, "nextRun", next.orElse(null), ctx.zone());
            Optional<JobRecord> record = state.record(job.name());
            putInstant(j, "lastRunAt", record.map(JobRecord::lastRunAt).orElse(null), ctx.zone());
            j.put("lastRunFailed", record.map(JobRecord::failed).orElse(false));
            JobRecord.Failure failure = record.map(JobRecord::lastFailure).orElse(null);
            if (failure == null) {
                j.putNull("lastFailure");
            } else {
                j.putObject("lastFailure")
                        .put("slot", dev.avalon.core.time.DateTimeOutput.format(failure.slot(), ctx.zone()))
                        .put("at", dev.avalon.core.time.DateTimeOutput.format(failure.at(), ctx.zone()))
                        .put("problem", failure.problem());
            }
        }
        return n;
    }

    /** The invitations waiting to go out, and those given up on, which both block commits. */
    private static ObjectNode outbox(ActionContext ctx) {
        Outbox outbox = ctx.brain().readJson(Outbox.PATH).map(Outbox::fromJson).orElse(Outbox.EMPTY);
        List<OutboxEntry> pending = outbox.entries().stream().filter(e -> e.status() == OutboxStatus.PENDING).toList();
        ObjectNode n = Json.object();
        n.put("pending", pending.size());
        n.put("dead", outbox.entries().stream().filter(e -> e.status() == OutboxStatus.DEAD).count());
        putInstant(n, "oldestPending", pending.stream().map(OutboxEntry::createdAt).min(Instant::compareTo).orElse(null),
                ctx.zone());
        return n;
    }

    /** An instant written as every answer writes one: local time in the user's zone with its offset. */
    private static void putInstant(ObjectNode n, String field, Instant value, java.time.ZoneId zone) {
        if (value == null) {
            n.putNull(field);
        } else {
            n.put(field, dev.avalon.core.time.DateTimeOutput.format(value, zone));
        }
    }

    private Outcome validate(ActionContext ctx) {
        BrainValidation.Report report = validation.validate(ctx.brain());
        // the chain's own problems are in the report already; the rest of the evidence is added to it
        List<Evidence.Finding> findings = evidence.full().stream()
                .filter(f -> report.problems().stream().noneMatch(v -> v.path().equals(f.where())
                        && v.problem().equals(f.problem()))).toList();
        ObjectNode result = Json.object();
        result.put("valid", report.valid() && findings.isEmpty());
        result.put("auditIntact", report.audit().intact());
        result.put("historyIntact", findings.isEmpty());
        ArrayNode problems = result.putArray("problems");
        report.problems().forEach(v -> problems.addObject().put("path", v.path()).put("problem", v.problem()));
        findings.forEach(f -> problems.addObject().put("path", f.where()).put("problem", f.problem()));
        return Outcome.of(result);
    }

    private Outcome tick(ActionContext ctx) {
        if (!(ctx.clock() instanceof ManualClock manual)) {
            throw new Refusal(ErrorCode.VALIDATION_FAILED, "this Avalon runs on a real clock",
                    new Violation("$.data.now", "system.tick needs a manual clock (avalon run --clock …)"));
        }
        List<Violation> problems = new ArrayList<>();
        Instant to = DateTimeInput.read(ctx.dataAs(TickData.class).now(), ctx.zone(), "$.data.now", problems)
                .map(ZonedDateTime::toInstant).orElse(null);
        if (to == null) {
            throw new Refusal(ErrorCode.VALIDATION_FAILED, "the time is not valid", problems);
        }
        if (to.isBefore(manual.instant())) {
            throw new Refusal(ErrorCode.VALIDATION_FAILED, "the clock cannot go back",
                    new Violation("$.data.now", "is before the current time "
                            + DateTimeOutput.format(manual.instant(), ctx.zone())));
        }
        manual.setTo(to);
        TickReport report = tick.apply(to);
        // each job stored its questions and raised its alerts in its own unit; the answer lists them all
        Reported reported = Reported.NONE;
        for (JobReport job : report.ran()) {
            reported = reported.plus(new Reported(job.asked(), job.alerts()));
        }
        // the report keeps instants; the answer writes them in the user's zone, as every date-time
        ObjectNode answer = report.toJson();
        answer.put("now", DateTimeOutput.format(report.now(), ctx.zone()));
        for (int i = 0; i < report.ran().size(); i++) {
            ObjectNode ran = (ObjectNode) answer.get("ran").get(i);
            JobReport job = report.ran().get(i);
            ran.put("slot", DateTimeOutput.format(job.run().slot(), ctx.zone()));
            com.fasterxml.jackson.databind.node.ArrayNode asked = ran.putArray("ask");
            job.asked().forEach(q -> asked.add(q.toAnswer(ctx.zone())));
        }
        return Outcome.builder(answer).report(reported).build();
    }
}
