package dev.avalon.core.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.avalon.core.json.Json;
import dev.avalon.core.port.BrainPath;
import dev.avalon.core.port.IdSource;
import dev.avalon.core.governance.CommitConsent;
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
        return CommitConsent.question(ids.next("Q"), now, now.plus(ttl), files, purpose, context);
    }

    /** A new question id, for questions the kernel asks itself. */
    String questionId() {
        return ids.next("Q");
    }

    /** When a question asked at {@code now} expires. */
    Instant expiresAt(Instant now) {
        return now.plus(ttl);
    }

    /** The files and hashes a consent question names. */
    static Map<BrainPath, String> files(Question consent) {
        return CommitConsent.files(consent);
    }
}
