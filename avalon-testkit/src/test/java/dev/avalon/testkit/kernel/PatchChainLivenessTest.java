package dev.avalon.testkit.kernel;

import com.fasterxml.jackson.databind.JsonNode;
import dev.avalon.core.base.ErrorCode;
import dev.avalon.testkit.harness.AvalonHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static dev.avalon.testkit.harness.AvalonHarness.data;
import static dev.avalon.testkit.kernel.PatchFlowTest.patch;
import static dev.avalon.testkit.kernel.PatchFlowTest.thresholdPatch;
import static org.assertj.core.api.Assertions.assertThat;

/** The patch chain never jams: expiry, withdrawal and conflicts all move it on to the next question. */
@DisplayName("The patch chain keeps moving")
class PatchChainLivenessTest {

    private final AvalonHarness h = AvalonHarness.inMemory();

    @AfterEach
    void close() {
        h.close();
    }

    private JsonNode patches() {
        return h.dispatch("governance.status").assertOk().data().path("patches");
    }

    private List<String> openApprovalsFor() {
        List<String> ids = new ArrayList<>();
        h.dispatch("question.list").assertOk().data().path("questions").forEach(q -> {
            if (q.path("kind").asText().equals("PATCH_APPROVAL")) {
                ids.add(q.path("data").path("patch").path("id").asText());
            }
        });
        return ids;
    }

    @Test
    @DisplayName("an approval that expires declines its patch (audited) and the next patch is asked about")
    void expiredApprovalMovesOn() {
        h.dispatch("behaviour.propose_patch", thresholdPatch("P-1", 3, 2)).assertOk();
        h.dispatch("behaviour.propose_patch", patch("P-2", "calendar.bufferMinutes", 10, 15, "Meer ruimte."))
                .assertOk().assertThat().hasDataAt("/status", "QUEUED");
        h.tickTo("2026-12-01T08:00:00+01:00");
        assertThat(patches().get(0).path("status").asText()).isEqualTo("DECLINED");
        assertThat(patches().get(1).path("status").asText()).isEqualTo("AWAITING_APPROVAL");
        assertThat(openApprovalsFor()).containsExactly("P-2");
        String audit = new String(h.store().read(dev.avalon.core.port.BrainPath.of("audit/2026.jsonl")).orElseThrow(),
                java.nio.charset.StandardCharsets.UTF_8);
        assertThat(audit).contains("\"governance.patch_expired\"").contains("\"question.expired\"");
        // the next patch can be approved: the chain is alive (the jobs that fell due since the brain's
        // creation, such as Monday's finance check, asked their own questions meanwhile)
        String q = null;
        for (JsonNode open : h.dispatch("question.list").assertOk().data().path("questions")) {
            if (open.path("kind").asText().equals("PATCH_APPROVAL")) {
                q = open.path("id").asText();
            }
        }
        h.answer(q, "JA").assertOk().assertThat().hasDataAt("/status", "AWAITING_COMMIT");
    }

    @Test
    @DisplayName("withdrawing the patch being asked about cancels its question and asks about the next")
    void withdrawMovesOn() {
        var p1 = h.dispatch("behaviour.propose_patch", thresholdPatch("P-1", 3, 2)).assertOk();
        h.dispatch("behaviour.propose_patch", patch("P-2", "calendar.bufferMinutes", 10, 15, "Meer ruimte.")).assertOk();
        var withdrawn = h.dispatch("behaviour.withdraw_patch", data("patchId", "P-1", "reason", "toch niet"))
                .assertOk().data();
        assertThat(withdrawn.path("status").asText()).isEqualTo("DROPPED");
        assertThat(openApprovalsFor()).containsExactly("P-2");
        assertThat(withdrawn.path("nextQuestionId").asText()).isNotEmpty();
        h.answer(p1.askId(0), "JA").assertRejected(ErrorCode.QUESTION_CLOSED);
    }

