package dev.avalon.core.calendar;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.avalon.core.json.Json;

import java.time.LocalDateTime;
import java.util.Objects;

/**
 * One changed instance of a recurring event (an iCalendar VEVENT with RECURRENCE-ID): it replaces the
 * instance the rule produced at {@code originalStart}. Its texts are kept whole, as the instance's own,
 * so a later change of the series' texts does not rewrite an instance that was changed on purpose.
 *
 * @param originalStart the instance's local start as the rule produces it (its RECURRENCE-ID)
 * @param start         the new local start, in the series' zone
 * @param end           the new local end (exclusive), after {@code start}
 * @param title         the instance's summary
 * @param location      the instance's location, may be empty
 * @param description   the instance's description, may be empty
 */
public record InstanceOverride(LocalDateTime originalStart, LocalDateTime start, LocalDateTime end, String title,
                               String location, String description) {

    public InstanceOverride {
        Objects.requireNonNull(originalStart, "originalStart");
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
        Objects.requireNonNull(title, "title");
        location = location == null ? "" : location;
        description = description == null ? "" : description;
        if (!end.isAfter(start)) {
            throw new IllegalArgumentException("an instance ends after it starts");
        }
    }

    public ObjectNode toJson() {
        ObjectNode n = Json.object();
        n.put("originalStart", originalStart.toString());
        n.put("start", start.toString());
        n.put("end", end.toString());
        n.put("title", title);
        n.put("location", location);
        n.put("description", description);
        return n;
    }

    public static InstanceOverride fromJson(JsonNode n) {
        return new InstanceOverride(LocalDateTime.parse(n.path("originalStart").asText()),
                LocalDateTime.parse(n.path("start").asText()), LocalDateTime.parse(n.path("end").asText()),
                n.path("title").asText(), n.path("location").asText(""), n.path("description").asText(""));
    }
}
