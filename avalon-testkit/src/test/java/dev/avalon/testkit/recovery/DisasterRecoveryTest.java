package dev.avalon.testkit.recovery;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.avalon.core.base.ErrorCode;
import dev.avalon.core.layout.BrainLayout;
import dev.avalon.core.port.BrainPath;
import dev.avalon.core.port.CommitRequest;
import dev.avalon.core.port.FileChange;
import dev.avalon.testkit.harness.AvalonHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static dev.avalon.testkit.harness.AvalonHarness.data;
import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("Disaster recovery: dr.status, dr.safe_versions and the DR_RESOLUTION question")
class DisasterRecoveryTest {

    static final byte[] BROKEN = "{broken".getBytes(StandardCharsets.UTF_8);

    private final AvalonHarness h = AvalonHarness.inMemory();

    @AfterEach
    void close() {
        h.close();
    }

    /** A behaviour patch approved and committed on a JA: one commit Avalon made; its sha. */
    static String committedPatch(AvalonHarness h, String id, int before, int after) {
        var proposed = h.dispatch("behaviour.propose_patch", data("patch", data("id", id, "type", "PATCH",
                "path", "reminderEscalationRules.threshold", "before", before, "after", after,
                "rationale", "Eerder een duwtje.", "riskLevel", "LOW", "source", "USER"))).assertOk();
        var applied = h.answer(proposed.askId(0), "JA").assertOk();
        return h.answer(applied.askId(0), "JA").assertOk().data().path("commitSha").asText();
    }

    private String state() {
        return h.dispatch("governance.status").assertOk().data().path("state").asText();
    }

    private String auditText() {
        StringBuilder all = new StringBuilder();
        for (BrainPath p : h.store().list("audit")) {
            all.append(new String(h.store().read(p).orElseThrow(), StandardCharsets.UTF_8));
        }
        return all.toString();
    }

    @Test
    @DisplayName("dr.status on a healthy brain: STATE_NORMAL, no trigger, no findings, no question")
    void statusWhenHealthy() {
        JsonNode status = h.dispatch("dr.status").assertOk().data();
        assertThat(status.path("state").asText()).isEqualTo("STATE_NORMAL");
        assertThat(status.path("trigger").isNull()).isTrue();
        assertThat(status.path("findings")).isEmpty();
        assertThat(status.path("questionId").isNull()).isTrue();
    }

    @Test
    @DisplayName("a corrupt behaviour.avl: dr.status names the trigger and the file; other actions are refused")
    void statusNamesTheTriggerAndTheFile() {
        h.store().apply(List.of(FileChange.put(BrainLayout.BEHAVIOUR, BROKEN)));
        h.dispatch("governance.status").assertOk();
        h.dispatch("brain.request_commit").assertRejected(ErrorCode.DR_ACTIVE);
        JsonNode status = h.dispatch("dr.status").assertOk().data();
        assertThat(status.path("state").asText()).isEqualTo("STATE_DR");
        assertThat(status.path("trigger").path("code").asText()).isEqualTo("BEHAVIOUR_CORRUPT");
        assertThat(status.path("trigger").path("message").asText()).contains("behaviour.avl");
        assertThat(status.path("findings")).isNotEmpty()
                .allSatisfy(f -> assertThat(f.path("path").asText()).startsWith("behaviour.avl"));
        assertThat(status.path("findings").get(0).path("check").asText()).isEqualTo("behaviour");
    }

    @Test
    @DisplayName("CANCEL while still broken keeps DR, lists what is broken and asks again; after a repair by hand CANCEL leaves DR")
    void cancelAfterARepairByHand() {
        byte[] good = h.store().read(BrainLayout.BEHAVIOUR).orElseThrow();
        h.store().apply(List.of(FileChange.put(BrainLayout.BEHAVIOUR, BROKEN)));
        h.dispatch("governance.status").assertOk();
        assertThat(state()).isEqualTo("STATE_DR");

        var asked = h.dispatch("dr.start_resolution").assertOk();
        String question = asked.data().path("questionId").asText();
        assertThat(asked.askId(0)).isEqualTo(question);
        assertThat(asked.data().path("findings")).isNotEmpty();
        assertThat(h.dispatch("dr.status").assertOk().data().path("questionId").asText()).isEqualTo(question);

        JsonNode refused = h.answer(question, "CANCEL").assertOk().data();
        assertThat(refused.path("resolved").asBoolean()).isFalse();
        assertThat(refused.path("state").asText()).isEqualTo("STATE_DR");
        assertThat(refused.path("findings").get(0).path("path").asText()).startsWith("behaviour.avl");
        String next = refused.path("nextQuestionId").asText();
        assertThat(next).isNotEqualTo(question);
        assertThat(state()).isEqualTo("STATE_DR");

        // the user puts the old bytes back, as `git checkout behaviour.avl` would
        h.store().apply(List.of(FileChange.put(BrainLayout.BEHAVIOUR, good)));
        JsonNode cancelled = h.answer(next, "CANCEL").assertOk().data();
        assertThat(cancelled.path("resolved").asBoolean()).isTrue();
        assertThat(state()).isEqualTo("STATE_NORMAL");
        assertThat(auditText()).contains("\"dr.cancel_refused\"", "\"dr.cancelled\"", "\"RECOVERED\"");
        assertThat(h.dispatch("system.validate").assertOk().data().path("valid").asBoolean()).isTrue();
        // the scheduler runs again
        assertThat(h.dispatch("system.tick", "{\"now\":\"2026-11-25T18:00:00+01:00\"}").assertOk().data()
                .path("suspended").isMissingNode()).isTrue();
    }

