package dev.avalon.core.calendar;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * When the instances of a {@link CalendarEvent} fall: its occurrences in a window (changed instances at their
 * new times), whether a start is one of its instances, and when it is over.
 */
final class EventOccurrences {

    /** How far ahead a series is looked at to see whether an instance is still to come. */
    private static final long HORIZON_DAYS = 366L * 200;

    private EventOccurrences() {
    }

    /** See {@link CalendarEvent#occurrences}. */
    static Recurrence.Expansion occurrences(CalendarEvent ev, Instant from, Instant to, int cap) {
        if (ev.recurrence() != null && !ev.overrides().isEmpty()) {
            return withOverridesApplied(ev, from, to, cap);
        }
        if (ev.recurrence() != null) {
            return ev.recurrence().expand(ev.id(), ev.start(), ev.end(), ev.zone(), ev.allDay(), ev.exceptions(), from, to, cap);
        }
        Instant s = ev.start().atZone(ev.zone()).toInstant();
        Instant e = ev.end().atZone(ev.zone()).toInstant();
        if (!e.isAfter(s)) {
            e = s.plusSeconds(60);
        }
        if (s.isBefore(to) && e.isAfter(from) && cap > 0) {
            return new Recurrence.Expansion(List.of(new Occurrence(ev.id(), s, e, ev.start())), false);
        }
        return new Recurrence.Expansion(List.of(), false);
    }

    /**
     * The rule's instances without the changed ones, plus each changed instance that meets the window at
     * its new time; the first {@code cap} by start. A changed instance may have moved into the window
     * from outside it, so it is looked up by its own times, never by its original start.
     */
    private static Recurrence.Expansion withOverridesApplied(CalendarEvent ev, Instant from, Instant to, int cap) {
        Set<LocalDateTime> hidden = new TreeSet<>(ev.exceptions());
        hidden.addAll(ev.overrides().keySet());
        Recurrence.Expansion plain = ev.recurrence().expand(ev.id(), ev.start(), ev.end(), ev.zone(), ev.allDay(), hidden, from,
                to, cap);
        List<Occurrence> all = new ArrayList<>(plain.occurrences());
        Instant last = plain.truncated() ? all.get(all.size() - 1).start() : null;
        for (InstanceOverride o : ev.overrides().values()) {
            Instant s = o.start().atZone(ev.zone()).toInstant();
            Instant e = o.end().atZone(ev.zone()).toInstant();
            if (!e.isAfter(s)) {
                e = s.plusSeconds(60);
            }
            // past the last instance of a truncated expansion, earlier rule instances may be missing
            if (s.isBefore(to) && e.isAfter(from) && (last == null || !s.isAfter(last))) {
                all.add(new Occurrence(ev.id(), s, e, o.originalStart()));
            }
        }
        all.sort(Comparator.comparing(Occurrence::start).thenComparing(Occurrence::originalStart));
        boolean truncated = plain.truncated() || all.size() > cap;
        return new Recurrence.Expansion(all.subList(0, Math.min(cap, all.size())), truncated);
    }

    /** See {@link CalendarEvent#hasInstance}. */
    static boolean hasInstance(CalendarEvent ev, LocalDateTime originalStart) {
        if (ev.recurrence() == null) {
            return false;
        }
        Instant at = originalStart.atZone(ev.zone()).toInstant();
        return ev.ruleOccurrences(at.minus(Duration.ofDays(1)), at.plus(Duration.ofDays(1)), 1000).occurrences()
                .stream().anyMatch(o -> o.originalStart().equals(originalStart));
    }

    /** See {@link CalendarEvent#lastEnd}. */
    static Instant lastEnd(CalendarEvent ev) {
        if (ev.recurrence() == null) {
            return ev.end().atZone(ev.zone()).toInstant();
        }
        if (ev.recurrence().until() != null) {
            return ev.recurrence().until().plusDays(1).atTime(ev.end().toLocalTime()).atZone(ev.zone()).toInstant()
                    .plus(Duration.between(ev.start(), ev.end()));
        }
        return null;
    }

    /** See {@link CalendarEvent#endedBy}. */
    static boolean endedBy(CalendarEvent ev, Instant now) {
        if (ev.recurrence() == null) {
            return !ev.end().atZone(ev.zone()).toInstant().isAfter(now);
        }
        return occurrences(ev, now, now.plus(Duration.ofDays(HORIZON_DAYS)), 1).occurrences().isEmpty();
    }
}
