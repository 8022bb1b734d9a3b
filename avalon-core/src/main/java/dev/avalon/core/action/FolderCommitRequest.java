package dev.avalon.core.action;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.avalon.core.audit.AuditRecord;
import dev.avalon.core.json.Json;
import dev.avalon.core.port.BrainPath;
import dev.avalon.core.question.Question;
import dev.avalon.core.question.QuestionKind;
import dev.avalon.core.question.QuestionStatus;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The answer to "commit what changed below this folder": a COMMIT_CONSENT for every uncommitted file
 * there, superseding the workflow's earlier open consent, audited as {@code commit.requested}; or
 * {@code pending: false} when nothing there changed.
 */
public final class FolderCommitRequest {

    private FolderCommitRequest() {
    }

    /**
     * @param folder   the folder whose uncommitted files the consent names
     * @param workflow the consent's workflow name; an open consent of the same workflow is superseded
     * @param purpose  what the consent question says it commits
     * @param details  fields added to both the consent's context and the audit entry (may be empty)
     */
    public static Outcome of(ActionContext ctx, String folder, String workflow, String purpose, ObjectNode details) {
        Map<BrainPath, byte[]> contents = new LinkedHashMap<>();
        for (BrainPath p : ctx.brain().store().uncommitted()) {
            if (p.isUnder(folder)) {
                ctx.brain().read(p).ifPresent(b -> contents.put(p, b));
            }
        }
        ObjectNode result = Json.object();
        if (contents.isEmpty()) {
            result.put("pending", false);
            return Outcome.of(result);
        }
        Outcome.Builder out = Outcome.builder();
        for (Question open : ctx.brain().questions().open(ctx.now())) {
            if (open.kind() == QuestionKind.COMMIT_CONSENT
                    && workflow.equals(open.data().path("context").path("workflow").asText())) {
                out.close(open.closed(QuestionStatus.SUPERSEDED, null, ctx.now()));
            }
        }
        ObjectNode context = Json.object();
        context.put("workflow", workflow);
        context.setAll(details.deepCopy());
        Question q = ctx.askConsent(contents, purpose, context);
        ObjectNode audit = Json.object();
        audit.put("questionId", q.id());
        audit.setAll(details.deepCopy());
        result.put("pending", true);
        result.put("questionId", q.id());
        ArrayNode files = result.putArray("files");
        contents.keySet().forEach(p -> files.add(p.value()));
        return out.ask(q).audit(new AuditRecord("commit.requested", ctx.actor(), ctx.traceId(), audit))
                .result(result).build();
    }
}
