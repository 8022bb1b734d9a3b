package dev.avalon.core.action;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.avalon.core.base.Effect;
import dev.avalon.core.json.Json;

import java.util.Objects;

/**
 * Writes the catalogue so a front end can register Avalon's actions as tools, in the form each
 * front end takes (see {@link CatalogFormat}).
 *
 * <p>Tool names map {@code behaviour.propose_patch} to {@code behaviour_propose_patch}, which matches
 * {@code ^[a-zA-Z0-9_-]{1,64}$}; the mapping is reversible because a domain name never contains '_',
 * so {@link #actionName(String)} restores the first '_' to '.'.
 *
 * <p>Every tool is exported strict where the front end knows the notion ({@code openai},
 * {@code anthropic}), with the schema {@link ToolSchema} writes for that provider; map-shaped fields
 * are offered as lists of pairs in every export but {@code avalon}.
 */
public final class CatalogExport {

    /** The longest description the OpenAPI export writes (what GPT actions accept). */
    public static final int OPENAPI_DESCRIPTION_MAX = 300;

    private CatalogExport() {
    }

    public static String toolName(String actionName) {
        return actionName.replace('.', '_');
    }

    public static String actionName(String toolName) {
        int i = toolName.indexOf('_');
        return i < 0 ? toolName : toolName.substring(0, i) + "." + toolName.substring(i + 1);
    }

    /** The catalogue in {@code format}; a new tree on every call. */
    public static JsonNode export(ActionCatalog catalog, CatalogFormat format) {
        Objects.requireNonNull(catalog, "catalog");
        return switch (Objects.requireNonNull(format, "format")) {
            case AVALON -> avalon(catalog);
            case OPENAI -> openAi(catalog);
            case ANTHROPIC -> anthropic(catalog);
            case MCP -> mcp(catalog);
            case OPENAPI -> OpenApiExport.document(catalog);
        };
    }

    /**
     * {@code text} cut to at most {@code max} characters: at the last sentence end that fits, else at
     * the last word that fits followed by "…". Text that fits comes back as it is.
     */
    public static String shorten(String text, int max) {
        Objects.requireNonNull(text, "text");
        if (max < 2) {
            throw new IllegalArgumentException("max must be at least 2");
        }
        if (text.length() <= max) {
            return text;
        }
        int sentenceEnd = -1;
        for (int i = 0; i < max; i++) {
            char c = text.charAt(i);
            if ((c == '.' || c == '!' || c == '?') && Character.isWhitespace(text.charAt(i + 1))) {
                sentenceEnd = i;
            }
        }
        // a first sentence that is too short says too little: then cut at a word instead
        if (sentenceEnd >= max / 3) {
            return text.substring(0, sentenceEnd + 1);
        }
        String cut = text.substring(0, max - 1);
        int space = cut.lastIndexOf(' ');
        return (space >= max / 3 ? cut.substring(0, space) : cut).stripTrailing() + "…";
    }

    private static JsonNode avalon(ActionCatalog catalog) {
        ObjectNode root = Json.object();
        root.put("format", "avalon");
        ArrayNode actions = root.putArray("actions");
        for (ActionDefinition d : catalog.all()) {
            ObjectNode a = actions.addObject();
            a.put("name", d.name());
            a.put("description", d.description());
            a.put("scope", d.scope());
            a.put("effect", d.effect().name());
            a.put("highRisk", d.highRisk());
            a.put("needsConfirmation", d.highRisk());
            a.set("data", d.dataSchema());
            a.set("result", d.resultSchema());
            a.set("example", d.example());
        }
        return root;
    }

    private static JsonNode openAi(ActionCatalog catalog) {
        ArrayNode tools = Json.mapper().createArrayNode();
        for (ActionDefinition d : catalog.all()) {
            ObjectNode tool = tools.addObject();
            tool.put("type", "function");
            ObjectNode fn = tool.putObject("function");
            fn.put("name", toolName(d.name()));
            fn.put("description", d.description());
            fn.set("parameters", ToolSchema.of(d.dataSchema(), ToolSchema.Dialect.OPENAI));
            fn.put("strict", true);
        }
        return tools;
    }

    private static JsonNode anthropic(ActionCatalog catalog) {
        ArrayNode tools = Json.mapper().createArrayNode();
        for (ActionDefinition d : catalog.all()) {
            ObjectNode tool = tools.addObject();
            tool.put("name", toolName(d.name()));
            tool.put("description", d.description());
            tool.set("input_schema", ToolSchema.of(d.dataSchema(), ToolSchema.Dialect.ANTHROPIC));
            tool.put("strict", true);
        }
        return tools;
    }

    private static JsonNode mcp(ActionCatalog catalog) {
        ObjectNode root = Json.object();
        ArrayNode tools = root.putArray("tools");
        for (ActionDefinition d : catalog.all()) {
            ObjectNode tool = tools.addObject();
            tool.put("name", toolName(d.name()));
            tool.put("description", d.description());
            tool.set("inputSchema", ToolSchema.of(d.dataSchema(), ToolSchema.Dialect.OPEN));
            tool.set("outputSchema", ToolSchema.of(d.resultSchema(), ToolSchema.Dialect.OPEN));
            ObjectNode annotations = tool.putObject("annotations");
            annotations.put("readOnlyHint", d.effect() == Effect.READ);
            annotations.put("destructiveHint", d.highRisk());
            // a read asked twice answers the same; a write may append (a journal line, an audit record)
            annotations.put("idempotentHint", d.effect() == Effect.READ);
        }
        return root;
    }
}
