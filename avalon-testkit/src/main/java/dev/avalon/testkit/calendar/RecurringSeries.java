package dev.avalon.testkit.calendar;

import dev.avalon.core.calendar.Frequency;
import dev.avalon.core.calendar.Occurrence;
import dev.avalon.core.calendar.Recurrence;
import dev.avalon.core.port.RemoteEvent;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The instances of a recurring event as a remote calendar expands it, shared by the fakes so both name
 * and find instances alike. It reads the RRULE subset Avalon writes ({@code FREQ}, {@code INTERVAL},
 * {@code BYDAY} without ordinals, {@code BYMONTHDAY}, {@code BYSETPOS}, {@code UNTIL}, {@code COUNT}) and {@code EXDATE}
 * lines, and expands on the wall clock of the series' zone; an all-day series is expanded in whole days.
 *
 * <pre>{@code
 * RecurringSeries weekly = RecurringSeries.of("abc00001", List.of("RRULE:FREQ=WEEKLY;COUNT=4"),
 *         LocalDateTime.parse("2026-11-24T19:30"), LocalDateTime.parse("2026-11-24T21:00"),
 *         ZoneId.of("Europe/Amsterdam"), false).orElseThrow();
 * weekly.instanceId(LocalDateTime.parse("2026-12-01T19:30"));   // "abc00001_20261201T183000Z"
 * }</pre>
 */
public final class RecurringSeries {

    private static final DateTimeFormatter UTC_STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'");
    private static final DateTimeFormatter LOCAL_STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss");
    private static final DateTimeFormatter DAY_STAMP = DateTimeFormatter.ofPattern("yyyyMMdd");
    /** Far more instances than a test series has; a bound so that a runaway rule cannot hang a fake. */
    private static final int CAP = 10_000;

    private final String id;
    private final LocalDateTime start;
    private final LocalDateTime end;
    private final ZoneId zone;
    private final boolean allDay;
    private final List<LocalDateTime> originalStarts;

    private RecurringSeries(String id, LocalDateTime start, LocalDateTime end, ZoneId zone, boolean allDay,
                            List<LocalDateTime> originalStarts) {
        this.id = id;
        this.start = start;
        this.end = end;
        this.zone = zone;
        this.allDay = allDay;
        this.originalStarts = List.copyOf(originalStarts);
    }

    /**
     * The series {@code id} whose first instance runs {@code [start, end)} on the wall clock of {@code zone}
     * (for an all-day series: midnights, the zone is not used), or empty when {@code recurrence} holds no
     * RRULE of the subset read here or the rule has no end.
     */
    public static Optional<RecurringSeries> of(String id, List<String> recurrence, LocalDateTime start,
                                               LocalDateTime end, ZoneId zone, boolean allDay) {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
        Objects.requireNonNull(zone, "zone");
        ZoneId clock = allDay ? ZoneOffset.UTC : zone;
        Recurrence rule = null;
        Set<LocalDateTime> excluded = new HashSet<>();
        try {
            for (String line : recurrence) {
                String upper = line.toUpperCase(Locale.ROOT);
                if (upper.startsWith("RRULE:")) {
                    rule = rule(line.substring("RRULE:".length()), start, clock);
                } else if (upper.startsWith("EXDATE")) {
                    excluded.addAll(exdates(line, start, clock));
                }
            }
        } catch (IllegalArgumentException | DateTimeParseException e) {
            return Optional.empty();
        }
        if (rule == null || !end.isAfter(start)) {
            return Optional.empty();
        }
        Instant from = start.atZone(clock).toInstant().minus(Duration.ofDays(1));
        // a COUNT ends the expansion by itself; the far bound only has to lie beyond it
        Instant to = rule.until() != null ? rule.until().plusDays(2).atStartOfDay(clock).toInstant()
                : start.plusYears(1000).atZone(clock).toInstant();
        List<LocalDateTime> starts = new ArrayList<>();
        for (Occurrence o : rule.expand(id, start, end, clock, excluded, from, to, CAP).occurrences()) {
            starts.add(o.originalStart());
        }
        return Optional.of(new RecurringSeries(id, start, end, zone, allDay, starts));
    }

    /** The series' remote id. */
    public String id() {
        return id;
    }

    /** Whether instances are whole days. */
    public boolean allDay() {
        return allDay;
    }

    /** The original local starts of every instance, in order, EXDATEs left out. */
    public List<LocalDateTime> originalStarts() {
        return originalStarts;
    }

    /** Whether the rule gives an instance at {@code originalStart} that no EXDATE removes. */
    public boolean has(LocalDateTime originalStart) {
        return originalStarts.contains(originalStart);
    }

    /** How long an instance lasts on the wall clock. */
    public Duration length() {
        return Duration.between(start, end);
    }

    /** {@code local} on the series' clock as an instant (an all-day series: the day's UTC midnight). */
    public Instant instant(LocalDateTime local) {
        return local.atZone(allDay ? ZoneOffset.UTC : zone).toInstant();
    }

    /** {@code at} on the series' clock (an all-day series: the UTC day's midnight). */
    public LocalDateTime local(Instant at) {
        return allDay ? LocalDate.ofInstant(at, ZoneOffset.UTC).atStartOfDay() : LocalDateTime.ofInstant(at, zone);
    }

