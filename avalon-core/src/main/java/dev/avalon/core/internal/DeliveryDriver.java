package dev.avalon.core.internal;

import dev.avalon.core.action.ActionContext;
import dev.avalon.core.action.Outcome;
import dev.avalon.core.feature.Feature;
import dev.avalon.core.json.Json;
import dev.avalon.core.port.Alert;
import dev.avalon.core.question.Question;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The transactional outbox's second half: once the units of work that queued something for the world
 * outside are durable, each feature delivers what is due ({@link Feature#deliver}) and the outcome
 * that records it is applied as a unit of its own. A crash before that unit delivers again on the
 * next start, under the same key: at least once.
 */
final class DeliveryDriver {

    private static final Logger LOG = LoggerFactory.getLogger(DeliveryDriver.class);

    private final List<Feature> features;
    private final UnitOfWork unitOfWork;
    private final ContextFactory contexts;

    DeliveryDriver(List<Feature> features, UnitOfWork unitOfWork, ContextFactory contexts) {
        this.features = List.copyOf(features);
        this.unitOfWork = unitOfWork;
        this.contexts = contexts;
    }

    UnitOfWork.Applied deliver(UnitOfWork.Applied before, Instant now, String actor, String traceId) {
        UnitOfWork.Applied answer = before;
        for (Feature feature : features) {
            ActionContext ctx = contexts.internal("system.deliver", Json.object(), actor, traceId, now);
            Optional<Outcome> delivered;
            try {
                delivered = feature.deliver(ctx, answer.result());
            } catch (RuntimeException e) {
                // what was not delivered stays queued in the brain for the next call
                LOG.error("delivery of {} failed (trace {})", feature.name(), traceId, e);
                continue;
            }
            if (delivered.isPresent()) {
                UnitOfWork.Applied done = unitOfWork.apply(delivered.get(), now, actor, traceId);
                List<Question> asked = new ArrayList<>(answer.asked());
                asked.addAll(done.asked());
                List<Alert> alerts = new ArrayList<>(answer.alerts());
                alerts.addAll(done.alerts());
                answer = new UnitOfWork.Applied(done.result(), asked, alerts);
            }
        }
        return answer;
    }
}
