package dev.avalon.core.time;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.ChronoField;
import java.util.Objects;

/**
 * The one way Avalon writes a date-time in an answer: the local time in a zone with that zone's offset
 * at the instant, e.g. {@code 2026-11-17T10:00:00+01:00}.
 *
 * <ul>
 *   <li>seconds are always written, a fraction only when it is not zero ({@code 10:00:00.5+01:00});</li>
 *   <li>the offset is always {@code ±hh:mm}, {@code +00:00} rather than {@code Z}, so a front end can read
 *       it with one pattern; only a historic offset with seconds (Amsterdam before 1937,
 *       {@code +00:19:32}) is written {@code ±hh:mm:ss}, since cutting it would name another instant.</li>
 * </ul>
 *
 * <p>Everything written here is read back by {@link DateTimeInput} as the same instant, whatever zone the
 * reading action assumes for local times.
 */
public final class DateTimeOutput {

    private static final DateTimeFormatter FORMAT = new DateTimeFormatterBuilder()
            .appendPattern("uuuu-MM-dd'T'HH:mm:ss")
            .appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true)
            .appendOffset("+HH:MM:ss", "+00:00")
            .toFormatter();

    private DateTimeOutput() {
    }

    /** {@code at} as its local time in {@code zone}, with the offset, e.g. {@code 2026-11-17T10:00:00+01:00}. */
    public static String format(Instant at, ZoneId zone) {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(zone, "zone");
        return FORMAT.format(at.atZone(zone));
    }

    /** {@code at} written with its own offset, e.g. {@code 2026-11-17T10:00:00+01:00}. */
    public static String format(ZonedDateTime at) {
        Objects.requireNonNull(at, "at");
        return FORMAT.format(at);
    }
}
