package dev.avalon.testkit.kernel;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.avalon.core.base.ErrorCode;
import dev.avalon.core.audit.AuditVerifier;
import dev.avalon.core.layout.BrainLayout;
import dev.avalon.core.json.Json;
import dev.avalon.core.port.AlertLevel;
import dev.avalon.core.port.BrainPath;
import dev.avalon.core.port.CommitInfo;
import dev.avalon.core.port.FileChange;
import dev.avalon.testkit.harness.AvalonHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import static dev.avalon.testkit.harness.AvalonHarness.data;
import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("A behaviour patch goes proposal → JA → applied → consent JA → commit")
class PatchFlowTest {

    /** The {@code meta} a high-risk action needs. */
    private static final ObjectNode CONFIRMED = data("confirm", true);

    private final AvalonHarness h = AvalonHarness.inMemory();

    @AfterEach
    void close() {
        h.close();
    }

    /** The data of {@code behaviour.propose_patch} for a LOW-risk PATCH a user proposes. */
    static ObjectNode patch(String id, String path, int before, int after, String rationale) {
        return data("patch", data("id", id, "type", "PATCH", "path", path, "before", before, "after", after,
                "rationale", rationale, "riskLevel", "LOW", "source", "USER"));
    }

    static ObjectNode thresholdPatch(String id, int before, int after) {
        return patch(id, "reminderEscalationRules.threshold", before, after, "Eerder een duwtje.");
    }

    @Test
    @DisplayName("the whole flow bumps 1.0.0 → 1.0.1, audits, and commits exactly behaviour.avl and the audit log")
    void wholeFlow() {
        var proposed = h.dispatch("behaviour.propose_patch", thresholdPatch("P-1", 3, 2));
        assertThat(proposed).isOk().hasDataAt("/status", "AWAITING_APPROVAL").asked(1).asksKind("PATCH_APPROVAL");

        var applied = h.answer(proposed.askId(0), "JA");
        assertThat(applied).isOk().hasDataAt("/newVersion", "1.0.1").asked(1).asksKind("COMMIT_CONSENT");
        assertThat(h.store().head()).as("nothing committed before the consent").isEmpty();
        assertThat(h.dispatch("behaviour.get", data("path", "reminderEscalationRules.threshold")))
                .isOk().hasDataAt("/value", "2");

        var committed = h.answer(applied.askId(0), "JA").assertOk();
        String sha = committed.data().path("commitSha").asText();
        assertThat(sha).hasSize(40);
        CommitInfo head = h.store().head().orElseThrow();
        assertThat(head.sha()).isEqualTo(sha);
        assertThat(head.trailers()).containsKeys(BrainLayout.AUDIT_HEAD_TRAILER, BrainLayout.CONSENT_TRAILER);
        assertThat(h.store().uncommitted()).noneMatch(p -> p.equals(BrainLayout.BEHAVIOUR));
        JsonNode doc = h.dispatch("behaviour.get").assertOk().data().path("document");
        JsonNode last = doc.path("history").get(doc.path("history").size() - 1);
        assertThat(last.path("oldVersion").asText()).isEqualTo("1.0.0");
        assertThat(last.path("newVersion").asText()).isEqualTo("1.0.1");
        assertThat(last.path("appliedBy").asText()).isEqualTo("backend");
        assertThat(last.path("approvedByUser").asBoolean()).isTrue();
        assertThat(last.path("patchType").asText()).isEqualTo("PATCH");

        String audit = auditText();
        assertThat(audit).contains("governance.patch_applied", "commit.approved", "commit.recorded",
                "governance.patch_committed", sha);
        assertThat(h.dispatch("audit.verify")).isOk().hasDataAt("/intact", "true");
        assertThat(h.dispatch("behaviour.history")).isOk().hasDataAt("/commits/0/version", "1.0.1");
    }

    @Test
    @DisplayName("NEE to the patch changes no behaviour and starts the next queued patch")
    void declinedPatch() {
        var first = h.dispatch("behaviour.propose_patch", thresholdPatch("P-1", 3, 2)).assertOk();
        var second = h.dispatch("behaviour.propose_patch", patch("P-2", "calendar.bufferMinutes", 10, 15, "Meer lucht."));
        assertThat(second).isOk().hasDataAt("/status", "QUEUED").asked(0);
        var declined = h.answer(first.askId(0), "NEE");
        assertThat(declined).isOk().hasDataAt("/status", "DECLINED");
        assertThat(declined.ask(0).path("data").path("patch").path("id").asText()).isEqualTo("P-2");
        assertThat(h.dispatch("behaviour.get")).isOk().hasDataAt("/version", "1.0.0");
    }

