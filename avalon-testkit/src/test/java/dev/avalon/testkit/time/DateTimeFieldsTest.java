package dev.avalon.testkit.time;

import com.fasterxml.jackson.databind.JsonNode;
import dev.avalon.core.time.DateTimeInput;
import dev.avalon.testkit.harness.AvalonHarness;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("Every date-time field of the catalogue takes the one convention")
class DateTimeFieldsTest {

    @Test
    @DisplayName("each date-time field has the shared pattern and description and no format that refuses local times")
    void sharedDefinition() {
        List<String> fields = new ArrayList<>();
        try (AvalonHarness h = AvalonHarness.inMemory()) {
            JsonNode catalog = h.dispatch("system.catalog").assertOk().data().path("catalog");
            walk(catalog, "", "$", fields);
        }
        assertThat(fields).as("the date-time fields found").contains(
                "calendar.create_event.start", "calendar.create_event.end", "calendar.update_event.start",
                "calendar.update_event.end", "calendar.update_event.instance", "calendar.cancel_event.instance",
                "calendar.create_from_template.start", "calendar.list_events.from", "calendar.list_events.to",
                "calendar.free_slots.from", "calendar.free_slots.to", "reminder.create.due", "reminder.move.due",
                "system.tick.now", "chatlog.append.ts");
    }

    private static void walk(JsonNode node, String action, String path, List<String> fields) {
        if (node.isObject()) {
            String name = node.path("name").asText("");
            String here = name.matches("[a-z]+\\.[a-z_]+") ? name : action;
            boolean dateTime = "date-time".equals(node.path("format").asText())
                    || node.path("pattern").asText().contains("}T[0-9]");
            if (dateTime) {
                assertThat(node.has("format")).as(here + path + " has no format").isFalse();
                assertThat(node.path("pattern").asText()).as(here + path).isEqualTo(DateTimeInput.PATTERN);
                assertThat(node.path("description").asText()).as(here + path)
                        .contains("A date-time with an offset or Z").contains("refused with the two instants");
                fields.add(here + path.substring(path.lastIndexOf('.')));
            }
            node.fields().forEachRemaining(f -> walk(f.getValue(), here, path + "." + f.getKey(), fields));
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                walk(node.get(i), action, path + "[" + i + "]", fields);
            }
        }
    }
}
