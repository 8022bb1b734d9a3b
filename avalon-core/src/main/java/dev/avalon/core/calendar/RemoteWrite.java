package dev.avalon.core.calendar;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.avalon.core.json.Json;

import java.time.Instant;
import java.util.Objects;

/**
 * An event still to be written to the remote calendar, queued in the outbox by the change that made it so.
 * It names the event, not a version of it: the delivery writes the event as it then stands, which a later
 * change only brings more up to date, so one entry per event is enough.
 *
 * @param id            outbox id, e.g. {@code RW-0001}
 * @param eventId       the event to write
 * @param status        PENDING (to be tried at {@code nextAttemptAt}) or DEAD (given up until the event
 *                      changes again or the sync writes it)
 * @param attempts      write attempts so far
 * @param nextAttemptAt when the delivery may try again
 * @param lastError     the last failure, or {@code null}
 * @param createdAt     when it was queued
 * @param updatedAt     when it last changed
 */
public record RemoteWrite(String id, String eventId, OutboxStatus status, int attempts, Instant nextAttemptAt,
                          String lastError, Instant createdAt, Instant updatedAt) {

    public RemoteWrite {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(nextAttemptAt, "nextAttemptAt");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
    }

    /** A write queued now, due at once. */
    public static RemoteWrite queued(String id, String eventId, Instant now) {
        return new RemoteWrite(id, eventId, OutboxStatus.PENDING, 0, now, null, now, now);
    }

    /** After a failed attempt: PENDING again at {@code retryAt}, or DEAD. */
    public RemoteWrite failed(OutboxStatus next, String error, Instant retryAt, Instant at) {
        return new RemoteWrite(id, eventId, next, attempts + 1, retryAt, error, createdAt, at);
    }

    /** Due again at once with a fresh attempt budget: the event changed since. */
    public RemoteWrite revived(Instant at) {
        return new RemoteWrite(id, eventId, OutboxStatus.PENDING, 0, at, lastError, createdAt, at);
    }

    public ObjectNode toJson() {
        ObjectNode n = Json.object();
        n.put("id", id);
        n.put("eventId", eventId);
        n.put("status", status.name());
        n.put("attempts", attempts);
        n.put("nextAttemptAt", nextAttemptAt.toString());
        if (lastError != null) {
            n.put("lastError", lastError);
        }
        n.put("createdAt", createdAt.toString());
        n.put("updatedAt", updatedAt.toString());
        return n;
    }

    public static RemoteWrite fromJson(JsonNode n) {
        return new RemoteWrite(n.path("id").asText(), n.path("eventId").asText(),
                OutboxStatus.valueOf(n.path("status").asText()), n.path("attempts").asInt(),
                Instant.parse(n.path("nextAttemptAt").asText()),
                n.hasNonNull("lastError") ? n.get("lastError").asText() : null,
                Instant.parse(n.path("createdAt").asText()), Instant.parse(n.path("updatedAt").asText()));
    }
}
