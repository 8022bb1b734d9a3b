package dev.avalon.testkit.workflow;

import com.fasterxml.jackson.databind.JsonNode;
import dev.avalon.core.base.ErrorCode;
import dev.avalon.core.port.AlertLevel;
import dev.avalon.testkit.MutableClock;
import dev.avalon.testkit.SequentialIds;
import dev.avalon.testkit.brain.InMemoryBrainStore;
import dev.avalon.testkit.harness.AvalonHarness;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.OffsetDateTime;

import static dev.avalon.testkit.workflow.WeekcloseFlowTest.MONDAY_0800;
import static dev.avalon.testkit.workflow.WeekcloseFlowTest.SUNDAY_EVENING;
import static dev.avalon.testkit.workflow.WeekcloseFlowTest.WEEK;
import static dev.avalon.testkit.workflow.WeekcloseFlowTest.WEEK_DATA;
import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("Weekclose refuses bad input, runs once per week, stops on a bad sheet and is started by the scheduler")
class WeekcloseGuardsTest {

    private static AvalonHarness weekRecorded(boolean badSheet) {
        MutableClock clock = MutableClock.at(SUNDAY_EVENING);
        AvalonHarness h = WeekcloseFlowTest.open(new InMemoryBrainStore(), clock, new FakeSheetRenderer(badSheet),
                new SequentialIds());
        WeekcloseFlowTest.recordWeek(h);
        clock.setTo(OffsetDateTime.parse(MONDAY_0800).toInstant());
        return h;
    }

    @Test
    @DisplayName("a week that has not ended, or that is no week, is refused naming $.data.week and changes nothing")
    void badWeeks() {
        try (AvalonHarness h = weekRecorded(false)) {
            AvalonHarness.Snapshot before = h.snapshot();
            for (String week : new String[] {"2026-W48", "2026-47", "2026-W54"}) {
                AvalonHarness.Response r = h.dispatch("weekclose.start", "{\"week\":\"" + week + "\"}")
                        .assertRejected(ErrorCode.VALIDATION_FAILED);
                assertThat(r.rejected().error().details()).anyMatch(v -> v.path().equals("$.data.week"));
            }
            h.dispatch("weekclose.cancel", WEEK_DATA).assertRejected(ErrorCode.NOT_FOUND);
            assertThat(h.snapshot()).isEqualTo(before);
        }
    }

    @Test
    @DisplayName("answering a proposal after a cancel is refused with a typed error and changes nothing; behaviour unfreezes")
    void cancelledAnswers() {
        try (AvalonHarness h = weekRecorded(false)) {
            JsonNode w = h.dispatch("weekclose.start").assertOk().data().path("weekclose");
            String q = w.path("proposals").get(0).path("questionId").asText();
            JsonNode cancelled = h.dispatch("weekclose.cancel", WEEK_DATA).assertOk().data().path("weekclose");
            assertThat(cancelled.path("state").asText()).isEqualTo("CANCELLED");
            AvalonHarness.Snapshot before = h.snapshot();
            AvalonHarness.Response r = h.dispatch("question.answer", "{\"id\":\"" + q + "\",\"answer\":\"JA\"}")
                    .assertRejected(ErrorCode.QUESTION_CLOSED);
            assertThat(r.rejected().error().details().get(0).path()).isEqualTo("$.data.id");
            h.dispatch("weekclose.cancel", WEEK_DATA).assertRejected(ErrorCode.VALIDATION_FAILED);
            assertThat(h.snapshot()).isEqualTo(before);
            assertThat(h.dispatch("weekclose.status", WEEK_DATA).assertOk().data().path("weekclose").path("open")
                    .asBoolean()).isFalse();
        }
    }

