package dev.avalon.google.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.avalon.core.port.RemoteEvent;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Maps {@link RemoteEvent} to and from Calendar API v3 event resources: timed events as
 * {@code dateTime} (with the offset of their zone) plus {@code timeZone}, all-day events as
 * {@code date}; {@code extendedProperties.private} as the private properties. An instance of a series is
 * named the port's way ({@link RemoteEvent#instanceId}) from its series and original start.
 */
public final class EventJson {

    private final ObjectMapper json;

    public EventJson(ObjectMapper json) {
        this.json = json;
    }

    /**
     * The request body for {@code event}.
     *
     * @param withId     true for an insert (the client-chosen id travels in the body)
     * @param clearNulls true for a PATCH: fields the event lacks are sent as {@code null} so they are cleared
     */
    public ObjectNode toJson(RemoteEvent event, boolean withId, boolean clearNulls) {
        ObjectNode body = json.createObjectNode();
        if (withId) {
            body.put("id", event.remoteId());
        }
        body.put("summary", event.title());
        body.put("description", event.description());
        body.put("location", event.location());
        if (event.start() != null) {
            // Google expands a rule on a wall clock and refuses a recurring event without timeZone
            String zone = event.zone() == null && !event.recurrence().isEmpty() ? "UTC" : event.zone();
            body.set("start", timed(event.start(), zone, clearNulls));
            body.set("end", timed(event.end(), zone, clearNulls));
        } else if (event.startDate() != null) {
            body.set("start", allDay(event.startDate(), clearNulls));
            body.set("end", allDay(event.endDate(), clearNulls));
        }
        if (!event.recurrence().isEmpty()) {
            ArrayNode lines = body.putArray("recurrence");
            event.recurrence().forEach(lines::add);
        } else if (clearNulls) {
            body.putNull("recurrence");
        }
        if (event.recurringEventId() != null) {
            body.put("recurringEventId", event.recurringEventId());
        }
        if (event.cancelled()) {
            // for an instance of a series this cancels that one occurrence
            body.put("status", "cancelled");
        }
        if (event.originalStart() != null) {
            body.set("originalStartTime", event.startDate() == null
                    ? timed(event.originalStart(), event.zone(), false)
                    : allDay(LocalDate.ofInstant(event.originalStart(), ZoneOffset.UTC), false));
        }
        ArrayNode attendees = body.putArray("attendees");
        event.attendees().forEach(email -> attendees.addObject().put("email", email));
        if (event.colorId() != null) {
            body.put("colorId", event.colorId());
        } else if (clearNulls) {
            body.putNull("colorId");
        }
        ObjectNode privateProperties = body.putObject("extendedProperties").putObject("private");
        event.privateProperties().forEach(privateProperties::put);
        return body;
    }

    /**
     * The event a resource describes. A cancelled event may carry no more than its id.
     *
     * @throws IllegalArgumentException when the resource is not a well-formed event
     */
    public RemoteEvent fromJson(JsonNode node) {
        String id = text(node, "id");
        if (id == null) {
            throw new IllegalArgumentException("event without id");
        }
        try {
            JsonNode start = node.path("start");
            JsonNode end = node.path("end");
            boolean allDay = start.hasNonNull("date");
            String zone = allDay ? null : text(start, "timeZone");
            List<String> recurrence = new ArrayList<>();
            node.path("recurrence").forEach(line -> recurrence.add(line.asText()));
            List<String> attendees = new ArrayList<>();
            node.path("attendees").forEach(a -> {
                if (a.hasNonNull("email")) {
                    attendees.add(a.get("email").asText());
                }
            });
            Map<String, String> privateProperties = new LinkedHashMap<>();
            node.path("extendedProperties").path("private").fields()
                    .forEachRemaining(f -> privateProperties.put(f.getKey(), f.getValue().asText()));
            String recurringEventId = text(node, "recurringEventId");
            Instant originalStart = originalStart(node.path("originalStartTime"));
            if (recurringEventId != null && originalStart != null) {
                // the port names an instance by its series and original start, whatever id Google gave it
                id = RemoteEvent.instanceId(recurringEventId, originalStart,
                        node.path("originalStartTime").hasNonNull("date"));
            }
            return new RemoteEvent(id, text(node, "etag"), text(node, "iCalUID"), text(node, "summary"),
                    text(node, "description"), text(node, "location"),
                    allDay ? null : instant(start.path("dateTime")), allDay ? null : instant(end.path("dateTime")),
                    zone, allDay ? LocalDate.parse(start.get("date").asText()) : null,
                    end.hasNonNull("date") ? LocalDate.parse(end.get("date").asText()) : null,
                    recurrence, recurringEventId, originalStart,
                    "cancelled".equals(text(node, "status")), attendees, text(node, "colorId"), privateProperties,
                    instant(node.path("updated")));
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("event " + id + " has an unreadable time: " + e.getMessage(), e);
        }
    }

    private ObjectNode timed(Instant at, String zone, boolean clearNulls) {
        ObjectNode time = json.createObjectNode();
        if (zone != null) {
            time.put("dateTime", DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(ZonedDateTime.ofInstant(at, ZoneId.of(zone))));
            time.put("timeZone", zone);
        } else {
            time.put("dateTime", DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(at.atOffset(ZoneOffset.UTC)));
            if (clearNulls) {
                time.putNull("timeZone");
            }
        }
        if (clearNulls) {
            time.putNull("date");
        }
        return time;
    }

    private ObjectNode allDay(LocalDate day, boolean clearNulls) {
        ObjectNode time = json.createObjectNode();
        time.put("date", day.toString());
        if (clearNulls) {
            time.putNull("dateTime");
            time.putNull("timeZone");
        }
        return time;
    }

    private static Instant originalStart(JsonNode time) {
        if (time.hasNonNull("dateTime")) {
            return instant(time.get("dateTime"));
        }
        if (time.hasNonNull("date")) {
            // the port keeps instants only: an all-day instance's original day is its UTC midnight
            return LocalDate.parse(time.get("date").asText()).atStartOfDay(ZoneOffset.UTC).toInstant();
        }
        return null;
    }

    private static Instant instant(JsonNode value) {
        return value.isTextual() ? OffsetDateTime.parse(value.asText()).toInstant() : null;
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }
}
