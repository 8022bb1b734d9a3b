package dev.avalon.core.governance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.avalon.core.json.CanonicalJson;
import dev.avalon.core.json.Json;
import dev.avalon.core.port.BrainPath;
import dev.avalon.core.question.Question;
import dev.avalon.core.question.QuestionKind;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * COMMIT_CONSENT questions: a consent names every file it approves with the sha256 of the exact
 * content, and a JA applies to that content only. Engines that want their files committed (weekclose,
 * the finance check, notulen) ask one with {@link #ask}; a JA is resolved by the kernel, which commits,
 * verifies and then calls every feature's {@code afterCommit} with the consent, so a workflow can
 * recognise its own consent by {@code context.workflow} and continue.
 */
public final class CommitConsent {

    private CommitConsent() {
    }

    /** The question itself, for callers that already hold the hashes. */
    public static Question question(String id, Instant now, Instant expiresAt, Map<BrainPath, String> files,
                                    String purpose, JsonNode context) {
        if (files.isEmpty()) {
            throw new IllegalArgumentException("a consent names at least one file");
        }
        ObjectNode data = Json.object();
        data.put("purpose", purpose);
        ArrayNode list = data.putArray("files");
        files.forEach((path, hash) -> list.addObject().put("path", path.value()).put("sha256", hash));
        data.set("context", context == null || context.isMissingNode() ? Json.object() : context.deepCopy());
        String prompt = "Mag ik deze wijziging committen? (" + purpose + ": "
                + String.join(", ", files.keySet().stream().map(BrainPath::value).toList()) + ")";
        return Question.ask(id, QuestionKind.COMMIT_CONSENT, prompt, data, Question.JA_NEE, now, expiresAt);
    }

    /** The files and hashes a consent question names. */
    public static Map<BrainPath, String> files(Question consent) {
        Map<BrainPath, String> files = new LinkedHashMap<>();
        consent.data().path("files").forEach(f -> files.put(BrainPath.of(f.get("path").textValue()),
                f.get("sha256").textValue()));
        return files;
    }
}
