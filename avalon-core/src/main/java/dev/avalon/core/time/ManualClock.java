package dev.avalon.core.time;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Objects;

/**
 * A clock that moves only when told to: demos play a week in seconds and tests control time. Never
 * goes backwards.
 */
public class ManualClock extends Clock {

    private volatile Instant now;
    private final ZoneId zone;

    public ManualClock(Instant start, ZoneId zone) {
        this.now = Objects.requireNonNull(start, "start");
        this.zone = Objects.requireNonNull(zone, "zone");
    }

    public ManualClock(Instant start) {
        this(start, ZoneId.of("UTC"));
    }

    /** Moves to {@code instant}; refuses to go back in time. */
    public synchronized void setTo(Instant instant) {
        if (instant.isBefore(now)) {
            throw new IllegalArgumentException("the clock cannot go back from " + now + " to " + instant);
        }
        now = instant;
    }

    public synchronized void advance(Duration by) {
        if (by.isNegative()) {
            throw new IllegalArgumentException("the clock cannot go back");
        }
        now = now.plus(by);
    }

    @Override
    public ZoneId getZone() {
        return zone;
    }

    @Override
    public Clock withZone(ZoneId newZone) {
        return new ManualClockView(this, newZone);
    }

    @Override
    public Instant instant() {
        return now;
    }

    /** The same manual time seen in another zone. */
    private static final class ManualClockView extends Clock {
        private final ManualClock source;
        private final ZoneId zone;

        ManualClockView(ManualClock source, ZoneId zone) {
            this.source = source;
            this.zone = zone;
        }

        @Override
        public ZoneId getZone() {
            return zone;
        }

        @Override
        public Clock withZone(ZoneId z) {
            return new ManualClockView(source, z);
        }

        @Override
        public Instant instant() {
            return source.instant();
        }
    }
}