    @Test
    @DisplayName("the DR question cannot be answered outside its options, and other questions stay closed in DR")
    void onlyTheDrQuestionIsAnsweredInDr() {
        var proposed = h.dispatch("behaviour.propose_patch", data("patch", data("id", "P-1", "type", "PATCH",
                "path", "reminderEscalationRules.threshold", "before", 3, "after", 2,
                "rationale", "Eerder een duwtje.", "riskLevel", "LOW", "source", "USER"))).assertOk();
        h.store().apply(List.of(FileChange.put(BrainLayout.BEHAVIOUR, BROKEN)));
        h.answer(proposed.askId(0), "JA").assertRejected(ErrorCode.DR_ACTIVE);
        String question = h.dispatch("dr.start_resolution").assertOk().data().path("questionId").asText();
        h.answer(question, "JA").assertRejected(ErrorCode.INVALID_ANSWER);
    }

    @Test
    @DisplayName("dr.start_resolution outside DR asks nothing and changes nothing")
    void startOutsideDr() {
        var before = h.snapshot();
        JsonNode answer = h.dispatch("dr.start_resolution").assertOk().data();
        assertThat(answer.path("state").asText()).isEqualTo("STATE_NORMAL");
        assertThat(answer.path("questionId").isNull()).isTrue();
        h.assertUnchangedSince(before);
    }

    @Test
    @DisplayName("dr.safe_versions lists the newest valid commits first and skips a commit whose tree does not validate")
    void safeVersions() {
        String first = committedPatch(h, "P-1", 3, 2);
        String second = committedPatch(h, "P-2", 2, 1);
        // a corrupt ledger committed behind Avalon's back
        h.store().apply(List.of(FileChange.put(BrainPath.of("finance/ledger.json"), BROKEN)));
        h.store().commit(new CommitRequest(List.of(BrainPath.of("finance/ledger.json")), "ledger by hand", Map.of(),
                h.clock().instant(), "someone"));
        JsonNode versions = h.dispatch("dr.safe_versions").assertOk().data().path("versions");
        assertThat(versions).hasSize(2);
        assertThat(versions.get(0).path("sha").asText()).isEqualTo(second);
        assertThat(versions.get(0).path("behaviourVersion").asText()).isEqualTo("1.0.2");
        assertThat(versions.get(1).path("sha").asText()).isEqualTo(first);
        assertThat(versions.get(1).path("behaviourVersion").asText()).isEqualTo("1.0.1");
        assertThat(versions.get(1).path("committedAt").asText()).isNotEmpty();
        assertThat(versions.get(1).path("summary").asText()).isNotEmpty();
        assertThat(h.dispatch("dr.safe_versions", data("limit", 1)).assertOk().data().path("versions")).hasSize(1);
    }

