package dev.avalon.core.calendar;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.avalon.core.action.ActionContext;
import dev.avalon.core.base.ErrorCode;
import dev.avalon.core.action.Outcome;
import dev.avalon.core.base.Refusal;
import dev.avalon.core.base.Violation;
import dev.avalon.core.audit.AuditRecord;
import dev.avalon.core.json.Json;
import dev.avalon.core.time.DateTimeOutput;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The handlers of the event actions: create, update, cancel, list and free slots. A change of one instance on
 * its own is made by {@link InstanceUpdate}, the overlap check by {@link OverlapChecks}, listing and free slots
 * by {@link EventQueries}.
 */
final class CalendarActions {

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
        result.set("event", event.toAnswer());
        OverlapChecks.putOverlaps(result, OverlapChecks.checkOverlaps(event, book, rules, ctx), event.zone());
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
            return InstanceUpdate.updateInstance(ctx, rules, book, old);
        }
        CalendarEvent changed = EventDraft.build(ctx.data(), old, old.id(), old.uid(), rules, ctx.zone(), ctx.now());
        boolean significant = significant(old, changed);
        if (significant) {
            changed = changed.withSequence(old.sequence() + 1);
        }
        ObjectNode result = Json.object();
        result.set("event", changed.toAnswer());
        result.put("significant", significant);
        OverlapChecks.putOverlaps(result, OverlapChecks.checkOverlaps(changed, book, rules, ctx), changed.zone());
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
            instance = EventDraft.instance(ctx.data().get("instance").asText(), old, "$.data.instance", problems);
            if (!problems.isEmpty()) {
                throw new Refusal(ErrorCode.VALIDATION_FAILED, "no such instance", problems);
            }
            changed = old.withException(instance).withSequence(old.sequence() + 1);
            result.put("instance", CalendarEventJson.local(instance, old.zone()));
        } else {
            changed = old.withStatus(EventStatus.CANCELLED, ctx.now()).withSequence(old.sequence() + 1);
        }
        result.set("event", changed.toAnswer());
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

    // ------------------------------------------------------------------ list / free slots

    static Outcome list(ActionContext ctx) {
        return EventQueries.list(ctx);
    }

    static Outcome freeSlots(ActionContext ctx) {
        return EventQueries.freeSlots(ctx);
    }

    /** How answers write an instant: its local time in {@code zone} with the offset. */
    static String text(Instant at, ZoneId zone) {
        return DateTimeOutput.format(at, zone);
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
