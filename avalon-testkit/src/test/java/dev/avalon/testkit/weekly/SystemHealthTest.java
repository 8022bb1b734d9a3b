package dev.avalon.testkit.weekly;

import com.fasterxml.jackson.databind.JsonNode;
import dev.avalon.core.port.InviteRenderer;
import dev.avalon.core.port.MailSender;
import dev.avalon.testkit.MutableClock;
import dev.avalon.testkit.brain.InMemoryBrainStore;
import dev.avalon.testkit.harness.AvalonHarness;
import dev.avalon.testkit.invite.PlainInviteRenderer;
import dev.avalon.testkit.mail.RecordingMailSender;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("system.health reports the scheduler and the invitation outbox")
class SystemHealthTest {

    private static final String VSB = """
            {"title":"Bestuur","start":"2026-11-24T19:30","end":"2026-11-24T21:00","domain":"VSB",
             "attendees":["secretaris@example.org"]}""";

    @Test
    @DisplayName("a queued invite and a failed weekclose: pending count, oldest pending, next runs and the last failure")
    void schedulerAndOutbox() {
        RecordingMailSender mail = new RecordingMailSender();
        try (AvalonHarness h = AvalonHarness.on(new InMemoryBrainStore(), MutableClock.at("2026-11-23T07:30:00+01:00"),
                b -> b.port(InviteRenderer.class, new PlainInviteRenderer()).port(MailSender.class, mail))) {
            JsonNode before = h.dispatch("system.health").assertOk().data();
            assertThat(before.path("outbox").path("pending").asInt()).isZero();
            assertThat(before.path("outbox").path("oldestPending").isNull()).isTrue();
            assertThat(job(before, "weekclose").path("nextRun").asText()).isEqualTo("2026-11-23T08:00:00+01:00");
            assertThat(job(before, "weekclose").path("lastFailure").isNull()).isTrue();

            mail.failNextTransiently(3);
            h.dispatch("calendar.create_event", VSB).assertOk();
            // this host wired no SheetRenderer: the weekclose fails
            h.dispatch("system.tick", "{\"now\":\"2026-11-23T08:00:00+01:00\"}").assertOk();

            JsonNode health = h.dispatch("system.health").assertOk().data();
            assertThat(health.path("outbox").path("pending").asInt()).isEqualTo(1);
            assertThat(health.path("outbox").path("dead").asInt()).isZero();
            assertThat(health.path("outbox").path("oldestPending").asText()).isEqualTo("2026-11-23T07:30:00+01:00");
            JsonNode weekclose = job(health, "weekclose");
            assertThat(weekclose.path("nextRun").asText()).isEqualTo("2026-11-30T08:00:00+01:00");
            assertThat(weekclose.path("lastRunAt").asText()).isEqualTo("2026-11-23T08:00:00+01:00");
            assertThat(weekclose.path("lastRunFailed").asBoolean()).isTrue();
            assertThat(weekclose.path("lastFailure").path("slot").asText()).isEqualTo("2026-11-23T08:00:00+01:00");
            assertThat(weekclose.path("lastFailure").path("problem").asText()).isNotBlank();
            JsonNode daily = job(health, "daily-log");
            assertThat(daily.path("nextRun").asText()).isEqualTo("2026-11-23T17:00:00+01:00");
            assertThat(daily.path("lastFailure").isNull()).isTrue();
            assertThat(daily.path("lastRunFailed").asBoolean()).isFalse();
        }
    }

    static JsonNode job(JsonNode health, String name) {
        for (JsonNode j : health.path("scheduler").path("jobs")) {
            if (j.path("job").asText().equals(name)) {
                return j;
            }
        }
        throw new AssertionError("no job " + name + " in " + health);
    }
}
