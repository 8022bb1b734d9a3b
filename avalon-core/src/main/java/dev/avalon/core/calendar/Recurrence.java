package dev.avalon.core.calendar;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.avalon.core.json.Json;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.TreeSet;

/**
 * A recurrence rule with a mandatory end: exactly one of {@code until} (last local date, inclusive)
 * and {@code count}. Instances are produced on the wall clock of the event's zone, so a weekly 10:00
 * meeting stays at 10:00 across DST changes.
 *
 * @param frequency  FREQ
 * @param interval   INTERVAL, at least 1
 * @param byDay      BYDAY weekdays (WEEKLY, MONTHLY); empty means the start's weekday
 * @param byMonthDay BYMONTHDAY days 1..31 (MONTHLY); empty means the start's day of month
 * @param bySetPos   BYSETPOS (MONTHLY): which of a month's dates that {@code byDay}/{@code byMonthDay}
 *                   give are kept, counted from the first (1, 2, …) or the last (-1, -2, …); so
 *                   {@code byDay=[MO], bySetPos=[1]} is the first Monday and {@code byDay=[MO..FR],
 *                   bySetPos=[-1]} the last weekday of each month. Empty keeps them all
 * @param until      last date an instance may start on (inclusive, local), or {@code null}
 * @param count      number of instances (exceptions included), or {@code null}
 */
