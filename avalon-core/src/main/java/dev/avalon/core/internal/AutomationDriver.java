package dev.avalon.core.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.avalon.core.action.ActionRequest;
import dev.avalon.core.action.ActionResult;
import dev.avalon.core.action.Caller;
import dev.avalon.core.action.Outcome;
import dev.avalon.core.action.RequestMeta;
import dev.avalon.core.audit.AuditRecord;
import dev.avalon.core.automation.Automation;
import dev.avalon.core.automation.AutomationAction;
import dev.avalon.core.automation.AutomationFeature;
import dev.avalon.core.automation.AutomationState;
import dev.avalon.core.automation.Automations;
import dev.avalon.core.automation.Facts;
import dev.avalon.core.automation.Plan;
import dev.avalon.core.automation.Trigger;
import dev.avalon.core.brain.Brain;
import dev.avalon.core.event.DomainEvent;
import dev.avalon.core.event.EventPattern;
import dev.avalon.core.event.Subscription;
import dev.avalon.core.json.Json;
import dev.avalon.core.port.Alert;
import dev.avalon.core.port.AlertLevel;
import dev.avalon.core.port.AlertSink;
import dev.avalon.core.port.ConditionLanguage;
import dev.avalon.core.port.IdSource;
import dev.avalon.core.port.MessageTemplates;
import dev.avalon.core.port.Ports;
import dev.avalon.core.question.Question;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;

/**
 * Runs automations. It hears every event on the bus (lowest priority) and queues it with the chain
 * of automations whose runs caused it; after the action or tick that published it, {@link #drain}
 * runs the automations it triggers. Each ACTION step goes through the whole pipeline as the caller
 * {@code automation:<id>} holding only the automation's scopes (never one that answers a question:
 * an automation may ask for consent, never give it). Each run is recorded in a unit of work of its
 * own (run history, alerts, questions, outbox), so the events of a run carry its chain and loop
 * protection ({@link Automations#MAX_SELF_DEPTH}, {@link Automations#MAX_CHAIN}) can stop a loop.
 */
final class AutomationDriver {

    private static final Logger LOG = LoggerFactory.getLogger(AutomationDriver.class);

    /** Runs per drain at most: a guard against a flood of events, not a limit anyone should reach. */
    private static final int MAX_RUNS = 200;

    private record Pending(DomainEvent event, List<String> chain) {
    }

    private final Brain brain;
    private final ZoneId zone;
    private final Ports ports;
    private final AlertSink alerts;
    private final IdSource ids;
    private final UnitOfWork unitOfWork;
    private final BiFunction<ActionRequest, Caller, ActionResult> dispatch;
    private final ContextFactory contexts;
    private final HealthProbe health;
    private final Deque<Pending> queue = new ArrayDeque<>();
    private List<String> chain = List.of();
    private boolean draining;

    AutomationDriver(Brain brain, ZoneId zone, Ports ports, AlertSink alerts, IdSource ids, UnitOfWork unitOfWork,
                     BiFunction<ActionRequest, Caller, ActionResult> dispatch, ContextFactory contexts,
                     HealthProbe health) {
        this.contexts = contexts;
        this.health = health;
        this.brain = brain;
        this.zone = zone;
        this.ports = ports;
        this.alerts = alerts;
        this.ids = ids;
        this.unitOfWork = unitOfWork;
        this.dispatch = dispatch;
    }

    /** The subscription that queues events for {@link #drain}. */
    Subscription subscription() {
        return new Subscription("automations", EventPattern.of("**"), Integer.MIN_VALUE, e -> true,
                e -> queue.add(new Pending(e, chain)));
    }

    /**
     * On every tick: the SCHEDULE and CONDITION triggers and due workflow retries
     * ({@link AutomationFeature#check}), as a unit of its own whose {@code automation.requested} events
     * the next {@link #drain} runs. Nothing while the brain is suspended (DR).
     */
    void check(Instant now) {
        if (health.suspension(now).isPresent()) {
            return;
        }
        String traceId = ids.next("T");
        try {
            Outcome outcome = AutomationFeature.check(contexts.internal("system.automations", Json.object(),
                    "avalon", traceId, now));
            unitOfWork.apply(outcome, now, "avalon", traceId);
        } catch (RuntimeException e) {
            LOG.error("the automations check failed (trace {})", traceId, e);
            raise(new Alert(AlertLevel.IMPORTANT, "AUTOMATION_FAILED", "The check of scheduled automations failed: "
                    + e.getMessage(), now, Map.of()));
        }
    }

