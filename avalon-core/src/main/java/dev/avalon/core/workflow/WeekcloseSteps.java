package dev.avalon.core.workflow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.avalon.core.action.ActionContext;
import dev.avalon.core.base.Effect;
import dev.avalon.core.base.ErrorCode;
import dev.avalon.core.action.Outcome;
import dev.avalon.core.base.Refusal;
import dev.avalon.core.base.Violation;
import dev.avalon.core.audit.AuditRecord;
import dev.avalon.core.behaviour.Behaviour;
import dev.avalon.core.behaviour.BehaviourRules;
import dev.avalon.core.layout.BrainLayout;
import dev.avalon.core.governance.GovernanceState;
import dev.avalon.core.governance.Patch;
import dev.avalon.core.governance.PatchApplication;
import dev.avalon.core.governance.StateGate;
import dev.avalon.core.insight.InsightFeature;
import dev.avalon.core.insight.Proposals;
import dev.avalon.core.insight.WeekMetrics;
import dev.avalon.core.json.CanonicalJson;
import dev.avalon.core.json.Json;
import dev.avalon.core.port.Alert;
import dev.avalon.core.port.AlertLevel;
import dev.avalon.core.port.BrainPath;
import dev.avalon.core.port.LogbookSheet;
import dev.avalon.core.port.SheetRenderer;
import dev.avalon.core.question.Question;
import dev.avalon.core.question.QuestionKind;
import dev.avalon.core.question.QuestionStatus;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The steps of a weekclose up to its patches applied: compile the logbook sheet, measure, propose, ask,
 * apply. Each is one unit of work that writes the workflow in its next state.
 */
final class WeekcloseSteps {

    private WeekcloseSteps() {
    }

    /** Step 2: write the logbook sheet and read it back; a mismatch freezes the brain (DR). */
    static Outcome compile(ActionContext ctx, Weekclose w) {
        SheetRenderer renderer = ctx.port(SheetRenderer.class).orElseThrow(() -> new Refusal(ErrorCode.VALIDATION_FAILED,
                "no SheetRenderer", new Violation("$", "this host has no SheetRenderer to write the logbook sheet")));
        CompiledSheet compiled = CompiledSheet.render(ctx.brain(), w.week(), renderer);
        LogbookSheet sheet = compiled.sheet();
        byte[] bytes = compiled.bytes();
        String mismatch = compiled.mismatch();
        BrainPath path = compiled.path();
        ObjectNode audit = Json.object();
        audit.put("week", w.week().toString());
        audit.put("path", path.value());
        if (mismatch != null) {
            Weekclose failed = w.moveTo(WeekcloseState.FAILED, ctx.now()).withReason(mismatch);
            audit.put("problem", mismatch);
            ObjectNode result = Json.object();
            result.set("weekclose", failed.toJson());
            return Outcome.builder(result).writeJson(Weekclose.path(w.week()), failed.toJson())
                    .audit(new AuditRecord("weekclose.failed", ctx.actor(), ctx.traceId(), audit))
                    .alert(new Alert(AlertLevel.CRITICAL, "LOGBOOK_SHEET_MISMATCH", "Weekclose " + w.week()
                            + ": " + mismatch, ctx.now(), Map.of("week", w.week().toString(), "path", path.value())))
                    .state(GovernanceState.STATE_DR, "LOGBOOK_SHEET_MISMATCH: weekclose " + w.week() + ": " + mismatch)
                    .build();
        }
        ObjectNode info = Json.object();
        info.put("path", path.value());
        info.put("sha256", CanonicalJson.sha256Hex(bytes));
        info.put("rows", sheet.rows().size());
        audit.put("sha256", info.get("sha256").textValue());
        audit.put("rows", sheet.rows().size());
        Weekclose next = w.withSheet(info).moveTo(WeekcloseState.COMPILED, ctx.now());
        return step(next).write(path, bytes)
                .audit(new AuditRecord("weekclose.sheet_compiled", ctx.actor(), ctx.traceId(), audit)).build();
    }

    /** Step 3: the metrics, kept in the workflow so the proposals and the answers refer to the same figures. */
    static Outcome measure(ActionContext ctx, Weekclose w) {
        ObjectNode metrics = InsightFeature.metrics(ctx.brain(), w.week(), ctx.zone()).toJson();
        Weekclose next = w.withMetrics(metrics).moveTo(WeekcloseState.MEASURED, ctx.now());
        return step(next).audit(new AuditRecord("weekclose.metrics_computed", ctx.actor(), ctx.traceId(), metrics))
                .build();
    }

    /** Step 4: the proposals (at most the ML limit), from the kept metrics. */
    static Outcome propose(ActionContext ctx, Weekclose w) {
        JsonNode behaviour = ctx.behaviourDocument();
        List<Patch> patches = Proposals.generate(behaviour, WeekMetrics.fromJson(w.metrics()), ctx.now());
        List<WeekcloseProposal> proposals = patches.stream()
                .map(p -> new WeekcloseProposal(p, null, null, null, null)).toList();
        ObjectNode audit = Json.object();
        audit.put("week", w.week().toString());
        ArrayNode ids = audit.putArray("patchIds");
        patches.forEach(p -> ids.add(p.id()));
        Weekclose next = w.withProposals(proposals).moveTo(WeekcloseState.PROPOSED, ctx.now());
        return step(next).audit(new AuditRecord("weekclose.proposals_generated", ctx.actor(), ctx.traceId(), audit))
                .build();
    }

