package dev.avalon.core.internal;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.avalon.core.feature.Feature;
import dev.avalon.core.action.ActionContext;
import dev.avalon.core.action.CommitPlan;
import dev.avalon.core.base.Effect;
import dev.avalon.core.base.ActionError;
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
 * The behaviour patch chain of seed 06 §4: validate → state check → (user JA) apply in memory → bump
 * SemVer → hashes → audit; the commit is {@link ConsentFlow}'s. Patches go through a FIFO chain; the
 * next starts only once the previous is committed or declined; a conflict asks which one wins.
 *
 * <p>Audit before commit, and the commit SHA in the log: {@code governance.patch_applied} is written
 * before the commit with {@code commitSHA: null}; {@code governance.patch_committed} is appended
 * right after the verified commit with the SHA and the seq of the entry it completes. The chain head
 * that the commit records (trailer {@code Avalon-Audit-Head}) covers the first, the next commit
 * covers the second.
 */
final class PatchFlow {

    private final PatchValidator validator = new PatchValidator();
    private final ConsentFactory consents;
    private final Duration questionTtl;
    private final List<Feature> features;

    PatchFlow(ConsentFactory consents, Duration questionTtl, List<Feature> features) {
        this.features = List.copyOf(features);
        this.consents = consents;
        this.questionTtl = questionTtl;
    }

    // ---------------------------------------------------------------- propose

    Outcome propose(ActionContext ctx) {
        JsonNode patchJson = ctx.data().get("patch");
        Patch patch;
        try {
            patch = Patch.fromJson(patchJson);
        } catch (IllegalArgumentException e) {
            throw new Refusal(ErrorCode.VALIDATION_FAILED, "the patch is malformed",
                    new Violation("$.data.patch", e.getMessage()));
        }
        Brain brain = ctx.brain();
        GovernanceState state = brain.governance(ctx.now()).state();
        if (state == GovernanceState.STATE_AUTO_MODE) {
            throw new Refusal(ErrorCode.GOVERNANCE_FORBIDDEN, "patches are blocked in auto-mode",
                    new Violation("$.data.patch", "STATE_AUTO_MODE blocks every behaviour patch"));
        }
        for (Feature feature : features) {
            Optional<String> frozen = feature.behaviourFreeze(brain);
            if (frozen.isPresent()) {
                throw new Refusal(ErrorCode.GOVERNANCE_FORBIDDEN, "behaviour updates are frozen during "
                        + frozen.get(), new Violation("$.data.patch", frozen.get()
                        + " is open; propose again once it is closed or cancelled"));
            }
        }
        Behaviour behaviour = currentBehaviour(brain);
        PatchQueue queue = brain.patchQueue();
        if (queue.containsId(patch.id())) {
            throw new Refusal(ErrorCode.VALIDATION_FAILED, "patch id already used",
                    new Violation("$.data.patch.id", "a patch with id " + patch.id() + " was already proposed"));
        }
        if (patch.source() == PatchSource.DR) {
            throw new Refusal(ErrorCode.GOVERNANCE_FORBIDDEN, "DR patches come from recovery only",
                    new Violation("$.data.patch.source", "DR is reserved for the recovery flow"));
        }
        // the refusal most proposals that fail get (a stale before) is answered, not thrown
        PatchValidation validation = validator.validate(patch, behaviour.sharedDocument());
        if (!validation.ok()) {
            return Outcome.refused(rejection(validation, "$.data.patch"));
        }
        if (patch.source() == PatchSource.ML) {
            patch = patch.withRiskLevel(RiskAssessor.assess(patch, behaviour.sharedDocument()));
            checkMlWeeklyLimit(patch, behaviour, queue, ctx.now(), ctx.zone());
        }
        List<QueuedPatch> pending = queue.active().stream()
                .filter(e -> e.status() != PatchStatus.AWAITING_COMMIT).toList();
        List<Conflict> conflicts = ConflictDetector.detect(patch, pending.stream().map(QueuedPatch::patch).toList());
        Outcome.Builder out = Outcome.builder();
        ObjectNode result = Json.object();
        result.put("patchId", patch.id());
        result.put("riskLevel", patch.riskLevel().name());
        if (!conflicts.isEmpty()) {
            Conflict c = conflicts.get(0);
            ObjectNode data = Json.object();
            data.set("existing", c.first().toJson());
            data.set("proposed", patch.toJson());
            data.put("reason", c.reason());
            Question q = Question.ask(ctx.ids().next("Q"), QuestionKind.CONFLICT_RESOLUTION_REQUEST,
                    "Twee wijzigingen botsen op " + patch.path() + ": welke heeft voorrang?", data,
                    List.of("KEEP_EXISTING", "USE_PROPOSED"), ctx.now(), ctx.now().plus(questionTtl));
            out.ask(q).audit(new AuditRecord("governance.conflict_detected", ctx.actor(), ctx.traceId(), data));
            result.put("status", "CONFLICT");
            result.put("questionId", q.id());
            return out.result(result).build();
        }
        return enqueue(ctx, patch, queue, out, result);
    }

