package dev.avalon.core.calendar;

import java.util.Objects;

/**
 * Two occurrences that share time; {@code first} starts no later than {@code second}.
 *
 * @param first  the earlier-starting occurrence
 * @param second the other one
 */
public record Overlap(Occurrence first, Occurrence second) {
    public Overlap {
        Objects.requireNonNull(first, "first");
        Objects.requireNonNull(second, "second");
    }
}
