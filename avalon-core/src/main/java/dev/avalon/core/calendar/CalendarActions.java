package dev.avalon.core.calendar;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.avalon.core.action.ActionContext;
import dev.avalon.core.base.ErrorCode;
import dev.avalon.core.action.Outcome;
import dev.avalon.core.base.Refusal;
import dev.avalon.core.base.Violation;
import dev.avalon.core.audit.AuditRecord;
import dev.avalon.core.json.Json;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The handlers of the event actions: create, update, cancel, list and free slots. */
final class CalendarActions {

    private static final int PROPOSALS = 3;

    /** What {@code calendar.update_event} may carry together with {@code instance}. */
    private static final Set<String> INSTANCE_FIELDS = Set.of("id", "instance", "start", "end", "zone", "title",
            "location", "description");

    private CalendarActions() {
    }

    static CalendarBook book(ActionContext ctx) {
        return ctx.brain().readJson(CalendarBook.PATH).map(CalendarBook::fromJson).orElse(CalendarBook.EMPTY);
    }

    static CalendarRules rules(ActionContext ctx) {
        return CalendarRules.of(ctx.brain().behaviour().behaviour().map(b -> b.document())
                .orElseGet(() -> Json.nodes().missingNode()));
    }

    // ------------------------------------------------------------------ create / update / cancel

    static Outcome create(ActionContext ctx) {
        return create(ctx, ctx.data(), Json.object()).build();
    }

    /**
     * Creates the event {@code data} describes: validation, overlap check, invite and audit, the one path
     * for {@code calendar.create_event} and {@code calendar.create_from_template}.
     *
     * @param result the response to fill; the caller may add to it before building
     */
    static Outcome.Builder create(ActionContext ctx, com.fasterxml.jackson.databind.JsonNode data, ObjectNode result) {
        CalendarRules rules = rules(ctx);
        CalendarBook book = book(ctx);
        String id = ctx.ids().next("EV");
        String uid = id.toLowerCase(Locale.ROOT) + "@avalon";
        CalendarEvent event = EventDraft.build(data, null, id, uid, rules, ctx.zone(), ctx.now());
        result.set("event", event.toJson());
        putOverlaps(result, checkOverlaps(event, book, rules, ctx));
        Outcome.Builder out = Outcome.builder(result);
        CalendarBook next = book.put(event);
        Invites.onChange(ctx, rules, null, event, null, out, result);
        out.writeJson(CalendarBook.PATH, next.toJson());
        out.audit(new AuditRecord("calendar.event_created", ctx.actor(), ctx.traceId(), audit(event)));
        return out;
    }

    static Outcome update(ActionContext ctx) {
        CalendarRules rules = rules(ctx);
        CalendarBook book = book(ctx);
        CalendarEvent old = existing(book, ctx.data().get("id").asText());
        if (old.status() == EventStatus.CANCELLED) {
            throw new Refusal(ErrorCode.VALIDATION_FAILED, "a cancelled event cannot be updated",
                    new Violation("$.data.id", "event " + old.id() + " is cancelled"));
        }
        if (ctx.data().has("instance")) {
            return updateInstance(ctx, rules, book, old);
        }
        CalendarEvent changed = EventDraft.build(ctx.data(), old, old.id(), old.uid(), rules, ctx.zone(), ctx.now());
        boolean significant = significant(old, changed);
        if (significant) {
            changed = changed.withSequence(old.sequence() + 1);
        }
        ObjectNode result = Json.object();
        result.set("event", changed.toJson());
        result.put("significant", significant);
        putOverlaps(result, checkOverlaps(changed, book, rules, ctx));
        Outcome.Builder out = Outcome.builder(result);
        if (significant) {
            Invites.onUpdate(ctx, rules, old, changed, out, result);
        }
        out.writeJson(CalendarBook.PATH, book.put(changed).toJson());
        ObjectNode log = audit(changed);
        log.put("significant", significant);
        out.audit(new AuditRecord("calendar.event_updated", ctx.actor(), ctx.traceId(), log));
        return out.build();
    }