    private Outcome enqueue(ActionContext ctx, Patch patch, PatchQueue queue, Outcome.Builder out, ObjectNode result) {
        // applied patches whose consent was declined or expired wait for a later commit, not for an answer
        boolean head = queue.active().stream().allMatch(e -> waitsForALaterCommit(ctx, e));
        QueuedPatch entry = new QueuedPatch(patch, PatchStatus.QUEUED, null, ctx.now(), null);
        if (head) {
            Question q = approvalQuestion(ctx, patch);
            entry = entry.with(PatchStatus.AWAITING_APPROVAL, q.id(), null);
            out.ask(q);
            result.put("questionId", q.id());
        }
        PatchQueue next = queue.enqueue(entry);
        out.writeJson(BrainLayout.PATCH_QUEUE, next.toJson());
        ObjectNode data = patch.toJson();
        out.audit(new AuditRecord("governance.patch_proposed", ctx.actor(), ctx.traceId(), data));
        result.put("status", entry.status().name());
        result.put("position", next.active().size());
        return out.result(result).build();
    }

    private Question approvalQuestion(ActionContext ctx, Patch patch) {
        ObjectNode data = Json.object();
        data.set("patch", patch.toJson());
        String prompt = "Wijziging " + patch.id() + " (" + patch.type() + ", risico " + patch.riskLevel() + "): "
                + patch.path() + " " + CanonicalJson.string(patch.before()) + " → "
                + CanonicalJson.string(patch.after()) + ". Toepassen?";
        return Question.ask(ctx.ids().next("Q"), QuestionKind.PATCH_APPROVAL, prompt, data, Question.JA_NEE,
                ctx.now(), ctx.now().plus(questionTtl));
    }

    private void validateOrRefuse(Patch patch, JsonNode behaviour, String root) {
        PatchValidation v = validator.validate(patch, behaviour);
        if (!v.ok()) {
            throw new Refusal(rejection(v, root));
        }
    }

    private static ActionError rejection(PatchValidation v, String root) {
        return new ActionError(toErrorCode(v.code().orElse(GovernanceErrorCode.INVALID_PATCH)),
                "the patch was rejected", violations(v.violations(), root));
    }

    private static List<Violation> violations(List<PatchViolation> list, String root) {
        return list.stream().map(p -> new Violation(root + (p.field().startsWith("patch")
                ? p.field().substring("patch".length()) : p.field()), p.code() + ": " + p.problem())).toList();
    }

    static ErrorCode toErrorCode(GovernanceErrorCode code) {
        return ErrorCode.of(code.name());
    }

