package dev.avalon.testkit.fuzz;

/**
 * Resolves the placeholders of a {@link FuzzRequest} against the running brain, just before the request
 * is sent. Implementations must be deterministic for a deterministic run, so that a seed reproduces it.
 */
public interface Bindings {

    /**
     * An existing id or name of {@code kind} (an id prefix such as {@code EV}, {@code R}, {@code Q}, or
     * a field name such as {@code file}); {@code pick} chooses among several, modulo their number. When
     * none is known, a plausible value that names nothing (e.g. {@code EV-0001}).
     */
    String ref(String kind, int pick);

    /** The clock's now plus {@code minutes} (may be negative) in {@code shape}, in the user's zone. */
    String time(long minutes, TimeShape shape);

    /** How a time placeholder is written. */
    enum TimeShape {
        /** {@code 2026-11-24T09:00:00+01:00} */
        OFFSET,
        /** {@code 2026-11-24T09:00} (local, no offset) */
        LOCAL,
        /** {@code 2026-11-24} */
        DATE,
        /** {@code 2026-W48} (ISO week) */
        WEEK
    }
}
