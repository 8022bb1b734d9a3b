package dev.avalon.core.schedule;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * When a job is due, given the current behaviour document (so the user's rules can move it, e.g.
 * {@code dailyLog.time}). Times are local to the user's zone.
 */
@FunctionalInterface
public interface JobTiming {
    /** The schedule in force under {@code behaviour} (the parsed behaviour.avl document). */
    Schedule schedule(JsonNode behaviour);

    /** A fixed schedule that ignores the behaviour rules. */
    static JobTiming fixed(Schedule schedule) {
        return behaviour -> schedule;
    }
}