    private void checkMlWeeklyLimit(Patch patch, Behaviour behaviour, PatchQueue queue, Instant now, ZoneId zone) {
        int limit = MlLimits.from(behaviour.sharedDocument()).maxProposalsPerWeek();
        int week = now.atZone(zone).get(IsoFields.WEEK_OF_WEEK_BASED_YEAR);
        int year = now.atZone(zone).get(IsoFields.WEEK_BASED_YEAR);
        long thisWeek = queue.entries().stream().filter(e -> e.patch().source() == PatchSource.ML)
                .filter(e -> e.enqueuedAt().atZone(zone).get(IsoFields.WEEK_OF_WEEK_BASED_YEAR) == week
                        && e.enqueuedAt().atZone(zone).get(IsoFields.WEEK_BASED_YEAR) == year)
                .count();
        if (thisWeek >= limit) {
            throw new Refusal(ErrorCode.UNSAFE_PATCH, "ML proposal limit reached for this week",
                    new Violation("$.data.patch.source", "ML may propose at most " + limit + " patches per week"));
        }
    }

    private static Behaviour currentBehaviour(Brain brain) {
        BehaviourCheck check = brain.behaviour();
        return check.behaviour().orElseThrow(() -> new Refusal(ErrorCode.BEHAVIOUR_INCONSISTENT,
                "behaviour.avl is invalid", check.problems()));
    }

    // ---------------------------------------------------------------- PATCH_APPROVAL

    Outcome resolveApproval(ActionContext ctx, Question q, String answer) {
        Brain brain = ctx.brain();
        PatchQueue queue = brain.patchQueue();
        Patch patch = Patch.fromJson(q.data().get("patch"));
        QueuedPatch entry = queue.find(patch.id()).orElseThrow(() -> new Refusal(ErrorCode.NOT_FOUND,
                "the patch of this question is no longer queued", new Violation("$.data.id", q.id())));
        Outcome.Builder out = Outcome.builder();
        ObjectNode result = Json.object();
        result.put("patchId", patch.id());
        if ("NEE".equals(answer)) {
            out.close(q.closed(QuestionStatus.ANSWERED, answer, ctx.now()));
            PatchQueue next = queue.update(entry.with(PatchStatus.DECLINED, null, "the user said NEE"));
            out.audit(new AuditRecord("governance.patch_declined", ctx.actor(), ctx.traceId(), patch.toJson()));
            next = startNext(ctx, next, out);
            out.writeJson(BrainLayout.PATCH_QUEUE, next.toJson());
            result.put("applied", false);
            result.put("status", PatchStatus.DECLINED.name());
            return out.result(result).build();
        }
        GovernanceState state = brain.governance(ctx.now()).state();
        StateGate.refusal(state, Effect.PATCH).ifPresent(code -> {
            throw new Refusal(code, "patches are blocked in " + state,
                    new Violation("$.data.id", state + " blocks applying behaviour patches"));
        });
        Behaviour behaviour = currentBehaviour(brain);
        PatchApplication.Result applied = PatchApplication.apply(patch, behaviour, ctx.now());
        if (applied instanceof PatchApplication.Unversionable u) {
            throw new Refusal(ErrorCode.VERSIONING_ERROR, "the patched behaviour.avl would not be correctly versioned",
                    u.problems());
        }
        out.close(q.closed(QuestionStatus.ANSWERED, answer, ctx.now()));
        if (applied instanceof PatchApplication.Stale stale) {
            // The patch went stale while it waited: it fails, and the chain stops behind it.
            PatchQueue next = queue.stopAfterFailure(patch.id(), stale.problem());
            out.writeJson(BrainLayout.PATCH_QUEUE, next.toJson());
            ObjectNode data = patch.toJson();
            data.set("violations", stale.toJson());
            out.audit(new AuditRecord("governance.patch_failed", ctx.actor(), ctx.traceId(), data));
            result.put("applied", false);
            result.put("status", PatchStatus.FAILED.name());
            result.set("violations", data.get("violations"));
            return out.result(result).build();
        }
        PatchApplication.Applied done = (PatchApplication.Applied) applied;
        SemVer oldVersion = done.oldVersion();
        SemVer newVersion = done.newVersion();
        String hashBefore = done.hashBefore();
        String hashAfter = done.hashAfter();
        out.write(BrainLayout.BEHAVIOUR, done.bytes());
        ObjectNode log = done.log();
        out.audit(done.audit(ctx.actor(), ctx.traceId()));
        ObjectNode context = Json.object();
        // patches applied earlier and not yet committed go into the same commit
        com.fasterxml.jackson.databind.node.ArrayNode ids = context.putArray("patchIds");
        queue.active().stream().filter(e -> e.status() == PatchStatus.AWAITING_COMMIT)
                .forEach(e -> ids.add(e.patch().id()));
        ids.add(patch.id());
        context.put("newVersion", newVersion.toString());
        Question consent = consents.ask(ctx.now(), Map.of(BrainLayout.BEHAVIOUR, hashAfter),
                "behaviour " + oldVersion + " → " + newVersion + " (" + patch.id() + ")", context);
        out.ask(consent);
        PatchQueue next = queue.update(entry.with(PatchStatus.AWAITING_COMMIT, consent.id(), null));
        out.writeJson(BrainLayout.PATCH_QUEUE, next.toJson());
        out.event(new DomainEvent("behaviour.patched", log, ctx.now()));
        result.put("applied", true);
        result.put("status", PatchStatus.AWAITING_COMMIT.name());
        result.put("oldVersion", oldVersion.toString());
        result.put("newVersion", newVersion.toString());
        result.put("hashBefore", hashBefore);
        result.put("hashAfter", hashAfter);
        result.put("questionId", consent.id());
        return out.result(result).build();
    }

