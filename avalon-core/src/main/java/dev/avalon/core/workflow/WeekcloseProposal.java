package dev.avalon.core.workflow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.avalon.core.governance.Patch;
import dev.avalon.core.json.Json;

import java.util.Objects;

/**
 * One proposal of a weekclose and what became of it.
 *
 * @param patch      the ML patch as generated
 * @param questionId its WEEKCLOSE_PROPOSAL question, null until asked
 * @param answer     JA or NEE, null until answered
 * @param result     APPLIED, DECLINED, FAILED or NOT_APPLIED once the approved ones were applied; else null
 * @param reason     why it failed or was not applied, else null
 */
public record WeekcloseProposal(Patch patch, String questionId, String answer, String result, String reason) {

    public WeekcloseProposal {
        Objects.requireNonNull(patch, "patch");
    }

    public WeekcloseProposal asked(String id) {
        return new WeekcloseProposal(patch, id, answer, result, reason);
    }

    public WeekcloseProposal answered(String value) {
        return new WeekcloseProposal(patch, questionId, value, result, reason);
    }

    public WeekcloseProposal resulting(String value, String why) {
        return new WeekcloseProposal(patch, questionId, answer, value, why);
    }

    public ObjectNode toJson() {
        ObjectNode n = Json.object();
        n.set("patch", patch.toJson());
        putNullable(n, "questionId", questionId);
        putNullable(n, "answer", answer);
        putNullable(n, "result", result);
        putNullable(n, "reason", reason);
        return n;
    }

    public static WeekcloseProposal fromJson(JsonNode n) {
        return new WeekcloseProposal(Patch.fromJson(n.get("patch")), text(n, "questionId"), text(n, "answer"),
                text(n, "result"), text(n, "reason"));
    }

    static void putNullable(ObjectNode n, String field, String value) {
        if (value == null) {
            n.putNull(field);
        } else {
            n.put(field, value);
        }
    }

    static String text(JsonNode n, String field) {
        return n.path(field).isTextual() ? n.get(field).textValue() : null;
    }
}
