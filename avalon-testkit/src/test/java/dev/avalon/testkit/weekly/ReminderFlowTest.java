package dev.avalon.testkit.weekly;

import com.fasterxml.jackson.databind.JsonNode;
import dev.avalon.core.port.AlertLevel;
import dev.avalon.core.reminder.ReminderBook;
import dev.avalon.testkit.harness.AvalonHarness;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("Reminders attach to tasks, count moves and escalate daily")
class ReminderFlowTest {

    static String create(String title, String due, String domein, String task) {
        return "{\"title\":\"" + title + "\",\"due\":\"" + due + "\",\"domein\":\"" + domein + "\""
                + (task == null ? "" : ",\"task\":\"" + task + "\"") + "}";
    }

    @Test
    @DisplayName("a reminder creates its task once, takes the domain's colour, moves, completes and lists")
    void lifecycle() {
        try (AvalonHarness h = AvalonHarness.inMemory()) {
            JsonNode first = h.dispatch("reminder.create", create("Offerte sturen", "2026-11-24T09:00:00+01:00", "VSB", "Offerte VSB")).assertOk().data();
            assertThat(first.path("taskCreated").asBoolean()).isTrue();
            assertThat(first.path("reminder").path("colour").asText()).isEqualTo("#1E88E5");
            JsonNode second = h.dispatch("reminder.create", create("Offerte nabellen", "2026-11-26T09:00:00+01:00", "VSB", "offerte vsb")).assertOk().data();
            assertThat(second.path("taskCreated").asBoolean()).isFalse();
            assertThat(second.path("task").path("id").asText()).isEqualTo(first.path("task").path("id").asText());
            String id = first.path("reminder").path("id").asText();

            JsonNode moved = h.dispatch("reminder.move", "{\"id\":\"" + id + "\",\"due\":\"2026-11-25T09:00:00+01:00\"}").assertOk().data();
            assertThat(moved.path("reminder").path("moveCount").asInt()).isEqualTo(1);
            assertThat(moved.path("reminder").path("movesUntilEscalation").asInt()).isEqualTo(2);
            assertThat(moved.path("previousDue").asText()).isEqualTo("2026-11-24T09:00:00+01:00");

            h.dispatch("reminder.complete", "{\"id\":\"" + id + "\"}").assertOk();
            assertThat(h.dispatch("reminder.list").assertOk().data().path("reminders")).hasSize(1);
            assertThat(h.dispatch("reminder.list", "{\"status\":\"completed\"}").assertOk().data().path("reminders")).hasSize(1);
            assertThat(h.dispatch("reminder.list", "{\"status\":\"all\"}").assertOk().data().path("reminders")).hasSize(2);
            assertThat(h.dispatch("system.validate").assertOk().data().path("valid").asBoolean()).isTrue();
        }
    }

    @Test
    @DisplayName("at the daily check a reminder moved threshold times escalates one level, alerts, and is recorded")
    void escalation() {
        try (AvalonHarness h = AvalonHarness.inMemory()) {
            h.dispatch("system.tick", "{\"now\":\"2026-11-23T08:01:00+01:00\"}").assertOk();
            String id = h.dispatch("reminder.create", create("Belasting", "2026-11-24T09:00:00+01:00", "FINANCIEN", null))
                    .assertOk().data().path("reminder").path("id").asText();
            for (int day = 25; day <= 27; day++) {
                h.dispatch("reminder.move", "{\"id\":\"" + id + "\",\"due\":\"2026-11-" + day + "T09:00:00+01:00\"}").assertOk();
            }
            JsonNode tick = h.dispatch("system.tick", "{\"now\":\"2026-11-24T07:30:00+01:00\"}").assertOk().data();
            JsonNode run = find(tick, "reminder-escalation");
            assertThat(run.path("late").asBoolean()).isFalse();
            JsonNode escalated = run.path("result").path("escalated");
            assertThat(escalated).hasSize(1);
            assertThat(escalated.get(0).path("levelName").asText()).isEqualTo("GENTLE");
            assertThat(escalated.get(0).path("previousLevel").asText()).isEqualTo("NONE");
            assertThat(escalated.get(0).path("title").asText()).isEqualTo("Belasting");
            assertThat(run.path("alerts").get(0).path("code").asText()).isEqualTo("REMINDER_ESCALATED");
            assertThat(h.alerts().at(AlertLevel.IMPORTANT)).extracting(a -> a.details().get("level")).containsExactly("GENTLE");
            ReminderBook book = ReminderBook.read(h.avalon().brain());
            assertThat(book.escalations()).singleElement().satisfies(e -> {
                assertThat(e.reminderId()).isEqualTo(id);
                assertThat(e.levelName()).isEqualTo("GENTLE");
                assertThat(e.date()).hasToString("2026-11-24");
            });
            // the next day, without new moves, nothing escalates further
            JsonNode next = h.dispatch("system.tick", "{\"now\":\"2026-11-25T07:30:00+01:00\"}").assertOk().data();
            assertThat(find(next, "reminder-escalation").path("result").path("escalated")).isEmpty();
            assertThat(ReminderBook.read(h.avalon().brain()).escalations()).hasSize(1);
        }
    }

    static JsonNode find(JsonNode tick, String job) {
        for (JsonNode r : tick.path("ran")) {
            if (r.path("job").asText().equals(job)) {
                return r;
            }
        }
        throw new AssertionError(job + " did not run: " + tick);
    }
}
