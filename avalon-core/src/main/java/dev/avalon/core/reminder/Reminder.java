package dev.avalon.core.reminder;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.avalon.core.json.Json;

import java.time.Instant;
import java.util.Objects;

/**
 * One reminder, attached to a task.
 *
 * @param id          stable id, e.g. {@code R-…}
 * @param taskId      the task it belongs to
 * @param title       what to be reminded of
 * @param domein      its domain (a key of {@code domains} in behaviour.avl)
 * @param colour      the domain's colour when the reminder was created
 * @param due         when it is due
 * @param status      OPEN or COMPLETED
 * @param moveCount   how often it was moved
 * @param level       escalation level: 0 is not escalated, {@code n} is {@code levels[n-1]} of
 *                    {@code reminderEscalationRules}
 * @param createdAt   when it was created
 * @param completedAt when it was completed, {@code null} while open
 */
public record Reminder(String id, String taskId, String title, String domein, String colour, Instant due,
                       ReminderStatus status, int moveCount, int level, Instant createdAt, Instant completedAt) {

    public Reminder {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(taskId, "taskId");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(domein, "domein");
        Objects.requireNonNull(colour, "colour");
        Objects.requireNonNull(due, "due");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(createdAt, "createdAt");
        if (moveCount < 0 || level < 0) {
            throw new IllegalArgumentException("moveCount and level must not be negative");
        }
        if ((status == ReminderStatus.COMPLETED) != (completedAt != null)) {
            throw new IllegalArgumentException("completedAt is set exactly when the reminder is completed");
        }
    }

    /** This reminder moved to {@code newDue}, one more move counted. */
    public Reminder movedTo(Instant newDue) {
        return new Reminder(id, taskId, title, domein, colour, newDue, status, moveCount + 1, level, createdAt,
                completedAt);
    }

    public Reminder completedAt(Instant at) {
        return new Reminder(id, taskId, title, domein, colour, due, ReminderStatus.COMPLETED, moveCount, level,
                createdAt, at);
    }

    public Reminder atLevel(int newLevel) {
        return new Reminder(id, taskId, title, domein, colour, due, status, moveCount, newLevel, createdAt,
                completedAt);
    }

    public ObjectNode toJson() {
        ObjectNode n = Json.object();
        n.put("id", id);
        n.put("taskId", taskId);
        n.put("title", title);
        n.put("domein", domein);
        n.put("colour", colour);
        n.put("due", due.toString());
        n.put("status", status.name());
        n.put("moveCount", moveCount);
        n.put("level", level);
        n.put("createdAt", createdAt.toString());
        if (completedAt != null) {
            n.put("completedAt", completedAt.toString());
        }
        return n;
    }

    public static Reminder fromJson(JsonNode n) {
        return new Reminder(n.get("id").textValue(), n.get("taskId").textValue(), n.get("title").textValue(),
                n.get("domein").textValue(), n.get("colour").textValue(), Instant.parse(n.get("due").textValue()),
                ReminderStatus.valueOf(n.get("status").textValue()), n.get("moveCount").intValue(),
                n.get("level").intValue(), Instant.parse(n.get("createdAt").textValue()),
                n.hasNonNull("completedAt") ? Instant.parse(n.get("completedAt").textValue()) : null);
    }
}
