package dev.avalon.core.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.avalon.core.base.ActionError;
import dev.avalon.core.action.CommitPlan;
import dev.avalon.core.base.ErrorCode;
import dev.avalon.core.action.Outcome;
import dev.avalon.core.base.Refusal;
import dev.avalon.core.base.Violation;
import dev.avalon.core.audit.AuditChain;
import dev.avalon.core.audit.AuditEntry;
import dev.avalon.core.audit.AuditHead;
import dev.avalon.core.audit.AuditRecord;
import dev.avalon.core.audit.AuditScrubber;
import dev.avalon.core.audit.AuditSeal;
import dev.avalon.core.audit.RecordedHead;
import dev.avalon.core.brain.Brain;
import dev.avalon.core.layout.BrainLayout;
import dev.avalon.core.event.DomainEvent;
import dev.avalon.core.event.DeliveryFailure;
import dev.avalon.core.event.EventBus;
import dev.avalon.core.event.EventCatalog;
import dev.avalon.core.governance.GovernanceState;
import dev.avalon.core.governance.GovernanceStatus;
import dev.avalon.core.governance.GovernanceTransition;
import dev.avalon.core.json.CanonicalJson;
import dev.avalon.core.json.Json;
import dev.avalon.core.port.Alert;
import dev.avalon.core.port.AlertLevel;
import dev.avalon.core.port.AlertSink;
import dev.avalon.core.port.BrainPath;
import dev.avalon.core.port.BrainStore;
import dev.avalon.core.port.BrainStoreException;
import dev.avalon.core.port.CommitInfo;
import dev.avalon.core.port.CommitRequest;
import dev.avalon.core.port.CorruptFileException;
import dev.avalon.core.port.FileChange;
import dev.avalon.core.question.Question;
import dev.avalon.core.question.QuestionBook;
import dev.avalon.core.question.QuestionKind;
import dev.avalon.core.question.QuestionStatus;
import dev.avalon.core.recovery.RebuiltGovernance;
import dev.avalon.core.recovery.RecoveryFeature;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.ByteArrayOutputStream;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Applies an {@link Outcome}: every file of it (content, questions, governance state, audit lines,
 * audit head) in one atomic {@code BrainStore.apply}, then alerts and events, then the commit if
 * one was planned (commit → verify → follow-up outcome). A failed or unverifiable commit freezes the
 * brain in STATE_DR with a CRITICAL alert; the working tree keeps everything, so nothing is lost.
 */
final class UnitOfWork {

    private static final Logger LOG = LoggerFactory.getLogger(UnitOfWork.class);

    private final Brain brain;
    /** The one write path to the brain. */
    private final BrainStore store;
    private final AlertSink alerts;
    private final EventBus bus;
    private final ZoneId zone;
    private final ConsentFactory consents;
    private final Evidence evidence;
    private boolean commitFailed;
    /** True while the unit that seals a brain for the first time is written. */
    private boolean sealing;

    UnitOfWork(Brain brain, BrainStore store, AlertSink alerts, EventBus bus, ZoneId zone,
               ConsentFactory consents, Evidence evidence) {
        this.brain = brain;
        this.store = store;
        this.alerts = alerts;
        this.bus = bus;
        this.zone = zone;
        this.consents = consents;
        this.evidence = evidence;
    }

    /** Whether a commit failed since {@link #clearCommitFailure()}: its journal may wait to be rolled forward. */
    boolean commitFailed() {
        return commitFailed;
    }

    void clearCommitFailure() {
        commitFailed = false;
    }

    /** What applying an outcome produced, for the response. */
    record Applied(JsonNode result, List<Question> asked, List<Alert> alerts) {
    }

    Applied apply(Outcome outcome, Instant now, String actor, String traceId) {
        return apply(outcome, List.of(), now, actor, traceId);
    }

