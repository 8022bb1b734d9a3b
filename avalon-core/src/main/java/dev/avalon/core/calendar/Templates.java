package dev.avalon.core.calendar;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.avalon.core.action.ActionContext;
import dev.avalon.core.base.ActionError;
import dev.avalon.core.base.ErrorCode;
import dev.avalon.core.action.Outcome;
import dev.avalon.core.base.Refusal;
import dev.avalon.core.base.Violation;
import dev.avalon.core.audit.AuditRecord;
import dev.avalon.core.json.Json;
import dev.avalon.core.time.DateTimeOutput;

import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The template actions: {@code calendar.template_save}, {@code calendar.create_from_template} and
 * {@code calendar.templates}. A template is checked with the same rules as an event when it is saved,
 * and an event made from it goes through {@link CalendarActions#create}, so the stored template, the
 * overrides and the start are validated, overlap-checked and invited exactly like a direct create.
 */
final class Templates {

    /** Fields of a template (and of the overrides) that are event fields by the same name. */
    private static final List<String> EVENT_FIELDS = List.of("title", "domain", "location", "description",
            "attendees", "checklist", "mode", "recurrence");

    /** A fixed instant in a zone without DST, so checking a template's fields never trips over a time line. */
    private static final LocalDateTime PROBE = LocalDateTime.of(2000, 1, 3, 12, 0);

    private Templates() {
    }

    static TemplateBook book(ActionContext ctx) {
        return ctx.brain().readJson(TemplateBook.PATH).map(TemplateBook::fromJson).orElse(TemplateBook.EMPTY);
    }

    static Outcome save(ActionContext ctx) {
        JsonNode data = ctx.data();
        Duration duration = Duration.ofMinutes(data.get("durationMinutes").asLong());
        ObjectNode probe = Json.object();
        for (String field : EVENT_FIELDS) {
            if (data.has(field)) {
                probe.set(field, data.get(field));
            }
        }
        probe.put("start", PROBE.toString());
        probe.put("end", PROBE.plus(duration).toString());
        CalendarEvent checked = EventDraft.build(probe, null, "TEMPLATE", "template", CalendarActions.rules(ctx),
                ZoneOffset.UTC, ctx.now());
        TemplateBook book = book(ctx);
        String name = data.get("name").asText();
        EventTemplate old = book.find(name).orElse(null);
        EventTemplate saved = new EventTemplate(name, checked.title(), checked.domain(), duration, checked.location(),
                checked.description(), checked.attendees(),
                checked.checklist().stream().map(ChecklistItem::text).toList(),
                data.has("mode") ? EventMode.valueOf(data.get("mode").asText()) : null,
                old == null ? 0 : old.uses(), old == null ? null : old.lastUsedAt(),
                old == null ? ctx.now() : old.createdAt(), ctx.now());
        ObjectNode result = Json.object();
        result.set("template", saved.toJson());
        result.put("created", old == null);
        ObjectNode log = Json.object();
        log.put("template", name);
        log.put("created", old == null);
        return Outcome.builder(result).writeJson(TemplateBook.PATH, book.put(saved).toJson())
                .audit(new AuditRecord("calendar.template_saved", ctx.actor(), ctx.traceId(), log)).build();
    }

    static Outcome createFrom(ActionContext ctx) {
        JsonNode data = ctx.data();
        TemplateBook book = book(ctx);
        String name = data.get("template").asText();
        EventTemplate template = book.find(name).orElseThrow(() -> new Refusal(ErrorCode.NOT_FOUND,
                "no template " + name, new Violation("$.data.template", "no template with this name")));
        JsonNode overrides = data.path("overrides");
        List<Violation> problems = new ArrayList<>();
        ObjectNode event = template.eventFields();
        for (String field : EVENT_FIELDS) {
            if (overrides.has(field)) {
                event.set(field, overrides.get(field));
            }
        }
        Duration duration = overrides.has("durationMinutes")
                ? Duration.ofMinutes(overrides.get("durationMinutes").asLong()) : template.duration();
        ZoneId zone = ctx.zone();
        if (data.has("zone")) {
            event.put("zone", data.get("zone").asText());
            if (ZoneId.getAvailableZoneIds().contains(data.get("zone").asText())) {
                zone = ZoneId.of(data.get("zone").asText());
            }
        }
        LocalDateTime start = EventDraft.localDateTime(data.get("start").asText(), zone, "$.data.start", problems);
        // with an unreadable start the other fields are still checked, on a stand-in start
        LocalDateTime probeStart = start == null ? PROBE : start;
        event.put("start", probeStart.toString());
        // the duration is real time: a one-hour meeting over a DST change still lasts an hour; the end is
        // passed on with its offset, so an end in a repeated hour is not read as its first pass
        event.put("end", DateTimeOutput.format(probeStart.atZone(zone).plus(duration)));
        ObjectNode result = Json.object();
        Outcome.Builder out;
        try {
            out = CalendarActions.create(ctx, event, result);
        } catch (Refusal r) {
            List<Violation> all = new ArrayList<>(problems);
            all.addAll(remap(r.error().details(), overrides));
            throw new Refusal(new ActionError(r.error().code(), r.error().message(), dedupe(all)));
        }
        if (!problems.isEmpty()) {
            throw new Refusal(ErrorCode.VALIDATION_FAILED, "the event is not valid", problems);
        }
        EventTemplate used = template.used(ctx.now());
        result.put("template", name);
        result.put("uses", used.uses());
        ObjectNode log = Json.object();
        log.put("template", name);
        log.put("eventId", result.path("event").path("id").asText());
        log.put("uses", used.uses());
        return out.writeJson(TemplateBook.PATH, book.put(used).toJson())
                .audit(new AuditRecord("calendar.template_used", ctx.actor(), ctx.traceId(), log)).build();
    }

    /**
     * Names the field the caller can act on: an override by its own path, a value that came from the
     * stored template as {@code $.data.template} (e.g. its domain was removed from behaviour.avl since).
     */
    private static List<Violation> remap(List<Violation> details, JsonNode overrides) {
        List<Violation> out = new ArrayList<>();
        for (Violation v : details) {
            String path = v.path();
            if (!path.startsWith("$.data.")) {
                out.add(v);
                continue;
            }
            String rest = path.substring("$.data.".length());
            String field = rest.split("[.\\[]", 2)[0];
            if (field.equals("start") || field.equals("end")) {
                out.add(new Violation("$.data.start", v.problem()));
            } else if (field.equals("zone")) {
                out.add(v);
            } else if (overrides.has(field)) {
                out.add(new Violation("$.data.overrides." + rest, v.problem()));
            } else {
                out.add(new Violation("$.data.template", "the template's " + rest + " " + v.problem()));
            }
        }
        return out;
    }

    private static List<Violation> dedupe(List<Violation> violations) {
        Set<Violation> seen = new LinkedHashSet<>(violations);
        return List.copyOf(seen);
    }

    static Outcome list(ActionContext ctx) {
        String domain = ctx.data().path("domain").asText(null);
        if (domain != null && !CalendarActions.rules(ctx).domains().containsKey(domain)) {
            throw new Refusal(ErrorCode.VALIDATION_FAILED, "unknown domain",
                    new Violation("$.data.domain", "is not a domain of behaviour.avl"));
        }
        ObjectNode result = Json.object();
        ArrayNode list = result.putArray("templates");
        for (EventTemplate t : book(ctx).ranked()) {
            if (domain == null || domain.equals(t.domain())) {
                list.add(t.toJson());
            }
        }
        return Outcome.of(result);
    }
}
