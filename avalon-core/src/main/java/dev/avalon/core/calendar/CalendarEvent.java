package dev.avalon.core.calendar;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.avalon.core.json.Json;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * An event as Avalon keeps it. Times are local to {@code zone}; an all-day event runs from midnight of
 * its first day to midnight of the day after its last ({@code end} exclusive).
 *
 * @param id          Avalon's id, e.g. {@code EV-0001}
 * @param uid         the iCalendar UID, stable for the event's life
 * @param remoteId    the remote calendar's id once pushed, else {@code null}
 * @param etag        the remote's last ETag, else {@code null}
 * @param title       summary
 * @param allDay      whether the event covers whole days
 * @param start       local start
 * @param end         local end (exclusive), after start
 * @param zone        the zone the local times are in
 * @param domain      a domain of behaviour.avl
 * @param location    may be empty
 * @param description may be empty
 * @param attendees   e-mail addresses
 * @param recurrence  the rule of a recurring event, or {@code null}
 * @param exceptions  local starts of cancelled instances
 * @param mode        FREE or AUTO_PLAN
 * @param sequence    iCalendar SEQUENCE, raised on every significant change
 * @param status      CONFIRMED, CANCELLED or COMPLETED
 * @param checklist   items to tick
 * @param createdAt   when Avalon created it
 * @param updatedAt   when Avalon last changed it
 */
