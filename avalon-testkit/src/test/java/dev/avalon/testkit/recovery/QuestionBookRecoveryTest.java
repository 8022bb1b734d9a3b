package dev.avalon.testkit.recovery;

import com.fasterxml.jackson.databind.JsonNode;
import dev.avalon.core.base.ErrorCode;
import dev.avalon.core.json.Json;
import dev.avalon.core.layout.BrainLayout;
import dev.avalon.core.port.BrainPath;
import dev.avalon.core.port.FileChange;
import dev.avalon.testkit.harness.AvalonHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static dev.avalon.testkit.harness.AvalonHarness.data;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The freeze's own files, {@code state/questions.json} and {@code state/governance.json}, corrupted behind
 * Avalon's back: the freeze keeps the tree aside, rebuilds them (a new book holding the way out, the state
 * from the audit log), and the flows waiting on a lost question are asked again as the brain leaves STATE_DR.
 */
@DisplayName("A corrupt question book or governance state is rebuilt by the freeze, and nothing jams")
class QuestionBookRecoveryTest {

    static final byte[] BROKEN = "{broken".getBytes(StandardCharsets.UTF_8);

    private final AvalonHarness h = AvalonHarness.inMemory();

    @AfterEach
    void close() {
        h.close();
    }

    static com.fasterxml.jackson.databind.node.ObjectNode patch(String id, String path, int before, int after,
                                                                  String rationale) {
        return data("patch", data("id", id, "type", "PATCH", "path", path, "before", before, "after", after,
                "rationale", rationale, "riskLevel", "LOW", "source", "USER"));
    }

    static com.fasterxml.jackson.databind.node.ObjectNode thresholdPatch(String id, int before, int after) {
        return patch(id, "reminderEscalationRules.threshold", before, after, "Eerder een duwtje.");
    }

    private String state() {
        return h.dispatch("governance.status").assertOk().data().path("state").asText();
    }

    private List<JsonNode> openQuestions() {
        List<JsonNode> open = new ArrayList<>();
        h.dispatch("question.list").assertOk().data().path("questions").forEach(open::add);
        return open;
    }

    private JsonNode lastAudit(String type) throws Exception {
        JsonNode found = null;
        for (BrainPath p : h.store().list("audit")) {
            for (String line : new String(h.store().read(p).orElseThrow(), StandardCharsets.UTF_8).split("\n")) {
                JsonNode entry = Json.parse(line);
                if (entry.path("type").asText().equals(type)) {
                    found = entry;
                }
            }
        }
        return found;
    }

