package dev.avalon.core.calendar;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * Finds free time inside working hours. Working hours are local to the zone, so a day's window
 * follows the wall clock across DST changes; busy time is widened by the buffer on both sides.
 *
 * @param zone      the user's zone
 * @param workStart working day start (local)
 * @param workEnd   working day end (local), after start
 * @param buffer    free time kept around every busy interval
 */
public record FreeSlots(ZoneId zone, LocalTime workStart, LocalTime workEnd, Duration buffer) {

    public FreeSlots {
        Objects.requireNonNull(zone, "zone");
        Objects.requireNonNull(workStart, "workStart");
        Objects.requireNonNull(workEnd, "workEnd");
        Objects.requireNonNull(buffer, "buffer");
        if (!workEnd.isAfter(workStart)) {
            throw new IllegalArgumentException("working hours end after they start");
        }
        if (buffer.isNegative()) {
            throw new IllegalArgumentException("buffer must not be negative");
        }
    }

    /**
     * The free stretches of at least {@code duration} within {@code [from, to)}, not before
     * {@code earliest}, in time order, at most {@code limit}.
     */
    public List<Slot> find(List<Occurrence> busy, Instant from, Instant to, Instant earliest, Duration duration,
                           int limit) {
        List<Slot> merged = merge(busy);
        List<Slot> out = new ArrayList<>();
        Instant lower = earliest.isAfter(from) ? earliest : from;
        int next = 0;
        for (LocalDate day = from.atZone(zone).toLocalDate(); !day.isAfter(to.atZone(zone).toLocalDate()) && out.size() < limit;
             day = day.plusDays(1)) {
            Instant dayStart = day.atTime(workStart).atZone(zone).toInstant();
            Instant dayEnd = day.atTime(workEnd).atZone(zone).toInstant();
            Instant cursor = max(dayStart, lower);
            Instant stop = min(dayEnd, to);
            if (!cursor.isBefore(stop)) {
                continue;
            }
            while (next < merged.size() && !merged.get(next).end().isAfter(cursor)) {
                next++;
            }
            for (int i = next; i < merged.size() && merged.get(i).start().isBefore(stop) && out.size() < limit; i++) {
                Slot b = merged.get(i);
                if (b.start().isAfter(cursor)) {
                    addIfLongEnough(out, cursor, b.start(), duration);
                }
                cursor = max(cursor, b.end());
                if (!cursor.isBefore(stop)) {
                    break;
                }
            }
            if (cursor.isBefore(stop) && out.size() < limit) {
                addIfLongEnough(out, cursor, stop, duration);
            }
        }
        return out;
    }

    private List<Slot> merge(List<Occurrence> busy) {
        List<Slot> widened = new ArrayList<>(busy.size());
        for (Occurrence o : busy) {
            widened.add(new Slot(o.start().minus(buffer), o.end().plus(buffer)));
        }
        widened.sort(Comparator.comparing(Slot::start));
        List<Slot> merged = new ArrayList<>();
        for (Slot s : widened) {
            if (!merged.isEmpty() && !s.start().isAfter(merged.get(merged.size() - 1).end())) {
                Slot last = merged.remove(merged.size() - 1);
                merged.add(new Slot(last.start(), max(last.end(), s.end())));
            } else {
                merged.add(s);
            }
        }
        return merged;
    }

    private static void addIfLongEnough(List<Slot> out, Instant start, Instant end, Duration duration) {
        if (Duration.between(start, end).compareTo(duration) >= 0) {
            out.add(new Slot(start, end));
        }
    }

    private static Instant max(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }
}
