package dev.avalon.testkit.google;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One calendar of a {@link FakeGoogleCalendarServer}, seen as its user sees it in Google's own app:
 * tests add, move, edit and delete events here behind the adapter's back. Events are Calendar API v3
 * JSON resources. Every change gets a new ETag and shows up in the next incremental listing.
 *
 * <p>An instance of a series is named by its instance id ({@code <seriesId>_<original start in UTC>}):
 * moving, editing or deleting it changes that one occurrence, as the user does in Google's app with
 * "this event" (the series stays as it is).
 */
public final class FakeCalendar {

    /** A stored event and the server-wide change number of its last change. */
    record Stored(ObjectNode json, long version) {
    }

    private final FakeGoogleCalendarServer server;
    private final String id;
    final Map<String, Stored> events = new LinkedHashMap<>();

    FakeCalendar(FakeGoogleCalendarServer server, String id) {
        this.server = server;
        this.id = id;
    }

    /** The calendar id as it appears in request paths. */
    public String id() {
        return id;
    }

    /**
     * The user adds an event (Calendar API JSON). Without an {@code id} the server picks one.
     *
     * @return the event as stored, with {@code id}, {@code etag}, {@code iCalUID} and {@code updated}
     */
    public JsonNode add(String eventJson) {
        synchronized (server) {
            ObjectNode event = (ObjectNode) server.parse(eventJson);
            if (!event.hasNonNull("id")) {
                event.put("id", server.newEventId());
            }
            if (events.containsKey(event.path("id").asText())) {
                throw new IllegalArgumentException("event exists: " + event.path("id").asText());
            }
            return server.stamp(this, event, true).deepCopy();
        }
    }

    /** The user moves a timed event, keeping its time zone. */
    public JsonNode move(String eventId, Instant start, Instant end) {
        synchronized (server) {
            ObjectNode event = live(eventId).json().deepCopy();
            setTime(event.withObjectProperty("start"), start);
            setTime(event.withObjectProperty("end"), end);
            return server.stamp(this, event, false).deepCopy();
        }
    }

    /** The user edits an event: {@code mergePatchJson} is applied as a JSON merge patch. */
    public JsonNode edit(String eventId, String mergePatchJson) {
        synchronized (server) {
            ObjectNode event = live(eventId).json().deepCopy();
            FakeGoogleCalendarServer.merge(event, server.parse(mergePatchJson));
            return server.stamp(this, event, false).deepCopy();
        }
    }

    /**
     * A guest answers an invitation: the attendee {@code email} of the event gets {@code responseStatus}
     * ({@code accepted}, {@code declined}, {@code tentative}, {@code needsAction}) and, when not {@code null}, the
     * {@code comment}; the event gets a new ETag, as in Google when a guest replies.
     */
    public JsonNode reply(String eventId, String email, String responseStatus, String comment) {
        Objects.requireNonNull(email, "email");
        Objects.requireNonNull(responseStatus, "responseStatus");
        synchronized (server) {
            ObjectNode event = live(eventId).json().deepCopy();
            for (JsonNode attendee : event.path("attendees")) {
                if (email.equalsIgnoreCase(attendee.path("email").asText())) {
                    ((ObjectNode) attendee).put("responseStatus", responseStatus);
                    if (comment != null) {
                        ((ObjectNode) attendee).put("comment", comment);
                    }
                    return server.stamp(this, event, false).deepCopy();
                }
            }
            throw new IllegalArgumentException("no attendee " + email + " on event " + eventId);
        }
    }

    /** The user deletes an event; it stays as {@code status: cancelled} for incremental listings. */
    public void delete(String eventId) {
        synchronized (server) {
            ObjectNode event = live(eventId).json().deepCopy();
            event.put("status", "cancelled");
            server.stamp(this, event, false);
        }
    }

    /** The event as stored now, cancelled ones included; an instance of a series as it stands. */
    public Optional<JsonNode> event(String eventId) {
        synchronized (server) {
            return server.event(this, Objects.requireNonNull(eventId, "eventId")).map(JsonNode.class::cast);
        }
    }

    /**
     * The occurrences of series {@code seriesId} as Google's app shows them, in order: changed ones as
     * changed, cancelled ones left out; empty for a series that is not live.
     */
    public List<JsonNode> instances(String seriesId) {
        synchronized (server) {
            List<JsonNode> out = new ArrayList<>();
            server.liveSeries(this, Objects.requireNonNull(seriesId, "seriesId"))
                    .ifPresent(rule -> out.addAll(server.instances(this, rule, false)));
            return out;
        }
    }

    /** Every event not deleted, in the order they were first stored. */
    public List<JsonNode> liveEvents() {
        synchronized (server) {
            List<JsonNode> live = new ArrayList<>();
            for (Stored stored : events.values()) {
                if (!FakeGoogleCalendarServer.isCancelled(stored.json())) {
                    live.add(stored.json().deepCopy());
                }
            }
            return live;
        }
    }

    /** The live event or instance (as it stands) {@code eventId} names, for the user to change a copy of. */
    Stored live(String eventId) {
        Stored stored = events.get(Objects.requireNonNull(eventId, "eventId"));
        if (stored == null) {
            stored = server.instanceRef(this, eventId).map(ref -> new Stored(server.instance(this, ref), 0))
                    .orElse(null);
        }
        if (stored == null || FakeGoogleCalendarServer.isCancelled(stored.json())) {
            throw new IllegalArgumentException("no live event " + eventId + " in calendar " + id);
        }
        return stored;
    }

    private static void setTime(ObjectNode time, Instant at) {
        ZoneId zone = time.hasNonNull("timeZone") ? ZoneId.of(time.get("timeZone").asText()) : ZoneId.of("UTC");
        time.remove("date");
        time.put("dateTime", DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(ZonedDateTime.ofInstant(at, zone)));
    }
}
