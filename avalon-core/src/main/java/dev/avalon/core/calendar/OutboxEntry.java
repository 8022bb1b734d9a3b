package dev.avalon.core.calendar;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.avalon.core.json.Json;
import dev.avalon.core.port.InviteRequest;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One invitation in the outbox, with everything needed to render and send it again.
 *
 * @param id            outbox id, e.g. {@code INV-0001}
 * @param key           idempotency key: {@code uid/sequence/method[/recurrenceId]}, or
 *                      {@code uid/sequence/CANCEL/removed} for the CANCEL to attendees a change removed; one
 *                      entry per key
 * @param eventId       the event it is about
 * @param method        REQUEST or CANCEL
 * @param uid           the event's UID
 * @param sequence      the SEQUENCE it carries
 * @param organizer     sender
 * @param attendees     recipients (for the CANCEL to removed attendees: those alone)
 * @param summary       title
 * @param description   may be empty
 * @param location      may be empty
 * @param start         local start
 * @param end           local end
 * @param zone          zone of start and end
 * @param rrule         RRULE value, or {@code null}
 * @param recurrenceId  local original start of the one instance concerned, or {@code null}
 * @param status        PENDING, SENT or DEAD
 * @param attempts      send attempts so far
 * @param nextAttemptAt when the retry job may try again
 * @param lastError     the last failure, or {@code null}
 * @param messageId     the Message-ID once sent, or {@code null}
 * @param createdAt     when it was queued
 * @param updatedAt     when it last changed
 */
