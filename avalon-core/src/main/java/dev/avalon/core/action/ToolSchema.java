package dev.avalon.core.action;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.avalon.core.json.Json;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * An action's JSON Schema rewritten for one kind of tool consumer.
 *
 * <p>Every dialect exports a map-shaped field (an {@code anyOf} of an open map and a list of pairs)
 * as its pairs only: a model constrained by a schema cannot produce keys it was not told. The strict
 * dialects go further, as their providers document for strict tool calling:
 * <ul>
 *   <li>{@link Dialect#OPENAI}: every object closed ({@code additionalProperties: false}) with every
 *   property required, an optional one nullable; kept are {@code type, properties, required, items,
 *   enum, anyOf, $defs, $ref, pattern}, {@code format} of date-time, time, date, duration, email,
 *   hostname, ipv4, ipv6 or uuid, {@code minimum, maximum, exclusiveMinimum, exclusiveMaximum,
 *   multipleOf, minItems, maxItems}; {@code const} becomes a one-value {@code enum}, {@code oneOf}
 *   an {@code anyOf}.</li>
 *   <li>{@link Dialect#ANTHROPIC}: every object closed, optional properties stay optional; kept are
 *   the same structure, {@code pattern}, {@code format} of date-time, time, date, duration, email,
 *   hostname, uri, ipv4, ipv6 or uuid, and {@code minItems} of 0 or 1.</li>
 *   <li>{@link Dialect#OPEN}: the schema as it is (JSON Schema 2020-12), for MCP and OpenAPI.</li>
 * </ul>
 * A validation keyword a strict dialect cannot carry moves into the field's description, e.g.
 * {@code "(maxLength 64)"}; Avalon still enforces it and names the field when it is broken.
 * Conditions ({@code if/then/else}, and an {@code allOf} made only of them) cannot be carried by a
 * strict dialect either and are left out: the fields they constrain say the rule in their
 * description. A free-form value becomes text, a number, true/false or a list of those.
 */
public final class ToolSchema {

    /** Who reads the exported schema. */
    public enum Dialect {
        /** OpenAI function calling with {@code strict: true}. */
        OPENAI(Set.of("date-time", "time", "date", "duration", "email", "hostname", "ipv4", "ipv6", "uuid"),
                Set.of("pattern", "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "multipleOf",
                        "minItems", "maxItems"), true),
        /** Claude tool use with {@code strict: true}. */
        ANTHROPIC(Set.of("date-time", "time", "date", "duration", "email", "hostname", "uri", "ipv4", "ipv6",
                "uuid"), Set.of("pattern", "minItems"), false),
        /** Plain JSON Schema 2020-12 with the pairs form for maps (MCP, OpenAPI 3.1). */
        OPEN(Set.of(), Set.of(), false);

        private final Set<String> formats;
        private final Set<String> bounds;
        private final boolean allRequired;

        Dialect(Set<String> formats, Set<String> bounds, boolean allRequired) {
            this.formats = formats;
            this.bounds = bounds;
            this.allRequired = allRequired;
        }

        boolean strict() {
            return this != OPEN;
        }
    }

    private static final Set<String> STRUCTURE = Set.of("type", "properties", "required", "additionalProperties",
            "items", "enum", "anyOf", "oneOf", "const", "$defs", "$ref", "description", "format");
    private static final Set<String> ANNOTATIONS = Set.of("$schema", "$id", "$comment", "examples", "default",
            "title", "readOnly", "writeOnly", "deprecated");
    private static final Set<String> CONDITIONS = Set.of("if", "then", "else");

    private ToolSchema() {
    }

    /**
     * {@code schema} rewritten for {@code dialect}; the argument is not changed.
     *
     * @throws IllegalArgumentException when a strict dialect meets what it cannot express: an open map
     *                                  without a pairs form, or an {@code allOf} of more than conditions
     */
    public static JsonNode of(JsonNode schema, Dialect dialect) {
        Objects.requireNonNull(schema, "schema");
        Objects.requireNonNull(dialect, "dialect");
        JsonNode out = dialect.strict() ? strict(schema, dialect, "$") : open(schema);
        if (out.isObject()) {
            ((ObjectNode) out).remove("$schema");
        }
        return out;
    }

    /** Whether {@code schema} is an open map: an object whose keys the caller chooses. */
    public static boolean isOpenMap(JsonNode schema) {
        return schema.isObject() && schema.path("type").asText().equals("object") && !schema.has("properties")
                && !schema.path("additionalProperties").isBoolean();
    }

    // ------------------------------------------------------------------ open

    private static JsonNode open(JsonNode schema) {
        if (schema.isArray()) {
            ArrayNode out = Json.mapper().createArrayNode();
            schema.forEach(s -> out.add(open(s)));
            return out;
        }
        if (!schema.isObject()) {
            return schema.deepCopy();
        }
        ObjectNode in = pairsOnly((ObjectNode) schema, false);
        ObjectNode out = Json.object();
        in.fields().forEachRemaining(f -> {
            switch (f.getKey()) {
                case "properties", "$defs", "patternProperties" -> {
                    ObjectNode children = out.putObject(f.getKey());
                    f.getValue().fields().forEachRemaining(p -> children.set(p.getKey(), open(p.getValue())));
                }
                case "enum", "const", "required", "examples", "default" -> out.set(f.getKey(), f.getValue().deepCopy());
                default -> out.set(f.getKey(), open(f.getValue()));
            }
        });
        return out;
    }

    /**
     * The schema with a map-or-pairs {@code anyOf} replaced by its pairs; the outer description is
     * kept. A strict export also drops an open map whose other form is JSON text, which a plain JSON
     * Schema export keeps. Any other schema comes back as it is.
     */
    private static ObjectNode pairsOnly(ObjectNode schema, boolean strict) {
        JsonNode alternatives = schema.get("anyOf");
        if (alternatives == null || !alternatives.isArray()) {
            return schema;
        }
        List<JsonNode> kept = new ArrayList<>();
        boolean hadMap = false;
        for (JsonNode a : alternatives) {
            if (isOpenMap(a)) {
                hadMap = true;
            } else {
                kept.add(a);
            }
        }
        if (!hadMap || kept.isEmpty()
                || !strict && kept.stream().noneMatch(k -> "array".equals(k.path("type").asText()))) {
            return schema;
        }
        ObjectNode out = schema.deepCopy();
        out.remove("anyOf");
        if (kept.size() == 1) {
            kept.get(0).fields().forEachRemaining(f -> {
                if (!out.has(f.getKey())) {
                    out.set(f.getKey(), f.getValue().deepCopy());
                }
            });
        } else {
            ArrayNode rest = out.putArray("anyOf");
            kept.forEach(k -> rest.add(k.deepCopy()));
        }
        return out;
    }

    // ------------------------------------------------------------------ strict

    private static JsonNode strict(JsonNode schema, Dialect dialect, String where) {
        if (!schema.isObject()) {
            return schema.deepCopy();
        }
        ObjectNode in = pairsOnly((ObjectNode) schema, true);
        if (isOpenMap(in)) {
            throw new IllegalArgumentException(where + ": an open map has no strict form; offer it as pairs too");
        }
        if (!in.has("type") && !in.has("anyOf") && !in.has("oneOf") && !in.has("enum") && !in.has("$ref")
                && !in.has("const") && !in.has("allOf") && !in.has("if")) {
            return anyValue(in);
        }
        ObjectNode out = Json.object();
        List<String> moved = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = in.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> f = it.next();
            String key = f.getKey();
            JsonNode value = f.getValue();
            if (ANNOTATIONS.contains(key) || CONDITIONS.contains(key)) {
                continue;
            }
            if (key.equals("allOf")) {
                for (JsonNode part : value) {
                    if (!isOnlyCondition(part)) {
                        throw new IllegalArgumentException(where + ": allOf of more than conditions has no strict form");
                    }
                }
                continue;
            }
            if (key.equals("not")) {
                // only conditions use 'not' here, and they are left out with them
                continue;
            }
            if (!STRUCTURE.contains(key)) {
                if (dialect.bounds.contains(key) && !(key.equals("minItems") && dialect == Dialect.ANTHROPIC
                        && value.asInt() > 1)) {
                    out.set(key, value.deepCopy());
                } else {
                    moved.add(key + " " + value);
                }
                continue;
            }
            switch (key) {
                case "properties" -> {
                    ObjectNode props = out.putObject("properties");
                    value.fields().forEachRemaining(p -> props.set(p.getKey(),
                            strict(p.getValue(), dialect, where + "." + p.getKey())));
                }
                case "$defs" -> {
                    ObjectNode defs = out.putObject("$defs");
                    value.fields().forEachRemaining(p -> defs.set(p.getKey(),
                            strict(p.getValue(), dialect, where + ".$defs." + p.getKey())));
                }
                case "items" -> out.set("items", strict(value, dialect, where + "[]"));
                case "anyOf", "oneOf" -> {
                    ArrayNode alternatives = out.has("anyOf") ? (ArrayNode) out.get("anyOf") : out.putArray("anyOf");
                    value.forEach(v -> alternatives.add(strict(v, dialect, where + "|")));
                }
                case "const" -> out.putArray("enum").add(value.deepCopy());
                case "format" -> {
                    if (dialect.formats.contains(value.asText())) {
                        out.set("format", value.deepCopy());
                    } else {
                        moved.add("format " + value.asText());
                    }
                }
                case "additionalProperties", "required" -> {
                    // written below, for every object
                }
                default -> out.set(key, value.deepCopy());
            }
        }
        if (in.path("type").asText().equals("object") || in.has("properties")) {
            close(in, out, dialect);
        }
        if (!moved.isEmpty()) {
            String description = out.path("description").asText("");
            out.put("description", (description.isEmpty() ? "" : description + " ") + "(" + String.join(", ", moved)
                    + ")");
        }
        return out;
    }

    /**
     * A free-form value (a behaviour.avl value in a patch) as a strict model can write it: text, a
     * number, true/false or a list of those. An object value is reached member by member, each at
     * its own path, which the description says.
     */
    private static ObjectNode anyValue(ObjectNode in) {
        ObjectNode out = Json.object();
        String description = in.path("description").asText("");
        out.put("description", (description.isEmpty() ? "" : description + " ")
                + "(text, number, true/false or a list of those; set an object member by member, each at its own path)");
        ArrayNode alternatives = out.putArray("anyOf");
        alternatives.addObject().put("type", "string");
        alternatives.addObject().put("type", "number");
        alternatives.addObject().put("type", "boolean");
        ObjectNode list = alternatives.addObject();
        list.put("type", "array");
        ArrayNode items = list.putObject("items").putArray("anyOf");
        items.addObject().put("type", "string");
        items.addObject().put("type", "number");
        items.addObject().put("type", "boolean");
        return out;
    }

    private static void close(ObjectNode in, ObjectNode out, Dialect dialect) {
        out.put("additionalProperties", false);
        Set<String> wasRequired = new HashSet<>();
        in.path("required").forEach(r -> wasRequired.add(r.asText()));
        ObjectNode props = out.has("properties") ? (ObjectNode) out.get("properties") : out.putObject("properties");
        ArrayNode required = Json.mapper().createArrayNode();
        List<String> names = new ArrayList<>();
        props.fieldNames().forEachRemaining(names::add);
        for (String name : names) {
            if (wasRequired.contains(name)) {
                required.add(name);
            } else if (dialect.allRequired) {
                required.add(name);
                props.set(name, nullable(props.get(name)));
            }
        }
        out.set("required", required);
    }

    private static boolean isOnlyCondition(JsonNode schema) {
        if (!schema.isObject() || schema.isEmpty()) {
            return false;
        }
        for (Iterator<String> names = schema.fieldNames(); names.hasNext(); ) {
            if (!CONDITIONS.contains(names.next())) {
                return false;
            }
        }
        return true;
    }

    /** The schema that also takes {@code null}, which Avalon reads as a field left out. */
    private static JsonNode nullable(JsonNode schema) {
        ObjectNode copy = ((ObjectNode) schema).deepCopy();
        JsonNode type = copy.get("type");
        if (copy.has("enum")) {
            ((ArrayNode) copy.get("enum")).addNull();
        }
        if (type != null && type.isTextual()) {
            copy.set("type", Json.mapper().createArrayNode().add(type.textValue()).add("null"));
            return copy;
        }
        if (type != null && type.isArray()) {
            boolean hasNull = false;
            for (JsonNode t : type) {
                hasNull |= t.asText().equals("null");
            }
            if (!hasNull) {
                ((ArrayNode) type).add("null");
            }
            return copy;
        }
        if (copy.has("enum")) {
            return copy;
        }
        if (copy.has("anyOf")) {
            ((ArrayNode) copy.get("anyOf")).addObject().put("type", "null");
            return copy;
        }
        ObjectNode wrapper = Json.object();
        wrapper.putArray("anyOf").add(copy).addObject().put("type", "null");
        return wrapper;
    }
}
