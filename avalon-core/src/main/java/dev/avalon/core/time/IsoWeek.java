package dev.avalon.core.time;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.IsoFields;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An ISO-8601 week such as {@code 2026-W47}: Monday to Sunday, week 1 holds the year's first
 * Thursday. The logbook, the insight metrics and weekclose all count in these weeks, in the user's zone.
 *
 * @param year the week-based year (not always the calendar year of every day in the week)
 * @param week 1 to 52 or 53
 */
public record IsoWeek(int year, int week) implements Comparable<IsoWeek> {

    private static final Pattern FORMAT = Pattern.compile("(\\d{4})-W(\\d{2})");

    public IsoWeek {
        if (year < 1 || year > 9999) {
            throw new IllegalArgumentException("year must be 1..9999: " + year);
        }
        long weeks = LocalDate.of(year, 6, 1).range(IsoFields.WEEK_OF_WEEK_BASED_YEAR).getMaximum();
        if (week < 1 || week > weeks) {
            throw new IllegalArgumentException(year + " has weeks 1.." + weeks + ", not " + week);
        }
    }

    /** The week that holds {@code date}. */
    public static IsoWeek of(LocalDate date) {
        Objects.requireNonNull(date, "date");
        return new IsoWeek(date.get(IsoFields.WEEK_BASED_YEAR), date.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
    }

    /** The week that holds {@code instant} in {@code zone}. */
    public static IsoWeek of(Instant instant, ZoneId zone) {
        return of(instant.atZone(zone).toLocalDate());
    }

    /**
     * Parses {@code yyyy-Www}.
     *
     * @throws IllegalArgumentException when the text is not such a week or the week does not exist
     */
    public static IsoWeek parse(String text) {
        Matcher m = FORMAT.matcher(Objects.requireNonNull(text, "text"));
        if (!m.matches()) {
            throw new IllegalArgumentException("a week looks like 2026-W47: " + text);
        }
        return new IsoWeek(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
    }

    /** The Monday of this week. */
    public LocalDate monday() {
        return LocalDate.of(year, 6, 1).with(IsoFields.WEEK_OF_WEEK_BASED_YEAR, week).with(DayOfWeek.MONDAY);
    }

    /** The Sunday of this week. */
    public LocalDate sunday() {
        return monday().plusDays(6);
    }

    public boolean contains(LocalDate date) {
        return !date.isBefore(monday()) && !date.isAfter(sunday());
    }

    /** The week {@code n} weeks later (negative: earlier). */
    public IsoWeek plus(int n) {
        return of(monday().plusWeeks(n));
    }

    @Override
    public int compareTo(IsoWeek other) {
        return monday().compareTo(other.monday());
    }

    /** {@code yyyy-Www}, e.g. {@code 2026-W47}. */
    @Override
    public String toString() {
        return String.format("%04d-W%02d", year, week);
    }
}