    /**
     * Applies {@code outcome} with {@code extra} working-state files in the same atomic write (an
     * idempotency record). A planned commit is journaled in that write too ({@link CommitJournal}), then
     * made, verified and followed up in a second write that removes the journal.
     */
    Applied apply(Outcome outcome, List<FileChange> extra, Instant now, String actor, String traceId) {
        if (outcome.refusal().isPresent()) {
            // a step that refuses changes nothing, whoever asked for it
            throw new Refusal(outcome.refusal().get());
        }
        List<Question> asked = new ArrayList<>(outcome.reported().asked());
        List<Alert> raised = new ArrayList<>(outcome.reported().alerts());
        List<FileChange> first = new ArrayList<>(extra);
        outcome.commit().ifPresent(plan -> first.add(CommitJournal.of(plan, now, actor, traceId).write()));
        write(outcome, first, null, now, actor, traceId, asked, raised);
        JsonNode result = outcome.result();
        if (outcome.commit().isPresent()) {
            CommitPlan plan = outcome.commit().get();
            Applied after = commit(plan.paths(), plan.expected(), plan.subject(), plan.trailers(), plan.then(), now,
                    actor, traceId);
            result = after.result();
            asked.addAll(after.asked());
            raised.addAll(after.alerts());
        }
        return new Applied(result, asked, raised);
    }

    /** Makes the commit a journal describes (its JA was recorded before a crash), then its follow-up. */
    Applied commitJournaled(CommitJournal journal, Function<CommitInfo, Outcome> then, Instant now) {
        return commit(journal.paths(), journal.expected(), journal.subject(), journal.trailers(), then, now,
                journal.actor(), journal.traceId());
    }

    /** Records a journaled commit that exists already: its follow-up, and the journal removed. */
    Applied recordCommitted(CommitInfo info, Function<CommitInfo, Outcome> then, Instant now, String actor,
                            String traceId) {
        Outcome follow = then.apply(info);
        List<Question> asked = new ArrayList<>(follow.reported().asked());
        List<Alert> raised = new ArrayList<>(follow.reported().alerts());
        write(follow, List.of(CommitJournal.remove()), info.sha(), now, actor, traceId, asked, raised);
        return new Applied(follow.result(), asked, raised);
    }

    /** @param committed the commit this unit records as made, or null */
    private void write(Outcome outcome, List<FileChange> extra, String committed, Instant now, String actor,
                       String traceId, List<Question> asked, List<Alert> raised) {
        write(outcome, extra, committed, now, actor, traceId, asked, raised, null);
    }

    /**
     * The question book and governance state a unit starts from when they are not the brain's files: a
     * freeze rebuilt them because the files could not be read, and the unit writes them back.
     */
    private record Base(QuestionBook questions, GovernanceStatus governance) {
    }

