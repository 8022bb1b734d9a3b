package dev.avalon.core.governance;

import dev.avalon.core.calendar.CalendarFeature;
import dev.avalon.core.audit.AuditHead;
import dev.avalon.core.audit.AuditProblem;
import dev.avalon.core.audit.AuditReport;
import dev.avalon.core.behaviour.BehaviourCheck;
import dev.avalon.core.json.Json;
import dev.avalon.core.port.BrainPath;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("CommitGate names every failing precondition")
class CommitGateTest {

    private static final BrainPath B = BrainPath.of("behaviour.avl");
    private static final Instant NOW = Instant.parse("2026-11-23T08:00:00Z");
    private static final AuditReport INTACT = new AuditReport(3, new AuditHead(3, "a".repeat(64)), List.of());

    private static CommitGate.Facts facts(GovernanceState state, String answer, Instant expires,
                                          Map<BrainPath, String> current, List<BrainPath> uncommitted,
                                          AuditReport audit, boolean audited) {
        return new CommitGate.Facts(state, answer, NOW, expires, Map.of(B, "h1"), current, uncommitted,
                BehaviourCheck.of(BehaviourCheck.defaults().document()), audit, audited);
    }

    @Test
    @DisplayName("all preconditions met: no refusal")
    void allMet() {
        var gate = new CommitGate(List.of());
        assertThat(gate.check(facts(GovernanceState.STATE_NORMAL, "JA", NOW.plusSeconds(60), Map.of(B, "h1"),
                List.of(B), INTACT, true))).isEmpty();
    }

    @Test
    @DisplayName("every failing precondition is reported, each with its reason")
    void everyFailure() {
        var gate = new CommitGate(List.of(f -> Optional.of(
                new CommitRefusal(CalendarFeature.ICS_FAILURES_PENDING, "1 invite pending"))));
        AuditReport broken = new AuditReport(3, new AuditHead(3, "a".repeat(64)),
                List.of(new AuditProblem("audit/2026.jsonl", 2, "hash mismatch")));
        var refusals = gate.check(facts(GovernanceState.STATE_AUTO_MODE, "NEE", NOW, Map.of(B, "h2"), List.of(),
                broken, false));
        assertThat(refusals).extracting(CommitRefusal::reason).containsExactlyInAnyOrder(
                CommitRefusalReason.NO_USER_APPROVAL, CommitRefusalReason.CONSENT_EXPIRED,
                CommitRefusalReason.STATE_FORBIDS_COMMIT, CommitRefusalReason.CONTENT_CHANGED,
                CommitRefusalReason.NOTHING_TO_COMMIT, CommitRefusalReason.AUDIT_CHAIN_BROKEN,
                CommitRefusalReason.AUDIT_ENTRY_MISSING, CalendarFeature.ICS_FAILURES_PENDING);
    }

    @Test
    @DisplayName("working state is never committed and an invalid behaviour blocks the commit")
    void stateFilesAndInvalidBehaviour() {
        BrainPath state = BrainPath.of("state/questions.json");
        var f = new CommitGate.Facts(GovernanceState.STATE_NORMAL, "JA", NOW, NOW.plusSeconds(5), Map.of(state, "x"),
                Map.of(state, "x"), List.of(state), BehaviourCheck.of(Json.object()), INTACT, true);
        assertThat(new CommitGate(List.of()).check(f)).extracting(CommitRefusal::reason)
                .contains(CommitRefusalReason.FORBIDDEN_MODIFICATION, CommitRefusalReason.BEHAVIOUR_INVALID);
    }
}
