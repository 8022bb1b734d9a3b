package dev.avalon.core.internal;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.avalon.core.feature.Feature;
import dev.avalon.core.action.ActionContext;
import dev.avalon.core.action.CommitPlan;
import dev.avalon.core.base.Effect;
import dev.avalon.core.base.ErrorCode;
import dev.avalon.core.action.Outcome;
import dev.avalon.core.base.Refusal;
import dev.avalon.core.base.Violation;
import dev.avalon.core.audit.AuditHead;
import dev.avalon.core.audit.AuditRecord;
import dev.avalon.core.audit.AuditReport;
import dev.avalon.core.behaviour.Behaviour;
import dev.avalon.core.behaviour.BehaviourCheck;
import dev.avalon.core.brain.Brain;
import dev.avalon.core.layout.BrainLayout;
import dev.avalon.core.event.DomainEvent;
import dev.avalon.core.governance.CommitGate;
import dev.avalon.core.governance.CommitRefusal;
import dev.avalon.core.governance.CommitRefusalReason;
import dev.avalon.core.governance.Conflict;
import dev.avalon.core.governance.ConflictDetector;
import dev.avalon.core.governance.GovernanceErrorCode;
import dev.avalon.core.governance.GovernanceState;
import dev.avalon.core.governance.MlLimits;
import dev.avalon.core.governance.PatchApplication;
import dev.avalon.core.governance.Patch;
import dev.avalon.core.governance.PatchQueue;
import dev.avalon.core.governance.PatchSource;
import dev.avalon.core.governance.PatchStatus;
import dev.avalon.core.governance.PatchValidation;
import dev.avalon.core.governance.PatchValidator;
import dev.avalon.core.governance.PatchViolation;
import dev.avalon.core.governance.QueuedPatch;
import dev.avalon.core.governance.RiskAssessor;
import dev.avalon.core.behaviour.SemVer;
import dev.avalon.core.governance.StateGate;
import dev.avalon.core.json.CanonicalJson;
import dev.avalon.core.json.Json;
import dev.avalon.core.port.BrainPath;
import dev.avalon.core.port.CommitInfo;
import dev.avalon.core.question.Question;
import dev.avalon.core.question.QuestionKind;
import dev.avalon.core.question.QuestionStatus;
import dev.avalon.core.time.IsoWeek;
import dev.avalon.core.workflow.WeekcloseFeature;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.IsoFields;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Commit governance (seed 06 §5): a COMMIT_CONSENT JA to the exact content → every commit
 * precondition ({@link CommitGate}) → commit → verify → the follow-up that tells the patch chain and
 * the workflows. The step from the JA to the end of its commit is one recoverable transaction: the
 * unit of work journals the decision ({@link CommitJournal}) and {@link CommitRecovery} rolls it
 * forward after a crash, using {@link #followUp} as the commit's own path does.
 */
final class ConsentFlow {

    private final CommitGate commitGate;
    private final ConsentFactory consents;
    private final List<Feature> features;
    private final PatchFlow patches;
    private final Evidence evidence;

    ConsentFlow(CommitGate commitGate, ConsentFactory consents, List<Feature> features, PatchFlow patches,
                Evidence evidence) {
        this.commitGate = commitGate;
        this.consents = consents;
        this.features = List.copyOf(features);
        this.patches = patches;
        this.evidence = evidence;
    }

    /**
     * Governed files are committed only by the flows that own them: audit files by every commit, state
     * never, and behaviour.avl only as the audit log explains it (a patch applied and approved). A
     * behaviour.avl edited by hand can never be committed.
     */
    private List<Violation> governed(Brain brain, Iterable<BrainPath> paths, String field) {
        List<Violation> refused = new ArrayList<>();
        for (BrainPath p : paths) {
            if (BrainLayout.isState(p) || p.isUnder(BrainLayout.AUDIT_FOLDER)) {
                refused.add(new Violation(field, CommitRefusalReason.FORBIDDEN_MODIFICATION + ": " + p
                        + " is governed and is committed only by the flow that owns it"));
            } else if (p.equals(BrainLayout.BEHAVIOUR)) {
                Optional<String> actual = brain.read(p).map(CanonicalJson::sha256Hex);
                Optional<String> explained = evidence.explainedBehaviour();
                if (actual.isPresent() && explained.isPresent() && !actual.equals(explained)) {
                    refused.add(new Violation(field, CommitRefusalReason.FORBIDDEN_MODIFICATION + ": " + p
                            + " (sha256 " + actual.get() + ") is not the version the audit log explains ("
                            + explained.get() + "); only an applied patch may change it"));
                }
            }
        }
        return refused;
    }

    // ---------------------------------------------------------------- COMMIT_CONSENT

    /** A consent that expired unanswered: like a NEE, the patch chain behind it moves on. */
    Outcome expireConsent(ActionContext ctx, Question q) {
        return moveChainOn(ctx, q, Outcome.builder().close(q.closed(QuestionStatus.EXPIRED, null, ctx.now()))).build();
    }

    private Outcome.Builder moveChainOn(ActionContext ctx, Question q, Outcome.Builder out) {
        if (q.data().path("context").path("patchIds").isEmpty()) {
            return out;
        }
        PatchQueue queue = ctx.brain().patchQueue();
        PatchQueue next = patches.startNextBehindApplied(ctx, queue, out);
        if (next != queue) {
            out.writeJson(BrainLayout.PATCH_QUEUE, next.toJson());
        }
        return out;
    }

    Outcome resolveConsent(ActionContext ctx, Question q, String answer) {
        Brain brain = ctx.brain();
        Map<BrainPath, String> consented = ConsentFactory.files(q);
        if ("NEE".equals(answer)) {
            ObjectNode data = Json.object();
            data.put("questionId", q.id());
            data.set("files", q.data().get("files"));
            ObjectNode result = Json.object();
            result.put("committed", false);
            Outcome.Builder out = Outcome.builder(result).close(q.closed(QuestionStatus.ANSWERED, answer, ctx.now()))
                    .audit(new AuditRecord("commit.declined", ctx.actor(), ctx.traceId(), data));
            return moveChainOn(ctx, q, out).build();
        }
        Map<BrainPath, String> current = new LinkedHashMap<>();
        for (BrainPath p : consented.keySet()) {
            brain.read(p).ifPresent(b -> current.put(p, CanonicalJson.sha256Hex(b)));
        }
        List<Violation> governed = governed(brain, consented.keySet(), "$.data.id");
        if (!governed.isEmpty()) {
            throw new Refusal(ErrorCode.COMMIT_REFUSED, "the commit would include governed files", governed);
        }
        AuditReport audit = brain.verifyAudit();
        long lastCommittedSeq = brain.store().head()
                .map(c -> c.trailers().get(BrainLayout.AUDIT_HEAD_TRAILER))
                .map(t -> AuditHead.parse(t).seq()).orElse(0L);
        boolean audited = brain.auditHead().seq() > lastCommittedSeq;
        CommitGate.Facts facts = new CommitGate.Facts(brain.governance(ctx.now()).state(), answer, ctx.now(),
                q.expiresAt(), consented, current, brain.store().uncommitted(), brain.behaviour(), audit, audited,
                brain::read);
        List<CommitRefusal> refusals = commitGate.check(facts);
        if (!refusals.isEmpty()) {
            boolean onlyStale = refusals.stream().allMatch(r -> r.reason() == CommitRefusalReason.CONTENT_CHANGED);
            List<Violation> details = refusals.stream()
                    .map(r -> new Violation("$.data.id", r.reason() + ": " + r.detail())).toList();
            if (onlyStale) {
                throw new Refusal(ErrorCode.CONSENT_STALE,
                        "the content changed after this consent was asked; a new JA is needed", details);
            }
            throw new Refusal(ErrorCode.COMMIT_REFUSED, "the commit is not allowed", details);
        }
        ObjectNode approved = Json.object();
        approved.put("questionId", q.id());
        approved.set("files", q.data().get("files"));
        approved.set("context", q.data().get("context"));
        Map<String, String> trailers = new LinkedHashMap<>();
        trailers.put(BrainLayout.CONSENT_TRAILER, q.id());
        brain.behaviour().behaviour().ifPresent(b -> trailers.put(BrainLayout.VERSION_TRAILER, b.version().toString()));
        String subject = q.data().path("purpose").asText("commit");
        CommitPlan plan = new CommitPlan(List.copyOf(consented.keySet()), consented,
                subject.length() > 72 ? subject.substring(0, 72) : subject, trailers,
                info -> followUp(ctx, q, info));
        return Outcome.builder().close(q.closed(QuestionStatus.ANSWERED, answer, ctx.now()))
                .audit(new AuditRecord("commit.approved", ctx.actor(), ctx.traceId(), approved))
                .commit(plan).build();
    }

    /**
     * What follows a verified commit made on {@code consent}: the commit recorded in the audit log, the
     * consented patches COMMITTED and the next one asked about, every feature's own follow-up.
     */
    Outcome followUp(ActionContext ctx, Question consent, CommitInfo info) {
        List<String> patchIds = new ArrayList<>();
        consent.data().path("context").path("patchIds").forEach(p -> patchIds.add(p.asText()));
        Outcome.Builder out = Outcome.builder();
        ObjectNode recorded = Json.object();
        recorded.put("commitSHA", info.sha());
        recorded.put("questionId", consent.id());
        recorded.set("files", consent.data().get("files"));
        out.audit(new AuditRecord("commit.recorded", ctx.actor(), ctx.traceId(), recorded));
        PatchQueue queue = ctx.brain().patchQueue();
        for (String id : patchIds) {
            Optional<QueuedPatch> entry = queue.find(id);
            if (entry.isPresent() && entry.get().status() == PatchStatus.AWAITING_COMMIT) {
                queue = queue.update(entry.get().with(PatchStatus.COMMITTED, null, info.sha()));
                out.audit(new AuditRecord("governance.patch_committed", ctx.actor(), ctx.traceId(),
                        PatchApplication.committed(id, info.sha())));
            }
        }
        queue = patches.startNext(ctx, queue, out);
        if (!patchIds.isEmpty()) {
            out.writeJson(BrainLayout.PATCH_QUEUE, queue.toJson());
        }
        ObjectNode event = Json.object();
        event.put("commitSha", info.sha());
        out.event(new DomainEvent("brain.committed", event, ctx.now()));
        ObjectNode result = Json.object();
        for (Feature feature : features) {
            Optional<Outcome> follow = feature.afterCommit(ctx, consent, info);
            if (follow.isPresent()) {
                out.merge(follow.get());
                if (follow.get().result().isObject()) {
                    result.setAll((ObjectNode) follow.get().result());
                }
            }
        }
        result.put("committed", true);
        result.put("commitSha", info.sha());
        result.set("files", consent.data().get("files"));
        ctx.brain().behaviour().behaviour().ifPresent(b -> result.put("version", b.version().toString()));
        return out.result(result).build();
    }

    // ---------------------------------------------------------------- request a commit

    /** Asks consent for every uncommitted content file (not working state, not audit). */
    Outcome requestCommit(ActionContext ctx) {
        Brain brain = ctx.brain();
        Map<BrainPath, String> files = new LinkedHashMap<>();
        for (BrainPath p : brain.store().uncommitted()) {
            if (!BrainLayout.isState(p) && !p.isUnder(BrainLayout.AUDIT_FOLDER)) {
                brain.read(p).ifPresent(b -> files.put(p, CanonicalJson.sha256Hex(b)));
            }
        }
        List<Violation> governed = governed(brain, files.keySet(), "$");
        if (!governed.isEmpty()) {
            throw new Refusal(ErrorCode.COMMIT_REFUSED, "uncommitted changes include governed files", governed);
        }
        ObjectNode result = Json.object();
        if (files.isEmpty()) {
            result.put("pending", false);
            return Outcome.of(result);
        }
        Outcome.Builder out = Outcome.builder();
        for (Question open : brain.questions().open(ctx.now())) {
            if (open.kind() == QuestionKind.COMMIT_CONSENT) {
                out.close(open.closed(QuestionStatus.SUPERSEDED, null, ctx.now()));
            }
        }
        ObjectNode context = Json.object();
        ArrayNode ids = context.putArray("patchIds");
        brain.patchQueue().active().stream().filter(e -> e.status() == PatchStatus.AWAITING_COMMIT)
                .forEach(e -> ids.add(e.patch().id()));
        Question q = consents.ask(ctx.now(), files, "uncommitted changes", context);
        ObjectNode data = Json.object();
        data.put("questionId", q.id());
        out.ask(q).audit(new AuditRecord("commit.requested", ctx.actor(), ctx.traceId(), data));
        result.put("pending", true);
        result.put("questionId", q.id());
        return out.result(result).build();
    }
}
