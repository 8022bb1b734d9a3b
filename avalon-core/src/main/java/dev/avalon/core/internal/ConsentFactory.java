package dev.avalon.core.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.avalon.core.json.Json;
import dev.avalon.core.port.BrainPath;
import dev.avalon.core.port.IdSource;
import dev.avalon.core.question.Question;
import dev.avalon.core.question.QuestionKind;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Asks COMMIT_CONSENT questions. A consent names every file it approves with the sha256 of the exact
 * content; the JA applies to that content only.
 */
final class ConsentFactory {

    private final IdSource ids;
    private final Duration ttl;

    ConsentFactory(IdSource ids, Duration ttl) {
        this.ids = ids;
        this.ttl = ttl;
    }

    Question ask(Instant now, Map<BrainPath, String> files, String purpose, JsonNode context) {
        ObjectNode data = Json.object();
        data.put("purpose", purpose);
        ArrayNode list = data.putArray("files");
        files.forEach((path, hash) -> list.addObject().put("path", path.value()).put("sha256", hash));
        data.set("context", context == null || context.isMissingNode() ? Json.object() : context.deepCopy());
        String prompt = "Mag ik deze wijziging committen? (" + purpose + ": "
                + String.join(", ", files.keySet().stream().map(BrainPath::value).toList()) + ")";
        return Question.ask(ids.next("Q"), QuestionKind.COMMIT_CONSENT, prompt, data, Question.JA_NEE, now,
                now.plus(ttl));
    }

    /** The files and hashes a consent question names. */
    static Map<BrainPath, String> files(Question consent) {
        Map<BrainPath, String> files = new LinkedHashMap<>();
        consent.data().path("files").forEach(f -> files.put(BrainPath.of(f.get("path").textValue()),
                f.get("sha256").textValue()));
        return files;
    }
}
