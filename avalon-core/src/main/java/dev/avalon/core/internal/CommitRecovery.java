package dev.avalon.core.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.avalon.core.action.ActionContext;
import dev.avalon.core.action.Outcome;
import dev.avalon.core.audit.AuditRecord;
import dev.avalon.core.brain.Brain;
import dev.avalon.core.governance.StateGate;
import dev.avalon.core.json.CanonicalJson;
import dev.avalon.core.json.Json;
import dev.avalon.core.layout.BrainLayout;
import dev.avalon.core.port.BrainPath;
import dev.avalon.core.port.CommitInfo;
import dev.avalon.core.question.Question;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * Rolls a JA forward that a crash interrupted between its recorded decision and the end of its
 * commit ({@link CommitJournal}); run when a brain opens and before the next action or tick after a
 * commit failed. Three cases, never lost and never half-done:
 * <ul>
 *   <li>the commit exists (HEAD carries the consent's trailer): its follow-up is recorded now;</li>
 *   <li>it does not, and every consented file still has the approved content: it is committed now,
 *       verified and followed up, as the JA asked;</li>
 *   <li>the content changed: the JA no longer applies to it, so the same consent is asked again for the
 *       content as it now is, and the journal is closed.</li>
 * </ul>
 * While the state refuses commits (DR, auto-mode) the journal waits.
 */
final class CommitRecovery {

    private static final Logger LOG = LoggerFactory.getLogger(CommitRecovery.class);

    private final Brain brain;
    private final UnitOfWork unitOfWork;
    private final ConsentFlow consentFlow;
    private final ConsentFactory consents;
    private final ContextFactory contexts;
    private boolean waiting;

    CommitRecovery(Brain brain, UnitOfWork unitOfWork, ConsentFlow consentFlow, ConsentFactory consents,
                   ContextFactory contexts) {
        this.brain = brain;
        this.unitOfWork = unitOfWork;
        this.consentFlow = consentFlow;
        this.consents = consents;
        this.contexts = contexts;
    }

    /**
     * Whether a journal may be waiting: after a commit failed, or while one waited for a state that
     * allows commits. A dispatch checks this flag instead of reading the journal every time.
     */
    boolean due() {
        return waiting || unitOfWork.commitFailed();
    }

    /** Finishes a journaled commit, if there is one and the state allows commits; what it did, if anything. */
    Optional<UnitOfWork.Applied> resume(Instant now) {
        unitOfWork.clearCommitFailure();
        Optional<CommitJournal> found = CommitJournal.read(brain);
        waiting = found.isPresent();
        if (found.isEmpty() || !StateGate.allowsCommit(brain.governance(now).state())) {
            return Optional.empty();
        }
        waiting = false;
        CommitJournal journal = found.get();
        ActionContext ctx = contexts.internal("system.recover", Json.object(), journal.actor(), journal.traceId(), now);
        Optional<Question> consent = brain.questions().find(journal.consentId());
        // HEAD is the journaled commit only if it carries the consent and the audit head of the moment of
        // the JA, on top of the commit Avalon recorded last: a commit made by hand to look like it is not
        Optional<CommitInfo> made = brain.store().head()
                .filter(c -> journal.consentId().equals(c.trailers().get(BrainLayout.CONSENT_TRAILER)))
                .filter(c -> brain.auditHead().toString().equals(c.trailers().get(BrainLayout.AUDIT_HEAD_TRAILER)))
                .filter(c -> onRecordedCommit(brain));
        if (made.isPresent() && consent.isPresent()) {
            LOG.info("recording commit {} made on consent {} before the process stopped", made.get().sha(),
                    journal.consentId());
            return Optional.of(unitOfWork.recordCommitted(made.get(), followUp(ctx, consent.get(), "recorded"), now,
                    journal.actor(), journal.traceId()));
        }
        if (consent.isPresent() && unchanged(journal)) {
            LOG.info("committing what consent {} approved before the process stopped", journal.consentId());
            return Optional.of(unitOfWork.commitJournaled(journal, followUp(ctx, consent.get(), "committed"), now));
        }
        return Optional.of(askAgain(ctx, journal, consent, now));
    }

    /** Whether HEAD's parent is the commit the record of the head names (any, in a record that names none yet). */
    private static boolean onRecordedCommit(Brain brain) {
        dev.avalon.core.audit.RecordedHead record = brain.recordedHead();
        if (!record.tracked()) {
            return true;
        }
        List<CommitInfo> last = brain.store().log(2);
        String parent = last.size() > 1 ? last.get(1).sha() : null;
        return Objects.equals(parent, record.commit());
    }

    private boolean unchanged(CommitJournal journal) {
        for (Map.Entry<BrainPath, String> e : journal.expected().entrySet()) {
            String now = brain.read(e.getKey()).map(CanonicalJson::sha256Hex).orElse(null);
            if (!Objects.equals(now, e.getValue())) {
                return false;
            }
        }
        return true;
    }

    private Function<CommitInfo, Outcome> followUp(ActionContext ctx, Question consent, String how) {
        return info -> {
            Outcome follow = consentFlow.followUp(ctx, consent, info);
            ObjectNode data = Json.object();
            data.put("questionId", consent.id());
            data.put("commitSHA", info.sha());
            data.put("recovery", how);
            return Outcome.builder(follow.result()).merge(follow)
                    .audit(new AuditRecord("commit.recovered", ctx.actor(), ctx.traceId(), data)).build();
        };
    }

    /** The approved content is gone or changed: the JA does not apply to what is there now, so ask again. */
    private UnitOfWork.Applied askAgain(ActionContext ctx, CommitJournal journal, Optional<Question> consent,
                                        Instant now) {
        Map<BrainPath, String> current = new LinkedHashMap<>();
        for (BrainPath p : journal.paths()) {
            brain.read(p).ifPresent(b -> current.put(p, CanonicalJson.sha256Hex(b)));
        }
        ObjectNode data = Json.object();
        data.put("questionId", journal.consentId());
        data.put("recovery", "asked_again");
        Outcome.Builder out = Outcome.builder(Json.object()).change(CommitJournal.remove());
        if (!current.isEmpty()) {
            String purpose = consent.map(q -> q.data().path("purpose").asText(journal.subject()))
                    .orElse(journal.subject());
            Question again = consents.ask(now, current, purpose,
                    consent.map(q -> q.data().path("context")).orElse(Json.object()));
            out.ask(again);
            data.put("askedAgain", again.id());
        }
        out.audit(new AuditRecord("commit.recovered", ctx.actor(), ctx.traceId(), data));
        LOG.info("the content approved by consent {} changed before its commit; asking again", journal.consentId());
        return unitOfWork.apply(out.build(), now, journal.actor(), journal.traceId());
    }
}
