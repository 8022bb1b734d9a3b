package dev.avalon.core.calendar;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.avalon.core.action.ActionContext;
import dev.avalon.core.base.ErrorCode;
import dev.avalon.core.base.Refusal;
import dev.avalon.core.base.Violation;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The overlaps of a created or changed event (or one changed instance) with the rest of the calendar, as the
 * response lists them; for an AUTO_PLAN event a refusal that proposes free slots instead.
 */
final class OverlapChecks {

    private static final int PROPOSALS = 3;

    private OverlapChecks() {
    }

    /** The overlaps of {@code event} with the rest of the calendar; refused for AUTO_PLAN. */
    static List<Overlap> checkOverlaps(CalendarEvent event, CalendarBook book, CalendarRules rules,
                                       ActionContext ctx) {
        if (event.allDay()) {
            return List.of();
        }
        Instant first = event.start().atZone(event.zone()).toInstant();
        Recurrence.Expansion own = event.occurrences(first, first.plus(rules.maxWindow()), rules.instanceCap());
        if (own.occurrences().isEmpty()) {
            return List.of();
        }
        Instant from = own.occurrences().get(0).start();
        Instant to = own.occurrences().stream().map(Occurrence::end).max(Comparator.naturalOrder()).orElseThrow();
        List<Occurrence> all = new ArrayList<>(own.occurrences());
        for (CalendarEvent other : book.events()) {
            if (!other.id().equals(event.id()) && other.status() != EventStatus.CANCELLED && !other.allDay()) {
                all.addAll(other.occurrences(from, to, rules.instanceCap()).occurrences());
            }
        }
        List<Overlap> overlaps = Overlaps.against(all, o -> o.eventId().equals(event.id()));
        if (!overlaps.isEmpty() && event.mode() == EventMode.AUTO_PLAN) {
            refuseWithProposals(event, book, rules, ctx, overlaps);
        }
        return overlaps;
    }

    /** The overlaps of one changed instance with everything else, its own series' other instances included. */
    static List<Overlap> checkInstanceOverlaps(CalendarEvent event, LocalDateTime original, CalendarBook book,
                                               CalendarRules rules, ActionContext ctx) {
        if (event.allDay()) {
            return List.of();
        }
        InstanceOverride moved = event.instance(original);
        Instant from = moved.start().atZone(event.zone()).toInstant();
        Instant to = moved.end().atZone(event.zone()).toInstant();
        List<Occurrence> all = new ArrayList<>();
        for (CalendarEvent other : book.put(event).events()) {
            if (other.status() != EventStatus.CANCELLED && !other.allDay()) {
                all.addAll(other.occurrences(from, to, rules.instanceCap()).occurrences());
            }
        }
        java.util.function.Predicate<Occurrence> mine = o -> o.eventId().equals(event.id())
                && o.originalStart().equals(original);
        List<Overlap> overlaps = Overlaps.against(all, mine);
        if (!overlaps.isEmpty() && event.mode() == EventMode.AUTO_PLAN) {
            List<Occurrence> ownOthers = event.occurrences(from.minus(rules.maxWindow()), to.plus(rules.maxWindow()),
                    rules.instanceCap()).occurrences().stream().filter(mine.negate()).toList();
            refuseWithProposals(event, from, Duration.between(from, to), ownOthers, mine, book, rules, ctx, overlaps);
        }
        return overlaps;
    }

    private static void refuseWithProposals(CalendarEvent event, CalendarBook book, CalendarRules rules,
                                            ActionContext ctx, List<Overlap> overlaps) {
        Instant from = event.start().atZone(event.zone()).toInstant();
        Duration length = Duration.between(from, event.end().atZone(event.zone()).toInstant());
        refuseWithProposals(event, from, length, List.of(), o -> o.eventId().equals(event.id()), book, rules, ctx,
                overlaps);
    }

    /**
     * Refuses with the overlaps and up to three free slots of {@code length} from {@code from} on.
     *
     * @param alsoBusy the event's own instances that count as busy (other instances, when one instance moves)
     * @param mine     which occurrences are the ones being placed
     */
    private static void refuseWithProposals(CalendarEvent event, Instant from, Duration length,
                                            List<Occurrence> alsoBusy, java.util.function.Predicate<Occurrence> mine,
                                            CalendarBook book, CalendarRules rules, ActionContext ctx,
                                            List<Overlap> overlaps) {
        Map<String, CalendarEvent> byId = book.events().stream()
                .collect(Collectors.toMap(CalendarEvent::id, Function.identity(), (a, b) -> a));
        List<Violation> details = new ArrayList<>();
        for (Overlap o : overlaps.subList(0, Math.min(5, overlaps.size()))) {
            Occurrence other = mine.test(o.first()) ? o.second() : o.first();
            CalendarEvent e = byId.get(other.eventId());
            details.add(new Violation("$.data.start", "overlaps " + other.eventId() + " '"
                    + (e == null ? "" : e.title()) + "' " + CalendarActions.text(other.start(), ctx.zone())
                    + " – " + CalendarActions.text(other.end(), ctx.zone())));
        }
        Instant earliest = ctx.now().plus(rules.minimumNotice());
        Instant searchFrom = from.isAfter(earliest) ? from : earliest;
        Instant searchTo = searchFrom.plus(rules.maxWindow());
        List<Occurrence> busy = new ArrayList<>(alsoBusy);
        for (CalendarEvent other : book.events()) {
            if (!other.id().equals(event.id()) && other.status() != EventStatus.CANCELLED && !other.allDay()) {
                busy.addAll(other.occurrences(searchFrom, searchTo, rules.instanceCap()).occurrences());
            }
        }
        for (Slot s : rules.freeSlots(ctx.zone()).find(busy, searchFrom, searchTo, earliest, length, PROPOSALS)) {
            details.add(new Violation("$.data.start", "free: " + CalendarActions.text(s.start(), event.zone())
                    + " – " + CalendarActions.text(s.start().plus(length), event.zone())));
        }
        throw new Refusal(CalendarFeature.CALENDAR_CONFLICT,
                "the event overlaps busy time and its mode is AUTO_PLAN; a free slot is proposed", details);
    }

    /** The overlaps as answers list them, each time in {@code zone} (the event's) with its offset. */
    static void putOverlaps(ObjectNode result, List<Overlap> overlaps, ZoneId zone) {
        ArrayNode list = result.putArray("overlaps");
        for (Overlap o : overlaps) {
            ObjectNode n = list.addObject();
            n.put("eventId", o.first().eventId());
            n.put("start", CalendarActions.text(o.first().start(), zone));
            n.put("end", CalendarActions.text(o.first().end(), zone));
            n.put("otherEventId", o.second().eventId());
            n.put("otherStart", CalendarActions.text(o.second().start(), zone));
            n.put("otherEnd", CalendarActions.text(o.second().end(), zone));
            n.put("zone", zone.getId());
        }
    }
}