    /**
     * Changes one instance of a series: it is stored as an override of the instance the rule produces at
     * {@code instance}, and invite domains get a REQUEST for that instance alone (RECURRENCE-ID, no RRULE).
     */
    private static Outcome updateInstance(ActionContext ctx, CalendarRules rules, CalendarBook book,
                                          CalendarEvent old) {
        JsonNode data = ctx.data();
        List<Violation> problems = new ArrayList<>();
        data.fieldNames().forEachRemaining(f -> {
            if (!INSTANCE_FIELDS.contains(f)) {
                problems.add(new Violation("$.data." + f, "cannot be changed for one instance; leave out instance"
                        + " to change the series"));
            }
        });
        LocalDateTime original = EventDraft.localDateTime(data.get("instance").asText(), "$.data.instance", problems);
        if (original != null && !old.hasInstance(original)) {
            problems.add(new Violation("$.data.instance", "is not the start of an instance of event " + old.id()
                    + (old.recurring() ? "" : ", which does not recur")));
            original = null;
        }
        ZoneId zone = old.zone();
        if (data.has("zone")) {
            String z = data.get("zone").asText();
            if (ZoneId.getAvailableZoneIds().contains(z)) {
                zone = ZoneId.of(z);
            } else {
                problems.add(new Violation("$.data.zone", "is not a known IANA time zone: " + z));
            }
        }
        boolean timed = data.has("start") || data.has("end");
        if (old.allDay() && timed) {
            problems.add(new Violation(data.has("start") ? "$.data.start" : "$.data.end",
                    "an instance of an all-day series keeps its day; only title, location and description change"));
        }
        LocalDateTime newStart = data.has("start")
                ? EventDraft.localDateTime(data.get("start").asText(), "$.data.start", problems) : null;
        LocalDateTime newEnd = data.has("end")
                ? EventDraft.localDateTime(data.get("end").asText(), "$.data.end", problems) : null;
        InstanceOverride current = original == null ? null : old.instance(original);
        String title = data.has("title") ? data.get("title").asText() : current == null ? old.title() : current.title();
        String location = data.has("location") ? data.get("location").asText()
                : current == null ? old.location() : current.location();
        String description = data.has("description") ? data.get("description").asText()
                : current == null ? old.description() : current.description();
        EventDraft.checkTexts(title, location, description, rules, problems);
        LocalDateTime start = null;
        LocalDateTime end = null;
        if (current != null && !(old.allDay() && timed)) {
            // given times are read in the given zone and kept on the series' wall clock
            Instant was = current.start().atZone(old.zone()).toInstant();
            Duration length = Duration.between(was, current.end().atZone(old.zone()).toInstant());
            Instant s = newStart != null ? newStart.atZone(zone).toInstant() : was;
            Instant e = newEnd != null ? newEnd.atZone(zone).toInstant()
                    : newStart != null ? s.plus(length) : current.end().atZone(old.zone()).toInstant();
            if ((data.has("start") && newStart == null) || (data.has("end") && newEnd == null)) {
                start = null;
            } else if (!e.isAfter(s)) {
                problems.add(new Violation("$.data.end", "must be after the start"));
            } else {
                start = old.allDay() ? current.start() : LocalDateTime.ofInstant(s, old.zone());
                end = old.allDay() ? current.end() : LocalDateTime.ofInstant(e, old.zone());
                if (!end.isAfter(start)) {
                    problems.add(new Violation("$.data.end", "must be after the start on the wall clock of "
                            + old.zone()));
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new Refusal(ErrorCode.VALIDATION_FAILED, "the instance change is not valid", problems);
        }
        InstanceOverride next = new InstanceOverride(original, start, end, title, location, description);
        boolean significant = !next.start().equals(current.start()) || !next.end().equals(current.end())
                || !next.title().equals(current.title()) || !next.location().equals(current.location());
        CalendarEvent changed = old.withOverride(next);
        if (significant) {
            changed = changed.withSequence(old.sequence() + 1);
        }
        ObjectNode result = Json.object();
        result.set("event", changed.toJson());
        result.put("instance", original.toString());
        result.put("significant", significant);
        putOverlaps(result, checkInstanceOverlaps(changed, original, book, rules, ctx));
        Outcome.Builder out = Outcome.builder(result);
        if (significant) {
            Invites.onInstanceChange(ctx, rules, changed, next, out, result);
        }
        out.writeJson(CalendarBook.PATH, book.put(changed).toJson());
        ObjectNode log = audit(changed);
        log.put("instance", original.toString());
        log.put("instanceStart", next.start().toString());
        log.put("significant", significant);
        out.audit(new AuditRecord("calendar.event_updated", ctx.actor(), ctx.traceId(), log));
        return out.build();
    }

    static Outcome cancel(ActionContext ctx) {
        CalendarRules rules = rules(ctx);
        CalendarBook book = book(ctx);
        CalendarEvent old = existing(book, ctx.data().get("id").asText());
        if (old.status() == EventStatus.CANCELLED) {
            throw new Refusal(ErrorCode.VALIDATION_FAILED, "the event is already cancelled",
                    new Violation("$.data.id", "event " + old.id() + " is cancelled"));
        }
        ObjectNode result = Json.object();
        CalendarEvent changed;
        LocalDateTime instance = null;
        if (ctx.data().has("instance")) {
            List<Violation> problems = new ArrayList<>();
            instance = EventDraft.localDateTime(ctx.data().get("instance").asText(), "$.data.instance", problems);
            if (instance != null && !old.hasInstance(instance)) {
                problems.add(new Violation("$.data.instance", "is not the start of an instance of event " + old.id()));
            }
            if (!problems.isEmpty()) {
                throw new Refusal(ErrorCode.VALIDATION_FAILED, "no such instance", problems);
            }
            changed = old.withException(instance).withSequence(old.sequence() + 1);
            result.put("instance", instance.toString());
        } else {
            changed = old.withStatus(EventStatus.CANCELLED, ctx.now()).withSequence(old.sequence() + 1);
        }
        result.set("event", changed.toJson());
        Outcome.Builder out = Outcome.builder(result);
        Invites.onChange(ctx, rules, old, changed, instance, out, result);
        out.writeJson(CalendarBook.PATH, book.put(changed).toJson());
        ObjectNode log = audit(changed);
        if (instance != null) {
            log.put("instance", instance.toString());
        }
        out.audit(new AuditRecord("calendar.event_cancelled", ctx.actor(), ctx.traceId(), log));
        return out.build();
    }

    static CalendarEvent existing(CalendarBook book, String id) {
        return book.find(id).orElseThrow(() -> new Refusal(ErrorCode.NOT_FOUND, "no event " + id,
                new Violation("$.data.id", "no event with this id")));
    }

    /** Changes that make attendees' copies wrong (RFC 5546 §2.1.4): time, rule, place, title, attendees. */
    static boolean significant(CalendarEvent a, CalendarEvent b) {
        return !a.start().equals(b.start()) || !a.end().equals(b.end()) || !a.zone().equals(b.zone())
                || a.allDay() != b.allDay() || !Objects.equals(a.recurrence(), b.recurrence())
                || !a.location().equals(b.location()) || !a.title().equals(b.title())
                || !a.attendees().equals(b.attendees()) || !a.exceptions().equals(b.exceptions())
                || !a.overrides().equals(b.overrides());
    }

    // ------------------------------------------------------------------ overlaps

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
                    + (e == null ? "" : e.title()) + "' " + text(other.start(), ctx.zone()) + " – "
                    + text(other.end(), ctx.zone())));
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
            details.add(new Violation("$.data.start", "free: " + text(s.start(), event.zone()) + " – "
                    + text(s.start().plus(length), event.zone())));
        }
        throw new Refusal(ErrorCode.CALENDAR_CONFLICT,
                "the event overlaps busy time and its mode is AUTO_PLAN; a free slot is proposed", details);
    }

    private static void putOverlaps(ObjectNode result, List<Overlap> overlaps) {
        ArrayNode list = result.putArray("overlaps");
        for (Overlap o : overlaps) {
            ObjectNode n = list.addObject();
            n.put("eventId", o.first().eventId());
            n.put("start", o.first().start().toString());
            n.put("end", o.first().end().toString());
            n.put("otherEventId", o.second().eventId());
            n.put("otherStart", o.second().start().toString());
            n.put("otherEnd", o.second().end().toString());
        }
    }

    // ------------------------------------------------------------------ list / free slots

    static Outcome list(ActionContext ctx) {
        CalendarRules rules = rules(ctx);
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
        for (CalendarEvent e : book(ctx).events()) {
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
            n.put("start", text(r.occurrence().start(), e.zone()));
            n.put("end", text(r.occurrence().end(), e.zone()));
            n.put("allDay", e.allDay());
            n.put("domain", e.domain());
            n.put("status", e.status().name());
            n.put("recurring", e.recurring());
            if (e.recurring()) {
                n.put("instance", r.occurrence().originalStart().toString());
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
        CalendarRules rules = rules(ctx);
        Instant[] window = window(ctx, rules);
        Duration duration = Duration.ofMinutes(ctx.data().get("durationMinutes").asLong());
        if (duration.compareTo(Duration.between(window[0], window[1])) > 0) {
            throw new Refusal(ErrorCode.VALIDATION_FAILED, "the duration is longer than the window",
                    new Violation("$.data.durationMinutes", "exceeds the window of "
                            + Duration.between(window[0], window[1]).toMinutes() + " minutes"));
        }
        Instant earliest = ctx.now().plus(rules.minimumNotice());
        List<Occurrence> busy = book(ctx).occurrences(window[0], window[1], rules.instanceCap(), false);
        List<Slot> slots = rules.freeSlots(ctx.zone()).find(busy, window[0], window[1], earliest, duration,
                ctx.data().path("limit").asInt(20));
        ObjectNode result = Json.object();
        ArrayNode list = result.putArray("slots");
        for (Slot s : slots) {
            list.addObject().put("start", text(s.start(), ctx.zone())).put("end", text(s.end(), ctx.zone()));
        }
        result.put("earliest", text(earliest, ctx.zone()));
        return Outcome.of(result);
    }

    /** {@code [from, to)} of the request, checked against the configured maximum. */
    private static Instant[] window(ActionContext ctx, CalendarRules rules) {
        List<Violation> problems = new ArrayList<>();
        Instant from = instant(ctx.data().get("from").asText(), "$.data.from", problems);
        Instant to = instant(ctx.data().get("to").asText(), "$.data.to", problems);
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

    private static Instant instant(String text, String path, List<Violation> problems) {
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            problems.add(new Violation(path, "is not a date-time with offset: " + text));
            return null;
        }
    }

    static String text(Instant at, ZoneId zone) {
        return at.atZone(zone).toOffsetDateTime().toString();
    }

    static ObjectNode audit(CalendarEvent e) {
        ObjectNode n = Json.object();
        n.put("eventId", e.id());
        n.put("uid", e.uid());
        n.put("sequence", e.sequence());
        n.put("domain", e.domain());
        n.put("start", e.start().toString());
        n.put("status", e.status().name());
        return n;
    }
}
