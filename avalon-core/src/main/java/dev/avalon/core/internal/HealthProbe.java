package dev.avalon.core.internal;

import dev.avalon.core.audit.AuditEntry;
import dev.avalon.core.base.ActionError;
import dev.avalon.core.base.ErrorCode;
import dev.avalon.core.base.Violation;
import dev.avalon.core.audit.AuditHead;
import dev.avalon.core.base.Effect;
import dev.avalon.core.behaviour.BehaviourCheck;
import dev.avalon.core.brain.Brain;
import dev.avalon.core.governance.GovernanceState;
import dev.avalon.core.governance.StateGate;
import dev.avalon.core.json.Json;
import dev.avalon.core.layout.BrainLayout;
import dev.avalon.core.port.CorruptFileException;
import dev.avalon.core.port.UnsafeBrainPathException;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A cheap check before every action and tick: behaviour.avl valid (cached by content), the audit
 * head agreeing with the last audit line, and the record of the head ({@link Evidence#quick}: its
 * seal, HEAD, behaviour.avl's hash) agreeing with the brain. A broken brain is frozen (STATE_DR,
 * CRITICAL alert); a valid behaviour.avl that no applied patch explains moves it to
 * STATE_INCONSISTENT (CRITICAL alert), and back to STATE_NORMAL once the file is as the audit log
 * says again. Both go through the unit of work; a healthy brain is not written to.
 */
final class HealthProbe {

    private final Brain brain;
    private final UnitOfWork unitOfWork;
    private final Evidence evidence;
    /** The last audit line found to agree with the head, and that head: the same pair needs no parse. */
    private String lastGood;
    private AuditHead lastGoodHead;
    /** The unsafe path last frozen for, so a link that stays is alerted once, not on every request. */
    private String frozenFor;

    HealthProbe(Brain brain, UnitOfWork unitOfWork, Evidence evidence) {
        this.brain = brain;
        this.unitOfWork = unitOfWork;
        this.evidence = evidence;
    }

    void probe(Instant now, String traceId) {
        try {
            probeOnce(now, traceId);
        } catch (CorruptFileException e) {
            corrupt(e, now, traceId);
        }
    }

    private void probeOnce(Instant now, String traceId) {
        if (brain.governance(now).state() == GovernanceState.STATE_DR) {
            return;
        }
        BehaviourCheck check = brain.behaviour();
        if (!check.valid()) {
            unitOfWork.freeze("BEHAVIOUR_CORRUPT", "behaviour.avl is corrupt: " + check.problems().get(0).path()
                    + " " + check.problems().get(0).problem(), now, "avalon", traceId);
            return;
        }
        Optional<String> tail = auditTailProblem();
        if (tail.isPresent()) {
            unitOfWork.freeze("AUDIT_CHAIN_BROKEN", tail.get(), now, "avalon", traceId);
            return;
        }
        frozenFor = null;
        List<Evidence.Finding> found = evidence.quick();
        act(found, now, traceId);
        // the repair check reads the whole audit log: only when the cheap check saw nothing wrong
        if (found.isEmpty() && brain.governance(now).state() == GovernanceState.STATE_INCONSISTENT) {
            repaired(now, traceId);
        }
    }

    /** Opening a brain: every check of {@link Evidence#full}, then what they found is acted on. */
    void probeFully(Instant now, String traceId) {
        if (frozen(now)) {
            return;
        }
        probe(now, traceId);
        try {
            if (brain.governance(now).state() != GovernanceState.STATE_DR) {
                act(evidence.full(), now, traceId);
            }
        } catch (CorruptFileException e) {
            corrupt(e, now, traceId);
        }
    }

    /** Freezes the brain for a finding about its history; moves it to STATE_INCONSISTENT for one about behaviour. */
    void act(List<Evidence.Finding> findings, Instant now, String traceId) {
        if (findings.isEmpty()) {
            return;
        }
        GovernanceState state = brain.governance(now).state();
        if (state == GovernanceState.STATE_DR) {
            return;
        }
        Optional<Evidence.Finding> history = findings.stream().filter(f -> f.kind() == Evidence.Kind.HISTORY).findFirst();
        if (history.isPresent()) {
            unitOfWork.freeze("HISTORY_TAMPERED", history.get().toString(), now, "avalon", traceId);
            return;
        }
        if (state != GovernanceState.STATE_INCONSISTENT) {
            unitOfWork.inconsistent("BEHAVIOUR_UNEXPLAINED", findings.get(0).toString(), now, "avalon", traceId);
        }
    }

    /** In STATE_INCONSISTENT: behaviour.avl is as the audit log says again (restored by hand, say). */
    private void repaired(Instant now, String traceId) {
        Optional<String> actual = brain.behaviourSha256();
        if (!brain.behaviour().valid() || actual.isEmpty() || !evidence.explainedBehaviour().equals(actual)) {
            return;
        }
        unitOfWork.repaired("behaviour.avl is the version the audit log explains again", now, "avalon", traceId);
    }

    /**
     * The answer to a request that met a path the store refused as unsafe (a symbolic link). A link
     * where the governed files live ({@code behaviour.avl}, {@code audit/}, {@code state/}) freezes the
     * brain (STATE_DR, CRITICAL alert naming it; when the state file itself cannot be written, the alert
     * alone) and answers DR_ACTIVE; any other is refused as BRAIN_FAILURE. Nothing was read or written
     * through the link.
     */
    ActionError refusal(UnsafeBrainPathException e, Instant now, String traceId) {
        Violation where = new Violation("$", "symbolic link at " + e.path());
        if (!governed(e.path())) {
            return ActionError.of(ErrorCode.BRAIN_FAILURE, e.getMessage(), where);
        }
        if (!e.getMessage().equals(frozenFor)) {
            unitOfWork.freeze("BRAIN_PATH_UNSAFE", e.getMessage(), now, "avalon", traceId);
            frozenFor = e.getMessage();
        }
        return ActionError.of(ErrorCode.DR_ACTIVE,
                e.getMessage() + "; the brain is frozen until the link is removed", where);
    }

    /**
     * The answer to a request that met a corrupt file: the brain is frozen (STATE_DR, CRITICAL alert,
     * {@code dr.triggered} naming the file) and the request is refused with DR_ACTIVE naming it.
     */
    ActionError corrupt(CorruptFileException e, Instant now, String traceId) {
        // the freeze rebuilds its own files, so a frozen brain whose book or state breaks is frozen again
        if (!frozen(now) || e.path().equals(BrainLayout.QUESTIONS) || e.path().equals(BrainLayout.GOVERNANCE)) {
            unitOfWork.freeze("FILE_CORRUPT", e.getMessage(), now, "avalon", traceId);
        }
        return ActionError.of(ErrorCode.DR_ACTIVE, e.getMessage() + "; the brain is frozen for recovery (dr.status)",
                new Violation(e.path().value(), e.getMessage()));
    }

    /** Whether the brain is in STATE_DR; a governance file that cannot be read says nothing, and the freeze rebuilds it. */
    private boolean frozen(Instant now) {
        try {
            return brain.governance(now).state() == GovernanceState.STATE_DR;
        } catch (CorruptFileException e) {
            return false;
        }
    }

    private static boolean governed(String path) {
        String p = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
        return p.equals(BrainLayout.BEHAVIOUR.value())
                || p.equals(BrainLayout.AUDIT_FOLDER) || p.startsWith(BrainLayout.AUDIT_FOLDER + "/")
                || p.equals(BrainLayout.STATE_FOLDER) || p.startsWith(BrainLayout.STATE_FOLDER + "/");
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
        Optional<String> last = brain.lastAuditLine();
        if (last.isEmpty()) {
            return head.seq() == 0 ? Optional.empty()
                    : Optional.of("audit/: the audit log is missing but state/audit-head.json records head " + head);
        }
        String line = last.get();
        if (line.equals(lastGood) && head.equals(lastGoodHead)) {
            return Optional.empty();
        }
        try {
            AuditEntry entry = AuditEntry.fromJson(Json.parse(line));
            if (entry.seq() != head.seq() || !entry.hash().equals(head.hash())) {
                return Optional.of(BrainLayout.AUDIT_HEAD.value() + ": the audit log ends at " + entry.head()
                        + " but the recorded head is " + head);
            }
            lastGood = line;
            lastGoodHead = head;
            return Optional.empty();
        } catch (Exception e) {
            return Optional.of("audit/: the last audit line is unreadable: " + e.getMessage());
        }
    }
}
