package dev.avalon.core.reminder;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.avalon.core.json.Json;

import java.time.Instant;
import java.util.Locale;
import java.util.Objects;

/**
 * A task reminders attach to; created the first time a reminder names it by title.
 *
 * @param id        stable id, e.g. {@code TASK-…}
 * @param title     the task's title as first given
 * @param domein    the domain of the reminder that created it
 * @param createdAt when it was created
 */
public record Task(String id, String title, String domein, Instant createdAt) {
    public Task {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(domein, "domein");
        Objects.requireNonNull(createdAt, "createdAt");
    }

    /** Whether {@code other} names this task: same title without surrounding blanks, any case. */
    public boolean isNamed(String other) {
        return title.strip().toLowerCase(Locale.ROOT).equals(other.strip().toLowerCase(Locale.ROOT));
    }

    public ObjectNode toJson() {
        ObjectNode n = Json.object();
        n.put("id", id);
        n.put("title", title);
        n.put("domein", domein);
        n.put("createdAt", createdAt.toString());
        return n;
    }

    public static Task fromJson(JsonNode n) {
        return new Task(n.get("id").textValue(), n.get("title").textValue(), n.get("domein").textValue(),
                Instant.parse(n.get("createdAt").textValue()));
    }
}
