package dev.avalon.core.recovery;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.avalon.core.action.ActionContext;
import dev.avalon.core.action.Outcome;
import dev.avalon.core.audit.AuditRecord;
import dev.avalon.core.json.Json;
import dev.avalon.core.question.Question;

import java.util.List;

/**
 * Asks the DR_RESOLUTION question with the safe versions and findings of the moment, and asks it again
 * when a way out did not work.
 */
final class Resolution {

    private final SafeVersions safeVersions;

    Resolution(SafeVersions safeVersions) {
        this.safeVersions = safeVersions;
    }

    Question ask(ActionContext ctx, List<Finding> findings) {
        ObjectNode data = Json.object();
        ArrayNode versions = data.putArray("safeVersions");
        safeVersions.newest(ctx.brain().store(), RecoveryFeature.OFFERED).forEach(v -> versions.add(v.toJson()));
        ArrayNode found = data.putArray("findings");
        findings.forEach(f -> found.add(f.toJson()));
        return Question.ask(ctx.ids().next("Q"), RecoveryFeature.DR_RESOLUTION, RecoveryFeature.PROMPT, data,
                RecoveryFeature.OPTIONS, ctx.now(), ctx.now().plus(ctx.questionTtl()));
    }

    /** The brain stays frozen: what is still wrong is audited and answered, and the question is asked again. */
    Outcome stillBroken(ActionContext ctx, Question answered, List<Finding> findings, String auditType,
                                ObjectNode auditData, ObjectNode result) {
        Question next = ask(ctx, findings);
        ArrayNode problems = auditData.putArray("findings");
        findings.forEach(f -> problems.add(f.toString()));
        auditData.put("nextQuestionId", next.id());
        result.put("resolved", false);
        result.put("state", ctx.brain().governance(ctx.now()).state().name());
        ArrayNode listed = result.putArray("findings");
        findings.forEach(f -> listed.add(f.toJson()));
        result.put("nextQuestionId", next.id());
        return Outcome.builder(result).close(answered).ask(next)
                .audit(new AuditRecord(auditType, ctx.actor(), ctx.traceId(), auditData)).build();
    }
}
