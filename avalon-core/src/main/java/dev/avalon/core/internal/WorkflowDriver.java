package dev.avalon.core.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.avalon.core.action.ActionContext;
import dev.avalon.core.action.Outcome;
import dev.avalon.core.base.Refusal;
import dev.avalon.core.feature.Feature;
import dev.avalon.core.json.Json;
import dev.avalon.core.port.Alert;
import dev.avalon.core.port.AlertLevel;
import dev.avalon.core.port.AlertSink;
import dev.avalon.core.question.Question;
import dev.avalon.core.question.QuestionStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Lets features advance their workflows ({@link Feature#advance}): each step is applied as its own
 * unit of work, so a crash between two steps leaves the first durable and the second to the next
 * call. What the steps answer is merged into the answer so far: result fields, questions and alerts.
 */
final class WorkflowDriver {

    private static final Logger LOG = LoggerFactory.getLogger(WorkflowDriver.class);

    /** More steps than any workflow has between two user answers; guards against a step that makes no progress. */
    private static final int MAX_STEPS = 64;

    private final List<Feature> features;
    private final UnitOfWork unitOfWork;
    private final ContextFactory contexts;
    private final HealthProbe health;
    private final AlertSink alerts;

    WorkflowDriver(List<Feature> features, UnitOfWork unitOfWork, ContextFactory contexts, HealthProbe health,
                   AlertSink alerts) {
        this.features = List.copyOf(features);
        this.unitOfWork = unitOfWork;
        this.contexts = contexts;
        this.health = health;
        this.alerts = alerts;
    }

    UnitOfWork.Applied advance(UnitOfWork.Applied before, Instant now, String actor, String traceId) {
        JsonNode result = before.result();
        List<Question> asked = new ArrayList<>(before.asked());
        List<Alert> raised = new ArrayList<>(before.alerts());
        for (int i = 0; i < MAX_STEPS && health.suspension(now).isEmpty(); i++) {
            ActionContext ctx = contexts.internal("system.advance", Json.object(), actor, traceId, now);
            UnitOfWork.Applied step = null;
            for (Feature feature : features) {
                try {
                    Optional<Outcome> next = feature.advance(ctx);
                    if (next.isPresent()) {
                        step = unitOfWork.apply(next.get(), now, actor, traceId);
                        break;
                    }
                } catch (RuntimeException e) {
                    LOG.error("workflow step of {} failed (trace {})", feature.name(), traceId, e);
                    String problem = e instanceof Refusal r ? r.error().message() : e.getClass().getSimpleName();
                    Alert alert = new Alert(AlertLevel.IMPORTANT, "WORKFLOW_STEP_FAILED",
                            "A step of " + feature.name() + " failed and will be retried: " + problem, now,
                            Map.of("feature", feature.name()));
                    alerts.raise(alert);
                    raised.add(alert);
                    return new UnitOfWork.Applied(result, asked, raised);
                }
            }
            if (step == null) {
                break;
            }
            UnitOfWork.Applied done = step;
            result = merged(result, done.result());
            asked.removeIf(q -> done.asked().stream().anyMatch(x -> x.id().equals(q.id()))
                    || ctx.brain().questions().find(q.id()).map(x -> x.status() != QuestionStatus.OPEN).orElse(false));
            asked.addAll(done.asked());
            raised.addAll(done.alerts());
        }
        return new UnitOfWork.Applied(result, asked, raised);
    }

    static JsonNode merged(JsonNode result, JsonNode more) {
        if (!result.isObject() || !more.isObject()) {
            return result;
        }
        ObjectNode merged = (ObjectNode) result.deepCopy();
        merged.setAll((ObjectNode) more);
        return merged;
    }
}
