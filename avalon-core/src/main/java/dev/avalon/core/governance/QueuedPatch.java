package dev.avalon.core.governance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Instant;
import java.util.Objects;

/**
 * One patch in the chain.
 *
 * @param patch      the patch as proposed (riskLevel recomputed for ML)
 * @param status     its place in the chain
 * @param questionId the open question about it, or {@code null}
 * @param enqueuedAt when it was proposed
 * @param note       why it has its status, or {@code null}
 */
public record QueuedPatch(Patch patch, PatchStatus status, String questionId, Instant enqueuedAt, String note) {
    public QueuedPatch {
        Objects.requireNonNull(patch, "patch");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(enqueuedAt, "enqueuedAt");
    }

    public QueuedPatch with(PatchStatus newStatus, String newQuestionId, String newNote) {
        return new QueuedPatch(patch, newStatus, newQuestionId, enqueuedAt, newNote);
    }

    public ObjectNode toJson() {
        ObjectNode node = dev.avalon.core.json.Json.object();
        node.set("patch", patch.toJson());
        node.put("status", status.name());
        if (questionId != null) {
            node.put("questionId", questionId);
        }
        node.put("enqueuedAt", enqueuedAt.toString());
        if (note != null) {
            node.put("note", note);
        }
        return node;
    }

    public static QueuedPatch fromJson(JsonNode node) {
        return new QueuedPatch(Patch.fromJson(node.get("patch")), PatchStatus.valueOf(node.get("status").textValue()),
                node.hasNonNull("questionId") ? node.get("questionId").textValue() : null,
                Instant.parse(node.get("enqueuedAt").textValue()),
                node.hasNonNull("note") ? node.get("note").textValue() : null);
    }
}
