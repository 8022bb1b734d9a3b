package dev.avalon.core.event;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;
import java.util.Objects;

/**
 * Something that happened in the domain, published after the unit of work that caused it.
 *
 * @param name e.g. {@code behaviour.patched}, {@code brain.committed}
 * @param data facts for subscribers
 * @param at   when it happened
 */
public record DomainEvent(String name, JsonNode data, Instant at) {
    public DomainEvent {
        Objects.requireNonNull(name, "name");
        data = Objects.requireNonNull(data, "data").deepCopy();
        Objects.requireNonNull(at, "at");
    }
}
