package dev.avalon.core.event;

import java.util.Optional;

/**
 * Runs on every event before any subscriber hears it, in the order the middleware was added: it may
 * pass the event on, pass on a changed copy (e.g. with facts added), or drop it (empty). A
 * middleware that throws is skipped for that event, and the failure reported like a subscriber's.
 */
@FunctionalInterface
public interface EventMiddleware {
    Optional<DomainEvent> apply(DomainEvent event);
}