    @Test
    @DisplayName("a corrupt question book: frozen naming it, kept aside, rebuilt holding the way out, and a patch"
            + " whose approval was lost is asked about again as the brain leaves STATE_DR")
    void corruptQuestionBook() throws Exception {
        // P-1 approved and committed
        var first = h.dispatch("behaviour.propose_patch", thresholdPatch("P-1", 3, 2)).assertOk();
        var consent = h.answer(first.askId(0), "JA").assertOk();
        h.answer(consent.askId(0), "JA").assertOk();
        // P-2 declined; P-3's approval open when the book breaks
        String p2 = h.dispatch("behaviour.propose_patch", patch("P-2", "calendar.bufferMinutes", 10, 15,
                "Meer ruimte.")).assertOk().askId(0);
        h.answer(p2, "NEE").assertOk();
        h.dispatch("finance.register_income", data("amount", "1200.00", "source", "salaris",
                "date", "2026-11-23")).assertOk();
        String p3 = h.dispatch("behaviour.propose_patch", thresholdPatch("P-3", 2, 1)).assertOk().askId(0);

        h.store().apply(List.of(FileChange.put(BrainLayout.QUESTIONS, BROKEN)));
        var refused = h.dispatch("question.list").assertRejected(ErrorCode.DR_ACTIVE);
        assertThat(refused.json().toString()).contains("state/questions.json");

        JsonNode status = h.dispatch("dr.status").assertOk().data();
        assertThat(status.path("state").asText()).isEqualTo("STATE_DR");
        assertThat(status.path("trigger").path("message").asText()).contains("state/questions.json");
        assertThat(status.path("questionId").isTextual()).as("the way out is asked at once").isTrue();
        JsonNode triggered = lastAudit("dr.triggered").path("data");
        assertThat(triggered.path("keptAside").asText()).startsWith("refs/avalon/dr/");
        JsonNode rebuilt = triggered.path("rebuilt").get(0);
        assertThat(rebuilt.path("path").asText()).isEqualTo("state/questions.json");
        assertThat(rebuilt.path("damagedSha256").asText()).hasSize(64);

        var out = h.answer(status.path("questionId").asText(), "CANCEL").assertOk().data();
        assertThat(out.path("resolved").asBoolean()).as(out.toString()).isTrue();
        assertThat(state()).isEqualTo("STATE_NORMAL");
        // P-3's lost approval is asked again under a new id, and the chain goes on
        List<JsonNode> open = openQuestions();
        assertThat(open).extracting(q -> q.path("id").asText()).doesNotContain(p2, p3);
        JsonNode again = open.stream().filter(q -> q.path("kind").asText().equals("PATCH_APPROVAL")).findFirst()
                .orElseThrow(() -> new AssertionError("no approval asked again: " + open));
        var applied = h.answer(again.path("id").asText(), "JA").assertOk();
        h.answer(applied.askId(0), "JA").assertOk();
        assertThat(h.dispatch("system.validate").assertOk().data().path("valid").asBoolean()).isTrue();
        assertThat(h.dispatch("finance.overview").assertOk().data().toString()).contains("1200.00");
        JsonNode queue = Json.parse(h.store().read(BrainLayout.PATCH_QUEUE).orElseThrow());
        assertThat(queue.toString()).contains("\"P-3\"");
        assertThat(queue.findValues("status")).extracting(JsonNode::asText).contains("COMMITTED")
                .doesNotContain("AWAITING_APPROVAL", "QUEUED");
    }

    @Test
    @DisplayName("a corrupt governance state: frozen naming it, rebuilt from the audit log, and CANCEL leaves DR")
    void corruptGovernanceState() throws Exception {
        var first = h.dispatch("behaviour.propose_patch", thresholdPatch("P-1", 3, 2)).assertOk();
        h.answer(h.answer(first.askId(0), "JA").assertOk().askId(0), "JA").assertOk();

        h.store().apply(List.of(FileChange.put(BrainLayout.GOVERNANCE, BROKEN)));
        h.dispatch("brain.request_commit").assertRejected(ErrorCode.DR_ACTIVE);
        JsonNode status = h.dispatch("dr.status").assertOk().data();
        assertThat(status.path("state").asText()).isEqualTo("STATE_DR");
        assertThat(status.path("trigger").path("message").asText()).contains("state/governance.json");
        assertThat(lastAudit("dr.triggered").path("data").path("rebuilt").get(0).path("state").asText())
                .isEqualTo("STATE_NORMAL");
        h.answer(status.path("questionId").asText(), "CANCEL").assertOk();
        assertThat(state()).isEqualTo("STATE_NORMAL");
        assertThat(h.dispatch("system.validate").assertOk().data().path("valid").asBoolean()).isTrue();
    }

    @Test
    @DisplayName("a question book corrupted while frozen is rebuilt with the way out asked again")
    void corruptWhileFrozen() {
        h.store().apply(List.of(FileChange.put(BrainLayout.BEHAVIOUR, BROKEN)));
        h.dispatch("governance.status").assertOk();
        assertThat(state()).isEqualTo("STATE_DR");
        h.store().apply(List.of(FileChange.put(BrainLayout.QUESTIONS, BROKEN)));
        h.dispatch("dr.start_resolution").assertRejected(ErrorCode.DR_ACTIVE);
        JsonNode status = h.dispatch("dr.status").assertOk().data();
        assertThat(status.path("questionId").isTextual()).as(status.toString()).isTrue();
    }
}
