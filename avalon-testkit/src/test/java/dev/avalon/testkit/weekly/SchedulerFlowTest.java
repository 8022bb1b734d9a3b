package dev.avalon.testkit.weekly;

import com.fasterxml.jackson.databind.JsonNode;
import dev.avalon.core.base.ErrorCode;
import dev.avalon.core.port.AlertLevel;
import dev.avalon.core.port.BrainPath;
import dev.avalon.core.port.FileChange;
import dev.avalon.core.schedule.JobReport;
import dev.avalon.core.schedule.SchedulerState;
import dev.avalon.core.schedule.TickReport;
import dev.avalon.testkit.harness.AvalonHarness;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("Ticks run the due jobs through the unit of work")
class SchedulerFlowTest {

    @Test
    @DisplayName("at 17:00 the daily-log job asks the front end for the entry with an INFO alert and a phrasable result")
    void dailyLogPrompt() {
        try (AvalonHarness h = AvalonHarness.inMemory()) {
            h.dispatch("system.tick", "{\"now\":\"2026-11-23T08:00:00+01:00\"}").assertOk();
            JsonNode tick = h.dispatch("system.tick", "{\"now\":\"2026-11-23T17:00:00+01:00\"}").assertOk().data();
            JsonNode run = ReminderFlowTest.find(tick, "daily-log");
            assertThat(run.path("late").asBoolean()).isFalse();
            assertThat(run.path("result").path("action").asText()).isEqualTo("logbook.add_daily_entry");
            assertThat(run.path("result").path("prompt").asText()).startsWith("Hoe ging je dag?");
            assertThat(run.path("result").path("domains")).hasSize(5);
            assertThat(h.alerts().at(AlertLevel.INFO)).extracting(a -> a.code()).containsExactly("DAILY_LOG_PROMPT");
            // a tick a minute later does not prompt again
            JsonNode again = h.dispatch("system.tick", "{\"now\":\"2026-11-23T17:01:00+01:00\"}").assertOk().data();
            assertThat(again.path("ran")).isEmpty();
        }
    }

    @Test
    @DisplayName("three days down: every job fires once on return, marked late, and the scheduler remembers it")
    void downtimeCatchesUpOnce() {
        try (AvalonHarness h = AvalonHarness.inMemory()) {
            h.dispatch("system.tick", "{\"now\":\"2026-11-23T17:00:00+01:00\"}").assertOk();
            JsonNode tick = h.dispatch("system.tick", "{\"now\":\"2026-11-26T18:00:00+01:00\"}").assertOk().data();
            assertThat(tick.path("ran")).extracting(r -> r.path("job").asText())
                    .containsExactlyInAnyOrder("daily-log", "reminder-escalation", "insight", "ics-retry", "calendar-sync",
                            "calendar-complete", "question-expiry");
            assertThat(tick.path("ran")).allSatisfy(r -> assertThat(r.path("late").asBoolean()).isTrue());
            assertThat(ReminderFlowTest.find(tick, "daily-log").path("slot").asText()).isEqualTo("2026-11-26T17:00:00+01:00");
            SchedulerState state = SchedulerState.read(h.avalon().brain());
            assertThat(state.record("daily-log").orElseThrow().lastSlot()).isEqualTo(Instant.parse("2026-11-26T16:00:00Z"));
            assertThat(h.dispatch("system.validate").assertOk().data().path("valid").asBoolean()).isTrue();
        }
    }

    @Test
    @DisplayName("Avalon.tick() runs the jobs due by the host's clock and returns what ran")
    void hostTick() {
        try (AvalonHarness h = AvalonHarness.inMemory()) {
            // Monday 08:00 is the weekclose slot; this host wired no SheetRenderer, so that run fails with an alert
            assertThat(h.avalon().tick().ran()).extracting(r -> r.run().job())
                    .containsExactlyInAnyOrder("weekclose", "ics-retry", "question-expiry");
            h.clock().setTo(OffsetDateTime.parse("2026-11-23T23:30:00+01:00").toInstant());
            TickReport report = h.avalon().tick();
            assertThat(report.ran()).extracting(r -> r.run().job())
                    .containsExactlyInAnyOrder("daily-log", "insight", "ics-retry", "finance-check", "question-expiry");
            JobReport daily = report.ran().stream().filter(r -> r.run().job().equals("daily-log")).findFirst()
                    .orElseThrow();
            assertThat(daily.ok()).isTrue();
            assertThat(daily.run().late()).isTrue();
            assertThat(report.suspended()).isEmpty();
            assertThat(h.store().read(BrainPath.of("state/insight/2026-W48.json"))).isPresent();
            assertThat(h.dispatch("system.validate").assertOk().data().path("valid").asBoolean()).isTrue();
        }
    }

    @Test
    @DisplayName("no job runs in STATE_DR; the scheduler's memory stays as it was")
    void noJobsInDr() {
        try (AvalonHarness h = AvalonHarness.inMemory()) {
            h.dispatch("system.tick", "{\"now\":\"2026-11-23T08:00:00+01:00\"}").assertOk();
            byte[] memory = h.store().read(SchedulerState.PATH).orElseThrow();
            h.store().apply(List.of(FileChange.put(BrainPath.of("behaviour.avl"), "{broken".getBytes(StandardCharsets.UTF_8))));
            JsonNode tick = h.dispatch("system.tick", "{\"now\":\"2026-11-25T18:00:00+01:00\"}").assertOk().data();
            assertThat(tick.path("ran")).isEmpty();
            assertThat(tick.path("suspended").asText()).isEqualTo("STATE_DR");
            assertThat(h.store().read(SchedulerState.PATH).orElseThrow()).isEqualTo(memory);
            assertThat(h.avalon().tick().suspended()).contains("STATE_DR");
            h.dispatch("logbook.add_daily_entry", WeeklyBadInputTest.ENTRY).assertRejected(ErrorCode.DR_ACTIVE);
        }
    }

    @Test
    @DisplayName("a tick's answer lists in its own ask and alerts what its jobs asked and raised; durationMs is real time")
    void tickEnvelopeCarriesQuestionsAndAlerts() {
        try (AvalonHarness h = AvalonHarness.inMemory()) {
            h.dispatch("system.tick", "{\"now\":\"2026-11-23T08:00:00+01:00\"}").assertOk();
            JsonNode answer = h.dispatch("system.tick", "{\"now\":\"2026-11-26T18:00:00+01:00\"}").assertOk().json();
            assertThat(answer.path("alerts")).extracting(a -> a.path("code").asText()).contains("DAILY_LOG_PROMPT");
            // the simulated span is three days; the answer took a moment
            assertThat(answer.path("durationMs").asLong()).isLessThan(Duration.ofDays(1).toMillis());

            JsonNode monday = h.dispatch("system.tick", "{\"now\":\"2026-11-30T09:30:00+01:00\"}").assertOk().json();
            java.util.List<String> jobQuestions = new java.util.ArrayList<>();
            monday.path("data").path("ran").forEach(r -> r.path("ask").forEach(q -> jobQuestions.add(q.path("id").asText())));
            assertThat(jobQuestions).isNotEmpty();
            assertThat(monday.path("ask")).extracting(q -> q.path("id").asText()).containsExactlyElementsOf(jobQuestions);
            assertThat(h.dispatch("question.list").assertOk().data().toString()).contains(jobQuestions.get(0));
        }
    }
}
