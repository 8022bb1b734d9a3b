package dev.avalon.core.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.avalon.core.action.ActionContext;
import dev.avalon.core.action.Outcome;
import dev.avalon.core.audit.AuditRecord;
import dev.avalon.core.base.Refusal;
import dev.avalon.core.brain.Brain;
import dev.avalon.core.json.Json;
import dev.avalon.core.port.Alert;
import dev.avalon.core.port.AlertLevel;
import dev.avalon.core.schedule.JobReport;
import dev.avalon.core.schedule.JobRun;
import dev.avalon.core.schedule.ScheduledJob;
import dev.avalon.core.schedule.Scheduler;
import dev.avalon.core.schedule.SchedulerState;
import dev.avalon.core.schedule.TickReport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Drives the pure {@link Scheduler}: runs the jobs due now, each in its own unit of work together
 * with the scheduler's record of it, then lets workflows continue and deliveries go out. No job runs
 * while the brain is frozen (DR, inconsistent) or behaviour.avl is invalid.
 */
final class SchedulerDriver {

    private static final Logger LOG = LoggerFactory.getLogger(SchedulerDriver.class);

    private final List<ScheduledJob> jobs;
    private final Brain brain;
    private final ZoneId zone;
    private final UnitOfWork unitOfWork;
    private final ContextFactory contexts;
    private final HealthProbe health;
    private final WorkflowDriver workflows;
    private final DeliveryDriver deliveries;

    SchedulerDriver(List<ScheduledJob> jobs, Brain brain, ZoneId zone, UnitOfWork unitOfWork, ContextFactory contexts,
                    HealthProbe health, WorkflowDriver workflows, DeliveryDriver deliveries) {
        this.jobs = List.copyOf(jobs);
        this.brain = brain;
        this.zone = zone;
        this.unitOfWork = unitOfWork;
        this.contexts = contexts;
        this.health = health;
        this.workflows = workflows;
        this.deliveries = deliveries;
    }

    List<ScheduledJob> jobs() {
        return jobs;
    }

    TickReport tick(Instant now) {
        health.probe(now, contexts.ids().next("T"));
        List<JobReport> reports = new ArrayList<>();
        Optional<String> suspended = health.suspension(now);
        if (suspended.isPresent()) {
            return new TickReport(now, reports, suspended);
        }
        SchedulerState state = SchedulerState.read(brain);
        JsonNode behaviour = brain.behaviour().behaviour().orElseThrow().document();
        Scheduler.Plan plan = Scheduler.plan(jobs, behaviour, state, now, zone);
        if (plan.due().isEmpty() && !plan.state().equals(state)) {
            unitOfWork.apply(Outcome.builder().writeJson(SchedulerState.PATH, plan.state().toJson()).build(), now,
                    "scheduler", contexts.ids().next("T"));
        }
        state = plan.state();
        for (JobRun run : plan.due()) {
            suspended = health.suspension(now);
            if (suspended.isPresent()) {
                break;
            }
            ScheduledJob job = jobs.stream().filter(j -> j.name().equals(run.job())).findFirst().orElseThrow();
            reports.add(run(job, run, state, now));
            state = SchedulerState.read(brain);
        }
        if (suspended.isEmpty()) {
            // a workflow a stopped host left between two steps continues on the next tick, and what
            // waits to be delivered goes out
            String traceId = contexts.ids().next("T");
            UnitOfWork.Applied idle = new UnitOfWork.Applied(Json.object(), List.of(), List.of());
            deliveries.deliver(workflows.advance(idle, now, "scheduler", traceId), now, "scheduler", traceId);
        }
        return new TickReport(now, reports, suspended);
    }

    /** One run in its own unit of work: the job's outcome and the scheduler's record of it land together. */
    private JobReport run(ScheduledJob job, JobRun run, SchedulerState state, Instant now) {
        String traceId = contexts.ids().next("T");
        ObjectNode data = Json.object();
        data.put("job", run.job());
        data.put("slot", run.slot().toString());
        data.put("late", run.late());
        ActionContext ctx = contexts.internal("system.job", data, "scheduler", traceId, now);
        try {
            Outcome outcome = job.body().run(ctx, run);
            Outcome withRecord = Outcome.builder(outcome.result()).merge(outcome)
                    .writeJson(SchedulerState.PATH, state.ran(run, now, false).toJson()).build();
            UnitOfWork.Applied applied = unitOfWork.apply(withRecord, now, "scheduler", traceId);
            applied = workflows.advance(applied, now, "scheduler", traceId);
            applied = deliveries.deliver(applied, now, "scheduler", traceId);
            return new JobReport(run, true, applied.result(), applied.asked(), applied.alerts());
        } catch (RuntimeException e) {
            LOG.error("job {} failed for slot {} (trace {})", run.job(), run.slot(), traceId, e);
            String problem = e instanceof Refusal r ? r.error().message() : e.getClass().getSimpleName();
            Alert alert = new Alert(AlertLevel.IMPORTANT, "JOB_FAILED",
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
                    .writeJson(SchedulerState.PATH, state.failed(run, now, problem).toJson()).build(),
                    now, "scheduler", traceId);
            return new JobReport(run, false, result, List.of(), applied.alerts());
        }
    }
}
