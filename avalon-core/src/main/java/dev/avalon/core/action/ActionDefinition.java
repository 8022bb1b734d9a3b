package dev.avalon.core.action;

import dev.avalon.core.base.Effect;
import com.fasterxml.jackson.databind.JsonNode;
import dev.avalon.core.json.SharedByContent;
import dev.avalon.core.schema.JsonSchemas;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One action of the catalogue: its contract and its handler.
 *
 * @param name         {@code <domain>.<verb>}, e.g. {@code behaviour.propose_patch}
 * @param description  what it does, at most 300 characters
 * @param scope        the scope a caller needs, e.g. {@code behaviour:write}
 * @param effect       what it may do to the brain (the state gate reads this)
 * @param highRisk     whether it needs {@code meta.confirm: true} and a stricter rate limit
 * @param dataSchema   JSON Schema of {@code data}
 * @param resultSchema JSON Schema of the result's {@code data}
 * @param example      a {@code data} that validates
 * @param handler      carries it out
 */
public record ActionDefinition(String name, String description, String scope, Effect effect, boolean highRisk,
                               JsonNode dataSchema, JsonNode resultSchema, JsonNode example, ActionHandler handler) {

    public static final Pattern NAME = Pattern.compile("^[a-z][a-z0-9]*\\.[a-z][a-z0-9_]*$");

    private static final SharedByContent<JsonNode> TREES = SharedByContent.trees();

    public ActionDefinition {
        Objects.requireNonNull(name, "name");
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("action name must be <domain>.<verb>: " + name);
        }
        Objects.requireNonNull(description, "description");
        if (description.isBlank() || description.length() > 300) {
            throw new IllegalArgumentException(name + ": description must be 1..300 characters");
        }
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(effect, "effect");
        // kept once per content for every Avalon in the process: the accessors hand out copies, so nobody
        // can change the shared tree
        dataSchema = TREES.get(Objects.requireNonNull(dataSchema, "dataSchema"));
        resultSchema = TREES.get(Objects.requireNonNull(resultSchema, "resultSchema"));
        example = TREES.get(Objects.requireNonNull(example, "example"));
        Objects.requireNonNull(handler, "handler");
    }

    /**
     * Loads the contract from the avalon-core resource {@code actions/<name>.json}
     * ({@code description, scope, effect, highRisk, data, result, example}) and binds {@code handler}.
     */
    public static ActionDefinition fromResource(String name, ActionHandler handler) {
        // parsed once per process: every Avalon instance registers the same resources
        JsonNode spec = JsonSchemas.resource("actions/" + name + ".json");
        return fromSpec(name, spec, handler);
    }

    /** Builds a definition from a spec object of the same shape as the resources. */
    public static ActionDefinition fromSpec(String name, JsonNode spec, ActionHandler handler) {
        return new ActionDefinition(name, spec.path("description").asText(), spec.path("scope").asText(),
                Effect.valueOf(spec.path("effect").asText()), spec.path("highRisk").asBoolean(false),
                spec.path("data"), spec.path("result"), spec.path("example"), handler);
    }

    @Override
    public JsonNode dataSchema() {
        return dataSchema.deepCopy();
    }

    @Override
    public JsonNode resultSchema() {
        return resultSchema.deepCopy();
    }

    @Override
    public JsonNode example() {
        return example.deepCopy();
    }
}
