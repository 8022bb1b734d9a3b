package dev.avalon.core.action;

import dev.avalon.core.base.Effect;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.avalon.core.json.Json;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Writes the catalogue so a front end can register Avalon's actions as tools.
 *
 * <p>Tool names map {@code behaviour.propose_patch} to {@code behaviour_propose_patch}, which matches
 * {@code ^[a-zA-Z0-9_-]{1,64}$}; the mapping is reversible because a domain name never contains '_',
 * so {@link #actionName(String)} restores the first '_' to '.'.
 *
 * <p>OpenAI strict mode accepts only a subset of JSON Schema: every property required (optional ones
 * become nullable), {@code additionalProperties: false} on every object, and no validation keywords
 * such as {@code minLength} or {@code pattern} (they move into the description; Avalon still enforces
 * them). A schema with a free-form value ({@code {}}) cannot be strict and is exported with
 * {@code strict: false}.
 *
 * <p>Conditions ({@code if}/{@code then}/{@code else}, and an {@code allOf} made only of them) cannot be
 * carried and are left out: the fields they constrain say the rule in their description, and Avalon
 * still enforces it, naming the field.
 */
public final class CatalogExport {

    private static final Set<String> STRICT_UNSUPPORTED = Set.of("minLength", "maxLength", "pattern", "format",
            "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "multipleOf", "minItems", "maxItems",
            "uniqueItems", "minProperties", "maxProperties", "patternProperties", "propertyNames", "$schema", "$id",
            "default", "examples", "const", "not", "dependentRequired", "contains");

    private static final Set<String> CONDITIONS = Set.of("if", "then", "else");

    private CatalogExport() {
    }

    public static String toolName(String actionName) {
        return actionName.replace('.', '_');
    }

    public static String actionName(String toolName) {
        int i = toolName.indexOf('_');
        return i < 0 ? toolName : toolName.substring(0, i) + "." + toolName.substring(i + 1);
    }

    public static JsonNode export(ActionCatalog catalog, CatalogFormat format) {
        return switch (format) {
            case AVALON -> avalon(catalog);
            case OPENAI -> openAi(catalog);
            case MCP -> mcp(catalog);
        };
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
            List<String> notes = new ArrayList<>();
            Converted converted = strict(d.dataSchema(), notes);
            fn.set("parameters", converted.schema());
            fn.put("strict", converted.strict());
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
            ObjectNode input = (ObjectNode) d.dataSchema();
            input.remove("$schema");
            tool.set("inputSchema", input);
            ObjectNode output = (ObjectNode) d.resultSchema();
            output.remove("$schema");
            tool.set("outputSchema", output);
            ObjectNode annotations = tool.putObject("annotations");
            annotations.put("readOnlyHint", d.effect() == Effect.READ);
            annotations.put("destructiveHint", d.highRisk());
        }
        return root;
    }

    private record Converted(JsonNode schema, boolean strict) {
    }

    private static Converted strict(JsonNode schema, List<String> notes) {
        boolean[] strict = {true};
        JsonNode out = convert(schema, strict);
        return new Converted(out, strict[0]);
    }

    private static JsonNode convert(JsonNode schema, boolean[] strict) {
        if (!schema.isObject()) {
            return schema.deepCopy();
        }
        ObjectNode in = (ObjectNode) schema;
        if (in.isEmpty() || (!in.has("type") && !in.has("anyOf") && !in.has("oneOf") && !in.has("enum")
                && !in.has("$ref") && !in.has("const"))) {
            strict[0] = false;
        }
        ObjectNode out = Json.object();
        List<String> moved = new ArrayList<>();
        Iterator<Map.Entry<String, JsonNode>> fields = in.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> f = fields.next();
            String key = f.getKey();
            JsonNode value = f.getValue();
            if (CONDITIONS.contains(key)) {
                continue;
            }
            if (key.equals("allOf")) {
                ArrayNode kept = Json.mapper().createArrayNode();
                value.forEach(v -> {
                    if (!isOnlyCondition(v)) {
                        kept.add(convert(v, strict));
                    }
                });
                if (!kept.isEmpty()) {
                    out.set("allOf", kept);
                }
                continue;
            }
            if (STRICT_UNSUPPORTED.contains(key)) {
                if (key.equals("const")) {
                    out.set("enum", Json.mapper().createArrayNode().add(value));
                } else if (!key.startsWith("$")) {
                    moved.add(key + " " + value);
                }
                continue;
            }
            switch (key) {
                case "properties" -> {
                    ObjectNode props = out.putObject("properties");
                    value.fields().forEachRemaining(p -> props.set(p.getKey(), convert(p.getValue(), strict)));
                }
                case "items" -> out.set("items", convert(value, strict));
                case "anyOf", "oneOf" -> {
                    ArrayNode alts = out.putArray("anyOf");
                    value.forEach(v -> alts.add(convert(v, strict)));
                }
                case "additionalProperties" -> {
                    if (!value.isBoolean() || value.booleanValue()) {
                        strict[0] = false;
                    }
                }
                case "$defs" -> {
                    ObjectNode defs = out.putObject("$defs");
                    value.fields().forEachRemaining(p -> defs.set(p.getKey(), convert(p.getValue(), strict)));
                }
                default -> out.set(key, value.deepCopy());
            }
        }
        if (in.path("type").asText().equals("object") || in.has("properties")) {
            out.put("additionalProperties", false);
            ArrayNode required = Json.mapper().createArrayNode();
            Set<String> wasRequired = new java.util.HashSet<>();
            in.path("required").forEach(r -> wasRequired.add(r.asText()));
            ObjectNode props = out.has("properties") ? (ObjectNode) out.get("properties") : out.putObject("properties");
            props.fieldNames().forEachRemaining(name -> {
                required.add(name);
                if (!wasRequired.contains(name)) {
                    props.set(name, nullable(props.get(name)));
                }
            });
            out.set("required", required);
        }
        if (!moved.isEmpty()) {
            String desc = out.path("description").asText("");
            out.put("description", (desc.isEmpty() ? "" : desc + " ") + "(" + String.join(", ", moved) + ")");
        }
        return out;
    }

    private static boolean isOnlyCondition(JsonNode schema) {
        if (!schema.isObject() || schema.isEmpty()) {
            return false;
        }
        Iterator<String> names = schema.fieldNames();
        while (names.hasNext()) {
            if (!CONDITIONS.contains(names.next())) {
                return false;
            }
        }
        return true;
    }

    private static JsonNode nullable(JsonNode schema) {
        if (!schema.isObject()) {
            return schema;
        }
        ObjectNode copy = ((ObjectNode) schema).deepCopy();
        JsonNode type = copy.get("type");
        if (type != null && type.isTextual()) {
            copy.set("type", Json.mapper().createArrayNode().add(type.textValue()).add("null"));
            return copy;
        }
        if (copy.has("enum")) {
            ((ArrayNode) copy.get("enum")).addNull();
            return copy;
        }
        ObjectNode wrapper = Json.object();
        wrapper.putArray("anyOf").add(copy).addObject().put("type", "null");
        return wrapper;
    }
}
