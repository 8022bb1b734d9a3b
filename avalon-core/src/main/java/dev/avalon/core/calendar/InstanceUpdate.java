package dev.avalon.core.calendar;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.avalon.core.action.ActionContext;
import dev.avalon.core.base.ErrorCode;
import dev.avalon.core.action.Outcome;
import dev.avalon.core.base.Refusal;
import dev.avalon.core.base.Violation;
import dev.avalon.core.audit.AuditRecord;
import dev.avalon.core.json.Json;
import dev.avalon.core.time.DateTimeInput;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** {@code calendar.update_event} with {@code instance}: one instance of a series changed on its own. */
final class InstanceUpdate {

    /** What {@code calendar.update_event} may carry together with {@code instance}. */
    private static final Set<String> INSTANCE_FIELDS = Set.of("id", "instance", "start", "end", "zone", "title",
            "location", "description");

    private InstanceUpdate() {
    }

    /**
     * Changes one instance of a series: it is stored as an override of the instance the rule produces at
     * {@code instance}, and invite domains get a REQUEST for that instance alone (RECURRENCE-ID, no RRULE).
     */
    static Outcome updateInstance(ActionContext ctx, CalendarRules rules, CalendarBook book, CalendarEvent old) {
        JsonNode data = ctx.data();
        List<Violation> problems = new ArrayList<>();
        data.fieldNames().forEachRemaining(f -> {
            if (!INSTANCE_FIELDS.contains(f)) {
                problems.add(new Violation("$.data." + f, "cannot be changed for one instance; leave out instance"
                        + " to change the series"));
            }
        });
        LocalDateTime original = EventDraft.instance(data.get("instance").asText(), old, "$.data.instance", problems);
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
        ZonedDateTime newStart = data.has("start")
                ? DateTimeInput.read(data.get("start").asText(), zone, "$.data.start", problems).orElse(null) : null;
        ZonedDateTime newEnd = data.has("end")
                ? DateTimeInput.read(data.get("end").asText(), zone, "$.data.end", problems).orElse(null) : null;
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
            Instant s = newStart != null ? newStart.toInstant() : was;
            Instant e = newEnd != null ? newEnd.toInstant()
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
        result.set("event", changed.toAnswer());
        result.put("instance", CalendarEventJson.local(original, changed.zone()));
        result.put("significant", significant);
        OverlapChecks.putOverlaps(result, OverlapChecks.checkInstanceOverlaps(changed, original, book, rules, ctx),
                changed.zone());
        Outcome.Builder out = Outcome.builder(result);
        if (significant) {
            Invites.onInstanceChange(ctx, rules, changed, next, out, result);
        }
        out.writeJson(CalendarBook.PATH, book.put(changed).toJson());
        ObjectNode log = CalendarActions.audit(changed);
        log.put("instance", original.toString());
        log.put("instanceStart", next.start().toString());
        log.put("significant", significant);
        out.audit(new AuditRecord("calendar.event_updated", ctx.actor(), ctx.traceId(), log));
        return out.build();
    }
}