    @Test
    @DisplayName("SAFE_RESTORE: the broken state is kept aside, the chosen version comes back with a MAJOR bump, DR ends, and a JA commits it")
    void safeRestore() {
        String first = committedPatch(h, "P-1", 3, 2);
        committedPatch(h, "P-2", 2, 1);
        h.store().apply(List.of(FileChange.put(BrainLayout.BEHAVIOUR, BROKEN)));
        h.dispatch("governance.status").assertOk();
        assertThat(state()).isEqualTo("STATE_DR");
        var asked = h.dispatch("dr.start_resolution").assertOk();
        assertThat(asked.data().path("safeVersions")).hasSize(2);

        ObjectNode answer = data("id", asked.askId(0), "answer", "SAFE_RESTORE", "data", data("sha", first));
        var restored = h.dispatch("question.answer", answer).assertOk();
        JsonNode result = restored.data();
        assertThat(result.path("resolved").asBoolean()).isTrue();
        assertThat(result.path("restoredFrom").asText()).isEqualTo(first);
        assertThat(result.path("behaviourVersion").asText()).isEqualTo("2.0.0");
        assertThat(result.path("asideRef").asText()).startsWith("refs/avalon/dr/");
        assertThat(result.path("enteredAfter").path("counts").path("governance.patch_applied").asInt()).isEqualTo(1);
        assertThat(state()).isEqualTo("STATE_NORMAL");
        JsonNode behaviour = h.dispatch("behaviour.get").assertOk().data();
        assertThat(behaviour.path("version").asText()).isEqualTo("2.0.0");
        assertThat(h.dispatch("behaviour.get", data("path", "reminderEscalationRules.threshold")).assertOk()
                .data().path("value").asInt()).isEqualTo(2);
        JsonNode doc = behaviour.path("document");
        JsonNode last = doc.path("history").get(doc.path("history").size() - 1);
        assertThat(last.path("patchType").asText()).isEqualTo("MAJOR");
        assertThat(last.path("source").asText()).isEqualTo("DR");

        String head = h.store().head().orElseThrow().sha();
        var committed = h.answer(restored.askId(0), "JA").assertOk();
        assertThat(committed.data().path("commitSha").asText()).isNotEqualTo(head).hasSize(40);
        assertThat(auditText()).contains("\"dr.restored\"", first);
        assertThat(h.dispatch("system.validate").assertOk().data().path("valid").asBoolean()).isTrue();
        // nothing was lost: the corrupt file is on the side ref
        assertThat(h.store().readAt(result.path("asideSha").asText(), BrainLayout.BEHAVIOUR)).hasValue(BROKEN);
    }

    @org.junit.jupiter.params.ParameterizedTest(name = "{0}")
    @org.junit.jupiter.params.provider.ValueSource(strings = {"{broken", "{\"currency\": 7}", "[]"})
    @DisplayName("a corrupt finance/ledger.json is no internal error: the brain freezes naming the file; put back, CANCEL leaves DR")
    void corruptLedger(String corrupt) {
        h.dispatch("finance.register_income", data("amount", "1200.00", "source", "salaris",
                "date", "2026-11-23")).assertOk();
        BrainPath ledger = BrainPath.of("finance/ledger.json");
        byte[] good = h.store().read(ledger).orElseThrow();
        h.store().apply(List.of(FileChange.put(ledger, corrupt.getBytes(StandardCharsets.UTF_8))));
        var refused = h.dispatch("finance.overview").assertRejected(ErrorCode.DR_ACTIVE);
        assertThat(refused.rejected().error().details()).anySatisfy(v -> assertThat(v.path()).isEqualTo(ledger.value()));
        assertThat(state()).isEqualTo("STATE_DR");
        JsonNode status = h.dispatch("dr.status").assertOk().data();
        assertThat(status.path("trigger").path("code").asText()).isEqualTo("FILE_CORRUPT");
        assertThat(status.path("trigger").path("message").asText()).contains(ledger.value());
        assertThat(status.path("findings")).anySatisfy(f -> assertThat(f.path("path").asText()).startsWith(ledger.value()));

        String question = h.dispatch("dr.start_resolution").assertOk().askId(0);
        h.store().apply(List.of(FileChange.put(ledger, good)));
        assertThat(h.answer(question, "CANCEL").assertOk().data().path("resolved").asBoolean()).isTrue();
        assertThat(state()).isEqualTo("STATE_NORMAL");
        h.dispatch("finance.overview").assertOk();
    }

    @Test
    @DisplayName("KEEP_AND_REPAIR: a corrupt behaviour.avl is put back as Avalon last wrote it, from history, and DR ends")
    void keepAndRepairBehaviour() {
        String sha = committedPatch(h, "P-1", 3, 2);
        h.store().apply(List.of(FileChange.put(BrainLayout.BEHAVIOUR, BROKEN)));
        h.dispatch("governance.status").assertOk();
        String question = h.dispatch("dr.start_resolution").assertOk().askId(0);
        JsonNode repaired = h.answer(question, "KEEP_AND_REPAIR").assertOk().data();
        assertThat(repaired.path("resolved").asBoolean()).isTrue();
        assertThat(repaired.path("repaired").get(0).path("path").asText()).isEqualTo("behaviour.avl");
        assertThat(repaired.path("repaired").get(0).path("from").asText()).isEqualTo(sha);
        assertThat(state()).isEqualTo("STATE_NORMAL");
        assertThat(h.dispatch("behaviour.get").assertOk().data().path("version").asText()).isEqualTo("1.0.1");
        assertThat(h.dispatch("system.validate").assertOk().data().path("valid").asBoolean()).isTrue();
        assertThat(auditText()).contains("\"dr.repaired\"");
    }

