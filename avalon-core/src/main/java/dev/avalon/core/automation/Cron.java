package dev.avalon.core.automation;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.BitSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;

/**
 * A five-field cron expression ({@code minute hour day-of-month month day-of-week}) read in a time
 * zone. Fields take {@code *}, numbers, ranges {@code a-b}, steps {@code * /n} and {@code a-b/n}, and
 * lists; months and days may be named ({@code JAN}, {@code MON}); day-of-week 0 and 7 are Sunday. When
 * both day fields are restricted, a day matches either (as classic cron does).
 *
 * <p>The DST rule: the expression is read on the wall clock of its zone. A time that does not exist
 * (Europe/Amsterdam, last Sunday of March, 02:00–03:00) fires once, shifted forward by the length of
 * the gap (02:30 fires at 03:30 summer time), unless that instant fires anyway. A time that happens
 * twice (last Sunday of October, 02:00–03:00) fires once, the first time (summer time).
 *
 * @param source the expression as written
 * @param zone   the zone whose wall clock it follows
 */
public record Cron(String source, ZoneId zone) {

    /** How far ahead {@link #next} looks; an expression such as {@code 0 0 31 2 *} never fires. */
    private static final int MAX_DAYS = 366 * 8 + 2;
    private static final List<String> MONTHS = List.of("JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG",
            "SEP", "OCT", "NOV", "DEC");
    private static final List<String> DAYS = List.of("SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT");

    public Cron {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(zone, "zone");
        fields(source);
    }

    /**
     * The expression {@code source} in {@code zone}.
     *
     * @throws IllegalArgumentException naming the field that is wrong
     */
    public static Cron parse(String source, ZoneId zone) {
        return new Cron(source, zone);
    }

    /** The first firing strictly after {@code after}; empty when it never fires (e.g. 31 February). */
    public Optional<Instant> next(Instant after) {
        Fields f = fields(source);
        LocalDate day = after.atZone(zone).toLocalDate().minusDays(1);
        for (int i = 0; i < MAX_DAYS; i++, day = day.plusDays(1)) {
            if (!f.matchesDay(day)) {
                continue;
            }
            TreeSet<Instant> firings = new TreeSet<>();
            for (int h = f.hours.nextSetBit(0); h >= 0; h = f.hours.nextSetBit(h + 1)) {
                for (int m = f.minutes.nextSetBit(0); m >= 0; m = f.minutes.nextSetBit(m + 1)) {
                    // ofLocal: a gap moves forward by its length, an overlap takes the earlier offset
                    firings.add(ZonedDateTime.ofLocal(LocalDateTime.of(day, LocalTime.of(h, m)), zone, null)
                            .toInstant());
                }
            }
            Instant found = firings.higher(after);
            if (found != null) {
                return Optional.of(found);
            }
        }
        return Optional.empty();
    }

    /** Whether it fires in {@code (from, to]}: missed firings count once. */
    public boolean firesBetween(Instant from, Instant to) {
        return next(from).map(n -> !n.isAfter(to)).orElse(false);
    }

    private record Fields(BitSet minutes, BitSet hours, BitSet days, BitSet months, BitSet weekdays,
                          boolean anyDay, boolean anyWeekday) {
        boolean matchesDay(LocalDate d) {
            if (!months.get(d.getMonthValue())) {
                return false;
            }
            boolean dom = days.get(d.getDayOfMonth());
            boolean dow = weekdays.get(d.getDayOfWeek() == DayOfWeek.SUNDAY ? 0 : d.getDayOfWeek().getValue());
            if (anyDay || anyWeekday) {
                return dom && dow;
            }
            return dom || dow;
        }
    }

    private static Fields fields(String source) {
        String[] parts = source.trim().split("\\s+");
        if (parts.length != 5 || source.length() > 200) {
            throw new IllegalArgumentException("a cron expression has five fields (minute hour day month weekday): "
                    + source);
        }
        BitSet weekdays = field(parts[4], 0, 7, DAYS, "weekday");
        if (weekdays.get(7)) {
            weekdays.set(0);
        }
        return new Fields(field(parts[0], 0, 59, List.of(), "minute"), field(parts[1], 0, 23, List.of(), "hour"),
                field(parts[2], 1, 31, List.of(), "day of month"), field(parts[3], 1, 12, MONTHS, "month"),
                weekdays, parts[2].startsWith("*"), parts[4].startsWith("*"));
    }

    private static BitSet field(String text, int min, int max, List<String> names, String what) {
        BitSet set = new BitSet(max + 1);
        for (String item : text.split(",", -1)) {
            String range = item;
            int step = 1;
            int slash = item.indexOf('/');
            if (slash >= 0) {
                range = item.substring(0, slash);
                step = number(item.substring(slash + 1), 1, max + 1, List.of(), what + " step", 0);
            }
            int lo;
            int hi;
            if (range.equals("*")) {
                lo = min;
                hi = max;
            } else if (range.contains("-")) {
                String[] ends = range.split("-", -1);
                if (ends.length != 2) {
                    throw new IllegalArgumentException("bad " + what + " range: " + item);
                }
                int offset = names.equals(MONTHS) ? 1 : 0;
                lo = number(ends[0], min, max, names, what, offset);
                hi = number(ends[1], min, max, names, what, offset);
                if (lo > hi) {
                    throw new IllegalArgumentException("bad " + what + " range (start after end): " + item);
                }
            } else {
                lo = number(range, min, max, names, what, names.equals(MONTHS) ? 1 : 0);
                hi = slash >= 0 ? max : lo;
            }
            for (int v = lo; v <= hi; v += step) {
                set.set(v);
            }
        }
        return set;
    }

    private static int number(String text, int min, int max, List<String> names, String what, int nameOffset) {
        int i = names.indexOf(text.toUpperCase(Locale.ROOT));
        if (i >= 0) {
            return i + nameOffset;
        }
        if (!text.matches("\\d{1,2}")) {
            throw new IllegalArgumentException("bad " + what + ": '" + text + "'");
        }
        int v = Integer.parseInt(text);
        if (v < min || v > max) {
            throw new IllegalArgumentException(what + " " + v + " is outside " + min + "-" + max);
        }
        return v;
    }
}
