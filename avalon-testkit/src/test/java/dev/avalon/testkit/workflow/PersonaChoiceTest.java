package dev.avalon.testkit.workflow;

import com.fasterxml.jackson.databind.JsonNode;
import dev.avalon.core.base.ErrorCode;
import dev.avalon.core.port.BrainPath;
import dev.avalon.core.workflow.PersonaChoice;
import dev.avalon.testkit.MutableClock;
import dev.avalon.testkit.SequentialIds;
import dev.avalon.testkit.brain.InMemoryBrainStore;
import dev.avalon.testkit.harness.AvalonHarness;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("The weekclose asks which persona the coming week has, and records the answer for it")
class PersonaChoiceTest {

    @Test
    @DisplayName("a PERSONA_CHOICE question with the profile names; unanswered changes nothing; the answer is kept and audited")
    void personaChoice() {
        MutableClock clock = MutableClock.at(WeekcloseFlowTest.SUNDAY_EVENING);
        try (AvalonHarness h = WeekcloseFlowTest.open(new InMemoryBrainStore(), clock, new FakeSheetRenderer(false),
                new SequentialIds())) {
            WeekcloseFlowTest.recordWeek(h);
            JsonNode tick = h.dispatch("system.tick", "{\"now\":\"" + WeekcloseFlowTest.MONDAY_0800 + "\"}")
                    .assertOk().json();
            JsonNode question = null;
            for (JsonNode q : tick.path("ask")) {
                if (q.path("kind").asText().equals("PERSONA_CHOICE")) {
                    question = q;
                }
            }
            assertThat(question).as("a PERSONA_CHOICE among %s", tick.path("ask")).isNotNull();
            assertThat(question.path("options")).extracting(JsonNode::asText).containsExactly("DEFAULT");
            assertThat(question.path("data").path("forWeek").asText()).isEqualTo("2026-W48");
            assertThat(question.path("prompt").asText()).contains("persona", "2026-W48", "default");
            // the weekclose waits for its proposals, not for this answer; unanswered, nothing is recorded
            assertThat(h.store().read(PersonaChoice.PATH)).isEmpty();

            String id = question.path("id").asText();
            h.dispatch("question.answer", "{\"id\":\"" + id + "\",\"answer\":\"zakelijk\"}")
                    .assertRejected(ErrorCode.INVALID_ANSWER);
            assertThat(h.store().read(PersonaChoice.PATH)).isEmpty();

            JsonNode chosen = h.dispatch("question.answer", "{\"id\":\"" + id + "\",\"answer\":\"default\"}")
                    .assertOk().data();
            assertThat(chosen.path("persona").asText()).isEqualTo("default");
            PersonaChoice kept = PersonaChoice.read(h.avalon().brain()).orElseThrow();
            assertThat(kept.persona()).isEqualTo("default");
            assertThat(kept.week()).hasToString("2026-W48");
            assertThat(kept.questionId()).isEqualTo(id);
            String audit = new String(h.store().read(BrainPath.of("audit/2026.jsonl")).orElseThrow(),
                    StandardCharsets.UTF_8);
            assertThat(audit).contains("weekclose.persona_chosen");
            assertThat(h.dispatch("system.validate").assertOk().data().path("valid").asBoolean()).isTrue();
        }
    }
}