    /**
     * A PATCH_APPROVAL that expired unanswered declines its patch (audited as
     * {@code governance.patch_expired}) and the chain moves on to the next patch, so no patch waits
     * for an answer that can no longer come.
     */
    Outcome expireApproval(ActionContext ctx, Question q) {
        Outcome.Builder out = Outcome.builder().close(q.closed(QuestionStatus.EXPIRED, null, ctx.now()));
        Patch patch = Patch.fromJson(q.data().get("patch"));
        PatchQueue queue = ctx.brain().patchQueue();
        Optional<QueuedPatch> entry = queue.find(patch.id())
                .filter(e -> e.status() == PatchStatus.AWAITING_APPROVAL && q.id().equals(e.questionId()));
        if (entry.isEmpty()) {
            return out.build();
        }
        PatchQueue next = queue.update(entry.get().with(PatchStatus.DECLINED, null, "the approval expired unanswered"));
        out.audit(new AuditRecord("governance.patch_expired", ctx.actor(), ctx.traceId(), patch.toJson()));
        next = startNext(ctx, next, out);
        out.writeJson(BrainLayout.PATCH_QUEUE, next.toJson());
        return out.build();
    }

    /** {@code behaviour.withdraw_patch}'s data. */
    record WithdrawData(String patchId, String reason) {
    }

