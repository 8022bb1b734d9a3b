package dev.avalon.core.calendar;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.avalon.core.json.Json;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A reusable shape for events the user makes often, e.g. "bestuur": title, domain, default duration,
 * attendees and checklist. Usage is counted so the front end can offer the common ones first.
 *
 * @param name        the key, lower-case words with dashes
 * @param title       the events' title
 * @param domain      a domain of behaviour.avl
 * @param duration    the default length, positive
 * @param location    may be empty
 * @param description may be empty
 * @param attendees   e-mail addresses, each alone or with a display name as {@link dev.avalon.core.base.Mailbox#text()} writes it
 * @param checklist   item texts, all unticked on a new event
 * @param mode        FREE or AUTO_PLAN, or {@code null} for calendar.defaultMode
 * @param uses        events created from it
 * @param lastUsedAt  when it was last used, or {@code null}
 * @param createdAt   when it was first saved
 * @param updatedAt   when it was last saved or used
 */
public record EventTemplate(String name, String title, String domain, Duration duration, String location,
                            String description, List<String> attendees, List<String> checklist, EventMode mode,
                            int uses, Instant lastUsedAt, Instant createdAt, Instant updatedAt) {

    public EventTemplate {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(domain, "domain");
        Objects.requireNonNull(duration, "duration");
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException("a template's duration is positive");
        }
        location = location == null ? "" : location;
        description = description == null ? "" : description;
        attendees = List.copyOf(attendees);
        checklist = List.copyOf(checklist);
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
    }

    /** This template after one more event was created from it. */
    public EventTemplate used(Instant at) {
        return new EventTemplate(name, title, domain, duration, location, description, attendees, checklist, mode,
                uses + 1, at, createdAt, at);
    }

    /** The event fields of this template, in the shape of {@code calendar.create_event} data (no times). */
    public ObjectNode eventFields() {
        ObjectNode n = Json.object();
        n.put("title", title);
        n.put("domain", domain);
        n.put("location", location);
        n.put("description", description);
        ArrayNode a = n.putArray("attendees");
        attendees.forEach(a::add);
        ArrayNode c = n.putArray("checklist");
        checklist.forEach(c::add);
        if (mode != null) {
            n.put("mode", mode.name());
        }
        return n;
    }

    public ObjectNode toJson() {
        ObjectNode n = eventFields();
        n.put("name", name);
        n.put("durationMinutes", duration.toMinutes());
        n.put("uses", uses);
        if (lastUsedAt != null) {
            n.put("lastUsedAt", lastUsedAt.toString());
        }
        n.put("createdAt", createdAt.toString());
        n.put("updatedAt", updatedAt.toString());
        return n;
    }

    public static EventTemplate fromJson(JsonNode n) {
        List<String> attendees = new ArrayList<>();
        n.path("attendees").forEach(a -> attendees.add(a.asText()));
        List<String> checklist = new ArrayList<>();
        n.path("checklist").forEach(c -> checklist.add(c.asText()));
        return new EventTemplate(n.path("name").asText(), n.path("title").asText(), n.path("domain").asText(),
                Duration.ofMinutes(n.path("durationMinutes").asLong()), n.path("location").asText(""),
                n.path("description").asText(""), attendees, checklist,
                n.hasNonNull("mode") ? EventMode.valueOf(n.get("mode").asText()) : null, n.path("uses").asInt(),
                n.hasNonNull("lastUsedAt") ? Instant.parse(n.get("lastUsedAt").asText()) : null,
                Instant.parse(n.path("createdAt").asText()), Instant.parse(n.path("updatedAt").asText()));
    }
}