    /** Runs what the queued events trigger, and what those runs trigger, until nothing is left; how many ran. */
    int drain(Instant now) {
        if (draining) {
            return 0;
        }
        draining = true;
        int runs = 0;
        try {
            while (!queue.isEmpty()) {
                Pending p = queue.poll();
                if (runs >= MAX_RUNS) {
                    LOG.warn("automation runs capped at {} for one action; {} events left unhandled", MAX_RUNS,
                            queue.size() + 1);
                    queue.clear();
                    break;
                }
                runs += handle(p, now);
            }
        } finally {
            draining = false;
            chain = List.of();
        }
        return runs;
    }

    private int handle(Pending p, Instant now) {
        Optional<ConditionLanguage> language = ports.find(ConditionLanguage.class);
        List<Automation> all;
        try {
            all = Automations.all(brain, zone, language);
        } catch (RuntimeException e) {
            LOG.warn("automations could not be read: {}", e.toString());
            return 0;
        }
        if (all.isEmpty()) {
            return 0;
        }
        DomainEvent event = p.event();
        int runs = 0;
        if (event.name().equals("automation.requested")) {
            String id = event.data().path("automation").asText();
            String trigger = event.data().path("trigger").asText();
            for (Automation a : all) {
                if (a.id().equals(id) && a.enabled() && allowed(a, p.chain(), now)) {
                    if (trigger.equals("RETRY")) {
                        retry(a, event.data().path("data").path("retry").asText(), p.chain(), now);
                    } else {
                        DomainEvent inner = new DomainEvent(event.name(), event.data().path("data"), event.at());
                        Map<String, Object> facts = AutomationFeature.withEvent(Facts.ofBrain(a, brain, now, zone),
                                Facts.of(a, inner, now, zone));
                        run(a, trigger, event, facts, p.chain(), now, false);
                    }
                    runs++;
                }
            }
            return runs;
        }
        for (Automation a : all) {
            if (a.enabled() && a.trigger() instanceof Trigger.OnEvent on && on.pattern().matches(event.name())
                    && allowed(a, p.chain(), now)) {
                run(a, "EVENT", event, Facts.of(a, event, now, zone), p.chain(), now, true);
                runs++;
            }
        }
        return runs;
    }

    /** Loop protection: false (with an alert) when this automation's own events would start it too often. */
    private boolean allowed(Automation a, List<String> cause, Instant now) {
        long self = cause.stream().filter(a.id()::equals).count();
        if (self <= Automations.MAX_SELF_DEPTH && cause.size() < Automations.MAX_CHAIN) {
            return true;
        }
        Alert alert = new Alert(AlertLevel.IMPORTANT, "AUTOMATION_LOOP_STOPPED", "Automation " + a.id()
                + " was not started again by events its own run caused (chain " + String.join(" → ", cause) + ")",
                now, Map.of("automation", a.id()));
        LOG.warn(alert.message());
        raise(alert);
        return false;
    }

    private void raise(Alert alert) {
        try {
            alerts.raise(alert);
        } catch (RuntimeException e) {
            LOG.warn("alert sink failed for {}: {}", alert.code(), e.toString());
        }
    }

