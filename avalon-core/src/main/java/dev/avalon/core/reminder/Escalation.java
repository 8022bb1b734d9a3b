package dev.avalon.core.reminder;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.avalon.core.json.Json;

import java.time.LocalDate;
import java.util.Objects;

/**
 * One escalation, kept for the insight metrics.
 *
 * @param date       the day of the escalation run, in the user's zone
 * @param reminderId the reminder that escalated
 * @param level      the level it reached (1-based index into the levels)
 * @param levelName  that level's name, e.g. {@code GENTLE}
 * @param moveCount  its move count at the time
 */
public record Escalation(LocalDate date, String reminderId, int level, String levelName, int moveCount) {
    public Escalation {
        Objects.requireNonNull(date, "date");
        Objects.requireNonNull(reminderId, "reminderId");
        Objects.requireNonNull(levelName, "levelName");
    }

    public ObjectNode toJson() {
        ObjectNode n = Json.object();
        n.put("date", date.toString());
        n.put("reminderId", reminderId);
        n.put("level", level);
        n.put("levelName", levelName);
        n.put("moveCount", moveCount);
        return n;
    }

    public static Escalation fromJson(JsonNode n) {
        return new Escalation(LocalDate.parse(n.get("date").textValue()), n.get("reminderId").textValue(),
                n.get("level").intValue(), n.get("levelName").textValue(), n.get("moveCount").intValue());
    }
}