    /** @param base what the unit starts from instead of the brain's files, or null to read them */
    private void write(Outcome outcome, List<FileChange> extra, String committed, Instant now, String actor,
                       String traceId, List<Question> asked, List<Alert> raised, Base base) {
        Optional<Alert> freezing = freezingAlert(outcome, now, base);
        if (outcome.changesNothing() && extra.isEmpty() && freezing.isEmpty()) {
            deliver(outcome.alerts(), List.of(), outcome.result(), outcome.events(), now, raised);
            return;
        }
        Map<BrainPath, FileChange> changes = new LinkedHashMap<>();
        outcome.writes().forEach(c -> changes.put(c.path(), c));
        extra.forEach(c -> changes.put(c.path(), c));
        List<AuditRecord> records = new ArrayList<>(outcome.audit());
        List<Question> changedQuestions = new ArrayList<>(outcome.closed());
        changedQuestions.addAll(outcome.ask());
        List<Alert> alertList = new ArrayList<>(outcome.alerts());

        QuestionBook book = base != null ? base.questions() : brain.questions();
        supersedeConsents(book, outcome, changes, now, actor, traceId, records, changedQuestions);
        Optional<Outcome.StateChange> stateChange = outcome.state();
        if (freezing.isPresent()) {
            Alert critical = freezing.get();
            stateChange = Optional.of(new Outcome.StateChange(GovernanceState.STATE_DR,
                    critical.code() + ": " + critical.message()));
            ObjectNode data = Json.object();
            data.put("code", critical.code());
            data.put("message", critical.message());
            records.add(new AuditRecord("dr.triggered", actor, traceId, data));
            boolean resolutionAsked = changedQuestions.stream()
                    .anyMatch(q -> q.kind().equals(RecoveryFeature.DR_RESOLUTION) && q.status() == QuestionStatus.OPEN)
                    || book.open(now).stream().anyMatch(q -> q.kind().equals(RecoveryFeature.DR_RESOLUTION));
            if (!resolutionAsked) {
                changedQuestions.add(RecoveryFeature.question(consents.questionId(), now, consents.expiresAt(now),
                        critical.code(), critical.message()));
            }
        }
        asked.addAll(changedQuestions.stream().filter(q -> q.status() == QuestionStatus.OPEN).toList());

        QuestionBook nextBook = null;
        byte[] nextBookBytes = null;
        if (!changedQuestions.isEmpty() || base != null) {
            nextBook = book.with(changedQuestions);
            nextBookBytes = Json.pretty(nextBook.toJson());
            changes.put(BrainLayout.QUESTIONS, FileChange.put(BrainLayout.QUESTIONS, nextBookBytes));
        }
        if (stateChange.isPresent()) {
            Outcome.StateChange change = stateChange.get();
            GovernanceStatus current = base != null ? base.governance() : brain.governance(now);
            if (current.state() != change.to()) {
                GovernanceTransition transition = GovernanceTransition.require(current.state(), change.to());
                GovernanceStatus next = current.moveTo(change.to(), now, change.reason());
                changes.put(BrainLayout.GOVERNANCE, FileChange.put(BrainLayout.GOVERNANCE, Json.pretty(next.toJson())));
                ObjectNode data = Json.object();
                data.put("from", current.state().name());
                data.put("to", change.to().name());
                data.put("transition", transition.name());
                data.put("reason", change.reason());
                records.add(new AuditRecord("governance.state_changed", actor, traceId, data));
            }
        }
        if (base != null && !changes.containsKey(BrainLayout.GOVERNANCE)) {
            changes.put(BrainLayout.GOVERNANCE, FileChange.put(BrainLayout.GOVERNANCE, Json.pretty(base.governance().toJson())));
        }
        if (!records.isEmpty() || changes.containsKey(BrainLayout.BEHAVIOUR) || committed != null) {
            appendAudit(records, committed, now, changes);
        }
        try {
            store.apply(List.copyOf(changes.values()));
        } finally {
            brain.changed();
        }
        if (nextBook != null) {
            // the next request reads the book again: spare it parsing what was just written
            brain.rememberParsed(BrainLayout.QUESTIONS, QuestionBook.class, nextBookBytes, nextBook);
        }
        deliver(alertList, records, outcome.result(), outcome.events(), now, raised);
    }

    /**
     * The CRITICAL alert that freezes the brain, if {@code outcome} raises one and says nothing of the
     * governance state itself. A CRITICAL alert means the brain can no longer be trusted to run on
     * (seed 04 §11: alert, suspend the scheduler, start DR), so whichever engine raises it, the brain
     * enters STATE_DR in the same unit. An outcome that sets a state has decided already (the more
     * specific STATE_INCONSISTENT, say), and a brain already frozen or inconsistent stays as it is.
     */
    private Optional<Alert> freezingAlert(Outcome outcome, Instant now, Base base) {
        if (outcome.state().isPresent()) {
            return Optional.empty();
        }
        Optional<Alert> critical = outcome.alerts().stream().filter(a -> a.level() == AlertLevel.CRITICAL).findFirst();
        if (critical.isEmpty()) {
            return Optional.empty();
        }
        GovernanceState state = (base != null ? base.governance() : brain.governance(now)).state();
        return state == GovernanceState.STATE_NORMAL || state == GovernanceState.STATE_AUTO_MODE
                ? critical : Optional.empty();
    }

