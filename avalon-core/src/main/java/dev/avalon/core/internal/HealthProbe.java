package dev.avalon.core.internal;

import dev.avalon.core.audit.AuditEntry;
import dev.avalon.core.audit.AuditHead;
import dev.avalon.core.base.Effect;
import dev.avalon.core.behaviour.BehaviourCheck;
import dev.avalon.core.brain.Brain;
import dev.avalon.core.governance.GovernanceState;
import dev.avalon.core.governance.StateGate;
import dev.avalon.core.json.Json;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;

/**
 * A cheap check before every action and tick: behaviour.avl valid (cached by content) and the audit
 * head agreeing with the last audit line. A failure freezes the brain (STATE_DR, CRITICAL alert)
 * through the unit of work; a healthy brain is not written to.
 */
final class HealthProbe {

    private final Brain brain;
    private final UnitOfWork unitOfWork;

    HealthProbe(Brain brain, UnitOfWork unitOfWork) {
        this.brain = brain;
        this.unitOfWork = unitOfWork;
    }

    void probe(Instant now, String traceId) {
        if (brain.governance(now).state() == GovernanceState.STATE_DR) {
            return;
        }
        BehaviourCheck check = brain.behaviour();
        if (!check.valid()) {
            unitOfWork.freeze("BEHAVIOUR_CORRUPT", "behaviour.avl is corrupt: " + check.problems().get(0).path()
                    + " " + check.problems().get(0).problem(), now, "avalon", traceId);
            return;
        }
        auditTailProblem().ifPresent(p -> unitOfWork.freeze("AUDIT_CHAIN_BROKEN", p, now, "avalon", traceId));
    }

    /** Why jobs and workflow steps may not run now, if they may not: the state refuses WRITE, or behaviour.avl is invalid. */
    Optional<String> suspension(Instant now) {
        GovernanceState state = brain.governance(now).state();
        if (!StateGate.allows(state, Effect.WRITE)) {
            return Optional.of(state.name());
        }
        return brain.behaviour().valid() ? Optional.empty() : Optional.of("BEHAVIOUR_INVALID");
    }

    private Optional<String> auditTailProblem() {
        AuditHead head = brain.auditHead();
        Optional<byte[]> last = brain.lastAuditFile();
        if (last.isEmpty()) {
            return head.seq() == 0 ? Optional.empty() : Optional.of("the audit log is missing");
        }
        // only the last line matters here, and the file grows all year: no copy of the rest
        byte[] bytes = last.get();
        int end = bytes.length > 0 && bytes[bytes.length - 1] == '\n' ? bytes.length - 1 : bytes.length;
        int start = end;
        while (start > 0 && bytes[start - 1] != '\n') {
            start--;
        }
        String line = new String(bytes, start, end - start, StandardCharsets.UTF_8);
        try {
            AuditEntry entry = AuditEntry.fromJson(Json.parse(line));
            if (entry.seq() != head.seq() || !entry.hash().equals(head.hash())) {
                return Optional.of("the audit log ends at " + entry.head() + " but the recorded head is " + head);
            }
            return Optional.empty();
        } catch (Exception e) {
            return Optional.of("the last audit line is unreadable: " + e.getMessage());
        }
    }
}