public record CalendarEvent(String id, String uid, String remoteId, String etag, String title, boolean allDay,
                            LocalDateTime start, LocalDateTime end, ZoneId zone, String domain, String location,
                            String description, List<String> attendees, Recurrence recurrence,
                            Set<LocalDateTime> exceptions, EventMode mode, int sequence, EventStatus status,
                            List<ChecklistItem> checklist, Instant createdAt, Instant updatedAt) {

    /** How far ahead a series is looked at to see whether an instance is still to come. */
    private static final long HORIZON_DAYS = 366L * 200;

    public CalendarEvent {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(uid, "uid");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
        Objects.requireNonNull(zone, "zone");
        Objects.requireNonNull(domain, "domain");
        location = location == null ? "" : location;
        description = description == null ? "" : description;
        attendees = List.copyOf(attendees);
        exceptions = Set.copyOf(exceptions);
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(status, "status");
        checklist = List.copyOf(checklist);
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
        if (!end.isAfter(start)) {
            throw new IllegalArgumentException("an event ends after it starts");
        }
    }

    public boolean recurring() {
        return recurrence != null;
    }

    /** The instances that meet {@code [from, to)}, at most {@code cap}. */
    public Recurrence.Expansion occurrences(Instant from, Instant to, int cap) {
        if (recurrence != null) {
            return recurrence.expand(id, start, end, zone, exceptions, from, to, cap);
        }
        Instant s = start.atZone(zone).toInstant();
        Instant e = end.atZone(zone).toInstant();
        if (!e.isAfter(s)) {
            e = s.plusSeconds(60);
        }
        if (s.isBefore(to) && e.isAfter(from) && cap > 0) {
            return new Recurrence.Expansion(List.of(new Occurrence(id, s, e, start)), false);
        }
        return new Recurrence.Expansion(List.of(), false);
    }

    /** When the event (its last instance, for a series) is over, or {@code null} if that is not known cheaply. */
    public Instant lastEnd() {
        if (recurrence == null) {
            return end.atZone(zone).toInstant();
        }
        if (recurrence.until() != null) {
            return recurrence.until().plusDays(1).atTime(end.toLocalTime()).atZone(zone).toInstant()
                    .plus(java.time.Duration.between(start, end));
        }
        return null;
    }

    /**
     * Whether every instance has ended by {@code now}: no instance meets {@code [now, …)}. A series with
     * COUNT is expanded from its start, which the count bounds; exceptions count as ended.
     */
    public boolean endedBy(Instant now) {
        if (recurrence == null) {
            return !end.atZone(zone).toInstant().isAfter(now);
        }
        return occurrences(now, now.plus(java.time.Duration.ofDays(HORIZON_DAYS)), 1).occurrences().isEmpty();
    }

    /**
     * Whether the event should now be COMPLETED: it is confirmed, has a checklist with every item
     * ticked, and has ended. An event without a checklist stays CONFIRMED: nothing was there to finish.
     */
    public boolean completableAt(Instant now) {
        return status == EventStatus.CONFIRMED && !checklist.isEmpty()
                && checklist.stream().allMatch(ChecklistItem::done) && endedBy(now);
    }

    public CalendarEvent withStatus(EventStatus value, Instant at) {
        return new CalendarEvent(id, uid, remoteId, etag, title, allDay, start, end, zone, domain, location,
                description, attendees, recurrence, exceptions, mode, sequence, value, checklist, createdAt, at);
    }

    public CalendarEvent withSequence(int value) {
        return new CalendarEvent(id, uid, remoteId, etag, title, allDay, start, end, zone, domain, location,
                description, attendees, recurrence, exceptions, mode, value, status, checklist, createdAt, updatedAt);
    }

    public CalendarEvent withException(LocalDateTime originalStart, Instant at) {
        Set<LocalDateTime> next = new TreeSet<>(exceptions);
        next.add(originalStart);
        return new CalendarEvent(id, uid, remoteId, etag, title, allDay, start, end, zone, domain, location,
                description, attendees, recurrence, next, mode, sequence, status, checklist, createdAt, at);
    }

    public CalendarEvent withRemote(String value, String tag) {
        return new CalendarEvent(id, uid, value, tag, title, allDay, start, end, zone, domain, location,
                description, attendees, recurrence, exceptions, mode, sequence, status, checklist, createdAt,
                updatedAt);
    }

    public CalendarEvent withTimes(LocalDateTime newStart, LocalDateTime newEnd, Instant at) {
        return new CalendarEvent(id, uid, remoteId, etag, title, allDay, newStart, newEnd, zone, domain, location,
                description, attendees, recurrence, exceptions, mode, sequence, status, checklist, createdAt, at);
    }

    public CalendarEvent withChecklist(List<ChecklistItem> value, Instant at) {
        return new CalendarEvent(id, uid, remoteId, etag, title, allDay, start, end, zone, domain, location,
                description, attendees, recurrence, exceptions, mode, sequence, status, value, createdAt, at);
    }

    public ObjectNode toJson() {
        ObjectNode n = Json.object();
        n.put("id", id);
        n.put("uid", uid);
        if (remoteId != null) {
            n.put("remoteId", remoteId);
        }
        if (etag != null) {
            n.put("etag", etag);
        }
        n.put("title", title);
        n.put("allDay", allDay);
        n.put("start", start.toString());
        n.put("end", end.toString());
        n.put("zone", zone.getId());
        n.put("domain", domain);
        n.put("location", location);
        n.put("description", description);
        ArrayNode a = n.putArray("attendees");
        attendees.forEach(a::add);
        if (recurrence != null) {
            n.set("recurrence", recurrence.toJson());
        }
        ArrayNode x = n.putArray("exceptions");
        new TreeSet<>(exceptions).forEach(e -> x.add(e.toString()));
        n.put("mode", mode.name());
        n.put("sequence", sequence);
        n.put("status", status.name());
        ArrayNode c = n.putArray("checklist");
        checklist.forEach(i -> c.addObject().put("text", i.text()).put("done", i.done()));
        n.put("createdAt", createdAt.toString());
        n.put("updatedAt", updatedAt.toString());
        return n;
    }

    public static CalendarEvent fromJson(JsonNode n) {
        List<String> attendees = new ArrayList<>();
        n.path("attendees").forEach(a -> attendees.add(a.asText()));
        Set<LocalDateTime> exceptions = new TreeSet<>();
        n.path("exceptions").forEach(e -> exceptions.add(LocalDateTime.parse(e.asText())));
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
                Instant.parse(n.path("updatedAt").asText()));
    }

    private static String text(JsonNode n, String field) {
        return n.hasNonNull(field) ? n.get(field).asText() : null;
    }
}