    @Test
    @DisplayName("behaviour.avl edited behind Avalon's back: the brain is inconsistent, the JA and request_commit are refused, nothing is committed; put back, the JA goes through")
    void editedBehaviourIsNeverCommitted() {
        var proposed = h.dispatch("behaviour.propose_patch", thresholdPatch("P-1", 3, 2)).assertOk();
        var applied = h.answer(proposed.askId(0), "JA").assertOk();
        String consent = applied.askId(0);
        // someone edits behaviour.avl behind Avalon's back (still valid JSON and schema)
        byte[] bytes = h.store().read(BrainLayout.BEHAVIOUR).orElseThrow();
        String edited = new String(bytes, StandardCharsets.UTF_8).replace("\"bufferMinutes\": 10", "\"bufferMinutes\": 11");
        h.store().apply(List.of(FileChange.put(BrainLayout.BEHAVIOUR, edited.getBytes(StandardCharsets.UTF_8))));
        h.answer(consent, "JA").assertRejected(ErrorCode.BEHAVIOUR_INCONSISTENT);
        assertThat(h.dispatch("governance.status").assertOk().data().path("state").asText())
                .isEqualTo("STATE_INCONSISTENT");
        h.dispatch("brain.request_commit").assertRejected(ErrorCode.BEHAVIOUR_INCONSISTENT);
        assertThat(h.store().head()).isEmpty();
        // put back as the patch left it: consistent again, and the JA still applies to that content
        h.store().apply(List.of(FileChange.put(BrainLayout.BEHAVIOUR, bytes)));
        assertThat(h.dispatch("governance.status").assertOk().data().path("state").asText())
                .isEqualTo("STATE_NORMAL");
        h.answer(consent, "JA").assertOk();
        assertThat(h.store().head()).isPresent();
    }

    @Test
    @DisplayName("a write to a consented file supersedes the open consent and asks a new one")
    void supersededConsent() {
        var p1 = h.dispatch("behaviour.propose_patch", thresholdPatch("P-1", 3, 2)).assertOk();
        var applied = h.answer(p1.askId(0), "JA").assertOk();
        String consent = applied.askId(0);
        h.answer(consent, "NEE").assertOk();
        var again = h.dispatch("brain.request_commit").assertOk();
        var second = h.dispatch("brain.request_commit").assertOk();
        h.answer(again.data().path("questionId").asText(), "JA").assertRejected(ErrorCode.QUESTION_CLOSED);
        h.answer(second.data().path("questionId").asText(), "JA").assertOk();
    }

    @Test
    @DisplayName("the same JA twice: the second is refused and changes nothing")
    void secondJa() {
        var p1 = h.dispatch("behaviour.propose_patch", thresholdPatch("P-1", 3, 2)).assertOk();
        var applied = h.answer(p1.askId(0), "JA").assertOk();
        h.answer(applied.askId(0), "JA").assertOk();
        var before = h.snapshot();
        h.answer(applied.askId(0), "JA").assertRejected(ErrorCode.QUESTION_CLOSED);
        h.assertUnchangedSince(before);
    }

    @Test
    @DisplayName("an expired question cannot be answered")
    void expired() {
        var p1 = h.dispatch("behaviour.propose_patch", thresholdPatch("P-1", 3, 2)).assertOk();
        h.clock().advance(Duration.ofDays(8));
        var before = h.snapshot();
        h.answer(p1.askId(0), "JA").assertRejected(ErrorCode.QUESTION_EXPIRED);
        h.assertUnchangedSince(before);
    }

