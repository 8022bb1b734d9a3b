package dev.avalon.core.alert;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.avalon.core.json.Json;
import dev.avalon.core.port.Alert;
import dev.avalon.core.port.AlertLevel;
import dev.avalon.core.time.DateTimeOutput;

import java.time.Instant;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One kept alert: the latest of its code about its subject, how often and since when it was raised,
 * and whether the user acknowledged it.
 *
 * @param id             {@code AL-<n>}, stable for the life of the brain
 * @param level          the level of the latest occurrence
 * @param code           the alert's code
 * @param subject        what it is about ({@link AlertSubject}), {@code ""} when nothing in particular
 * @param message        the latest occurrence's sentence
 * @param details        the latest occurrence's details
 * @param count          how often it was raised while unacknowledged, at least 1
 * @param firstSeen      the first occurrence
 * @param lastSeen       the latest occurrence
 * @param acknowledgedAt when the user acknowledged it, or null
 * @param acknowledgedBy who acknowledged it, or null
 */
public record AlertEntry(String id, AlertLevel level, String code, String subject, String message,
                         Map<String, String> details, int count, Instant firstSeen, Instant lastSeen,
                         Instant acknowledgedAt, String acknowledgedBy) {

    public AlertEntry {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(level, "level");
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(firstSeen, "firstSeen");
        Objects.requireNonNull(lastSeen, "lastSeen");
        details = Map.copyOf(details);
        if (count < 1) {
            throw new IllegalArgumentException("count must be at least 1");
        }
    }

    /** A new entry for the first occurrence of {@code alert}. */
    static AlertEntry first(String id, Alert alert) {
        return new AlertEntry(id, alert.level(), alert.code(), AlertSubject.of(alert), alert.message(),
                alert.details(), 1, alert.at(), alert.at(), null, null);
    }

    public boolean acknowledged() {
        return acknowledgedAt != null;
    }

    /** Whether {@code alert} is a repeat of this entry: same code and subject, and not yet acknowledged. */
    boolean repeatedBy(Alert alert) {
        return !acknowledged() && code.equals(alert.code()) && subject.equals(AlertSubject.of(alert));
    }

    /** This entry with {@code alert} as its latest occurrence, counted once more. */
    AlertEntry again(Alert alert) {
        Instant last = alert.at().isAfter(lastSeen) ? alert.at() : lastSeen;
        return new AlertEntry(id, alert.level(), code, subject, alert.message(), alert.details(), count + 1,
                firstSeen, last, null, null);
    }

    AlertEntry acknowledge(Instant at, String by) {
        return new AlertEntry(id, level, code, subject, message, details, count, firstSeen, lastSeen, at, by);
    }

    /** The stored form. */
    public ObjectNode toJson() {
        ObjectNode n = Json.object();
        n.put("id", id);
        n.put("level", level.name());
        n.put("code", code);
        n.put("subject", subject);
        n.put("message", message);
        n.set("details", Json.valueToTree(new java.util.TreeMap<>(details)));
        n.put("count", count);
        n.put("firstSeen", firstSeen.toString());
        n.put("lastSeen", lastSeen.toString());
        if (acknowledgedAt != null) {
            n.put("acknowledgedAt", acknowledgedAt.toString());
            n.put("acknowledgedBy", acknowledgedBy);
        }
        return n;
    }

    /** The form an answer carries, its times written in {@code zone} as every answer writes them. */
    public ObjectNode toAnswer(ZoneId zone) {
        ObjectNode n = toJson();
        n.put("acknowledged", acknowledged());
        n.put("firstSeen", DateTimeOutput.format(firstSeen, zone));
        n.put("lastSeen", DateTimeOutput.format(lastSeen, zone));
        if (acknowledgedAt != null) {
            n.put("acknowledgedAt", DateTimeOutput.format(acknowledgedAt, zone));
        }
        return n;
    }

    static AlertEntry fromJson(JsonNode n) {
        Map<String, String> details = new LinkedHashMap<>();
        n.path("details").fields().forEachRemaining(e -> details.put(e.getKey(), e.getValue().asText()));
        JsonNode ackAt = n.get("acknowledgedAt");
        boolean acked = ackAt != null && !ackAt.isNull();
        return new AlertEntry(n.path("id").asText(), AlertLevel.valueOf(n.path("level").asText()),
                n.path("code").asText(), n.path("subject").asText(), n.path("message").asText(), details,
                n.path("count").asInt(1), Instant.parse(n.path("firstSeen").asText()),
                Instant.parse(n.path("lastSeen").asText()), acked ? Instant.parse(ackAt.asText()) : null,
                acked ? n.path("acknowledgedBy").asText(null) : null);
    }
}
