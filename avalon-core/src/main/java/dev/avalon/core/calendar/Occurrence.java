package dev.avalon.core.calendar;

import java.time.Instant;
import java.time.LocalDateTime;
import java.util.Objects;

/**
 * One instance of an event on the time line: a half-open interval {@code [start, end)} in UTC.
 *
 * @param eventId       the event it belongs to
 * @param start         inclusive start
 * @param end           exclusive end, after {@code start}
 * @param originalStart the instance's local start as the rule produced it (its RECURRENCE-ID), in the event's zone
 */
public record Occurrence(String eventId, Instant start, Instant end, LocalDateTime originalStart) {
    public Occurrence {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
        Objects.requireNonNull(originalStart, "originalStart");
        if (!end.isAfter(start)) {
            throw new IllegalArgumentException("an occurrence ends after it starts: " + start + " / " + end);
        }
    }

    /** Whether the two half-open intervals share time (touching ends do not overlap). */
    public boolean overlaps(Occurrence other) {
        return start.isBefore(other.end) && other.start.isBefore(end);
    }
}
