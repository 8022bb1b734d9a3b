package dev.avalon.core.schedule;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;

/**
 * The instants a {@link Schedule} stands for in a zone, DST included.
 *
 * <ul>
 *   <li>A local time that does not exist that day (it falls in the spring-forward gap) stands for
 *       the next valid instant: the end of the gap (02:30 on the last Sunday of March in Amsterdam
 *       fires at 03:00 CEST).</li>
 *   <li>A local time that occurs twice (the autumn overlap) stands for its first occurrence only.</li>
 *   <li>Slots of one day that map to the same instant count once (every 15 minutes through the
 *       spring gap: 02:00, 02:15, 02:30, 02:45 and 03:00 are one slot).</li>
 * </ul>
 */
public final class Slots {

    /** A weekly slot is at most a week back; one more day covers a slot moved by a gap. */
    private static final int LOOK_BACK_DAYS = 8;

    private Slots() {
    }

    /** The slots of {@code schedule} on the local {@code date}, ascending and distinct. */
    public static List<Instant> on(Schedule schedule, ZoneId zone, LocalDate date) {
        Objects.requireNonNull(schedule, "schedule");
        Objects.requireNonNull(zone, "zone");
        Objects.requireNonNull(date, "date");
        if (schedule instanceof Schedule.Daily d) {
            return List.of(resolve(date, d.time(), zone));
        }
        if (schedule instanceof Schedule.Weekly w) {
            return date.getDayOfWeek() == w.day() ? List.of(resolve(date, w.time(), zone)) : List.of();
        }
        Schedule.Every e = (Schedule.Every) schedule;
        TreeSet<Instant> set = new TreeSet<>();
        long step = Math.max(1, e.period().toSeconds());
        for (long s = 0; s < 86_400; s += step) {
            set.add(resolve(date, LocalTime.ofSecondOfDay(s), zone));
        }
        return new ArrayList<>(set);
    }

    /** The latest slot at or before {@code at}, if any within the look-back window. */
    public static Optional<Instant> latestAtOrBefore(Schedule schedule, ZoneId zone, Instant at) {
        return latest(schedule, zone, at, true);
    }

    /** The latest slot strictly before {@code at}, if any within the look-back window. */
    public static Optional<Instant> latestBefore(Schedule schedule, ZoneId zone, Instant at) {
        return latest(schedule, zone, at, false);
    }

    /** The first slot strictly after {@code at}, if any within a week and a day. */
    public static Optional<Instant> nextAfter(Schedule schedule, ZoneId zone, Instant at) {
        LocalDate day = at.atZone(zone).toLocalDate();
        for (int ahead = 0; ahead <= LOOK_BACK_DAYS; ahead++) {
            for (Instant s : on(schedule, zone, day.plusDays(ahead))) {
                if (s.isAfter(at)) {
                    return Optional.of(s);
                }
            }
        }
        return Optional.empty();
    }

    private static Optional<Instant> latest(Schedule schedule, ZoneId zone, Instant at, boolean inclusive) {
        LocalDate day = at.atZone(zone).toLocalDate();
        for (int back = 0; back <= LOOK_BACK_DAYS; back++) {
            List<Instant> slots = on(schedule, zone, day.minusDays(back));
            for (int i = slots.size() - 1; i >= 0; i--) {
                Instant s = slots.get(i);
                if (inclusive ? !s.isAfter(at) : s.isBefore(at)) {
                    return Optional.of(s);
                }
            }
        }
        return Optional.empty();
    }

    /** The instant of {@code time} on {@code date} in {@code zone}, by the gap and overlap rules above. */
    static Instant resolve(LocalDate date, LocalTime time, ZoneId zone) {
        LocalDateTime local = LocalDateTime.of(date, time);
        ZoneRules rules = zone.getRules();
        if (rules.getValidOffsets(local).isEmpty()) {
            ZoneOffsetTransition gap = rules.getTransition(local);
            return gap.getInstant();
        }
        // ofLocal without a preferred offset takes the earlier offset of an overlap: the first occurrence
        return ZonedDateTime.ofLocal(local, zone, null).toInstant();
    }
}