    private void run(Automation a, String trigger, DomainEvent event, Map<String, Object> facts, List<String> cause,
                     Instant now, boolean quietWhenFalse) {
        String runId = ids.next("AR");
        String traceId = ids.next("T");
        ObjectNode record = Json.object();
        record.put("runId", runId);
        record.put("at", now.toString());
        record.put("trigger", trigger);
        record.put("event", event.name());
        ArrayNode steps = record.putArray("actions");
        Outcome.Builder out = Outcome.builder();
        List<String> before = chain;
        List<String> mine = new ArrayList<>(cause);
        mine.add(a.id());
        chain = Collections.unmodifiableList(mine);
        AutomationState state = AutomationState.load(brain);
        String status;
        try {
            Plan plan;
            try {
                plan = Plan.of(a, facts, ports.find(ConditionLanguage.class), ports.find(MessageTemplates.class));
            } catch (ConditionLanguage.ConditionException | MessageTemplates.TemplateException e) {
                record.put("status", "FAILED");
                record.put("problem", e.getMessage());
                out.alert(new Alert(AlertLevel.IMPORTANT, "AUTOMATION_FAILED", "Automation " + a.id()
                        + " could not run: " + e.getMessage(), now, Map.of("automation", a.id())));
                record(a, record, state, out, traceId, now);
                return;
            }
            if (!plan.conditionHolds()) {
                if (!quietWhenFalse) {
                    record.put("status", "SKIPPED");
                    record.put("problem", "the condition does not hold");
                    record(a, record, state, out, traceId, now);
                }
                return;
            }
            boolean failed = false;
            for (Plan.Step step : plan.steps()) {
                ObjectNode detail = step.detail();
                ObjectNode done = steps.addObject();
                done.put("type", step.action().type());
                if (step.action() instanceof AutomationAction.RunAction) {
                    ActionResult r = dispatchAs(a, detail.path("action").asText(), detail.path("data"), traceId);
                    failed |= !describe(r, done);
                } else if (step.action() instanceof AutomationAction.Notify) {
                    String title = detail.path("title").asText();
                    out.alert(new Alert(AlertLevel.valueOf(detail.path("level").asText()), "AUTOMATION_NOTICE",
                            title.isEmpty() ? detail.path("message").asText() : title + ": "
                                    + detail.path("message").asText(), now, Map.of("automation", a.id())));
                    done.put("status", "OK");
                    done.put("message", detail.path("message").asText());
                } else if (step.action() instanceof AutomationAction.Email
                        || step.action() instanceof AutomationAction.Webhook) {
                    ObjectNode entry = detail.deepCopy();
                    entry.put("id", ids.next("AO"));
                    entry.put("automation", a.id());
                    entry.put("runId", runId);
                    entry.put("status", "PENDING");
                    entry.put("attempts", 0);
                    entry.put("nextAt", now.toString());
                    state = state.withOutbox(entry);
                    done.put("status", "QUEUED");
                    done.put("outboxId", entry.path("id").asText());
                } else if (step.action() instanceof AutomationAction.AgentTask) {
                    ObjectNode data = Json.object();
                    data.put("automation", a.id());
                    data.put("runId", runId);
                    data.put("prompt", detail.path("prompt").asText());
                    Question q = Question.ask(ids.next("Q"), AutomationFeature.AGENT_TASK, detail.path("prompt")
                            .asText(), data, List.of("DONE", "DECLINED"), now, now.plus(java.time.Duration.ofDays(7)));
                    out.ask(q);
                    done.put("status", "ASKED");
                    done.put("questionId", q.id());
                } else if (step.action() instanceof AutomationAction.Workflow) {
                    JsonNode wf = detail;
                    int failedAt = runSteps(a, wf.path("steps"), 0, traceId, done.putArray("steps"));
                    if (failedAt < 0) {
                        done.put("status", "OK");
                    } else {
                        ObjectNode retry = Json.object();
                        retry.put("id", ids.next("RT"));
                        retry.put("automation", a.id());
                        retry.put("runId", runId);
                        retry.set("steps", wf.path("steps"));
                        retry.put("next", failedAt);
                        retry.put("attempt", 1);
                        retry.put("attempts", wf.path("attempts").asInt());
                        retry.put("backoffSeconds", wf.path("backoffSeconds").asLong());
                        if (wf.path("attempts").asInt() <= 1) {
                            state = dead(a, retry, state, out, traceId, now);
                            done.put("status", "DEAD_LETTERED");
                        } else {
                            retry.put("nextAt", now.plusSeconds(wf.path("backoffSeconds").asLong()).toString());
                            state = state.withRetry(retry);
                            done.put("status", "RETRYING");
                            done.put("retryId", retry.path("id").asText());
                        }
                        failed = true;
                    }
                }
            }
            record.put("status", failed ? "PARTIAL" : "OK");
            record(a, record, state, out, traceId, now);
        } finally {
            chain = before;
        }
    }

    /** Runs {@code steps} from {@code from}; the index of the first refused one, or -1 when all ran. */
    private int runSteps(Automation a, JsonNode steps, int from, String traceId, ArrayNode report) {
        for (int i = from; i < steps.size(); i++) {
            ObjectNode done = report.addObject();
            done.put("action", steps.get(i).path("action").asText());
            ActionResult r = dispatchAs(a, steps.get(i).path("action").asText(), steps.get(i).path("data"), traceId);
            if (!describe(r, done)) {
                return i;
            }
        }
        return -1;
    }