    /**
     * {@code behaviour.withdraw_patch}: takes a patch that is queued or awaiting approval out of the
     * chain (its open question cancelled, audited), and the chain moves on. An applied patch awaiting
     * its commit is not withdrawn: behaviour.avl holds it already.
     */
    Outcome withdraw(ActionContext ctx) {
        WithdrawData d = ctx.dataAs(WithdrawData.class);
        PatchQueue queue = ctx.brain().patchQueue();
        QueuedPatch entry = queue.find(d.patchId()).orElseThrow(() -> new Refusal(ErrorCode.NOT_FOUND,
                "no patch " + d.patchId() + " in the chain",
                new Violation("$.data.patchId", "is not a patch of the chain; active patches: "
                        + queue.active().stream().map(e -> e.patch().id()).toList())));
        if (entry.status() == PatchStatus.AWAITING_COMMIT) {
            throw new Refusal(ErrorCode.VALIDATION_FAILED, "patch " + d.patchId() + " is applied already",
                    new Violation("$.data.patchId", "is applied to behaviour.avl and awaits its commit; answer its "
                            + "COMMIT_CONSENT question instead (question " + entry.questionId() + ")"));
        }
        if (!entry.status().isActive()) {
            throw new Refusal(ErrorCode.VALIDATION_FAILED, "patch " + d.patchId() + " is " + entry.status(),
                    new Violation("$.data.patchId", "is " + entry.status()
                            + "; only QUEUED or AWAITING_APPROVAL patches can be withdrawn"));
        }
        Outcome.Builder out = Outcome.builder();
        if (entry.questionId() != null) {
            ctx.brain().questions().find(entry.questionId())
                    .filter(x -> x.status() == QuestionStatus.OPEN)
                    .ifPresent(x -> out.close(x.closed(QuestionStatus.CANCELLED, null, ctx.now())));
        }
        PatchQueue next = queue.update(entry.with(PatchStatus.DROPPED, null, "withdrawn: " + d.reason()));
        ObjectNode audit = entry.patch().toJson();
        audit.put("reason", d.reason());
        out.audit(new AuditRecord("governance.patch_withdrawn", ctx.actor(), ctx.traceId(), audit));
        next = startNext(ctx, next, out);
        out.writeJson(BrainLayout.PATCH_QUEUE, next.toJson());
        ObjectNode result = Json.object();
        result.put("patchId", d.patchId());
        result.put("status", PatchStatus.DROPPED.name());
        next.head().filter(h -> h.status() == PatchStatus.AWAITING_APPROVAL)
                .ifPresent(h -> result.put("nextQuestionId", h.questionId()));
        return out.result(result).build();
    }

    /**
     * As the brain leaves STATE_DR: a patch awaiting approval whose question is no longer open in the
     * book (it was rebuilt after it could not be read, and lost the question) is asked about again, and
     * a chain whose next patch waits behind a lost consent asks about it, so the chain does not wait for
     * an answer nobody can give.
     */
    Outcome reaskLost(ActionContext ctx) {
        PatchQueue queue = ctx.brain().patchQueue();
        Outcome.Builder out = Outcome.builder();
        PatchQueue next = queue;
        for (QueuedPatch e : queue.active()) {
            boolean lost = e.status() == PatchStatus.AWAITING_APPROVAL && (e.questionId() == null
                    || ctx.brain().questions().find(e.questionId()).filter(q -> q.isOpenAt(ctx.now())).isEmpty());
            if (lost) {
                ObjectNode audit = e.patch().toJson();
                audit.put("lostQuestionId", e.questionId());
                out.audit(new AuditRecord("governance.approval_reasked", ctx.actor(), ctx.traceId(), audit));
                next = ask(ctx, next, e, out);
            }
        }
        // an applied patch whose consent was lost waits for a later commit: the chain goes on behind it
        next = startNext(ctx, next, out);
        if (next != queue) {
            out.writeJson(BrainLayout.PATCH_QUEUE, next.toJson());
        }
        return out.build();
    }

    /** Asks about the next queued patch, if any; a patch that no longer validates stops the chain. */
    PatchQueue startNext(ActionContext ctx, PatchQueue queue, Outcome.Builder out) {
        Optional<QueuedPatch> head = queue.active().stream().filter(e -> !waitsForALaterCommit(ctx, e)).findFirst();
        if (head.isEmpty() || head.get().status() != PatchStatus.QUEUED) {
            return queue;
        }
        return ask(ctx, queue, head.get(), out);
    }

    /**
     * After a patch's COMMIT_CONSENT was declined or expired: the applied patches stay in behaviour.avl
     * for a later commit, and the first patch queued behind them is asked about, so the chain never
     * waits for a consent nobody will answer. The next consent names them all.
     */
    PatchQueue startNextBehindApplied(ActionContext ctx, PatchQueue queue, Outcome.Builder out) {
        Optional<QueuedPatch> first = queue.active().stream()
                .filter(e -> e.status() != PatchStatus.AWAITING_COMMIT).findFirst();
        if (first.isEmpty() || first.get().status() != PatchStatus.QUEUED) {
            return queue;
        }
        return ask(ctx, queue, first.get(), out);
    }

