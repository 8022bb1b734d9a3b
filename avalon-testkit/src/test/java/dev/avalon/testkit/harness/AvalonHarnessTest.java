package dev.avalon.testkit.harness;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.avalon.core.base.ErrorCode;
import dev.avalon.core.layout.BrainLayout;
import dev.avalon.core.port.AlertLevel;
import dev.avalon.core.port.BrainPath;
import dev.avalon.core.port.FileChange;
import dev.avalon.core.schedule.SchedulerState;
import dev.avalon.testkit.harness.AvalonHarness.Snapshot;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static dev.avalon.testkit.harness.AvalonHarness.data;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@DisplayName("The harness scripts actions, answers, ticks and snapshots without hand-built JSON")
class AvalonHarnessTest {

    private final AvalonHarness h = AvalonHarness.inMemory();

    @AfterEach
    void close() {
        h.close();
    }

    /** A LOW-risk patch of the escalation threshold from 3 to 2, as a user proposes it. */
    static ObjectNode thresholdPatch(String id) {
        return data("patch", data("id", id, "type", "PATCH", "path", "reminderEscalationRules.threshold",
                "before", 3, "after", 2, "rationale", "Eerder een duwtje.", "riskLevel", "LOW", "source", "USER"));
    }

    @Nested
    @DisplayName("data(..) and dispatch")
    class Data {

        @Test
        @DisplayName("data(..) builds nested objects of strings, numbers, booleans, nulls and lists, in key order")
        void buildsNestedObjects() {
            ObjectNode node = data("s", "text \"quoted\"", "n", 3, "b", true, "nothing", null,
                    "list", List.of(1, 2), "inner", data("k", "v"));

            assertThat(node.toString()).isEqualTo(
                    "{\"s\":\"text \\\"quoted\\\"\",\"n\":3,\"b\":true,\"nothing\":null,\"list\":[1,2],\"inner\":{\"k\":\"v\"}}");
            assertThat(data()).isEmpty();
        }

        @Test
        @DisplayName("data(..) refuses an odd number of arguments, a key that is not a string and a key named twice")
        void refusesWhatCannotBeData() {
            assertThatThrownBy(() -> data("a", 1, "b")).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("pairs");
            assertThatThrownBy(() -> data(1, "a")).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("string key");
            assertThatThrownBy(() -> data("a", 1, "a", 2)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("\"a\" twice");
        }

        @Test
        @DisplayName("a value node given to data(..) is copied, so changing it later changes nothing sent")
        void copiesNodes() {
            ObjectNode inner = data("k", "v");
            ObjectNode outer = data("inner", inner);
            inner.put("k", "changed");
            assertThat(outer.path("inner").path("k").asText()).isEqualTo("v");
        }

        @Test
        @DisplayName("dispatch with a JSON node answers as dispatch with the same data as text")
        void nodeAndTextAgree() {
            JsonNode asNode = h.dispatch("behaviour.get", data("path", "reminderEscalationRules.threshold"))
                    .assertOk().data();
            JsonNode asText = h.dispatch("behaviour.get", "{\"path\":\"reminderEscalationRules.threshold\"}")
                    .assertOk().data();
            assertThat(asNode).isEqualTo(asText);
            assertThat(asNode.path("value").asInt()).isEqualTo(3);
        }

        @Test
        @DisplayName("dispatch with meta carries the confirmation a high-risk action needs")
        void dispatchWithMeta() {
            h.dispatch("governance.set_auto_mode", data("enabled", true))
                    .assertRejected(ErrorCode.CONFIRMATION_REQUIRED);
            h.dispatch("governance.set_auto_mode", data("enabled", true), data("confirm", true)).assertOk();
            assertThat(h.dispatch("governance.status").assertOk().data().path("state").asText())
                    .isEqualTo("STATE_AUTO_MODE");
        }
    }

    @Nested
    @DisplayName("answer")
    class Answer {

        @Test
        @DisplayName("answer(id, JA) approves a patch and the consent it asks commits it")
        void answersById() {
            var proposed = h.dispatch("behaviour.propose_patch", thresholdPatch("P-1")).assertOk();

            var applied = h.answer(proposed.askId(0), "JA").assertOk();
            assertThat(applied.data().path("newVersion").asText()).isEqualTo("1.0.1");

            var committed = h.answer(applied, 0, "JA").assertOk();
            assertThat(committed.data().path("commitSha").asText()).hasSize(40);
            assertThat(h.store().head()).isPresent();
        }

        @Test
        @DisplayName("a question as question.list lists it can be answered directly")
        void answersAListedQuestion() {
            h.dispatch("behaviour.propose_patch", thresholdPatch("P-1")).assertOk();
            JsonNode question = h.dispatch("question.list").assertOk().data().path("questions").get(0);

            h.answer(question, "NEE").assertOk();

            assertThat(h.dispatch("behaviour.get").assertOk().data().path("version").asText()).isEqualTo("1.0.0");
        }

        @Test
        @DisplayName("a refused answer is returned, not thrown, and a node without an id is not a question")
        void refusalsAreReturned() {
            h.answer("Q-9999", "JA").assertRejected(ErrorCode.NOT_FOUND);
            assertThatThrownBy(() -> h.answer(data("kind", "PATCH_APPROVAL"), "JA"))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a question");
        }
    }

