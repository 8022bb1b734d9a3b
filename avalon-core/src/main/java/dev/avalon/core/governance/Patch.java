package dev.avalon.core.governance;

import dev.avalon.core.behaviour.PatchType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.avalon.core.json.Json;

import java.util.Objects;

/**
 * One proposed change to {@code behaviour.avl} (seed 06 §3.1): set, add or remove the value at one
 * {@linkplain DotPath dot path}.
 *
 * <pre>{@code
 * {"id": "ML-SUG-2025-0001", "type": "PATCH", "path": "reminderEscalationRules.threshold",
 *  "before": 2, "after": 1, "rationale": "...", "riskLevel": "LOW", "source": "ML"}
 * }</pre>
 *
 * <p>{@code before} and {@code after} are {@link MissingNode} when absent on the wire, which is not
 * the same as a JSON {@code null}: a missing {@code before} says the path does not exist yet (the
 * patch adds it), a missing {@code after} says the patch removes the path. A patch is only a
 * proposal; {@link PatchValidator} decides whether it may be applied. The record does not check the
 * path's syntax for that reason: a bad path is a validation finding, not a programming error.
 *
 * <p>The JSON values are copied in and out, so a patch cannot be changed after it is made.
 *
 * @param id                 unique id of the proposal
 * @param type               the declared kind of change
 * @param path               where, as a dot path
 * @param before             the value the proposer saw at {@code path}, or a missing node;
 *                           {@code null} is taken as a missing node
 * @param after              the value to put there, or a missing node to remove it; {@code null} is
 *                           taken as a missing node
 * @param rationale          why, in the proposer's words
 * @param riskLevel          the declared risk (recomputed by the backend for ML patches)
 * @param source             who proposes it
 * @param explicitUserIntent whether the user explicitly asked to remove or overwrite this behaviour
 */
public record Patch(String id, PatchType type, String path, JsonNode before, JsonNode after, String rationale,
                    RiskLevel riskLevel, PatchSource source, boolean explicitUserIntent) {

    public Patch {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(path, "path");
        before = before == null ? MissingNode.getInstance() : before.deepCopy();
        after = after == null ? MissingNode.getInstance() : after.deepCopy();
        Objects.requireNonNull(rationale, "rationale");
        Objects.requireNonNull(riskLevel, "riskLevel");
        Objects.requireNonNull(source, "source");
    }

    /** A copy of the value the proposer saw, or a missing node when the path did not exist. */
    @Override
    public JsonNode before() {
        return before.deepCopy();
    }

    /** A copy of the new value, or a missing node when the patch removes the path. */
    @Override
    public JsonNode after() {
        return after.deepCopy();
    }

    /** Whether the patch removes the value at its path ({@code after} is absent). */
    public boolean removes() {
        return after.isMissingNode();
    }

    /** Whether the patch adds a path that does not exist yet ({@code before} is absent). */
    public boolean adds() {
        return before.isMissingNode();
    }

    /** The same patch with another risk level, e.g. the one the backend computed. */
    public Patch withRiskLevel(RiskLevel level) {
        return new Patch(id, type, path, before, after, rationale, level, source, explicitUserIntent);
    }

    /**
     * Reads the wire form {@code {id, type, path, before?, after?, rationale, riskLevel, source,
     * explicitUserIntent?}}. Meant for input that already passed the action schema; it does not
     * repeat the schema's length and pattern checks, but refuses what it cannot map.
     *
     * @throws IllegalArgumentException when {@code json} is not an object, a required field is
     *                                  missing or of the wrong JSON type, or an enum value is unknown
     */
    public static Patch fromJson(JsonNode json) {
        if (json == null || !json.isObject()) {
            throw new IllegalArgumentException("a patch must be a JSON object");
        }
        JsonNode intent = json.path("explicitUserIntent");
        if (!intent.isMissingNode() && !intent.isBoolean()) {
            throw new IllegalArgumentException("patch.explicitUserIntent must be a boolean");
        }
        return new Patch(text(json, "id"),
                enumValue(PatchType.class, json, "type"),
                text(json, "path"),
                json.path("before"),
                json.path("after"),
                text(json, "rationale"),
                enumValue(RiskLevel.class, json, "riskLevel"),
                enumValue(PatchSource.class, json, "source"),
                intent.asBoolean(false));
    }

    /** The wire form; {@code before} and {@code after} are left out when missing. */
    public ObjectNode toJson() {
        ObjectNode json = Json.object();
        json.put("id", id);
        json.put("type", type.name());
        json.put("path", path);
        if (!before.isMissingNode()) {
            json.set("before", before.deepCopy());
        }
        if (!after.isMissingNode()) {
            json.set("after", after.deepCopy());
        }
        json.put("rationale", rationale);
        json.put("riskLevel", riskLevel.name());
        json.put("source", source.name());
        json.put("explicitUserIntent", explicitUserIntent);
        return json;
    }

    private static String text(JsonNode json, String field) {
        JsonNode value = json.path(field);
        if (!value.isTextual()) {
            throw new IllegalArgumentException("patch." + field + (value.isMissingNode() ? " is required" : " must be a string"));
        }
        return value.textValue();
    }

    private static <E extends Enum<E>> E enumValue(Class<E> type, JsonNode json, String field) {
        String name = text(json, field);
        try {
            return Enum.valueOf(type, name);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("patch." + field + " has an unknown value \"" + name + "\"", e);
        }
    }
}