public record OutboxEntry(String id, String key, String eventId, InviteRequest.InviteMethod method, String uid,
                          int sequence, String organizer, List<String> attendees, String summary, String description,
                          String location, LocalDateTime start, LocalDateTime end, ZoneId zone, String rrule,
                          LocalDateTime recurrenceId, OutboxStatus status, int attempts, Instant nextAttemptAt,
                          String lastError, String messageId, Instant createdAt, Instant updatedAt,
                          List<LocalDateTime> exdates, List<InstanceOverride> instances) {

    public OutboxEntry {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(key, "key");
        attendees = List.copyOf(attendees);
        exdates = List.copyOf(exdates);
        instances = List.copyOf(instances);
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(nextAttemptAt, "nextAttemptAt");
    }

    /** The request to render; DTSTAMP is the moment of this attempt. */
    /** Whether this is the CANCEL to attendees a change removed, which its key says. */
    public boolean uninvite() {
        return method == InviteRequest.InviteMethod.CANCEL && key.endsWith("/" + InviteRequest.InviteMethod.CANCEL
                + "/" + Invites.REMOVED);
    }

    public InviteRequest request(Instant stamp) {
        return new InviteRequest(method, uid, sequence, stamp, organizer, attendees, summary, description, location,
                start.atZone(zone), end.atZone(zone), rrule, recurrenceId == null ? null : recurrenceId.atZone(zone),
                uninvite(), exdates.stream().map(x -> x.atZone(zone)).toList(),
                instances.stream().map(i -> new InviteRequest.Instance(i.originalStart().atZone(zone),
                        i.start().atZone(zone), i.end().atZone(zone), i.title(), i.description(), i.location()))
                        .toList());
    }

    public OutboxEntry sent(String message, Instant at) {
        return new OutboxEntry(id, key, eventId, method, uid, sequence, organizer, attendees, summary, description,
                location, start, end, zone, rrule, recurrenceId, OutboxStatus.SENT, attempts + 1, at, null, message,
                createdAt, at, exdates, instances);
    }

    public OutboxEntry failed(OutboxStatus next, String error, Instant retryAt, Instant at) {
        return new OutboxEntry(id, key, eventId, method, uid, sequence, organizer, attendees, summary, description,
                location, start, end, zone, rrule, recurrenceId, next, attempts + 1, retryAt, error, null, createdAt,
                at, exdates, instances);
    }

    /** Waiting, without counting an attempt (no mail port wired yet). */
    public OutboxEntry waiting(String why, Instant at) {
        return new OutboxEntry(id, key, eventId, method, uid, sequence, organizer, attendees, summary, description,
                location, start, end, zone, rrule, recurrenceId, OutboxStatus.PENDING, attempts, at, why, null,
                createdAt, at, exdates, instances);
    }

    /** Back to PENDING with a fresh attempt budget (the user asked for a retry). */
    public OutboxEntry revived(Instant at) {
        return new OutboxEntry(id, key, eventId, method, uid, sequence, organizer, attendees, summary, description,
                location, start, end, zone, rrule, recurrenceId, OutboxStatus.PENDING, 0, at, lastError, null,
                createdAt, at, exdates, instances);
    }

    public ObjectNode toJson() {
        ObjectNode n = Json.object();
        n.put("id", id);
        n.put("key", key);
        n.put("eventId", eventId);
        n.put("method", method.name());
        n.put("uid", uid);
        n.put("sequence", sequence);
        n.put("organizer", organizer);
        ArrayNode a = n.putArray("attendees");
        attendees.forEach(a::add);
        n.put("summary", summary);
        n.put("description", description);
        n.put("location", location);
        n.put("start", start.toString());
        n.put("end", end.toString());
        n.put("zone", zone.getId());
        if (rrule != null) {
            n.put("rrule", rrule);
        }
        if (recurrenceId != null) {
            n.put("recurrenceId", recurrenceId.toString());
        }
        n.put("status", status.name());
        n.put("attempts", attempts);
        n.put("nextAttemptAt", nextAttemptAt.toString());
        if (lastError != null) {
            n.put("lastError", lastError);
        }
        if (messageId != null) {
            n.put("messageId", messageId);
        }
        n.put("createdAt", createdAt.toString());
        n.put("updatedAt", updatedAt.toString());
        if (!exdates.isEmpty()) {
            ArrayNode x = n.putArray("exdates");
            exdates.forEach(d -> x.add(d.toString()));
        }
        if (!instances.isEmpty()) {
            ArrayNode x = n.putArray("instances");
            instances.forEach(i -> x.add(i.toJson()));
        }
        return n;
    }

    public static OutboxEntry fromJson(JsonNode n) {
        List<String> attendees = new ArrayList<>();
        n.path("attendees").forEach(x -> attendees.add(x.asText()));
        return new OutboxEntry(n.path("id").asText(), n.path("key").asText(), n.path("eventId").asText(),
                InviteRequest.InviteMethod.valueOf(n.path("method").asText()), n.path("uid").asText(),
                n.path("sequence").asInt(), n.path("organizer").asText(), attendees, n.path("summary").asText(),
                n.path("description").asText(""), n.path("location").asText(""),
                LocalDateTime.parse(n.path("start").asText()), LocalDateTime.parse(n.path("end").asText()),
                ZoneId.of(n.path("zone").asText()), n.hasNonNull("rrule") ? n.get("rrule").asText() : null,
                n.hasNonNull("recurrenceId") ? LocalDateTime.parse(n.get("recurrenceId").asText()) : null,
                OutboxStatus.valueOf(n.path("status").asText()), n.path("attempts").asInt(),
                Instant.parse(n.path("nextAttemptAt").asText()),
                n.hasNonNull("lastError") ? n.get("lastError").asText() : null,
                n.hasNonNull("messageId") ? n.get("messageId").asText() : null,
                Instant.parse(n.path("createdAt").asText()), Instant.parse(n.path("updatedAt").asText()),
                exdates(n), instances(n));
    }

    private static List<LocalDateTime> exdates(JsonNode n) {
        List<LocalDateTime> out = new ArrayList<>();
        n.path("exdates").forEach(x -> out.add(LocalDateTime.parse(x.asText())));
        return out;
    }

    private static List<InstanceOverride> instances(JsonNode n) {
        List<InstanceOverride> out = new ArrayList<>();
        n.path("instances").forEach(x -> out.add(InstanceOverride.fromJson(x)));
        return out;
    }
}