    /** The id of the instance at {@code originalStart}, as {@link RemoteEvent#instanceId} names it. */
    public String instanceId(LocalDateTime originalStart) {
        return RemoteEvent.instanceId(id, instant(originalStart), allDay);
    }

    /** The original start of the instance {@code instanceId} names, if it names one of this series. */
    public Optional<LocalDateTime> originalStartOf(String instanceId) {
        return stampOf(instanceId).filter(stamp -> instanceId.equals(id + "_" + stamp)).flatMap(stamp -> {
            try {
                LocalDateTime local = stamp.length() == 8
                        ? LocalDate.parse(stamp, DAY_STAMP).atStartOfDay()
                        : local(LocalDateTime.parse(stamp, UTC_STAMP).toInstant(ZoneOffset.UTC));
                return has(local) && instanceId(local).equals(instanceId) ? Optional.of(local) : Optional.empty();
            } catch (DateTimeParseException e) {
                return Optional.empty();
            }
        });
    }

    /** The series id in an instance id ({@code <seriesId>_<stamp>}), if it has that form. */
    public static Optional<String> seriesIdOf(String instanceId) {
        return stampOf(instanceId).map(stamp -> instanceId.substring(0, instanceId.length() - stamp.length() - 1));
    }

    private static Optional<String> stampOf(String instanceId) {
        int cut = instanceId.lastIndexOf('_');
        if (cut <= 0) {
            return Optional.empty();
        }
        String stamp = instanceId.substring(cut + 1);
        boolean day = stamp.matches("[0-9]{8}");
        boolean time = stamp.matches("[0-9]{8}T[0-9]{6}Z");
        return day || time ? Optional.of(stamp) : Optional.empty();
    }

    private static Recurrence rule(String value, LocalDateTime start, ZoneId clock) {
        Frequency frequency = null;
        int interval = 1;
        List<DayOfWeek> byDay = new ArrayList<>();
        List<Integer> bySetPos = new ArrayList<>();
        List<Integer> byMonthDay = new ArrayList<>();
        LocalDate until = null;
        Integer count = null;
        for (String part : value.split(";")) {
            int eq = part.indexOf('=');
            if (eq < 0) {
                throw new IllegalArgumentException("not NAME=VALUE: " + part);
            }
            String name = part.substring(0, eq).toUpperCase(Locale.ROOT);
            String v = part.substring(eq + 1);
            switch (name) {
                case "FREQ" -> frequency = Frequency.valueOf(v.toUpperCase(Locale.ROOT));
                case "INTERVAL" -> interval = Integer.parseInt(v);
                case "BYDAY" -> {
                    for (String d : v.split(",")) {
                        byDay.add(weekday(d));
                    }
                }
                case "BYMONTHDAY" -> {
                    for (String d : v.split(",")) {
                        byMonthDay.add(Integer.parseInt(d));
                    }
                }
                case "BYSETPOS" -> {
                    for (String d : v.split(",")) {
                        bySetPos.add(Integer.parseInt(d));
                    }
                }
                case "UNTIL" -> until = v.length() == 8 ? LocalDate.parse(v, DAY_STAMP)
                        : LocalDateTime.parse(v, UTC_STAMP).atOffset(ZoneOffset.UTC).atZoneSameInstant(clock)
                        .toLocalDate();
                case "COUNT" -> count = Integer.parseInt(v);
                case "WKST" -> {
                    // Monday, the only week start Avalon writes, is also the default
                }
                default -> throw new IllegalArgumentException("RRULE part not read here: " + name);
            }
        }
        if (frequency == null) {
            throw new IllegalArgumentException("RRULE without FREQ");
        }
        return new Recurrence(frequency, interval, byDay, byMonthDay, bySetPos, until, count);
    }

    private static DayOfWeek weekday(String twoLetters) {
        for (DayOfWeek d : DayOfWeek.values()) {
            if (d.name().substring(0, 2).equalsIgnoreCase(twoLetters)) {
                return d;
            }
        }
        throw new IllegalArgumentException("not a weekday (ordinals are not read here): " + twoLetters);
    }

    /** The local starts an EXDATE line removes: TZID local times, UTC times or dates. */
    private static List<LocalDateTime> exdates(String line, LocalDateTime start, ZoneId clock) {
        int colon = line.indexOf(':');
        ZoneId zone = clock;
        for (String param : line.substring(0, colon).split(";")) {
            if (param.toUpperCase(Locale.ROOT).startsWith("TZID=")) {
                zone = ZoneId.of(param.substring("TZID=".length()));
            }
        }
        List<LocalDateTime> out = new ArrayList<>();
        for (String value : line.substring(colon + 1).split(",")) {
            if (value.length() == 8) {
                out.add(LocalDate.parse(value, DAY_STAMP).atTime(start.toLocalTime()));
            } else if (value.endsWith("Z")) {
                out.add(LocalDateTime.ofInstant(LocalDateTime.parse(value, UTC_STAMP).toInstant(ZoneOffset.UTC), clock));
            } else {
                out.add(LocalDateTime.parse(value, LOCAL_STAMP).atZone(zone).withZoneSameInstant(clock)
                        .toLocalDateTime());
            }
        }
        return out;
    }
}
