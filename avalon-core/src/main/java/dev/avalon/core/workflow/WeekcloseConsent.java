package dev.avalon.core.workflow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.avalon.core.action.ActionContext;
import dev.avalon.core.action.Outcome;
import dev.avalon.core.audit.AuditRecord;
import dev.avalon.core.layout.BrainLayout;
import dev.avalon.core.governance.CommitConsent;
import dev.avalon.core.governance.PatchApplication;
import dev.avalon.core.json.Json;
import dev.avalon.core.port.BrainPath;
import dev.avalon.core.port.CommitInfo;
import dev.avalon.core.question.Question;
import dev.avalon.core.question.QuestionKind;
import dev.avalon.core.question.QuestionStatus;
import dev.avalon.core.time.IsoWeek;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The end of a weekclose: one commit consent for what it wrote, then the close on the verified commit, or
 * UNCOMMITTED when the consent is refused, expires or is superseded.
 */
final class WeekcloseConsent {

    private WeekcloseConsent() {
    }

    /** Step 7: one commit consent for the sheet and, when it changed, behaviour.avl. */
    static Outcome requestCommit(ActionContext ctx, Weekclose w) {
        Map<BrainPath, byte[]> contents = new LinkedHashMap<>();
        BrainPath sheet = BrainPath.of(w.sheet().get("path").textValue());
        ctx.brain().read(sheet).ifPresent(b -> contents.put(sheet, b));
        if (w.behaviour() != null) {
            ctx.brain().read(BrainLayout.BEHAVIOUR).ifPresent(b -> contents.put(BrainLayout.BEHAVIOUR, b));
        }
        ObjectNode context = Json.object();
        context.put("workflow", Weekclose.WORKFLOW);
        context.put("week", w.week().toString());
        ArrayNode ids = context.putArray("patchIds");
        w.appliedIds().forEach(ids::add);
        Question consent = ctx.askConsent(contents, "weekclose " + w.week(), context);
        ObjectNode audit = context.deepCopy();
        ArrayNode files = audit.putArray("files");
        contents.keySet().forEach(p -> files.add(p.value()));
        Weekclose next = w.withConsent(consent.id()).moveTo(WeekcloseState.AWAITING_CONSENT, ctx.now());
        return WeekcloseSteps.step(next, Outcome.builder().ask(consent))
                .audit(new AuditRecord("weekclose.commit_requested", ctx.actor(), ctx.traceId(), audit)).build();
    }

    /**
     * Step 8 without a JA in the same unit: a commit already made for this consent (the host stopped
     * right after it) closes the week; a NEE, an expired or a superseded consent leaves the files
     * uncommitted and unfreezes.
     */
    static Optional<Outcome> awaitConsent(ActionContext ctx, Weekclose w) {
        List<Question> mine = ctx.brain().questions().all().stream()
                .filter(q -> q.kind() == QuestionKind.COMMIT_CONSENT && isMine(q, w.week())).toList();
        if (mine.stream().anyMatch(q -> q.statusAt(ctx.now()) == QuestionStatus.OPEN)) {
            return Optional.empty();
        }
        Optional<Question> ja = mine.stream().filter(q -> "JA".equals(q.answer())).findFirst();
        if (ja.isPresent()) {
            Optional<CommitInfo> head = ctx.brain().store().head()
                    .filter(c -> ja.get().id().equals(c.trailers().get(BrainLayout.CONSENT_TRAILER)));
            if (head.isPresent()) {
                // the host stopped between the verified commit and its follow-up: record the commit now
                ObjectNode recorded = Json.object();
                recorded.put("commitSHA", head.get().sha());
                recorded.put("questionId", ja.get().id());
                recorded.set("files", ja.get().data().get("files"));
                recorded.put("late", true);
                Outcome closed = close(ctx, w, head.get());
                return Optional.of(Outcome.builder(closed.result())
                        .audit(new AuditRecord("commit.recorded", ctx.actor(), ctx.traceId(), recorded))
                        .merge(closed).build());
            }
        }
        String why = mine.stream().anyMatch(q -> "NEE".equals(q.answer())) ? "the user said NEE to the commit"
                : "the commit consent was not answered (expired or superseded)";
        Weekclose next = w.moveTo(WeekcloseState.UNCOMMITTED, ctx.now()).withReason(why);
        ObjectNode audit = Json.object();
        audit.put("week", w.week().toString());
        audit.put("reason", why);
        return Optional.of(WeekcloseSteps.step(next).audit(new AuditRecord("weekclose.uncommitted", ctx.actor(),
                ctx.traceId(), audit)).build());
    }

    private static boolean isMine(Question consent, IsoWeek week) {
        JsonNode context = consent.data().path("context");
        return Weekclose.WORKFLOW.equals(context.path("workflow").asText())
                && week.toString().equals(context.path("week").asText());
    }

    /** Step 8: the commit is verified; record it for the applied patches, close the week and unfreeze. */
    static Outcome close(ActionContext ctx, Weekclose w, CommitInfo commit) {
        Outcome.Builder out = Outcome.builder();
        for (String id : w.appliedIds()) {
            out.audit(new AuditRecord("governance.patch_committed", ctx.actor(), ctx.traceId(),
                    PatchApplication.committed(id, commit.sha())));
        }
        Weekclose next = w.withCommit(commit.sha()).moveTo(WeekcloseState.CLOSED, ctx.now());
        ObjectNode audit = Json.object();
        audit.put("week", w.week().toString());
        audit.put("commitSHA", commit.sha());
        ArrayNode ids = audit.putArray("patchIds");
        w.appliedIds().forEach(ids::add);
        return WeekcloseSteps.step(next, out).audit(new AuditRecord("weekclose.closed", ctx.actor(), ctx.traceId(),
                audit)).build();
    }
}
