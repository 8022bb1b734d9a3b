package dev.avalon.core.event;

/** Receives domain events after their unit of work is durable. A failing listener never breaks others. */
@FunctionalInterface
public interface DomainEventListener {
    void on(DomainEvent event);
}
