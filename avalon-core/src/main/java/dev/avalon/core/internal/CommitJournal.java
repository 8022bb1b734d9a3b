package dev.avalon.core.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.avalon.core.action.CommitPlan;
import dev.avalon.core.brain.Brain;
import dev.avalon.core.json.Json;
import dev.avalon.core.layout.BrainLayout;
import dev.avalon.core.port.BrainPath;
import dev.avalon.core.port.FileChange;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The decision to commit, written in the same unit of work as the JA that makes it and removed in the
 * unit that records the verified commit ({@code state/commit-journal.json}). Finding one when a brain
 * opens means the process stopped in between; {@link CommitRecovery} then rolls it forward.
 *
 * @param consentId  the COMMIT_CONSENT question answered JA
 * @param expected   every consented file with the sha256 of the content approved (null: approved as deleted)
 * @param subject    the commit subject
 * @param trailers   the trailers of the commit, without the audit head (added when committing)
 * @param approvedAt when the JA was recorded
 * @param actor      who said JA
 * @param traceId    the trace of the answer
 */
record CommitJournal(String consentId, Map<BrainPath, String> expected, String subject, Map<String, String> trailers,
                     Instant approvedAt, String actor, String traceId) {

    CommitJournal {
        Objects.requireNonNull(consentId, "consentId");
        expected = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(expected));
        Objects.requireNonNull(subject, "subject");
        trailers = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(trailers));
        Objects.requireNonNull(approvedAt, "approvedAt");
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(traceId, "traceId");
    }

    static CommitJournal of(CommitPlan plan, Instant now, String actor, String traceId) {
        String consent = plan.trailers().get(BrainLayout.CONSENT_TRAILER);
        if (consent == null) {
            throw new IllegalArgumentException("a commit plan names the consent it carries out");
        }
        Map<BrainPath, String> expected = new LinkedHashMap<>();
        plan.paths().forEach(p -> expected.put(p, plan.expected().get(p)));
        return new CommitJournal(consent, expected, plan.subject(), plan.trailers(), now, actor, traceId);
    }

    /** The journal of {@code brain}, if a commit was approved and not yet recorded. */
    static Optional<CommitJournal> read(Brain brain) {
        return brain.readJson(BrainLayout.COMMIT_JOURNAL).map(CommitJournal::fromJson);
    }

    FileChange write() {
        return FileChange.put(BrainLayout.COMMIT_JOURNAL, Json.pretty(toJson()));
    }

    static FileChange remove() {
        return FileChange.delete(BrainLayout.COMMIT_JOURNAL);
    }

    List<BrainPath> paths() {
        return List.copyOf(expected.keySet());
    }

    ObjectNode toJson() {
        ObjectNode n = Json.object();
        n.put("consentId", consentId);
        ArrayNode files = n.putArray("files");
        expected.forEach((path, hash) -> files.addObject().put("path", path.value()).put("sha256", hash));
        n.put("subject", subject);
        ObjectNode t = n.putObject("trailers");
        trailers.forEach(t::put);
        n.put("approvedAt", approvedAt.toString());
        n.put("actor", actor);
        n.put("traceId", traceId);
        return n;
    }

    static CommitJournal fromJson(JsonNode n) {
        Map<BrainPath, String> expected = new LinkedHashMap<>();
        n.path("files").forEach(f -> expected.put(BrainPath.of(f.path("path").asText()),
                f.path("sha256").isNull() ? null : f.path("sha256").asText()));
        Map<String, String> trailers = new LinkedHashMap<>();
        n.path("trailers").fields().forEachRemaining(e -> trailers.put(e.getKey(), e.getValue().asText()));
        return new CommitJournal(n.path("consentId").asText(), expected, n.path("subject").asText(), trailers,
                Instant.parse(n.path("approvedAt").asText()), n.path("actor").asText(), n.path("traceId").asText());
    }
}
