package dev.avalon.core.event;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Publish/subscribe inside one Avalon (one brain): synchronous, in the order events are published.
 * The unit of work publishes a unit's events after its write is durable, and the kernel lets one
 * writer in at a time, so subscribers hear events in the order their units were written.
 *
 * <p>Subscribers hear an event by descending priority, then in subscription order. One that throws
 * does not stop the others: its failure is logged and returned, and the kernel raises it as an
 * {@code EVENT_SUBSCRIBER_FAILED} alert.
 *
 * <pre>{@code
 * bus.subscribe(Subscription.of("budget", "finance.*", e -> ...).withPriority(10));
 * List<DeliveryFailure> failed = bus.publish(event);
 * }</pre>
 */
public final class EventBus {

    private static final Logger LOG = LoggerFactory.getLogger(EventBus.class);

    private final List<Subscription> subscriptions = new ArrayList<>();
    private final List<EventMiddleware> middleware = new ArrayList<>();

    /** Adds a subscriber; it hears events published from now on. */
    public synchronized Subscription subscribe(Subscription subscription) {
        Objects.requireNonNull(subscription, "subscription");
        subscriptions.add(subscription);
        // stable sort: equal priorities keep subscription order
        subscriptions.sort(Comparator.comparingInt(Subscription::priority).reversed());
        return subscription;
    }

    /** Removes a subscriber; true when it was subscribed. */
    public synchronized boolean unsubscribe(Subscription subscription) {
        return subscriptions.remove(subscription);
    }

    /** Adds a middleware after the ones added before. */
    public synchronized void use(EventMiddleware value) {
        middleware.add(Objects.requireNonNull(value, "value"));
    }

    /** The subscribers, in the order they hear an event. */
    public synchronized List<Subscription> subscriptions() {
        return List.copyOf(subscriptions);
    }

    /**
     * Delivers {@code event} to every subscriber that takes it.
     *
     * @return the subscribers that failed; empty when every one took it
     */
    public List<DeliveryFailure> publish(DomainEvent event) {
        Objects.requireNonNull(event, "event");
        List<Subscription> targets;
        List<EventMiddleware> steps;
        synchronized (this) {
            targets = List.copyOf(subscriptions);
            steps = List.copyOf(middleware);
        }
        List<DeliveryFailure> failures = new ArrayList<>();
        DomainEvent current = event;
        for (EventMiddleware step : steps) {
            try {
                Optional<DomainEvent> next = step.apply(current);
                if (next.isEmpty()) {
                    return failures;
                }
                current = next.get();
            } catch (RuntimeException e) {
                LOG.warn("event middleware failed for {}: {}", current.name(), e.toString());
                failures.add(new DeliveryFailure("middleware", current.name(), e.toString()));
            }
        }
        for (Subscription s : targets) {
            try {
                if (s.takes(current)) {
                    s.listener().on(current);
                }
            } catch (RuntimeException e) {
                LOG.warn("event subscriber {} failed for {}: {}", s.name(), current.name(), e.toString());
                failures.add(new DeliveryFailure(s.name(), current.name(), e.toString()));
            }
        }
        return failures;
    }
}