    @Test
    @DisplayName("withdrawing an unknown or finished patch is refused with what can be withdrawn, changing nothing")
    void withdrawRefusals() {
        h.dispatch("behaviour.propose_patch", thresholdPatch("P-1", 3, 2)).assertOk();
        var before = h.snapshot();
        var unknown = h.dispatch("behaviour.withdraw_patch", data("patchId", "P-9", "reason", "x"))
                .assertRejected(ErrorCode.NOT_FOUND);
        assertThat(unknown.json().at("/error/details/0/problem").asText()).contains("P-1");
        h.assertUnchangedSince(before);
        String q = openApprovalQuestion();
        h.answer(q, "NEE").assertOk();
        h.dispatch("behaviour.withdraw_patch", data("patchId", "P-1", "reason", "x"))
                .assertRejected(ErrorCode.VALIDATION_FAILED);
    }

    private String openApprovalQuestion() {
        return h.dispatch("question.list").assertOk().data().path("questions").get(0).path("id").asText();
    }

    @Test
    @DisplayName("a conflict answered USE_PROPOSED while other patches wait asks about the chain's next patch")
    void conflictContinuesTheChain() {
        h.dispatch("behaviour.propose_patch", thresholdPatch("P-1", 3, 2)).assertOk();
        h.dispatch("behaviour.propose_patch", patch("P-2", "calendar.bufferMinutes", 10, 15, "Meer ruimte.")).assertOk();
        var clash = h.dispatch("behaviour.propose_patch", thresholdPatch("P-3", 3, 4));
        h.answer(clash.askId(0), "USE_PROPOSED").assertOk();
        assertThat(patches()).extracting(p -> p.path("patch").path("id").asText() + ":" + p.path("status").asText())
                .contains("P-1:DROPPED", "P-2:AWAITING_APPROVAL", "P-3:QUEUED");
        assertThat(openApprovalsFor()).containsExactly("P-2");
    }

    @Test
    @DisplayName("a declined commit of an applied patch moves the chain on; the next consent commits both patches")
    void declinedConsentMovesOn() {
        var applied = h.answer(h.dispatch("behaviour.propose_patch", thresholdPatch("P-1", 3, 2)).assertOk().askId(0), "JA")
                .assertOk();
        h.dispatch("behaviour.propose_patch", patch("P-2", "calendar.bufferMinutes", 10, 15, "Meer ruimte."))
                .assertOk().assertThat().hasDataAt("/status", "QUEUED");
        h.answer(applied.askId(0), "NEE").assertOk();
        assertThat(openApprovalsFor()).containsExactly("P-2");
        String approval = openApprovalQuestion();
        var second = h.answer(approval, "JA").assertOk();
        assertThat(second.ask(0).path("data").path("context").path("patchIds"))
                .extracting(JsonNode::asText).containsExactly("P-1", "P-2");
        h.answer(second.askId(0), "JA").assertOk();
        assertThat(patches()).extracting(p -> p.path("patch").path("id").asText() + ":" + p.path("status").asText())
                .containsExactly("P-1:COMMITTED", "P-2:COMMITTED");
    }

    @Test
    @DisplayName("a proposal after a declined commit is asked about at once")
    void proposalAfterADeclinedCommit() {
        var applied = h.answer(h.dispatch("behaviour.propose_patch", thresholdPatch("P-1", 3, 2)).assertOk().askId(0), "JA")
                .assertOk();
        h.answer(applied.askId(0), "NEE").assertOk();
        h.dispatch("behaviour.propose_patch", patch("P-2", "calendar.bufferMinutes", 10, 15, "Meer ruimte."))
                .assertOk().assertThat().hasDataAt("/status", "AWAITING_APPROVAL");
        assertThat(openApprovalsFor()).containsExactly("P-2");
    }

    @Test
    @DisplayName("behind an applied patch whose commit was declined, a declined approval asks about the next patch")
    void declinedApprovalBehindADeclinedCommit() {
        var applied = h.answer(h.dispatch("behaviour.propose_patch", thresholdPatch("P-1", 3, 2)).assertOk().askId(0), "JA")
                .assertOk();
        h.dispatch("behaviour.propose_patch", patch("P-2", "calendar.bufferMinutes", 10, 15, "Meer ruimte.")).assertOk();
        h.dispatch("behaviour.propose_patch", thresholdPatch("P-3", 2, 1)).assertOk();
        h.answer(applied.askId(0), "NEE").assertOk();
        h.answer(openApprovalQuestion(), "NEE").assertOk();
        assertThat(openApprovalsFor()).containsExactly("P-3");
    }
}