    @Test
    @DisplayName("conflicting patches ask CONFLICT_RESOLUTION_REQUEST; no answer, no change")
    void conflict() {
        h.dispatch("behaviour.propose_patch", thresholdPatch("P-1", 3, 2)).assertOk();
        var clash = h.dispatch("behaviour.propose_patch", thresholdPatch("P-2", 3, 4));
        assertThat(clash).isOk().hasDataAt("/status", "CONFLICT").asked(1).asksKind("CONFLICT_RESOLUTION_REQUEST");
        assertThat(h.answer(clash.askId(0), "USE_PROPOSED")).isOk().hasDataAt("/patchId", "P-2");
        assertThat(h.dispatch("governance.status")).isOk()
                .hasDataAt("/patches/0/status", "DROPPED")
                .hasDataAt("/patches/1/status", "AWAITING_APPROVAL");
    }

    @Test
    @DisplayName("auto-mode blocks patches and commits; leaving it allows them again")
    void autoMode() {
        var p1 = h.dispatch("behaviour.propose_patch", thresholdPatch("P-1", 3, 2)).assertOk();
        var applied = h.answer(p1.askId(0), "JA").assertOk();
        h.dispatch("governance.set_auto_mode", data("enabled", true)).assertRejected(ErrorCode.CONFIRMATION_REQUIRED);
        h.dispatch("governance.set_auto_mode", data("enabled", true), CONFIRMED).assertOk();
        var before = h.snapshot();
        h.dispatch("behaviour.propose_patch", thresholdPatch("P-2", 2, 1)).assertRejected(ErrorCode.GOVERNANCE_FORBIDDEN);
        h.assertUnchangedSince(before);
        var refused = h.answer(applied.askId(0), "JA").assertRejected(ErrorCode.COMMIT_REFUSED);
        assertThat(refused.json().toString()).contains("STATE_FORBIDS_COMMIT");
        h.assertUnchangedSince(before);
        h.dispatch("governance.set_auto_mode", data("enabled", false), CONFIRMED).assertOk();
        h.answer(applied.askId(0), "JA").assertOk();
    }

    @Test
    @DisplayName("a corrupt behaviour.avl freezes the brain in STATE_DR with a CRITICAL alert")
    void corruptBehaviourFreezes() {
        h.store().apply(List.of(FileChange.put(BrainLayout.BEHAVIOUR, "{ not json".getBytes(StandardCharsets.UTF_8))));
        h.dispatch("behaviour.propose_patch", thresholdPatch("P-1", 3, 2)).assertRejected(ErrorCode.DR_ACTIVE);
        assertThat(h.alerts().at(AlertLevel.CRITICAL)).extracting(a -> a.code()).contains("BEHAVIOUR_CORRUPT");
        assertThat(h.dispatch("governance.status")).isOk().hasDataAt("/state", "STATE_DR");
        h.dispatch("question.list").assertOk();
        h.dispatch("governance.set_auto_mode", data("enabled", true), CONFIRMED).assertRejected(ErrorCode.DR_ACTIVE);
    }

    @Test
    @DisplayName("a truncated audit log is detected, freezes the brain and alerts")
    void truncatedAudit() {
        var p1 = h.dispatch("behaviour.propose_patch", thresholdPatch("P-1", 3, 2)).assertOk();
        h.answer(p1.askId(0), "JA").assertOk();
        BrainPath file = h.store().list("audit").get(0);
        String text = new String(h.store().read(file).orElseThrow(), StandardCharsets.UTF_8);
        String[] lines = text.split("\n");
        StringBuilder cut = new StringBuilder();
        for (int i = 0; i < lines.length - 1; i++) {
            cut.append(lines[i]).append('\n');
        }
        h.store().apply(List.of(FileChange.put(file, cut.toString().getBytes(StandardCharsets.UTF_8))));
        var report = AuditVerifier.verify(h.avalon().brain().auditFiles(), h.avalon().brain().recordedAuditHeads());
        assertThat(report.intact()).isFalse();
        h.dispatch("question.list").assertOk();
        assertThat(h.alerts().at(AlertLevel.CRITICAL)).extracting(a -> a.code()).contains("AUDIT_CHAIN_BROKEN");
        assertThat(h.dispatch("governance.status")).isOk().hasDataAt("/state", "STATE_DR");
    }

    private String auditText() {
        StringBuilder sb = new StringBuilder();
        for (BrainPath p : h.store().list("audit")) {
            sb.append(new String(h.store().read(p).orElseThrow(), StandardCharsets.UTF_8));
        }
        return sb.toString();
    }

    @SuppressWarnings("unused")
    private static JsonNode parse(String s) throws Exception {
        return Json.parse(s);
    }
}
