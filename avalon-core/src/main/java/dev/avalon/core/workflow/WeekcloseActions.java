package dev.avalon.core.workflow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.avalon.core.action.ActionContext;
import dev.avalon.core.base.ErrorCode;
import dev.avalon.core.action.Outcome;
import dev.avalon.core.base.Refusal;
import dev.avalon.core.base.Violation;
import dev.avalon.core.audit.AuditRecord;
import dev.avalon.core.brain.Brain;
import dev.avalon.core.json.Json;
import dev.avalon.core.port.SheetRenderer;
import dev.avalon.core.question.Question;
import dev.avalon.core.question.QuestionStatus;
import dev.avalon.core.schedule.JobRun;
import dev.avalon.core.time.IsoWeek;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What the user (or the scheduler) asks of a weekclose: {@code weekclose.start} and the {@code weekclose} job,
 * {@code weekclose.status}, {@code weekclose.cancel}, and the answers to its WEEKCLOSE_PROPOSAL questions.
 */
final class WeekcloseActions {

    private WeekcloseActions() {
    }

    static Outcome startAction(ActionContext ctx) {
        IsoWeek week = requestedWeek(ctx);
        Instant end = week.sunday().plusDays(1).atStartOfDay(ctx.zone()).toInstant();
        if (ctx.now().isBefore(end)) {
            throw new Refusal(ErrorCode.VALIDATION_FAILED, "week " + week + " has not ended",
                    new Violation("$.data.week", week + " ends at " + end.atZone(ctx.zone()).toOffsetDateTime()
                            + "; only an ended week can be closed"));
        }
        return begin(ctx, week, "$.data.week");
    }

    static Outcome scheduled(ActionContext ctx, JobRun run) {
        return begin(ctx, IsoWeek.of(run.slot(), ctx.zone()).plus(-1), "$.data.slot");
    }

    /** Starts (or, if already started, reports) the weekclose of {@code week}. */
    private static Outcome begin(ActionContext ctx, IsoWeek week, String field) {
        Brain brain = ctx.brain();
        Optional<Weekclose> existing = Weekclose.read(brain, week);
        if (existing.isPresent() && existing.get().state() != WeekcloseState.CANCELLED) {
            // a second start for the same week creates nothing: the first run stands
            ObjectNode result = Json.object();
            result.put("started", false);
            result.set("weekclose", existing.get().toJson());
            return Outcome.of(result);
        }
        List<Violation> problems = new ArrayList<>();
        Weekclose.open(brain).ifPresent(w -> problems.add(new Violation(field, "weekclose " + w.week()
                + " is still open (" + w.state() + "); finish or cancel it first")));
        if (ctx.port(SheetRenderer.class).isEmpty()) {
            problems.add(new Violation(field, "this host has no SheetRenderer to write the logbook sheet"));
        }
        if (!problems.isEmpty()) {
            throw new Refusal(ErrorCode.VALIDATION_FAILED, "weekclose " + week + " cannot start", problems);
        }
        List<String> chain = brain.patchQueue().active().stream().map(e -> e.patch().id() + " " + e.status()).toList();
        if (!chain.isEmpty()) {
            throw new Refusal(ErrorCode.GOVERNANCE_FORBIDDEN, "behaviour patches are still pending",
                    new Violation(field, "the patch chain is not empty (" + String.join(", ", chain)
                            + "); answer or commit those first, then start weekclose " + week));
        }
        int run = existing.map(w -> w.run() + 1).orElse(1);
        Weekclose w = Weekclose.start(week, run, ctx.now());
        ObjectNode audit = Json.object();
        audit.put("week", week.toString());
        audit.put("run", run);
        ObjectNode result = Json.object();
        result.put("started", true);
        result.set("weekclose", w.toJson());
        return Outcome.builder(result).writeJson(Weekclose.path(week), w.toJson())
                .audit(new AuditRecord("weekclose.started", ctx.actor(), ctx.traceId(), audit)).build();
    }

    static Outcome statusAction(ActionContext ctx) {
        ObjectNode result = Json.object();
        Optional<Weekclose> w;
        if (ctx.data().hasNonNull("week")) {
            IsoWeek week = requestedWeek(ctx);
            w = Weekclose.read(ctx.brain(), week);
            result.put("week", week.toString());
        } else {
            List<Weekclose> all = Weekclose.all(ctx.brain());
            w = Weekclose.open(ctx.brain()).or(() -> all.isEmpty() ? Optional.empty()
                    : Optional.of(all.get(all.size() - 1)));
            result.put("week", w.map(x -> x.week().toString()).orElse(lastEnded(ctx).toString()));
        }
        result.put("state", w.map(x -> x.state().name()).orElse("NOT_STARTED"));
        result.set("weekclose", w.<JsonNode>map(Weekclose::toJson).orElse(Json.object().nullNode()));
        return Outcome.of(result);
    }

