package dev.avalon.core.calendar;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.avalon.core.action.ActionContext;
import dev.avalon.core.base.ErrorCode;
import dev.avalon.core.action.Outcome;
import dev.avalon.core.base.Refusal;
import dev.avalon.core.base.Violation;
import dev.avalon.core.json.Json;
import dev.avalon.core.time.DateTimeInput;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/** The read-only event actions: {@code calendar.list_events} and {@code calendar.free_slots} over a window. */
final class EventQueries {

    private EventQueries() {
    }

    static Outcome list(ActionContext ctx) {
        CalendarRules rules = CalendarActions.rules(ctx);
        Instant[] window = window(ctx, rules);
        String query = ctx.data().path("query").asText("").toLowerCase(Locale.ROOT);
        String domain = ctx.data().path("domain").asText(null);
        boolean cancelled = ctx.data().path("includeCancelled").asBoolean(false);
        int limit = ctx.data().path("limit").asInt(50);
        int offset = ctx.data().has("cursor") ? Integer.parseInt(ctx.data().get("cursor").asText()) : 0;
        if (domain != null && !rules.domains().containsKey(domain)) {
            throw new Refusal(ErrorCode.VALIDATION_FAILED, "unknown domain",
                    new Violation("$.data.domain", "is not a domain of behaviour.avl"));
        }
        // an instance shows its own texts: a changed instance may carry another title or place than its series
        record Row(CalendarEvent event, Occurrence occurrence, InstanceOverride texts) {
        }
        List<Row> rows = new ArrayList<>();
        boolean truncated = false;
        for (CalendarEvent e : CalendarActions.book(ctx).events()) {
            if ((!cancelled && e.status() == EventStatus.CANCELLED) || (domain != null && !domain.equals(e.domain()))) {
                continue;
            }
            Recurrence.Expansion x = e.occurrences(window[0], window[1], rules.instanceCap());
            truncated |= x.truncated();
            for (Occurrence o : x.occurrences()) {
                InstanceOverride texts = e.overrides().getOrDefault(o.originalStart(),
                        new InstanceOverride(o.originalStart(), e.start(), e.end(), e.title(), e.location(),
                                e.description()));
                if (query.isEmpty() || matches(texts, query)) {
                    rows.add(new Row(e, o, texts));
                }
            }
        }
        rows.sort(Comparator.comparing((Row r) -> r.occurrence().start()).thenComparing(r -> r.event().id()));
        ObjectNode result = Json.object();
        ArrayNode items = result.putArray("items");
        for (Row r : rows.subList(Math.min(offset, rows.size()), Math.min(offset + limit, rows.size()))) {
            CalendarEvent e = r.event();
            ObjectNode n = items.addObject();
            n.put("eventId", e.id());
            n.put("title", r.texts().title());
            n.put("start", CalendarActions.text(r.occurrence().start(), e.zone()));
            n.put("end", CalendarActions.text(r.occurrence().end(), e.zone()));
            n.put("allDay", e.allDay());
            n.put("domain", e.domain());
            n.put("status", e.status().name());
            n.put("recurring", e.recurring());
            n.put("zone", e.zone().getId());
            if (e.recurring()) {
                n.put("instance", CalendarEventJson.local(r.occurrence().originalStart(), e.zone()));
            }
            n.put("location", r.texts().location());
            n.put("changed", e.overrides().containsKey(r.occurrence().originalStart()));
        }
        result.put("total", rows.size());
        if (offset + limit < rows.size()) {
            result.put("nextCursor", String.valueOf(offset + limit));
        }
        result.put("truncated", truncated);
        return Outcome.of(result);
    }

    private static boolean matches(InstanceOverride e, String query) {
        return e.title().toLowerCase(Locale.ROOT).contains(query)
                || e.description().toLowerCase(Locale.ROOT).contains(query)
                || e.location().toLowerCase(Locale.ROOT).contains(query);
    }

    static Outcome freeSlots(ActionContext ctx) {
        CalendarRules rules = CalendarActions.rules(ctx);
        Instant[] window = window(ctx, rules);
        Duration duration = Duration.ofMinutes(ctx.data().get("durationMinutes").asLong());
        if (duration.compareTo(Duration.between(window[0], window[1])) > 0) {
            throw new Refusal(ErrorCode.VALIDATION_FAILED, "the duration is longer than the window",
                    new Violation("$.data.durationMinutes", "exceeds the window of "
                            + Duration.between(window[0], window[1]).toMinutes() + " minutes"));
        }
        Instant earliest = ctx.now().plus(rules.minimumNotice());
        List<Occurrence> busy = CalendarActions.book(ctx).occurrences(window[0], window[1], rules.instanceCap(), false);
        List<Slot> slots = rules.freeSlots(ctx.zone()).find(busy, window[0], window[1], earliest, duration,
                ctx.data().path("limit").asInt(20));
        ObjectNode result = Json.object();
        ArrayNode list = result.putArray("slots");
        for (Slot s : slots) {
            list.addObject().put("start", CalendarActions.text(s.start(), ctx.zone()))
                    .put("end", CalendarActions.text(s.end(), ctx.zone()));
        }
        result.put("earliest", CalendarActions.text(earliest, ctx.zone()));
        result.put("zone", ctx.zone().getId());
        return Outcome.of(result);
    }

    /** {@code [from, to)} of the request, checked against the configured maximum. */
    private static Instant[] window(ActionContext ctx, CalendarRules rules) {
        List<Violation> problems = new ArrayList<>();
        Instant from = instant(ctx, "from", problems);
        Instant to = instant(ctx, "to", problems);
        if (from != null && to != null) {
            if (!to.isAfter(from)) {
                problems.add(new Violation("$.data.to", "must be after from"));
            } else if (Duration.between(from, to).compareTo(rules.maxWindow()) > 0) {
                problems.add(new Violation("$.data.to", "the window is longer than calendar.maxWindowDays ("
                        + rules.maxWindow().toDays() + " days)"));
            }
        }
        if (!problems.isEmpty()) {
            throw new Refusal(ErrorCode.VALIDATION_FAILED, "the window is not valid", problems);
        }
        return new Instant[] {from, to};
    }

    private static Instant instant(ActionContext ctx, String field, List<Violation> problems) {
        return DateTimeInput.read(ctx.data().get(field).asText(), ctx.zone(), "$.data." + field, problems)
                .map(ZonedDateTime::toInstant).orElse(null);
    }
}
