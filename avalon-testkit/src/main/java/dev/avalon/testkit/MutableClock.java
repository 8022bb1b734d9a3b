package dev.avalon.testkit;

import dev.avalon.core.time.ManualClock;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;

/**
 * A manual clock for tests: starts where you say and moves only when you say.
 *
 * <pre>{@code
 * MutableClock clock = MutableClock.at("2026-11-23T08:00:00+01:00");
 * clock.advance(Duration.ofDays(1));
 * }</pre>
 */
public class MutableClock extends ManualClock {

    public MutableClock(Instant start, ZoneId zone) {
        super(start, zone);
    }

    /** A clock at an ISO-8601 instant with offset, in UTC. */
    public static MutableClock at(String isoOffsetDateTime) {
        return new MutableClock(OffsetDateTime.parse(isoOffsetDateTime).toInstant(), ZoneId.of("UTC"));
    }

    /** Moves forward by {@code by}; returns this clock. */
    public MutableClock plus(Duration by) {
        advance(by);
        return this;
    }
}
