package dev.avalon.core.internal;

import dev.avalon.core.action.ActionContext;
import dev.avalon.core.action.Outcome;
import dev.avalon.core.event.DomainEvent;
import dev.avalon.core.event.EventPattern;
import dev.avalon.core.event.Subscription;
import dev.avalon.core.feature.Feature;
import dev.avalon.core.json.Json;
import dev.avalon.core.port.Alert;
import dev.avalon.core.port.AlertLevel;
import dev.avalon.core.port.AlertSink;
import dev.avalon.core.port.IdSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Lets features answer durable events ({@link Feature#onEvent}). It hears every event on the bus and
 * queues it; after the action or tick that published it, {@link #drain} hands each to every feature and
 * applies each answer as a unit of work of its own, whose events are queued in turn.
 */
final class EventReactions {

    private static final Logger LOG = LoggerFactory.getLogger(EventReactions.class);

    /** Events handled per drain at most: a guard against features answering each other for ever. */
    private static final int MAX_EVENTS = 500;

    private final List<Feature> features;
    private final UnitOfWork unitOfWork;
    private final ContextFactory contexts;
    private final HealthProbe health;
    private final AlertSink alerts;
    private final IdSource ids;
    private final Deque<DomainEvent> queue = new ArrayDeque<>();
    private boolean draining;

    EventReactions(List<Feature> features, UnitOfWork unitOfWork, ContextFactory contexts, HealthProbe health,
                   AlertSink alerts, IdSource ids) {
        this.features = List.copyOf(features);
        this.unitOfWork = unitOfWork;
        this.contexts = contexts;
        this.health = health;
        this.alerts = alerts;
        this.ids = ids;
    }

    /** The subscription that queues events for {@link #drain}. */
    Subscription subscription() {
        return new Subscription("feature-reactions", EventPattern.of("**"), Integer.MIN_VALUE + 1, e -> true,
                queue::add);
    }

    /** Hands the queued events to the features; how many units their answers made. */
    int drain(Instant now) {
        if (draining) {
            return 0;
        }
        draining = true;
        int units = 0;
        int handled = 0;
        try {
            while (!queue.isEmpty()) {
                DomainEvent event = queue.poll();
                if (health.suspension(now).isPresent()) {
                    queue.clear();
                    break;
                }
                if (++handled > MAX_EVENTS) {
                    LOG.warn("event reactions capped at {} events; {} left unhandled", MAX_EVENTS, queue.size() + 1);
                    queue.clear();
                    break;
                }
                String traceId = ids.next("T");
                ActionContext ctx = contexts.internal("system.event", Json.object(), "avalon", traceId, now);
                for (Feature feature : features) {
                    try {
                        Optional<Outcome> answer = feature.onEvent(ctx, event);
                        if (answer.isPresent()) {
                            unitOfWork.apply(answer.get(), now, "avalon", traceId);
                            units++;
                            ctx = contexts.internal("system.event", Json.object(), "avalon", traceId, now);
                        }
                    } catch (RuntimeException e) {
                        LOG.error("{} failed on {} (trace {})", feature.name(), event.name(), traceId, e);
                        alerts.raise(new Alert(AlertLevel.IMPORTANT, "EVENT_REACTION_FAILED", "The " + feature.name()
                                + " feature failed on " + event.name() + ": " + e.getMessage(), now,
                                Map.of("feature", feature.name(), "event", event.name())));
                    }
                }
            }
        } finally {
            draining = false;
        }
        return units;
    }
}
