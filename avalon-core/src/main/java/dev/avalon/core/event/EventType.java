package dev.avalon.core.event;

import java.util.Objects;

/**
 * One entry of the {@link EventCatalog}.
 *
 * @param name        the event's name, e.g. {@code reminder.created}
 * @param description when it is published and what its data holds
 * @param source      the audit record it is published for ({@code audit:<type>}), or how else it arises
 */
public record EventType(String name, String description, String source) {
    public EventType {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(source, "source");
        if (!EventPattern.isName(name)) {
            throw new IllegalArgumentException("not an event name: " + name);
        }
    }
}
