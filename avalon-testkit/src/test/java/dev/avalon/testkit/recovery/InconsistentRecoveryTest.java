package dev.avalon.testkit.recovery;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.avalon.core.json.Json;
import dev.avalon.core.layout.BrainLayout;
import dev.avalon.core.port.FileChange;
import dev.avalon.testkit.harness.AvalonHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.avalon.testkit.harness.AvalonHarness.data;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * STATE_INCONSISTENT (a valid behaviour.avl that no applied patch explains, e.g. edited by hand) has its
 * own way back through the actions: {@code dr.start_resolution} asks the DR_RESOLUTION question, and
 * KEEP_AND_REPAIR puts back the version the audit log explains.
 */
@DisplayName("STATE_INCONSISTENT: the way back through the actions")
class InconsistentRecoveryTest {

    private final AvalonHarness h = AvalonHarness.inMemory();

    @AfterEach
    void close() {
        h.close();
    }

    private String state() {
        return h.dispatch("governance.status").assertOk().data().path("state").asText();
    }

    private int threshold() {
        return h.dispatch("behaviour.get", data("path", "reminderEscalationRules.threshold")).assertOk().data()
                .path("value").asInt();
    }

    @BeforeEach
    void editedByHand() throws Exception {
        var proposed = h.dispatch("behaviour.propose_patch", data("patch", data("id", "P-1", "type", "PATCH",
                "path", "reminderEscalationRules.threshold", "before", 3, "after", 2,
                "rationale", "Eerder een duwtje.", "riskLevel", "LOW", "source", "USER"))).assertOk();
        h.answer(h.answer(proposed.askId(0), "JA").assertOk().askId(0), "JA").assertOk();
        ObjectNode doc = (ObjectNode) Json.parse(h.store().read(BrainLayout.BEHAVIOUR).orElseThrow());
        ((ObjectNode) doc.path("reminderEscalationRules")).put("threshold", 7);
        h.store().apply(List.of(FileChange.put(BrainLayout.BEHAVIOUR, Json.pretty(doc))));
        assertThat(state()).isEqualTo("STATE_INCONSISTENT");
    }

    @Test
    @DisplayName("KEEP_AND_REPAIR puts back the behaviour.avl the audit log explains, and the brain is STATE_NORMAL")
    void keepAndRepair() {
        JsonNode asked = h.dispatch("dr.start_resolution").assertOk().data();
        assertThat(asked.path("state").asText()).isEqualTo("STATE_INCONSISTENT");
        assertThat(asked.path("findings")).anySatisfy(f -> assertThat(f.path("path").asText()).startsWith("behaviour.avl"));
        JsonNode repaired = h.answer(asked.path("questionId").asText(), "KEEP_AND_REPAIR").assertOk().data();
        assertThat(repaired.path("resolved").asBoolean()).as(repaired.toString()).isTrue();
        assertThat(state()).isEqualTo("STATE_NORMAL");
        assertThat(threshold()).isEqualTo(2);
        assertThat(h.dispatch("system.validate").assertOk().data().path("valid").asBoolean()).isTrue();
    }

    @Test
    @DisplayName("CANCEL while behaviour.avl is still unexplained keeps STATE_INCONSISTENT, names it and asks again")
    void cancelTooEarly() {
        String q = h.dispatch("dr.start_resolution").assertOk().data().path("questionId").asText();
        JsonNode answer = h.answer(q, "CANCEL").assertOk().data();
        assertThat(answer.path("resolved").asBoolean()).isFalse();
        assertThat(answer.path("state").asText()).isEqualTo("STATE_INCONSISTENT");
        assertThat(answer.path("nextQuestionId").asText()).isNotEqualTo(q).isNotBlank();
        assertThat(state()).isEqualTo("STATE_INCONSISTENT");
        assertThat(threshold()).isEqualTo(7);
    }
}
