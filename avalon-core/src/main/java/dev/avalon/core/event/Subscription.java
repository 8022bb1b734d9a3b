package dev.avalon.core.event;

import java.util.Objects;
import java.util.function.Predicate;

/**
 * One subscriber on the {@link EventBus}: the events it takes, in which order it hears them and
 * what it does.
 *
 * @param name     for logs and the alert when it fails, e.g. {@code automations}
 * @param pattern  which event names it takes
 * @param priority higher hears first; subscribers of equal priority hear in subscription order
 * @param filter   a further test on the event (its data), after the pattern
 * @param listener what it does
 */
public record Subscription(String name, EventPattern pattern, int priority, Predicate<DomainEvent> filter,
                           DomainEventListener listener) {
    public Subscription {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(pattern, "pattern");
        Objects.requireNonNull(filter, "filter");
        Objects.requireNonNull(listener, "listener");
    }

    /** A subscription of priority 0 without a filter. */
    public static Subscription of(String name, String pattern, DomainEventListener listener) {
        return new Subscription(name, EventPattern.of(pattern), 0, e -> true, listener);
    }

    public Subscription withPriority(int value) {
        return new Subscription(name, pattern, value, filter, listener);
    }

    public Subscription withFilter(Predicate<DomainEvent> value) {
        return new Subscription(name, pattern, priority, value, listener);
    }

    /** Whether this subscriber takes {@code event}. */
    public boolean takes(DomainEvent event) {
        return pattern.matches(event.name()) && filter.test(event);
    }
}