    @Test
    @DisplayName("starting a started week again creates nothing: no second sheet, no second questions, no second commit")
    void twice() {
        try (AvalonHarness h = weekRecorded(false)) {
            h.dispatch("weekclose.start").assertOk();
            AvalonHarness.Snapshot asking = h.snapshot();
            JsonNode again = h.dispatch("weekclose.start", WEEK_DATA).assertOk().data();
            assertThat(again.path("started").asBoolean()).isFalse();
            assertThat(h.snapshot()).isEqualTo(asking);

            JsonNode proposals = again.path("weekclose").path("proposals");
            for (JsonNode p : proposals) {
                h.dispatch("question.answer", "{\"id\":\"" + p.path("questionId").asText() + "\",\"answer\":\"NEE\"}")
                        .assertOk();
            }
            String consent = h.dispatch("weekclose.status", WEEK_DATA).assertOk().data().path("weekclose")
                    .path("consentQuestionId").asText();
            h.dispatch("question.answer", "{\"id\":\"" + consent + "\",\"answer\":\"JA\"}").assertOk();
            // the Monday 08:00 job finds the week closed and only records that it ran
            h.avalon().tick();
            AvalonHarness.Snapshot closed = h.snapshot();
            assertThat(closed.commits()).hasSize(1);
            h.dispatch("weekclose.start", WEEK_DATA).assertOk();
            h.avalon().tick();
            assertThat(h.snapshot()).isEqualTo(closed);
        }
    }

    @Test
    @DisplayName("NEE to the commit leaves the files uncommitted, closes nothing twice and unfreezes")
    void neeToCommit() {
        try (AvalonHarness h = weekRecorded(false)) {
            JsonNode proposals = h.dispatch("weekclose.start").assertOk().data().path("weekclose").path("proposals");
            AvalonHarness.Response last = null;
            for (JsonNode p : proposals) {
                last = h.dispatch("question.answer", "{\"id\":\"" + p.path("questionId").asText()
                        + "\",\"answer\":\"JA\"}").assertOk();
            }
            String consent = last.ask(0).path("id").asText();
            JsonNode r = h.dispatch("question.answer", "{\"id\":\"" + consent + "\",\"answer\":\"NEE\"}").assertOk().data();
            assertThat(r.path("weekclose").path("state").asText()).isEqualTo("UNCOMMITTED");
            assertThat(h.snapshot().commits()).isEmpty();
            assertThat(h.store().uncommitted()).extracting(p -> p.value())
                    .contains("logbook/" + WEEK + ".xlsx", "behaviour.avl");
        }
    }

    @Test
    @DisplayName("a sheet that does not read back equal to the journal stops the weekclose in STATE_DR with a CRITICAL alert")
    void readBackMismatch() {
        try (AvalonHarness h = weekRecorded(true)) {
            JsonNode w = h.dispatch("weekclose.start").assertOk().data().path("weekclose");
            assertThat(w.path("state").asText()).isEqualTo("FAILED");
            assertThat(w.path("reason").asText()).contains("differ from the journal");
            assertThat(h.alerts().at(AlertLevel.CRITICAL)).anyMatch(a -> a.code().equals("LOGBOOK_SHEET_MISMATCH"));
            assertThat(h.dispatch("governance.status").assertOk().data().path("state").asText()).isEqualTo("STATE_DR");
            assertThat(h.store().read(dev.avalon.core.port.BrainPath.of("logbook/" + WEEK + ".xlsx"))).isEmpty();
        }
    }

    @Test
    @DisplayName("the scheduler starts the weekclose of the week that just ended at Monday 08:00")
    void scheduled() {
        MutableClock clock = MutableClock.at(SUNDAY_EVENING);
        try (AvalonHarness h = WeekcloseFlowTest.open(new InMemoryBrainStore(), clock, new FakeSheetRenderer(false),
                new SequentialIds())) {
            WeekcloseFlowTest.recordWeek(h);
            h.avalon().tick();
            assertThat(h.dispatch("weekclose.status", WEEK_DATA).assertOk().data().path("state").asText())
                    .isEqualTo("NOT_STARTED");
            clock.setTo(OffsetDateTime.parse(MONDAY_0800).toInstant());
            h.avalon().tick();
            JsonNode s = h.dispatch("weekclose.status", WEEK_DATA).assertOk().data();
            assertThat(s.path("state").asText()).isEqualTo("ASKING");
            assertThat(s.path("weekclose").path("proposals").size()).isEqualTo(2);
        }
    }
}
