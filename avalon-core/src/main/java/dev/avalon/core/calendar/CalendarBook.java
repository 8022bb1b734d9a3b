package dev.avalon.core.calendar;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.avalon.core.json.Json;
import dev.avalon.core.layout.BrainLayout;
import dev.avalon.core.port.BrainPath;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Every event Avalon keeps, and the remote calendar's sync token, as stored in
 * {@code state/calendar/events.json}. Immutable: changes give a new book.
 *
 * @param events    in creation order
 * @param syncToken the token of the last remote sync, or {@code null}
 * @param syncedAt  when the last remote sync finished, or {@code null}; which events are still to be written
 *                  to the remote calendar each event says itself ({@link CalendarEvent#changedSinceRemote()})
 */
public record CalendarBook(List<CalendarEvent> events, String syncToken, Instant syncedAt) {

    /** Where the book lives in the brain. */
    public static final BrainPath PATH = BrainLayout.CALENDAR_EVENTS;

    public static final CalendarBook EMPTY = new CalendarBook(List.of(), null, null);

    public CalendarBook {
        events = List.copyOf(events);
    }

    public Optional<CalendarEvent> find(String id) {
        return events.stream().filter(e -> e.id().equals(id)).findFirst();
    }

    /** This book with {@code event} added, or replacing the event with its id. */
    public CalendarBook put(CalendarEvent event) {
        List<CalendarEvent> next = new ArrayList<>(events);
        for (int i = 0; i < next.size(); i++) {
            if (next.get(i).id().equals(event.id())) {
                next.set(i, event);
                return new CalendarBook(next, syncToken, syncedAt);
            }
        }
        next.add(event);
        return new CalendarBook(next, syncToken, syncedAt);
    }

    /** This book with {@code added}, events it does not hold yet, after its own. */
    public CalendarBook plus(java.util.Collection<CalendarEvent> added) {
        List<CalendarEvent> next = new ArrayList<>(events);
        next.addAll(added);
        return new CalendarBook(next, syncToken, syncedAt);
    }

    public CalendarBook synced(String token, Instant at) {
        return new CalendarBook(events, token, at);
    }

    /** Every instance of every live (not cancelled) event that meets {@code [from, to)}, each series capped. */
    public List<Occurrence> occurrences(Instant from, Instant to, int cap, boolean includeAllDay) {
        List<Occurrence> out = new ArrayList<>();
        for (CalendarEvent e : events) {
            if (e.status() != EventStatus.CANCELLED && (includeAllDay || !e.allDay())) {
                out.addAll(e.occurrences(from, to, cap).occurrences());
            }
        }
        return out;
    }

    public ObjectNode toJson() {
        ObjectNode n = Json.object();
        ArrayNode list = n.putArray("events");
        events.forEach(e -> list.add(e.toJson()));
        if (syncToken != null) {
            n.put("syncToken", syncToken);
        }
        if (syncedAt != null) {
            n.put("syncedAt", syncedAt.toString());
        }
        return n;
    }

    public static CalendarBook fromJson(JsonNode n) {
        Instant syncedAt = n.hasNonNull("syncedAt") ? Instant.parse(n.get("syncedAt").asText()) : null;
        List<CalendarEvent> events = new ArrayList<>();
        for (JsonNode e : n.path("events")) {
            CalendarEvent event = CalendarEvent.fromJson(e);
            if (event.remoteId() != null && event.remoteVersion() == null && syncedAt != null) {
                // stored before each event recorded its own remote version: the last sync then stood for all
                event = event.withRemoteVersion(syncedAt);
            }
            events.add(event);
        }
        return new CalendarBook(events, n.hasNonNull("syncToken") ? n.get("syncToken").asText() : null, syncedAt);
    }
}
