package dev.avalon.core.governance;

import dev.avalon.core.audit.AuditReport;
import dev.avalon.core.behaviour.BehaviourCheck;
import dev.avalon.core.layout.BrainLayout;
import dev.avalon.core.port.BrainPath;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * Every precondition of a commit in one place (seed 06 §5). {@link #check} reports every failing
 * precondition, each with a named {@link CommitRefusalReason}; a commit proceeds only when none fails.
 */
public final class CommitGate {

    private final List<CommitPrecondition> extra;

    public CommitGate(List<CommitPrecondition> extra) {
        this.extra = List.copyOf(extra);
    }

    /**
     * What the gate looks at.
     *
     * @param state         the governance state now
     * @param answer        the user's answer to the consent question
     * @param now           the time of the answer
     * @param expiresAt     the consent's expiry
     * @param consented     path → sha256 the consent names
     * @param current       path → sha256 of the working tree now (absent path: file missing)
     * @param uncommitted   paths that differ from HEAD
     * @param behaviour     the behaviour.avl check now
     * @param audit         the audit chain report now
     * @param audited       whether the consented change has its audit entries written
     * @param workingTree   reads a file of the working tree now, for preconditions that look at working
     *                      state (e.g. the invite outbox)
     */
    public record Facts(GovernanceState state, String answer, Instant now, Instant expiresAt,
                        Map<BrainPath, String> consented, Map<BrainPath, String> current,
                        List<BrainPath> uncommitted, BehaviourCheck behaviour, AuditReport audit, boolean audited,
                        Function<BrainPath, Optional<byte[]>> workingTree) {
        public Facts {
            Objects.requireNonNull(state, "state");
            consented = Map.copyOf(consented);
            current = Map.copyOf(current);
            uncommitted = List.copyOf(uncommitted);
            Objects.requireNonNull(workingTree, "workingTree");
        }

        /** Facts over an empty working tree (for checks that need no working state). */
        public Facts(GovernanceState state, String answer, Instant now, Instant expiresAt,
                     Map<BrainPath, String> consented, Map<BrainPath, String> current,
                     List<BrainPath> uncommitted, BehaviourCheck behaviour, AuditReport audit, boolean audited) {
            this(state, answer, now, expiresAt, consented, current, uncommitted, behaviour, audit, audited,
                    path -> Optional.empty());
        }
    }

    public List<CommitRefusal> check(Facts facts) {
        List<CommitRefusal> refusals = new ArrayList<>();
        if (!"JA".equals(facts.answer())) {
            refusals.add(new CommitRefusal(CommitRefusalReason.NO_USER_APPROVAL, "the answer was " + facts.answer()));
        }
        if (!facts.now().isBefore(facts.expiresAt())) {
            refusals.add(new CommitRefusal(CommitRefusalReason.CONSENT_EXPIRED, "expired at " + facts.expiresAt()));
        }
        if (!StateGate.allowsCommit(facts.state())) {
            refusals.add(new CommitRefusal(CommitRefusalReason.STATE_FORBIDS_COMMIT, "state is " + facts.state()));
        }
        boolean anythingToCommit = false;
        for (Map.Entry<BrainPath, String> e : facts.consented().entrySet()) {
            BrainPath path = e.getKey();
            if (BrainLayout.isState(path)) {
                refusals.add(new CommitRefusal(CommitRefusalReason.FORBIDDEN_MODIFICATION,
                        path + " is working state and is never committed"));
            }
            String now = facts.current().get(path);
            if (!Objects.equals(now, e.getValue())) {
                refusals.add(new CommitRefusal(CommitRefusalReason.CONTENT_CHANGED,
                        path + " is " + (now == null ? "missing" : "sha256 " + now) + ", consent was for "
                                + e.getValue()));
            }
            anythingToCommit |= facts.uncommitted().contains(path);
        }
        if (!anythingToCommit) {
            refusals.add(new CommitRefusal(CommitRefusalReason.NOTHING_TO_COMMIT,
                    "no consented file differs from the last commit"));
        }
        if (!facts.behaviour().valid()) {
            refusals.add(new CommitRefusal(CommitRefusalReason.BEHAVIOUR_INVALID,
                    facts.behaviour().problems().get(0).path() + " " + facts.behaviour().problems().get(0).problem()));
        }
        if (!facts.audit().intact()) {
            refusals.add(new CommitRefusal(CommitRefusalReason.AUDIT_CHAIN_BROKEN,
                    facts.audit().problems().get(0).file() + ":" + facts.audit().problems().get(0).line() + " "
                            + facts.audit().problems().get(0).problem()));
        }
        if (!facts.audited()) {
            refusals.add(new CommitRefusal(CommitRefusalReason.AUDIT_ENTRY_MISSING,
                    "the change has no audit entry"));
        }
        for (CommitPrecondition p : extra) {
            Optional<CommitRefusal> r = p.check(facts);
            r.ifPresent(refusals::add);
        }
        return List.copyOf(refusals);
    }
}