    /**
     * Step 5: one JA/NEE question per proposal, all at once, and the {@link PersonaChoice} question when
     * behaviour.avl names personas (the weekclose does not wait for that one).
     */
    static Outcome ask(ActionContext ctx, Weekclose w) {
        Outcome.Builder out = Outcome.builder();
        List<WeekcloseProposal> asked = new ArrayList<>();
        int n = 0;
        for (WeekcloseProposal p : w.proposals()) {
            n++;
            Patch patch = p.patch();
            ObjectNode data = Json.object();
            data.put("workflow", Weekclose.WORKFLOW);
            data.put("week", w.week().toString());
            data.put("index", n);
            data.put("of", w.proposals().size());
            data.set("patch", patch.toJson());
            String prompt = "Weekclose " + w.week() + ", voorstel " + n + "/" + w.proposals().size() + " (risico "
                    + patch.riskLevel() + "): " + patch.path() + " " + CanonicalJson.string(patch.before()) + " → "
                    + CanonicalJson.string(patch.after()) + ". " + patch.rationale() + " Toepassen?";
            Question q = Question.ask(ctx.ids().next("Q"), WeekcloseFeature.PROPOSAL, prompt, data,
                    Question.JA_NEE, ctx.now(), ctx.now().plus(ctx.questionTtl()));
            out.ask(q);
            asked.add(p.asked(q.id()));
        }
        ObjectNode audit = Json.object();
        audit.put("week", w.week().toString());
        audit.put("questions", asked.size());
        PersonaChoice.question(ctx, w).ifPresent(q -> {
            out.ask(q);
            audit.put("personaQuestionId", q.id());
        });
        Weekclose next = w.withProposals(asked).moveTo(WeekcloseState.ASKING, ctx.now());
        return step(next, out).audit(new AuditRecord("weekclose.proposals_presented", ctx.actor(), ctx.traceId(),
                audit)).build();
    }

    /** Whether every proposal has an answer; an expired question counts as NEE. */
    static boolean decided(ActionContext ctx, Weekclose w) {
        return w.proposals().stream().allMatch(p -> p.answer() != null || expired(ctx, p));
    }

    private static boolean expired(ActionContext ctx, WeekcloseProposal p) {
        return p.questionId() != null && ctx.brain().questions().find(p.questionId())
                .map(q -> q.statusAt(ctx.now()) == QuestionStatus.EXPIRED).orElse(false);
    }

    /** Step 6: apply the approved proposals in proposal order; the first failure stops the rest. */
    static Outcome apply(ActionContext ctx, Weekclose w) {
        Outcome.Builder out = Outcome.builder();
        Behaviour current = ctx.brain().behaviour().behaviour().orElse(null);
        GovernanceState state = ctx.brain().governance(ctx.now()).state();
        String stop = current == null ? "behaviour.avl is invalid"
                : StateGate.refusal(state, Effect.PATCH).map(c -> state + " blocks behaviour patches").orElse(null);
        Behaviour original = current;
        List<WeekcloseProposal> done = new ArrayList<>();
        for (WeekcloseProposal p : w.proposals()) {
            if (!"JA".equals(p.answer())) {
                String why = p.answer() == null ? "the question expired unanswered" : "the user said NEE";
                done.add(p.resulting("DECLINED", why));
                out.audit(new AuditRecord("governance.patch_declined", ctx.actor(), ctx.traceId(), p.patch().toJson()));
                continue;
            }
            if (stop != null) {
                done.add(p.resulting("NOT_APPLIED", "not applied: " + stop));
                continue;
            }
            PatchApplication.Result r = PatchApplication.apply(p.patch(), current, ctx.now());
            if (r instanceof PatchApplication.Applied a) {
                current = a.behaviour();
                done.add(p.resulting("APPLIED", null));
                out.audit(a.audit(ctx.actor(), ctx.traceId()));
            } else {
                String why = r instanceof PatchApplication.Stale s ? s.problem()
                        : ((PatchApplication.Unversionable) r).problems().get(0).problem();
                stop = "an earlier proposal (" + p.patch().id() + ") failed";
                done.add(p.resulting("FAILED", why));
                ObjectNode data = p.patch().toJson();
                data.put("problem", why);
                out.audit(new AuditRecord("governance.patch_failed", ctx.actor(), ctx.traceId(), data));
            }
        }
        Weekclose next = w.withProposals(done);
        if (original != null && current != original) {
            out.write(BrainLayout.BEHAVIOUR, current.bytes());
            ObjectNode versions = Json.object();
            versions.put("oldVersion", original.version().toString());
            versions.put("newVersion", current.version().toString());
            versions.put("hashBefore", original.sha256());
            versions.put("hashAfter", current.sha256());
            next = next.withBehaviour(versions);
        }
        next = next.moveTo(WeekcloseState.APPLIED, ctx.now());
        ObjectNode audit = Json.object();
        audit.put("week", w.week().toString());
        ArrayNode results = audit.putArray("proposals");
        done.forEach(p -> results.addObject().put("patchId", p.patch().id()).put("result", p.result()));
        return step(next, out).audit(new AuditRecord("weekclose.patches_applied", ctx.actor(), ctx.traceId(), audit))
                .build();
    }

    static Outcome.Builder step(Weekclose next) {
        return step(next, Outcome.builder());
    }

    /** Every step writes the workflow and answers with it, so the response shows where the week is. */
    static Outcome.Builder step(Weekclose next, Outcome.Builder out) {
        ObjectNode result = Json.object();
        result.set("weekclose", next.toJson());
        return out.result(result).writeJson(Weekclose.path(next.week()), next.toJson());
    }
}