    /**
     * A consent binds to content: when this unit writes a file an open COMMIT_CONSENT names, that
     * consent no longer applies; it is superseded and a fresh one is asked for the new content.
     */
    private void supersedeConsents(QuestionBook book, Outcome outcome, Map<BrainPath, FileChange> changes,
                                   Instant now, String actor, String traceId, List<AuditRecord> records,
                                   List<Question> changedQuestions) {
        Set<String> touchedByOutcome = new LinkedHashSet<>();
        outcome.closed().forEach(q -> touchedByOutcome.add(q.id()));
        outcome.ask().forEach(q -> touchedByOutcome.add(q.id()));
        for (Question q : book.open(now)) {
            if (q.kind() != QuestionKind.COMMIT_CONSENT || touchedByOutcome.contains(q.id())) {
                continue;
            }
            Map<BrainPath, String> named = ConsentFactory.files(q);
            boolean touched = named.keySet().stream().anyMatch(changes::containsKey);
            if (!touched) {
                continue;
            }
            Map<BrainPath, String> fresh = new LinkedHashMap<>();
            for (BrainPath p : named.keySet()) {
                FileChange c = changes.get(p);
                Optional<byte[]> bytes = c == null ? brain.read(p)
                        : c instanceof FileChange.Put put ? Optional.of(put.content()) : Optional.empty();
                bytes.ifPresent(b -> fresh.put(p, CanonicalJson.sha256Hex(b)));
            }
            Question replacement = consents.ask(now, fresh, q.data().path("purpose").asText("commit"),
                    q.data().path("context"));
            changedQuestions.add(q.closed(QuestionStatus.SUPERSEDED, null, now));
            changedQuestions.add(replacement);
            ObjectNode data = Json.object();
            data.put("questionId", q.id());
            data.put("supersededBy", replacement.id());
            records.add(new AuditRecord("question.superseded", actor, traceId, data));
        }
    }

    private void appendAudit(List<AuditRecord> records, String committed, Instant now,
                             Map<BrainPath, FileChange> changes) {
        RecordedHead before = brain.recordedHead();
        AuditHead head = before.head();
        if (records.isEmpty()) {
            changes.put(BrainLayout.AUDIT_HEAD, FileChange.put(BrainLayout.AUDIT_HEAD,
                    Json.pretty(record(before, head, null, committed, changes).toJson())));
            return;
        }
        // a seal bridges the log as it was to the head Avalon last wrote, so nothing may come between them
        List<AuditRecord> ordered = new ArrayList<>(records.stream().filter(r -> r.type().equals(AuditSeal.TYPE)).toList());
        records.stream().filter(r -> !r.type().equals(AuditSeal.TYPE)).forEach(ordered::add);
        List<AuditRecord> scrubbed = ordered.stream()
                .map(r -> new AuditRecord(r.type(), r.actor(), r.traceId(), AuditScrubber.scrub(r.data()))).toList();
        List<AuditEntry> entries = AuditChain.chain(head, now, scrubbed);
        Map<BrainPath, ByteArrayOutputStream> files = new LinkedHashMap<>();
        for (AuditEntry e : entries) {
            BrainPath file = AuditChain.fileFor(e.ts(), zone);
            ByteArrayOutputStream out = files.computeIfAbsent(file, f -> {
                ByteArrayOutputStream o = new ByteArrayOutputStream();
                // an audit file this unit rewrites (a cut last line ended before a seal) is appended to as rewritten
                byte[] existing = changes.get(f) instanceof FileChange.Put put ? put.content()
                        : brain.read(f).orElse(new byte[0]);
                o.writeBytes(existing);
                return o;
            });
            out.writeBytes(e.line());
        }
        files.forEach((path, out) -> changes.put(path, FileChange.put(path, out.toByteArray())));
        AuditHead last = entries.get(entries.size() - 1).head();
        RecordedHead next = record(before, last, head.isGenesis() ? entries.get(0).hash() : null, committed, changes);
        changes.put(BrainLayout.AUDIT_HEAD, FileChange.put(BrainLayout.AUDIT_HEAD, Json.pretty(next.toJson())));
    }