    @Test
    @DisplayName("KEEP_AND_REPAIR: a corrupt ledger comes back as HEAD has it, and the movements entered since are listed")
    void keepAndRepairLedger() {
        h.dispatch("finance.register_income", data("amount", "1200.00", "source", "salaris",
                "date", "2026-11-23")).assertOk();
        String consent = h.dispatch("brain.request_commit").assertOk().data().path("questionId").asText();
        h.answer(consent, "JA").assertOk();
        h.dispatch("finance.register_income", data("amount", "50.00", "source", "verkoop",
                "date", "2026-11-24")).assertOk();
        BrainPath ledger = BrainPath.of("finance/ledger.json");
        byte[] committed = h.store().readAt(h.store().head().orElseThrow().sha(), ledger).orElseThrow();
        h.store().apply(List.of(FileChange.put(ledger, BROKEN)));
        h.dispatch("finance.overview").assertRejected(ErrorCode.DR_ACTIVE);
        String question = h.dispatch("dr.start_resolution").assertOk().askId(0);
        JsonNode repaired = h.answer(question, "KEEP_AND_REPAIR").assertOk().data();
        assertThat(repaired.path("resolved").asBoolean()).isTrue();
        assertThat(repaired.path("enteredAfter").path("counts").path("finance.income_registered").asInt()).isEqualTo(1);
        assertThat(h.store().read(ledger)).hasValue(committed);
        assertThat(state()).isEqualTo("STATE_NORMAL");
        h.dispatch("finance.overview").assertOk();
    }

    @Test
    @DisplayName("KEEP_AND_REPAIR names what it cannot repair: a file history never held stays broken, DR stays and the question is asked again")
    void keepAndRepairNamesWhatItCannotRepair() {
        // the ledger was never committed: history holds no valid form of it
        h.dispatch("finance.register_income", data("amount", "1200.00", "source", "salaris",
                "date", "2026-11-23")).assertOk();
        BrainPath ledger = BrainPath.of("finance/ledger.json");
        h.store().apply(List.of(FileChange.put(ledger, BROKEN)));
        h.dispatch("finance.overview").assertRejected(ErrorCode.DR_ACTIVE);
        assertThat(state()).isEqualTo("STATE_DR");
        String question = h.dispatch("dr.start_resolution").assertOk().askId(0);
        JsonNode answer = h.answer(question, "KEEP_AND_REPAIR").assertOk().data();
        assertThat(answer.path("resolved").asBoolean()).isFalse();
        assertThat(answer.path("findings")).anySatisfy(f -> assertThat(f.path("path").asText()).startsWith(ledger.value()));
        assertThat(answer.path("nextQuestionId").asText()).isNotEmpty();
        assertThat(state()).isEqualTo("STATE_DR");
    }

    @Test
    @DisplayName("the DR_RESOLUTION question is asked when DR is entered, once; SAFE_RESTORE on it takes the newest safe version")
    void askedWhenDrIsEntered() {
        committedPatch(h, "P-1", 3, 2);
        String newest = committedPatch(h, "P-2", 2, 1);
        h.store().apply(List.of(FileChange.put(BrainLayout.BEHAVIOUR, BROKEN)));
        h.dispatch("governance.status").assertOk();
        h.dispatch("governance.status").assertOk();
        JsonNode open = h.dispatch("question.list").assertOk().data().path("questions");
        assertThat(open).hasSize(1);
        assertThat(open.get(0).path("kind").asText()).isEqualTo("DR_RESOLUTION");
        assertThat(open.get(0).path("data").path("trigger").path("code").asText()).isEqualTo("BEHAVIOUR_CORRUPT");
        assertThat(h.dispatch("dr.status").assertOk().data().path("questionId").asText())
                .isEqualTo(open.get(0).path("id").asText());
        JsonNode restored = h.answer(open.get(0), "SAFE_RESTORE").assertOk().data();
        assertThat(restored.path("restoredFrom").asText()).isEqualTo(newest);
        assertThat(restored.path("behaviourVersion").asText()).isEqualTo("2.0.0");
        assertThat(state()).isEqualTo("STATE_NORMAL");
    }
}