    static Outcome cancelAction(ActionContext ctx) {
        IsoWeek week = requestedWeek(ctx);
        Weekclose w = Weekclose.read(ctx.brain(), week).orElseThrow(() -> new Refusal(ErrorCode.NOT_FOUND,
                "no weekclose for " + week, new Violation("$.data.week", "weekclose " + week + " was never started")));
        if (!w.state().cancellable()) {
            throw new Refusal(ErrorCode.VALIDATION_FAILED, "weekclose " + week + " can no longer be cancelled",
                    new Violation("$.data.week", "is " + w.state() + (w.state().open()
                            ? "; patches were applied, answer the commit consent instead" : "; it is over")));
        }
        Outcome.Builder out = Outcome.builder();
        for (WeekcloseProposal p : w.proposals()) {
            if (p.questionId() != null) {
                ctx.brain().questions().find(p.questionId()).filter(q -> q.status() == QuestionStatus.OPEN)
                        .ifPresent(q -> out.close(q.closed(QuestionStatus.CANCELLED, null, ctx.now())));
            }
        }
        Weekclose next = w.moveTo(WeekcloseState.CANCELLED, ctx.now()).withReason("cancelled by the user in "
                + w.state());
        ObjectNode audit = Json.object();
        audit.put("week", week.toString());
        audit.put("from", w.state().name());
        ObjectNode result = Json.object();
        result.set("weekclose", next.toJson());
        return out.result(result).writeJson(Weekclose.path(week), next.toJson())
                .audit(new AuditRecord("weekclose.cancelled", ctx.actor(), ctx.traceId(), audit)).build();
    }

    private static IsoWeek requestedWeek(ActionContext ctx) {
        if (!ctx.data().hasNonNull("week")) {
            return lastEnded(ctx);
        }
        try {
            return IsoWeek.parse(ctx.data().get("week").textValue());
        } catch (IllegalArgumentException e) {
            throw new Refusal(ErrorCode.VALIDATION_FAILED, "no such week", new Violation("$.data.week", e.getMessage()));
        }
    }

    private static IsoWeek lastEnded(ActionContext ctx) {
        return IsoWeek.of(ctx.now(), ctx.zone()).plus(-1);
    }

    static Outcome answer(ActionContext ctx, Question q, String answer) {
        IsoWeek week = IsoWeek.parse(q.data().get("week").textValue());
        Weekclose w = Weekclose.read(ctx.brain(), week).orElseThrow(() -> new Refusal(ErrorCode.NOT_FOUND,
                "no weekclose for " + week, new Violation("$.data.id", "its weekclose " + week + " does not exist")));
        if (w.state() != WeekcloseState.ASKING) {
            throw new Refusal(ErrorCode.QUESTION_CLOSED, "weekclose " + week + " is " + w.state(),
                    new Violation("$.data.id", "weekclose " + week + " no longer takes answers (" + w.state() + ")"));
        }
        List<WeekcloseProposal> proposals = new ArrayList<>();
        String patchId = null;
        for (WeekcloseProposal p : w.proposals()) {
            if (q.id().equals(p.questionId())) {
                proposals.add(p.answered(answer));
                patchId = p.patch().id();
            } else {
                proposals.add(p);
            }
        }
        if (patchId == null) {
            throw new Refusal(ErrorCode.NOT_FOUND, "the question is not part of weekclose " + week,
                    new Violation("$.data.id", "no proposal of weekclose " + week + " has this question"));
        }
        Weekclose next = w.withProposals(proposals).moveTo(WeekcloseState.ASKING, ctx.now());
        ObjectNode audit = Json.object();
        audit.put("week", week.toString());
        audit.put("patchId", patchId);
        audit.put("answer", answer);
        ObjectNode result = Json.object();
        result.put("week", week.toString());
        result.put("patchId", patchId);
        result.put("remaining", proposals.stream().filter(p -> p.answer() == null).count());
        return Outcome.builder(result).close(q.closed(QuestionStatus.ANSWERED, answer, ctx.now()))
                .writeJson(Weekclose.path(week), next.toJson())
                .audit(new AuditRecord("weekclose.proposal_answered", ctx.actor(), ctx.traceId(), audit)).build();
    }
}
