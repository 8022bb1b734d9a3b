package dev.avalon.core.calendar;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Carries a series' cancelled and changed instances across a change of its rule or its time, so that
 * nothing the user cancelled comes back and no changed instance is lost without the user asking.
 *
 * <p>The rule. An exception belongs to the instance on its local date: when the new rule has an instance
 * on that date, the exception moves to it (a series moved from 19:30 to 19:00 keeps 8 December
 * cancelled). Otherwise it belongs to the instance with the same place in the series (a weekly series
 * moved from Tuesday to Wednesday keeps its third meeting cancelled). An exception for which the new rule
 * has no instance (a smaller COUNT, an earlier UNTIL) goes with its instance. A moved instance keeps its
 * own start, end and texts and only the instance it replaces is named anew; an instance that was changed
 * in its texts alone follows the series to its new time. When two exceptions land on one instance, a
 * cancellation wins over a change.
 */
final class SeriesExceptions {

    /** The most instances looked at to find an exception's place in a series. */
    private static final int CAP = 20_000;
    private static final Instant FAR = LocalDate.of(2200, 12, 31).atStartOfDay().toInstant(ZoneOffset.UTC);

    private SeriesExceptions() {
    }

    /** {@code after} (built with {@code before}'s exceptions) with {@code before}'s exceptions carried over. */
    static CalendarEvent carry(CalendarEvent before, CalendarEvent after) {
        boolean unchangedRule = before.recurrence() != null && before.recurrence().equals(after.recurrence())
                && before.start().equals(after.start()) && before.zone().equals(after.zone())
                && before.allDay() == after.allDay();
        if (unchangedRule || after.recurrence() == null || before.recurrence() == null
                || (before.exceptions().isEmpty() && before.overrides().isEmpty())) {
            return after.keepingOverridesOf(before);
        }
        Targets targets = new Targets(before, after);
        Set<LocalDateTime> exceptions = new TreeSet<>();
        before.exceptions().forEach(k -> targets.of(k).ifPresent(exceptions::add));
        Map<LocalDateTime, InstanceOverride> overrides = new TreeMap<>();
        before.overrides().forEach((k, o) -> targets.of(k)
                .filter(t -> !exceptions.contains(t) && !overrides.containsKey(t))
                .ifPresent(t -> overrides.put(t, moved(before, after, o, t))));
        Set<LocalDateTime> synced = new TreeSet<>();
        before.syncedInstances().forEach(k -> targets.of(k).ifPresent(synced::add));
        return new CalendarEvent(after.id(), after.uid(), after.remoteId(), after.etag(), after.title(),
                after.allDay(), after.start(), after.end(), after.zone(), after.domain(), after.location(),
                after.description(), after.attendees(), after.recurrence(), exceptions, after.mode(),
                after.sequence(), after.status(), after.checklist(), after.createdAt(), after.updatedAt(),
                overrides, synced, before.remoteVersion(), before.origin());
    }

    /** The changed instance {@code o} now replacing the instance at {@code target}. */
    private static InstanceOverride moved(CalendarEvent before, CalendarEvent after, InstanceOverride o,
                                          LocalDateTime target) {
        InstanceOverride asRuleMadeIt = before.ruleInstance(o.originalStart());
        boolean timeUnchanged = o.start().equals(asRuleMadeIt.start()) && o.end().equals(asRuleMadeIt.end());
        if (timeUnchanged) {
            InstanceOverride now = after.ruleInstance(target);
            return new InstanceOverride(target, now.start(), now.end(), o.title(), o.location(), o.description());
        }
        return new InstanceOverride(target, o.start(), o.end(), o.title(), o.location(), o.description());
    }

    /** Where each original start of the old rule lands in the new one. */
    private static final class Targets {
        private final List<LocalDateTime> oldStarts;
        private final Map<LocalDate, LocalDateTime> newByDate = new HashMap<>();
        private final List<LocalDateTime> newStarts;

        Targets(CalendarEvent before, CalendarEvent after) {
            TreeSet<LocalDateTime> keys = new TreeSet<>(before.exceptions());
            keys.addAll(before.overrides().keySet());
            Instant last = keys.last().atZone(before.zone()).toInstant().plusSeconds(86_400);
            this.oldStarts = starts(before, last, CAP);
            Instant firstKey = keys.first().atZone(after.zone()).toInstant().minusSeconds(2 * 86_400L);
            Instant lastKey = keys.last().atZone(after.zone()).toInstant().plusSeconds(2 * 86_400L);
            after.recurrence().expand(after.id(), after.start(), after.end(), after.zone(), after.allDay(), Set.of(),
                    firstKey, lastKey, CAP).occurrences()
                    .forEach(o -> newByDate.putIfAbsent(o.originalStart().toLocalDate(), o.originalStart()));
            this.newStarts = starts(after, FAR, Math.min(CAP, oldStarts.size() + 1));
        }

        Optional<LocalDateTime> of(LocalDateTime key) {
            LocalDateTime sameDate = newByDate.get(key.toLocalDate());
            if (sameDate != null) {
                return Optional.of(sameDate);
            }
            int place = oldStarts.indexOf(key);
            if (place < 0 || place >= newStarts.size()) {
                return Optional.empty();
            }
            return Optional.of(newStarts.get(place));
        }

        /** The original starts of every instance {@code ev}'s rule makes up to {@code to}, cancelled ones too. */
        private static List<LocalDateTime> starts(CalendarEvent ev, Instant to, int cap) {
            Instant from = ev.start().atZone(ev.zone()).toInstant().minusSeconds(86_400);
            List<LocalDateTime> out = new ArrayList<>();
            ev.recurrence().expand(ev.id(), ev.start(), ev.end(), ev.zone(), ev.allDay(), Set.of(), from, to, cap)
                    .occurrences().forEach(o -> out.add(o.originalStart()));
            return out;
        }
    }
}