    private void retry(Automation a, String retryId, List<String> cause, Instant now) {
        AutomationState state = AutomationState.load(brain);
        Optional<JsonNode> found = state.retries().stream().filter(r -> r.path("id").asText().equals(retryId))
                .findFirst();
        if (found.isEmpty()) {
            return;
        }
        JsonNode r = found.get();
        String traceId = ids.next("T");
        List<String> before = chain;
        List<String> mine = new ArrayList<>(cause);
        mine.add(a.id());
        chain = Collections.unmodifiableList(mine);
        try {
            ObjectNode record = Json.object();
            record.put("runId", r.path("runId").asText());
            record.put("at", now.toString());
            record.put("trigger", "RETRY");
            record.put("attempt", r.path("attempt").asInt() + 1);
            ObjectNode done = record.putArray("actions").addObject();
            done.put("type", "WORKFLOW");
            int failedAt = runSteps(a, r.path("steps"), r.path("next").asInt(), traceId, done.putArray("steps"));
            Outcome.Builder out = Outcome.builder();
            if (failedAt < 0) {
                state = state.withoutRetry(retryId);
                done.put("status", "OK");
                record.put("status", "OK");
            } else {
                ObjectNode next = (ObjectNode) r.deepCopy();
                int attempt = r.path("attempt").asInt() + 1;
                next.put("attempt", attempt);
                next.put("next", failedAt);
                if (attempt >= r.path("attempts").asInt()) {
                    state = dead(a, next, state.withoutRetry(retryId), out, traceId, now);
                    done.put("status", "DEAD_LETTERED");
                } else {
                    long wait = r.path("backoffSeconds").asLong() << Math.min(attempt - 1, 20);
                    next.put("nextAt", now.plusSeconds(wait).toString());
                    state = state.withRetry(next);
                    done.put("status", "RETRYING");
                }
                record.put("status", "PARTIAL");
            }
            record(a, record, state, out, traceId, now);
        } finally {
            chain = before;
        }
    }

    private AutomationState dead(Automation a, JsonNode retry, AutomationState state, Outcome.Builder out,
                                 String traceId, Instant now) {
        ObjectNode entry = (ObjectNode) retry.deepCopy();
        entry.put("deadAt", now.toString());
        entry.remove("nextAt");
        ObjectNode audit = Json.object();
        audit.put("automation", a.id());
        audit.put("retry", retry.path("id").asText());
        audit.put("attempts", retry.path("attempt").asInt());
        out.audit(new AuditRecord("automation.dead_lettered", "automation:" + a.id(), traceId, audit));
        out.alert(new Alert(AlertLevel.IMPORTANT, "AUTOMATION_DEAD_LETTER", "A workflow step of automation " + a.id()
                + " failed " + retry.path("attempt").asInt() + " time(s) and went to the dead-letter list", now,
                Map.of("automation", a.id())));
        return state.withDead(entry);
    }

    private ActionResult dispatchAs(Automation a, String action, JsonNode data, String traceId) {
        Caller caller = new Caller("automation:" + a.id(), a.scopes());
        ObjectNode body = data.isObject() ? (ObjectNode) data.deepCopy() : Json.object();
        return dispatch.apply(new ActionRequest(action, body, new RequestMeta(null, null, "automation:" + a.id(),
                false)), caller);
    }

    /** Writes what an action answered into {@code done}; true when it was OK. */
    private static boolean describe(ActionResult r, ObjectNode done) {
        if (r instanceof ActionResult.Ok ok) {
            done.put("status", "OK");
            done.set("result", ok.data());
            return true;
        }
        ActionResult.Rejected rej = (ActionResult.Rejected) r;
        done.put("status", "REFUSED");
        done.put("code", rej.error().code().name());
        done.put("problem", rej.error().message());
        return false;
    }

    private void record(Automation a, ObjectNode run, AutomationState state, Outcome.Builder out, String traceId,
                        Instant now) {
        ObjectNode audit = Json.object();
        audit.put("automation", a.id());
        audit.put("runId", run.path("runId").asText());
        audit.put("trigger", run.path("trigger").asText());
        audit.put("status", run.path("status").asText());
        out.writeJson(AutomationState.FILE, state.withRun(a.id(), run).toJson())
                .audit(new AuditRecord("automation.ran", "automation:" + a.id(), traceId, audit));
        try {
            unitOfWork.apply(out.build(), now, "automation:" + a.id(), traceId);
        } catch (RuntimeException e) {
            LOG.error("the run of automation {} could not be recorded (trace {})", a.id(), traceId, e);
            raise(new Alert(AlertLevel.IMPORTANT, "AUTOMATION_FAILED", "The run of automation " + a.id()
                    + " could not be recorded: " + e.getMessage(), now, Map.of("automation", a.id())));
        }
    }
}