    @Nested
    @DisplayName("snapshot and assertUnchangedSince")
    class Snapshots {

        @Test
        @DisplayName("a refusal leaves the brain as it was, so assertUnchangedSince passes")
        void passesOnARefusal() {
            var proposed = h.dispatch("behaviour.propose_patch", thresholdPatch("P-1")).assertOk();
            Snapshot before = h.snapshot();

            h.answer(proposed.askId(0), "MISSCHIEN").assertRejected(ErrorCode.INVALID_ANSWER);

            h.assertUnchangedSince(before);
        }

        @Test
        @DisplayName("an applied patch fails assertUnchangedSince naming the files that changed")
        void failsOnAChange() {
            var proposed = h.dispatch("behaviour.propose_patch", thresholdPatch("P-1")).assertOk();
            Snapshot before = h.snapshot();
            h.answer(proposed.askId(0), "JA").assertOk();

            assertThatThrownBy(() -> h.assertUnchangedSince(before))
                    .isInstanceOf(AssertionError.class)
                    .hasMessageStartingWith("expected the brain unchanged since the snapshot, but:")
                    .hasMessageContaining("file changed: " + BrainLayout.BEHAVIOUR.value())
                    .hasMessageNotContaining("commit added");
        }

        @Test
        @DisplayName("a commit fails assertUnchangedSince naming the commit and its subject")
        void failsOnACommit() {
            var proposed = h.dispatch("behaviour.propose_patch", thresholdPatch("P-1")).assertOk();
            var applied = h.answer(proposed.askId(0), "JA").assertOk();
            Snapshot before = h.snapshot();
            String sha = h.answer(applied.askId(0), "JA").assertOk().data().path("commitSha").asText();
            String subject = h.store().head().orElseThrow().message().lines().findFirst().orElseThrow();

            assertThatThrownBy(() -> h.assertUnchangedSince(before))
                    .isInstanceOf(AssertionError.class)
                    .hasMessageContaining("commit added: " + sha + " \"" + subject + "\"");
        }

        @Test
        @DisplayName("changesTo lists added, removed and changed files, then commits added and gone")
        void changesToListsEveryKind() {
            Snapshot before = new Snapshot(Map.of("a.json", "1", "b.json", "1", "c.json", "1"), List.of("old"));
            Snapshot after = new Snapshot(Map.of("a.json", "2", "c.json", "1", "d.json", "1"), List.of("new"));

            assertThat(before.changesTo(after)).containsExactly("file added: d.json", "file removed: b.json",
                    "file changed: a.json", "commit added: new", "commit gone: old");
            assertThat(after.changesTo(after)).isEmpty();
        }

        @Test
        @DisplayName("a file written behind Avalon's back is a change too")
        void seesWritesBehindTheBack() {
            Snapshot before = h.snapshot();
            h.store().apply(List.of(FileChange.put(BrainPath.of("notes/x.txt"), "x".getBytes(StandardCharsets.UTF_8))));

            assertThatThrownBy(() -> h.assertUnchangedSince(before)).hasMessageContaining("file added: notes/x.txt");
        }
    }

    @Nested
    @DisplayName("tickTo")
    class Ticks {

        @Test
        @DisplayName("tickTo 17:00 runs the due daily-log job on time; a minute later nothing is due")
        void runsADueJob() {
            h.tickTo("2026-11-23T08:00:00+01:00");

            var tick = h.tickTo("2026-11-23T17:00:00+01:00").assertRan("daily-log");

            assertThat(h.clock().instant()).isEqualTo(Instant.parse("2026-11-23T16:00:00Z"));
            assertThat(tick.report().now()).isEqualTo(h.clock().instant());
            assertThat(tick.job("daily-log").run().late()).isFalse();
            assertThat(h.alerts().at(AlertLevel.INFO)).extracting(a -> a.code()).contains("DAILY_LOG_PROMPT");
            assertThat(SchedulerState.read(h.avalon().brain()).record("daily-log").orElseThrow().lastSlot())
                    .isEqualTo(Instant.parse("2026-11-23T16:00:00Z"));
            h.tickTo(Instant.parse("2026-11-23T16:01:00Z")).assertNothingRan();
        }

        @Test
        @DisplayName("tickTo refuses to move the clock back and leaves it where it was")
        void refusesToGoBack() {
            Instant now = h.clock().instant();

            assertThatThrownBy(() -> h.tickTo(now.minusSeconds(1)))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("back from " + now);
            assertThat(h.clock().instant()).isEqualTo(now);
        }

        @Test
        @DisplayName("a tick's assertions fail with the whole tick report in the message")
        void tickFailuresShowTheReport() {
            var tick = h.tickTo("2026-11-23T17:00:00+01:00");

            assertThat(tick.jobs()).contains("daily-log");
            assertThatThrownBy(() -> tick.assertRan("no-such-job"))
                    .isInstanceOf(AssertionError.class)
                    .hasMessageContaining("expected no-such-job to run")
                    .hasMessageContaining("\"job\":\"daily-log\"");
            assertThatThrownBy(tick::assertNothingRan).hasMessageContaining("\"ran\":[");
        }
    }
}
