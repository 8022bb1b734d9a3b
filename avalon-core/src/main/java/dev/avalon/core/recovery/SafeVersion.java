package dev.avalon.core.recovery;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.avalon.core.json.Json;

import java.time.Instant;
import java.util.Objects;

/**
 * A commit whose every file validates: one a SAFE_RESTORE may go back to.
 *
 * @param sha              the commit
 * @param committedAt      when it was made
 * @param behaviourVersion the SEMVER of its behaviour.avl
 * @param summary          the first line of its message
 */
public record SafeVersion(String sha, Instant committedAt, String behaviourVersion, String summary) {
    public SafeVersion {
        Objects.requireNonNull(sha, "sha");
        Objects.requireNonNull(committedAt, "committedAt");
        Objects.requireNonNull(behaviourVersion, "behaviourVersion");
        Objects.requireNonNull(summary, "summary");
    }

    public ObjectNode toJson() {
        ObjectNode node = Json.object();
        node.put("sha", sha);
        node.put("committedAt", committedAt.toString());
        node.put("behaviourVersion", behaviourVersion);
        node.put("summary", summary);
        return node;
    }
}