    /**
     * The record of the head after this unit: the brain's id, the last commit Avalon made and the hash
     * of behaviour.avl as this unit leaves it, sealed when the host has a key. A record that did not
     * verify is not sealed again, so a tampered brain stays detectably tampered after Avalon writes to it.
     */
    private RecordedHead record(RecordedHead before, AuditHead head, String firstHash, String committed,
                                Map<BrainPath, FileChange> changes) {
        // the first line of the log on disk, if there is one: a head file deleted does not make a new brain
        String id = before.tracked() ? before.brain() : brain.firstAuditHash().orElse(firstHash);
        if (id == null) {
            return RecordedHead.of(head);
        }
        String commit = committed != null ? committed
                : before.tracked() ? before.commit() : store.head().map(CommitInfo::sha).orElse(null);
        String behaviour;
        FileChange change = changes.get(BrainLayout.BEHAVIOUR);
        if (change instanceof FileChange.Put put) {
            behaviour = CanonicalJson.sha256Hex(put.content());
        } else if (change != null) {
            behaviour = null;
        } else {
            behaviour = before.tracked() ? before.behaviourSha256() : brain.behaviourSha256().orElse(null);
        }
        RecordedHead next = new RecordedHead(head, id, commit, behaviour, null);
        Optional<byte[]> key = evidence.keyFor(id);
        if (key.isPresent() && (sealing || before.sealed() && before.sealMatches(key.get()))) {
            return next.sealedWith(key.get());
        }
        return next;
    }

    /**
     * After the unit is durable: its alerts, then its events on the bus in the order the unit made
     * them (the events of its audit records, its own events, one {@code alert.raised} per alert). A
     * subscriber that fails is an alert of its own and stops no other.
     */
    private void deliver(List<Alert> alertList, List<AuditRecord> records, JsonNode result, List<DomainEvent> events,
                         Instant now, List<Alert> raised) {
        for (Alert a : alertList) {
            raised.add(a);
            try {
                alerts.raise(a);
            } catch (RuntimeException e) {
                LOG.warn("alert sink failed for {}: {}", a.code(), e.toString());
            }
        }
        List<DomainEvent> all = new ArrayList<>();
        records.forEach(r -> all.addAll(EventCatalog.of(r, result, now)));
        all.addAll(events);
        alertList.forEach(a -> all.add(EventCatalog.of(a)));
        for (DomainEvent event : all) {
            for (DeliveryFailure f : bus.publish(event)) {
                Alert alert = new Alert(AlertLevel.IMPORTANT, "EVENT_SUBSCRIBER_FAILED", "The subscriber "
                        + f.subscriber() + " failed on " + f.event() + ": " + f.problem(), now,
                        Map.of("subscriber", f.subscriber(), "event", f.event()));
                raised.add(alert);
                try {
                    alerts.raise(alert);
                } catch (RuntimeException e) {
                    LOG.warn("alert sink failed for {}: {}", alert.code(), e.toString());
                }
            }
        }
    }

    private Applied commit(List<BrainPath> consented, Map<BrainPath, String> approved, String subject,
                           Map<String, String> planTrailers, Function<CommitInfo, Outcome> then, Instant now,
                           String actor, String traceId) {
        List<BrainPath> paths = new ArrayList<>(consented);
        for (BrainPath p : brain.store().uncommitted()) {
            if (p.isUnder(BrainLayout.AUDIT_FOLDER) && !paths.contains(p)) {
                paths.add(p);
            }
        }
        Map<String, String> trailers = new LinkedHashMap<>(planTrailers);
        trailers.put(BrainLayout.AUDIT_HEAD_TRAILER, brain.auditHead().toString());
        Map<BrainPath, String> expected = new LinkedHashMap<>(approved);
        for (BrainPath p : paths) {
            expected.computeIfAbsent(p, k -> brain.read(k).map(CanonicalJson::sha256Hex).orElse(null));
        }
        CommitInfo info;
        try {
            try {
                info = store.commit(new CommitRequest(paths, subject, trailers, now, "Avalon"));
            } finally {
                brain.changed();
            }
        } catch (BrainStoreException e) {
            LOG.error("commit failed", e);
            commitFailed = true;
            freeze("GIT_FAILURE", "The commit failed: " + e.getMessage(), now, actor, traceId);
            throw new Refusal(new ActionError(ErrorCode.BRAIN_FAILURE,
                    "the commit failed; the brain is frozen for recovery and nothing was lost",
                    List.of(new Violation("$", String.valueOf(e.getMessage())))));
        }
        Map<BrainPath, String> committed = brain.store().contentHashes(info.sha());
        List<Violation> mismatches = new ArrayList<>();
        expected.forEach((path, hash) -> {
            String got = committed.get(path);
            if (hash == null ? got != null : !hash.equals(got)) {
                mismatches.add(new Violation("$." + path.value(), "committed sha256 " + got + " but expected " + hash));
            }
        });
        if (!mismatches.isEmpty()) {
            commitFailed = true;
            freeze("COMMIT_VERIFICATION_FAILED", "Commit " + info.sha() + " does not contain what was approved",
                    now, actor, traceId);
            throw new Refusal(new ActionError(ErrorCode.BRAIN_FAILURE,
                    "the commit could not be verified; the brain is frozen for recovery", mismatches));
        }
        return recordCommitted(info, then, now, actor, traceId);
    }