public record Recurrence(Frequency frequency, int interval, List<DayOfWeek> byDay, List<Integer> byMonthDay,
                         List<Integer> bySetPos, LocalDate until, Integer count) {

    /** A rule without BYSETPOS. */
    public Recurrence(Frequency frequency, int interval, List<DayOfWeek> byDay, List<Integer> byMonthDay,
                      LocalDate until, Integer count) {
        this(frequency, interval, byDay, byMonthDay, List.of(), until, count);
    }

    private static final DateTimeFormatter UTC_STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'");

    public Recurrence {
        Objects.requireNonNull(frequency, "frequency");
        if (interval < 1) {
            throw new IllegalArgumentException("interval must be at least 1");
        }
        byDay = List.copyOf(new TreeSet<>(byDay));
        byMonthDay = List.copyOf(new TreeSet<>(byMonthDay));
        bySetPos = List.copyOf(new TreeSet<>(bySetPos));
        if (bySetPos.contains(0)) {
            throw new IllegalArgumentException("a set position counts from 1 or from -1");
        }
        if (!bySetPos.isEmpty() && (frequency != Frequency.MONTHLY || (byDay.isEmpty() && byMonthDay.isEmpty()))) {
            throw new IllegalArgumentException("BYSETPOS needs MONTHLY with BYDAY or BYMONTHDAY");
        }
        if ((until == null) == (count == null)) {
            throw new IllegalArgumentException("a recurrence needs exactly one of UNTIL and COUNT");
        }
        if (count != null && count < 1) {
            throw new IllegalArgumentException("count must be at least 1");
        }
    }

    /** The result of expanding a rule inside a window. */
    public record Expansion(List<Occurrence> occurrences, boolean truncated) {
        public Expansion {
            occurrences = List.copyOf(occurrences);
        }
    }

    /**
     * The exact length of every instance of a series whose first instance runs from {@code start} to
     * {@code end} (local, in {@code zone}): the time elapsed between the two on the time line.
     *
     * <p>RFC 5545 §3.8.5.3: when a recurring event's length is given by DTEND, "the same exact duration
     * will apply to all the members of the generated recurrence set". So an instance ends its exact
     * length after its own start, not at the first instance's local end time: across a change of the
     * clocks the wall-clock end moves and the elapsed time stays. A weekly 01:00–04:00 series in
     * Europe/Amsterdam that begins in winter time lasts three hours every week; on the night the clocks
     * go forward its instance is 01:00+01:00–05:00+02:00, on the night they go back 01:00+02:00–03:00+01:00.
     * An empty first instance counts as one minute, so every instance has a length. An all-day series
     * is made of dates, not times, and keeps its days instead (see {@link #expand(String, LocalDateTime,
     * LocalDateTime, ZoneId, boolean, java.util.Set, java.time.Instant, java.time.Instant, int)}).
     */
    public static java.time.Duration exactLength(LocalDateTime start, LocalDateTime end, ZoneId zone) {
        java.time.Duration exact = java.time.Duration.between(start.atZone(zone).toInstant(), end.atZone(zone).toInstant());
        return exact.isNegative() || exact.isZero() ? java.time.Duration.ofMinutes(1) : exact;
    }

    /**
     * The instances whose interval meets {@code [from, to)}, in start order, at most {@code cap} of them.
     * Each lasts the {@linkplain #exactLength exact length} of the first; see the overload for all-day series.
     *
     * @param eventId    the event's id, carried into each occurrence
     * @param start      the first instance's local start (DTSTART)
     * @param end        the first instance's local end
     * @param zone       the event's zone
     * @param exceptions local starts of cancelled instances (EXDATE)
     */
    public Expansion expand(String eventId, LocalDateTime start, LocalDateTime end, ZoneId zone,
                            java.util.Set<LocalDateTime> exceptions, java.time.Instant from, java.time.Instant to,
                            int cap) {
        return expand(eventId, start, end, zone, false, exceptions, from, to, cap);
    }

    /**
     * As {@link #expand(String, LocalDateTime, LocalDateTime, ZoneId, java.util.Set, java.time.Instant,
     * java.time.Instant, int)}; the instances of an all-day series ({@code allDay}) cover as many whole
     * local days as the first, from midnight to midnight whatever the clocks do in between.
     */
    public Expansion expand(String eventId, LocalDateTime start, LocalDateTime end, ZoneId zone, boolean allDay,
                            java.util.Set<LocalDateTime> exceptions, java.time.Instant from, java.time.Instant to,
                            int cap) {
        java.time.Duration length = exactLength(start, end, zone);
        java.time.Duration localLength = java.time.Duration.between(start, end);
        List<Occurrence> out = new ArrayList<>();
        // the latest local date an instance starting before `to` can have, with a day of slack for zone offsets
        LocalDate lastDate = to.atZone(zone).toLocalDate().plusDays(1);
        if (until != null && until.isBefore(lastDate)) {
            lastDate = until;
        }
        long period = count == null ? firstUsefulPeriod(start.toLocalDate(), from.atZone(zone).toLocalDate()
                .minusDays(Math.max(1, length.toDays() + 1))) : 0;
        int produced = 0;
        while (true) {
            LocalDate periodStart = periodStart(start.toLocalDate(), period);
            if (periodStart.isAfter(lastDate)) {
                break;
            }
            for (LocalDate date : datesIn(start.toLocalDate(), periodStart)) {
                if (date.isBefore(start.toLocalDate()) || date.isAfter(lastDate)) {
                    continue;
                }
                if (count != null && produced >= count) {
                    return new Expansion(out, false);
                }
                produced++;
                LocalDateTime local = date.atTime(start.toLocalTime());
                if (exceptions.contains(local)) {
                    continue;
                }
                java.time.Instant s = local.atZone(zone).toInstant();
                java.time.Instant e = allDay ? local.plus(localLength).atZone(zone).toInstant() : s.plus(length);
                if (!e.isAfter(s)) {
                    e = s.plus(length);
                }
                if (s.isBefore(to) && e.isAfter(from)) {
                    if (out.size() == cap) {
                        return new Expansion(out, true);
                    }
                    out.add(new Occurrence(eventId, s, e, local));
                }
            }
            period += interval;
        }
        return new Expansion(out, false);
    }

    /** The RRULE value, UNTIL in UTC as RFC 5545 requires for a zoned DTSTART. */
    public String rrule(LocalDateTime start, ZoneId zone) {
        StringBuilder b = new StringBuilder("FREQ=").append(frequency);
        if (interval > 1) {
            b.append(";INTERVAL=").append(interval);
        }
        if (!byDay.isEmpty()) {
            b.append(";BYDAY=").append(String.join(",", byDay.stream().map(Recurrence::twoLetters).toList()));
        }
        if (!byMonthDay.isEmpty()) {
            b.append(";BYMONTHDAY=").append(String.join(",", byMonthDay.stream().map(String::valueOf).toList()));
        }
        if (!bySetPos.isEmpty()) {
            b.append(";BYSETPOS=").append(String.join(",", bySetPos.stream().map(String::valueOf).toList()));
        }
        if (until != null) {
            b.append(";UNTIL=").append(UTC_STAMP.format(until.atTime(start.toLocalTime()).atZone(zone)
                    .withZoneSameInstant(ZoneOffset.UTC)));
        } else {
            b.append(";COUNT=").append(count);
        }
        return b.toString();
    }

    static String twoLetters(DayOfWeek d) {
        return d.name().substring(0, 2);
    }

    static DayOfWeek fromTwoLetters(String s) {
        for (DayOfWeek d : DayOfWeek.values()) {
            if (twoLetters(d).equals(s.toUpperCase(Locale.ROOT))) {
                return d;
            }
        }
        throw new IllegalArgumentException("not a weekday: " + s);
    }

    public ObjectNode toJson() {
        ObjectNode n = Json.object();
        n.put("freq", frequency.name());
        n.put("interval", interval);
        ArrayNode days = n.putArray("byDay");
        byDay.forEach(d -> days.add(twoLetters(d)));
        ArrayNode monthDays = n.putArray("byMonthDay");
        byMonthDay.forEach(monthDays::add);
        if (!bySetPos.isEmpty()) {
            ArrayNode positions = n.putArray("bySetPos");
            bySetPos.forEach(positions::add);
        }
        if (until != null) {
            n.put("until", until.toString());
        }
        if (count != null) {
            n.put("count", count);
        }
        return n;
    }

    public static Recurrence fromJson(JsonNode n) {
        List<DayOfWeek> days = new ArrayList<>();
        n.path("byDay").forEach(d -> days.add(fromTwoLetters(d.asText())));
        List<Integer> monthDays = new ArrayList<>();
        n.path("byMonthDay").forEach(d -> monthDays.add(d.asInt()));
        List<Integer> positions = new ArrayList<>();
        n.path("bySetPos").forEach(d -> positions.add(d.asInt()));
        return new Recurrence(Frequency.valueOf(n.path("freq").asText()), n.path("interval").asInt(1), days,
                monthDays, positions, n.hasNonNull("until") ? LocalDate.parse(n.get("until").asText()) : null,
                n.hasNonNull("count") ? n.get("count").asInt() : null);
    }

    /** The first period index (a multiple of the interval) whose instances can reach {@code date}. */
    private long firstUsefulPeriod(LocalDate first, LocalDate date) {
        if (!date.isAfter(first)) {
            return 0;
        }
        long units = switch (frequency) {
            case DAILY -> ChronoUnit.DAYS.between(first, date);
            case WEEKLY -> ChronoUnit.WEEKS.between(first.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)),
                    date.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)));
            case MONTHLY -> ChronoUnit.MONTHS.between(first.withDayOfMonth(1), date.withDayOfMonth(1));
            case YEARLY -> ChronoUnit.YEARS.between(first.withDayOfYear(1), date.withDayOfYear(1));
        };
        long periods = Math.max(0, units / interval - 1);
        return periods * interval;
    }

    private LocalDate periodStart(LocalDate first, long period) {
        return switch (frequency) {
            case DAILY -> first.plusDays(period);
            case WEEKLY -> first.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)).plusWeeks(period);
            case MONTHLY -> first.withDayOfMonth(1).plusMonths(period);
            case YEARLY -> first.withDayOfYear(1).plusYears(period);
        };
    }

    /** Whether the rule produces {@code first} itself, as RFC 5545 wants of DTSTART. */
    boolean produces(LocalDate first) {
        return datesIn(first, periodStart(first, 0)).contains(first);
    }

    /** The dates of one period, in order, after BYSETPOS. */
    private List<LocalDate> datesIn(LocalDate first, LocalDate periodStart) {
        List<LocalDate> candidates = candidatesIn(first, periodStart);
        if (bySetPos.isEmpty()) {
            return candidates;
        }
        TreeSet<LocalDate> kept = new TreeSet<>();
        for (int position : bySetPos) {
            int index = position > 0 ? position - 1 : candidates.size() + position;
            if (index >= 0 && index < candidates.size()) {
                kept.add(candidates.get(index));
            }
        }
        return List.copyOf(kept);
    }

    /** The candidate dates of one period, in order. */
    private List<LocalDate> candidatesIn(LocalDate first, LocalDate periodStart) {
        List<LocalDate> dates = new ArrayList<>();
        switch (frequency) {
            case DAILY -> dates.add(periodStart);
            case WEEKLY -> {
                List<DayOfWeek> days = byDay.isEmpty() ? List.of(first.getDayOfWeek()) : byDay;
                days.forEach(d -> dates.add(periodStart.plusDays(d.getValue() - 1L)));
            }
            case MONTHLY -> {
                int length = periodStart.lengthOfMonth();
                for (int day = 1; day <= length; day++) {
                    LocalDate date = periodStart.withDayOfMonth(day);
                    boolean dayOk = byMonthDay.isEmpty() ? byDay.isEmpty() && day == first.getDayOfMonth()
                            : byMonthDay.contains(day);
                    boolean weekdayOk = byDay.isEmpty() || byDay.contains(date.getDayOfWeek());
                    if ((byMonthDay.isEmpty() && !byDay.isEmpty() ? weekdayOk : dayOk && weekdayOk)) {
                        dates.add(date);
                    }
                }
            }
            case YEARLY -> {
                if (first.getMonthValue() != 2 || first.getDayOfMonth() != 29 || periodStart.isLeapYear()) {
                    dates.add(periodStart.withMonth(first.getMonthValue()).withDayOfMonth(first.getDayOfMonth()));
                }
            }
        }
        return dates;
    }
}
