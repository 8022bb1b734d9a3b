package dev.avalon.core.calendar;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.avalon.core.json.Json;
import dev.avalon.core.time.DateTimeOutput;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/** A {@link CalendarEvent} as the calendar book stores it in JSON, and back. */
final class CalendarEventJson {

    private CalendarEventJson() {
    }

    static ObjectNode toJson(CalendarEvent ev) {
        ObjectNode n = Json.object();
        n.put("id", ev.id());
        n.put("uid", ev.uid());
        if (ev.remoteId() != null) {
            n.put("remoteId", ev.remoteId());
        }
        if (ev.etag() != null) {
            n.put("etag", ev.etag());
        }
        n.put("title", ev.title());
        n.put("allDay", ev.allDay());
        n.put("start", ev.start().toString());
        n.put("end", ev.end().toString());
        n.put("zone", ev.zone().getId());
        n.put("domain", ev.domain());
        n.put("location", ev.location());
        n.put("description", ev.description());
        ArrayNode a = n.putArray("attendees");
        ev.attendees().forEach(a::add);
        if (ev.recurrence() != null) {
            n.set("recurrence", ev.recurrence().toJson());
        }
        ArrayNode x = n.putArray("exceptions");
        new TreeSet<>(ev.exceptions()).forEach(e -> x.add(e.toString()));
        if (!ev.overrides().isEmpty()) {
            ArrayNode o = n.putArray("overrides");
            ev.overrides().values().forEach(v -> o.add(v.toJson()));
        }
        if (!ev.syncedInstances().isEmpty()) {
            ArrayNode s = n.putArray("syncedInstances");
            ev.syncedInstances().forEach(v -> s.add(v.toString()));
        }
        n.put("mode", ev.mode().name());
        n.put("sequence", ev.sequence());
        n.put("status", ev.status().name());
        ArrayNode c = n.putArray("checklist");
        ev.checklist().forEach(i -> c.addObject().put("text", i.text()).put("done", i.done()));
        n.put("createdAt", ev.createdAt().toString());
        n.put("updatedAt", ev.updatedAt().toString());
        if (ev.remoteVersion() != null) {
            n.put("remoteVersion", ev.remoteVersion().toString());
        }
        if (ev.origin() != EventOrigin.LOCAL) {
            n.put("origin", ev.origin().name());
        }
        return n;
    }

    /**
     * The event as answers show it: the stored fields, with every date-time written by {@link DateTimeOutput} in
     * the event's zone ({@code 2026-11-24T19:30:00+01:00}), so each can be sent back to any action; the
     * {@code zone} says which wall clock the event keeps. An all-day event also carries its days as
     * {@code startDate}/{@code endDate}. The book itself keeps local times and instants, as it always has.
     */
    static ObjectNode toAnswer(CalendarEvent ev) {
        ObjectNode n = toJson(ev);
        ZoneId zone = ev.zone();
        n.put("start", local(ev.start(), zone));
        n.put("end", local(ev.end(), zone));
        if (ev.allDay()) {
            n.put("startDate", ev.start().toLocalDate().toString());
            n.put("endDate", ev.end().toLocalDate().toString());
        }
        ArrayNode x = n.putArray("exceptions");
        new TreeSet<>(ev.exceptions()).forEach(e -> x.add(local(e, zone)));
        if (!ev.overrides().isEmpty()) {
            ArrayNode o = n.putArray("overrides");
            ev.overrides().values().forEach(v -> o.addObject()
                    .put("originalStart", local(v.originalStart(), zone))
                    .put("start", local(v.start(), zone))
                    .put("end", local(v.end(), zone))
                    .put("title", v.title())
                    .put("location", v.location())
                    .put("description", v.description()));
        }
        if (!ev.syncedInstances().isEmpty()) {
            ArrayNode s = n.putArray("syncedInstances");
            ev.syncedInstances().forEach(v -> s.add(local(v, zone)));
        }
        n.put("createdAt", DateTimeOutput.format(ev.createdAt(), zone));
        n.put("updatedAt", DateTimeOutput.format(ev.updatedAt(), zone));
        if (ev.remoteVersion() != null) {
            n.put("remoteVersion", DateTimeOutput.format(ev.remoteVersion(), zone));
        }
        return n;
    }

    /** A stored wall-clock time as answers write it; a time the zone skipped is shown after the jump. */
    static String local(LocalDateTime at, ZoneId zone) {
        return DateTimeOutput.format(at.atZone(zone));
    }

    static CalendarEvent fromJson(JsonNode n) {
        List<String> attendees = new ArrayList<>();
        n.path("attendees").forEach(a -> attendees.add(a.asText()));
        Set<LocalDateTime> exceptions = new TreeSet<>();
        n.path("exceptions").forEach(e -> exceptions.add(LocalDateTime.parse(e.asText())));
        Map<LocalDateTime, InstanceOverride> overrides = new TreeMap<>();
        n.path("overrides").forEach(o -> {
            InstanceOverride v = InstanceOverride.fromJson(o);
            overrides.put(v.originalStart(), v);
        });
        Set<LocalDateTime> synced = new TreeSet<>();
        n.path("syncedInstances").forEach(o -> synced.add(LocalDateTime.parse(o.asText())));
        List<ChecklistItem> checklist = new ArrayList<>();
        n.path("checklist").forEach(i -> checklist.add(new ChecklistItem(i.path("text").asText(),
                i.path("done").asBoolean())));
        return new CalendarEvent(n.path("id").asText(), n.path("uid").asText(), text(n, "remoteId"), text(n, "etag"),
                n.path("title").asText(), n.path("allDay").asBoolean(), LocalDateTime.parse(n.path("start").asText()),
                LocalDateTime.parse(n.path("end").asText()), ZoneId.of(n.path("zone").asText()),
                n.path("domain").asText(), n.path("location").asText(""), n.path("description").asText(""),
                attendees, n.hasNonNull("recurrence") ? Recurrence.fromJson(n.get("recurrence")) : null, exceptions,
                EventMode.valueOf(n.path("mode").asText()), n.path("sequence").asInt(),
                EventStatus.valueOf(n.path("status").asText()), checklist, Instant.parse(n.path("createdAt").asText()),
                Instant.parse(n.path("updatedAt").asText()), overrides, synced,
                n.hasNonNull("remoteVersion") ? Instant.parse(n.get("remoteVersion").asText()) : null,
                n.hasNonNull("origin") ? EventOrigin.valueOf(n.get("origin").asText()) : EventOrigin.LOCAL);
    }

    private static String text(JsonNode n, String field) {
        return n.hasNonNull(field) ? n.get(field).asText() : null;
    }
}
