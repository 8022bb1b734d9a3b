package dev.avalon.core.behaviour;

import com.fasterxml.jackson.databind.JsonNode;
import dev.avalon.core.json.CanonicalJson;
import dev.avalon.core.json.Json;

import java.util.Objects;

/**
 * A valid behaviour document ({@code behaviour.avl}) and its version.
 *
 * @param document the whole JSON tree
 * @param version  its {@code version}
 */
public record Behaviour(JsonNode document, SemVer version) {
    public Behaviour {
        document = Objects.requireNonNull(document, "document").deepCopy();
        Objects.requireNonNull(version, "version");
    }

    @Override
    public JsonNode document() {
        return document.deepCopy();
    }

    /**
     * The document itself, not a copy, for readers that only look at it (patch validation, risk and
     * change classification) on every request, where a copy of the whole document would cost more
     * than the check. Callers must not modify it.
     */
    public JsonNode sharedDocument() {
        return document;
    }

    /** The file's bytes in the brain's stable form. */
    public byte[] bytes() {
        return Json.pretty(document);
    }

    /** sha256 of {@link #bytes()}. */
    public String sha256() {
        return CanonicalJson.sha256Hex(bytes());
    }

    /** A value by dot path, e.g. {@code reminderEscalationRules.threshold}; missing node if absent. */
    public JsonNode at(String dotPath) {
        JsonNode node = document;
        for (String segment : dotPath.split("\\.")) {
            node = node.isArray() && segment.chars().allMatch(Character::isDigit)
                    ? node.path(Integer.parseInt(segment)) : node.path(segment);
        }
        return node.deepCopy();
    }
}