    /**
     * Moves the brain to STATE_INCONSISTENT with a CRITICAL alert and an audit entry: behaviour.avl is
     * valid but not the version governance made, so nothing may be written or committed until it is.
     */
    void inconsistent(String code, String message, Instant now, String actor, String traceId) {
        Alert alert = new Alert(AlertLevel.CRITICAL, code, message, now, Map.of());
        ObjectNode data = Json.object();
        data.put("code", code);
        data.put("message", message);
        Outcome outcome = Outcome.builder().alert(alert)
                .audit(new AuditRecord("behaviour.inconsistent", actor, traceId, data))
                .state(GovernanceState.STATE_INCONSISTENT, code + ": " + message).build();
        try {
            write(outcome, List.of(), null, now, actor, traceId, new ArrayList<>(), new ArrayList<>());
        } catch (RuntimeException e) {
            LOG.error("could not record the inconsistency in the brain; alerting only", e);
            alerts.raise(alert);
        }
    }

    /** Leaves STATE_INCONSISTENT: behaviour.avl is the version governance made again. */
    void repaired(String message, Instant now, String actor, String traceId) {
        ObjectNode data = Json.object();
        data.put("message", message);
        write(Outcome.builder().audit(new AuditRecord("behaviour.repaired", actor, traceId, data))
                .state(GovernanceState.STATE_NORMAL, message).build(), List.of(), null, now, actor, traceId,
                new ArrayList<>(), new ArrayList<>());
    }

    /**
     * Seals a brain for the first time, with a {@code brain.sealed} audit entry: from then on its log
     * says that it is sealed, so a seal found missing later is tampering, not a brain from before sealing.
     */
    void sealFirstTime(Instant now) {
        ObjectNode data = Json.object();
        data.put("brain", brain.firstAuditHash().orElse(null));
        sealing = true;
        try {
            write(Outcome.builder().audit(new AuditRecord("brain.sealed", "avalon", null, data)).build(), List.of(),
                    null, now, "avalon", "seal", new ArrayList<>(), new ArrayList<>());
        } finally {
            sealing = false;
        }
    }

    /**
     * Adopts a brain restored onto this host, whose history {@link Evidence#restored} found sound: a
     * record of its head is written for the end of its log, HEAD and its behaviour.avl, then a
     * {@code brain.restored} entry (recording HEAD, whose own entry stayed behind in the uncommitted
     * log) is chained onto it and the record is sealed under this host's key, if it has one. The log
     * keeps the brain's id and its first seal; the new seal is this host's word that it checked the
     * history it restored.
     */
    void adoptRestored(Instant now, ObjectNode data) {
        AuditHead end = brain.verifyAudit().head();
        String id = brain.firstAuditHash().orElseThrow(() -> new IllegalStateException("no audit log to adopt"));
        RecordedHead start = new RecordedHead(end, id, store.head().map(CommitInfo::sha).orElse(null),
                brain.behaviourSha256().orElse(null), null);
        try {
            // the entry below chains onto the end of the restored log, not onto a new brain's genesis
            store.apply(List.of(FileChange.put(BrainLayout.AUDIT_HEAD, Json.pretty(start.toJson()))));
        } finally {
            brain.changed();
        }
        sealing = true;
        try {
            write(Outcome.builder().audit(new AuditRecord(Evidence.RESTORED, "avalon", null, data)).build(),
                    List.of(), null, now, "avalon", "restore", new ArrayList<>(), new ArrayList<>());
        } finally {
            sealing = false;
        }
    }