    /**
     * An applied patch whose consent was declined or expired: it stays in behaviour.avl for a later
     * commit and does not hold up the patches behind it.
     */
    private static boolean waitsForALaterCommit(ActionContext ctx, QueuedPatch e) {
        return e.status() == PatchStatus.AWAITING_COMMIT && (e.questionId() == null
                || ctx.brain().questions().find(e.questionId()).filter(q -> q.isOpenAt(ctx.now())).isEmpty());
    }

    private PatchQueue ask(ActionContext ctx, PatchQueue queue, QueuedPatch entry, Outcome.Builder out) {
        Optional<QueuedPatch> head = Optional.of(entry);
        Patch patch = head.get().patch();
        Optional<Behaviour> behaviour = ctx.brain().behaviour().behaviour();
        PatchValidation v = behaviour.map(b -> validator.validate(patch, b.sharedDocument())).orElse(null);
        if (v != null && v.ok()) {
            Question q = approvalQuestion(ctx, patch);
            out.ask(q);
            return queue.update(head.get().with(PatchStatus.AWAITING_APPROVAL, q.id(), null));
        }
        String why = v == null ? "behaviour.avl is invalid" : v.violations().get(0).problem();
        out.audit(new AuditRecord("governance.patch_failed", ctx.actor(), ctx.traceId(), patch.toJson()));
        return queue.stopAfterFailure(patch.id(), why);
    }

    // ---------------------------------------------------------------- CONFLICT_RESOLUTION_REQUEST

    Outcome resolveConflict(ActionContext ctx, Question q, String answer) {
        Patch existing = Patch.fromJson(q.data().get("existing"));
        Patch proposed = Patch.fromJson(q.data().get("proposed"));
        Outcome.Builder out = Outcome.builder().close(q.closed(QuestionStatus.ANSWERED, answer, ctx.now()));
        ObjectNode decision = Json.object();
        decision.put("questionId", q.id());
        decision.put("choice", answer);
        decision.put("existing", existing.id());
        decision.put("proposed", proposed.id());
        out.audit(new AuditRecord("governance.conflict_resolved", ctx.actor(), ctx.traceId(), decision));
        ObjectNode result = Json.object();
        result.put("choice", answer);
        if ("KEEP_EXISTING".equals(answer)) {
            result.put("patchId", existing.id());
            return out.result(result).build();
        }
        PatchQueue queue = ctx.brain().patchQueue();
        Optional<QueuedPatch> old = queue.find(existing.id());
        if (old.isPresent() && old.get().status().isActive() && old.get().status() != PatchStatus.AWAITING_COMMIT) {
            if (old.get().questionId() != null) {
                ctx.brain().questions().find(old.get().questionId())
                        .filter(x -> x.status() == QuestionStatus.OPEN)
                        .ifPresent(x -> out.close(x.closed(QuestionStatus.CANCELLED, null, ctx.now())));
            }
            queue = queue.update(old.get().with(PatchStatus.DROPPED, null, "lost conflict " + q.id()));
        }
        Behaviour behaviour = currentBehaviour(ctx.brain());
        validateOrRefuse(proposed, behaviour.sharedDocument(), "$.data.answer");
        queue = queue.enqueue(new QueuedPatch(proposed, PatchStatus.QUEUED, null, ctx.now(), null));
        // the patch that lost may have been the one asked about: the chain goes on with its new head
        queue = startNext(ctx, queue, out);
        queue.find(proposed.id()).map(QueuedPatch::questionId).ifPresent(id -> result.put("questionId", id));
        out.writeJson(BrainLayout.PATCH_QUEUE, queue.toJson());
        out.audit(new AuditRecord("governance.patch_proposed", ctx.actor(), ctx.traceId(), proposed.toJson()));
        result.put("patchId", proposed.id());
        return out.result(result).build();
    }
}
