package dev.avalon.core.calendar;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * A free stretch of time {@code [start, end)}.
 *
 * @param start inclusive
 * @param end   exclusive, after start
 */
public record Slot(Instant start, Instant end) {
    public Slot {
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
        if (!end.isAfter(start)) {
            throw new IllegalArgumentException("a slot ends after it starts");
        }
    }

    public Duration length() {
        return Duration.between(start, end);
    }
}