    /**
     * Moves the brain to STATE_DR with a CRITICAL alert, an audit entry and the DR_RESOLUTION question.
     * When the freeze's own files cannot be read ({@code state/questions.json}, {@code state/governance.json}),
     * the working tree is first kept aside on a {@code refs/avalon/dr/…} ref (the damaged bytes are evidence,
     * never lost) and they are rebuilt: the governance state from the audit log ({@link RebuiltGovernance}),
     * the question book as a new one holding the way out. Working state is never committed, so no history
     * holds an older book; the flows that waited on a lost question ask it again as the brain leaves
     * STATE_DR. The {@code dr.triggered} entry records the rebuild and the ref.
     */
    void freeze(String code, String message, Instant now, String actor, String traceId) {
        Alert alert = new Alert(AlertLevel.CRITICAL, code, message, now, Map.of());
        ObjectNode data = Json.object();
        data.put("code", code);
        data.put("message", message);
        try {
            Base base = rebuiltBase(now, data);
            GovernanceState state = (base != null ? base.governance() : brain.governance(now)).state();
            QuestionBook book = base != null ? base.questions() : brain.questions();
            Outcome.Builder b = Outcome.builder().alert(alert)
                    .audit(new AuditRecord("dr.triggered", actor, traceId, data));
            if (state != GovernanceState.STATE_DR) {
                b.state(GovernanceState.STATE_DR, code + ": " + message);
            }
            // the way out is asked at once (a rebuilt book may have lost it); an open one still stands
            if ((state != GovernanceState.STATE_DR || base != null) && book.open(now).stream().noneMatch(q -> q.kind().equals(RecoveryFeature.DR_RESOLUTION))) {
                b.ask(RecoveryFeature.question(consents.questionId(), now, consents.expiresAt(now), code, message));
            }
            write(b.build(), List.of(), null, now, actor, traceId, new ArrayList<>(), new ArrayList<>(), base);
        } catch (RuntimeException e) {
            LOG.error("could not record the freeze in the brain; alerting only", e);
            alerts.raise(alert);
        }
    }

    /**
     * The question book and governance state rebuilt when either file cannot be read, with the tree kept
     * aside first and what was done put in {@code data}; null when both read.
     */
    private Base rebuiltBase(Instant now, ObjectNode data) {
        boolean questionsCorrupt = corrupt(brain::questions, BrainLayout.QUESTIONS);
        boolean governanceCorrupt = corrupt(() -> brain.governance(now), BrainLayout.GOVERNANCE);
        if (!questionsCorrupt && !governanceCorrupt) {
            return null;
        }
        try {
            data.put("keptAside", store.keepAside().asideRef());
        } catch (BrainStoreException e) {
            // nothing committed yet to keep the tree beside: the damaged file's hash is the evidence left
            data.putNull("keptAside");
        }
        ArrayNode rebuilt = data.putArray("rebuilt");
        QuestionBook book;
        if (questionsCorrupt) {
            ObjectNode q = Json.object();
            q.put("path", BrainLayout.QUESTIONS.value());
            q.put("rebuiltAs", "a new book holding the way out; lost questions are asked again on leaving STATE_DR");
            rebuilt.add(evidence(q, BrainLayout.QUESTIONS));
            book = QuestionBook.EMPTY;
        } else {
            book = brain.questions();
        }
        GovernanceStatus governance;
        if (governanceCorrupt) {
            governance = RebuiltGovernance.of(brain.auditFiles(), now);
            ObjectNode g = Json.object();
            g.put("path", BrainLayout.GOVERNANCE.value());
            g.put("state", governance.state().name());
            g.put("since", governance.since().toString());
            rebuilt.add(evidence(g, BrainLayout.GOVERNANCE));
        } else {
            governance = brain.governance(now);
        }
        return new Base(book, governance);
    }

    /** {@code node} with the sha256 of the damaged file's bytes, so the bytes kept aside can be matched to it. */
    private ObjectNode evidence(ObjectNode node, BrainPath path) {
        brain.read(path).ifPresent(bytes -> node.put("damagedSha256", CanonicalJson.sha256Hex(bytes)));
        return node;
    }

    private static boolean corrupt(Runnable read, BrainPath path) {
        try {
            read.run();
            return false;
        } catch (CorruptFileException e) {
            if (e.path().equals(path)) {
                return true;
            }
            throw e;
        }
    }
}
