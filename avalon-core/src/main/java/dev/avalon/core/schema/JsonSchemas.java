package dev.avalon.core.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonNodePath;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.PathType;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import dev.avalon.core.base.AvalonException;
import dev.avalon.core.base.NearestName;
import dev.avalon.core.base.Violation;
import dev.avalon.core.json.CanonicalJson;
import dev.avalon.core.json.Json;
import dev.avalon.core.json.SharedByContent;
import dev.avalon.core.time.DateTimeInput;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * JSON Schema (draft 2020-12) validation with every violation reported as a {@link Violation} whose
 * path names the offending field. Schemas ship as classpath resources of avalon-core.
 */
public final class JsonSchemas {

    private static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
    private static final SchemaValidatorsConfig CONFIG = SchemaValidatorsConfig.builder()
            .pathType(PathType.JSON_PATH)
            .formatAssertionsEnabled(true)
            .locale(Locale.ENGLISH)
            .build();
    private static final Map<String, JsonSchema> COMPILED = new ConcurrentHashMap<>();
    private static final Map<String, JsonNode> RESOURCES = new ConcurrentHashMap<>();
    // networknt documents a JsonSchema as thread-safe once built, provided its configuration is not changed
    private static final SharedByContent<Compiled> SHARED =
            new SharedByContent<>(copy -> new Compiled(FACTORY.getSchema(copy, CONFIG), copy));

    private JsonSchemas() {
    }

    /** A schema resource of avalon-core, e.g. {@code schema/behaviour.schema.json}. */
    public static JsonNode resource(String name) {
        return RESOURCES.computeIfAbsent(name, JsonSchemas::load).deepCopy();
    }

    /** Parses a JSON resource next to {@code JsonSchemas}' root package folder {@code dev/avalon/core/}. */
    public static JsonNode load(String name) {
        String path = "/dev/avalon/core/" + name;
        try (InputStream in = JsonSchemas.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new AvalonException("missing resource " + path);
            }
            return Json.mapper().readTree(in);
        } catch (IOException e) {
            throw new AvalonException("unreadable resource " + path, e);
        }
    }

    /**
     * Validates {@code instance} against {@code schema}; paths in the violations start at
     * {@code rootPath} (e.g. {@code $.data}). Empty when valid. Hot paths should {@link #compile}
     * once instead: this finds the compiled schema by the schema's canonical text on every call.
     */
    public static List<Violation> validate(JsonNode schema, JsonNode instance, String rootPath) {
        JsonSchema compiled = COMPILED.computeIfAbsent(CanonicalJson.string(schema),
                key -> FACTORY.getSchema(schema, CONFIG));
        return violations(compiled, schema, instance, rootPath);
    }

    /**
     * Compiles {@code schema} once, for validating many instances. The same content gives the same
     * {@link Compiled} while anyone holds it: every {@code Avalon} validates the same catalogue, and a
     * compiled copy per instance was most of an open brain's heap.
     */
    public static Compiled compile(JsonNode schema) {
        return SHARED.get(schema);
    }

    /** A compiled schema; immutable and thread-safe, so one serves every instance. */
    public static final class Compiled {
        private final JsonSchema schema;
        private final JsonNode root;

        private Compiled(JsonSchema schema, JsonNode root) {
            this.schema = schema;
            this.root = root;
        }

        /** Every violation of {@code instance}, paths starting at {@code rootPath}; empty when valid. */
        public List<Violation> validate(JsonNode instance, String rootPath) {
            return violations(schema, root, instance, rootPath);
        }

        /**
         * Every violation of {@code instance}, including those {@link InputBounds} finds, with the
         * data to pass on (names in NFC). Where both find a problem at the same place, the more
         * precise one of {@link InputBounds} is kept.
         */
        public InputBounds.Checked check(JsonNode instance, String rootPath) {
            InputBounds.Checked bounds = InputBounds.check(root, instance, rootPath);
            List<Violation> all = new ArrayList<>(bounds.violations());
            Set<String> seen = new java.util.HashSet<>();
            bounds.violations().forEach(v -> seen.add(v.path()));
            for (Violation v : violations(schema, root, instance, rootPath)) {
                if (!seen.contains(v.path())) {
                    all.add(v);
                }
            }
            all.sort(Comparator.comparing(Violation::path).thenComparing(Violation::problem));
            return new InputBounds.Checked(bounds.data(), all);
        }
    }

    private static List<Violation> violations(JsonSchema compiled, JsonNode root, JsonNode instance, String rootPath) {
        Set<ValidationMessage> messages = compiled.validate(instance);
        if (messages.isEmpty()) {
            return List.of();
        }
        List<Violation> violations = new ArrayList<>();
        for (ValidationMessage m : messages) {
            String location = m.getInstanceLocation().toString();
            String path = rootPath + location.substring(1);
            String property = m.getProperty();
            if (property != null && ("required".equals(m.getType()) || "additionalProperties".equals(m.getType())
                    || "dependentRequired".equals(m.getType()))) {
                path = path + "." + property;
            }
            violations.add(new Violation(path, problem(m, root, path)));
        }
        violations.sort(Comparator.comparing(Violation::path).thenComparing(Violation::problem));
        return List.copyOf(violations);
    }

    private static String problem(ValidationMessage m, JsonNode root, String path) {
        String text = m.getMessage();
        String prefix = m.getInstanceLocation().toString() + ": ";
        if (text.startsWith(prefix)) {
            text = text.substring(prefix.length());
        }
        JsonNode parent = parentSchema(root, m);
        String property = m.getProperty();
        JsonNode instance = m.getInstanceNode();
        return switch (m.getType()) {
            case "required" -> "is required but missing" + exampleHint(parent.path("properties").path(property), path);
            case "additionalProperties" -> "is not a known field"
                    + NearestName.hint(property, names(parent.path("properties")))
                    + (parent.path("properties").isObject() ? "; known fields: " + String.join(", ", names(parent.path("properties"))) : "");
            case "type" -> "must be " + article(expectedType(parent)) + ", not " + found(instance) + exampleHint(parent, path);
            case "format", "pattern" -> shapeProblem(parent, path);
            case "enum" -> "must be one of " + enumValues(parent)
                    + (instance != null && instance.isTextual()
                    ? NearestName.hint(instance.textValue(), enumList(parent)) : "");
            // a field ruled out by a condition ({"description": why, "not": {}}) says why
            case "not" -> parent.path("not").isObject() && parent.path("not").isEmpty()
                    && parent.path("description").isTextual() ? parent.path("description").asText()
                    : text + exampleHint(parent, path);
            default -> text + exampleHint(parent, path);
        };
    }

    /** What to send for a field whose text has the wrong shape, with an example. */
    private static String shapeProblem(JsonNode schema, String path) {
        return switch (InputBounds.kindOf(schema)) {
            case DATE -> "must be a date written yyyy-mm-dd, e.g. " + InputBounds.DATE_EXAMPLE;
            case DATE_TIME -> "must be a date-time with an offset, written yyyy-mm-ddThh:mm:ss+hh:mm, e.g. "
                    + InputBounds.DATE_TIME_EXAMPLE;
            case LOCAL_DATE_TIME -> "must be a local date-time written yyyy-mm-ddThh:mm, e.g. "
                    + InputBounds.LOCAL_DATE_TIME_EXAMPLE;
            case ANY_DATE_TIME -> "must be a date-time such as " + DateTimeInput.EXAMPLES;
            case WEEK -> "must be an ISO week written yyyy-Www, e.g. " + InputBounds.WEEK_EXAMPLE;
            default -> {
                String format = schema.path("format").asText("");
                String pattern = schema.path("pattern").asText("");
                String shape = !format.isEmpty() ? "must be a valid " + format
                        : "must match the pattern " + pattern;
                yield shape + exampleHint(schema, path);
            }
        };
    }

    /**
     * {@code "; e.g. <example>"} for a field's schema: its {@code examples}, else one derived from its
     * format or pattern; empty when nothing fitting is known.
     */
    static String exampleHint(JsonNode schema, String path) {
        if (schema == null || !schema.isObject()) {
            return "";
        }
        JsonNode examples = schema.get("examples");
        if (examples != null && examples.isArray() && !examples.isEmpty()) {
            return ", e.g. " + CanonicalJson.string(examples.get(0));
        }
        return switch (InputBounds.kindOf(schema)) {
            case DATE -> ", a date written yyyy-mm-dd, e.g. \"" + InputBounds.DATE_EXAMPLE + "\"";
            case DATE_TIME -> ", a date-time with an offset, e.g. \"" + InputBounds.DATE_TIME_EXAMPLE + "\"";
            case LOCAL_DATE_TIME -> ", a local date-time, e.g. \"" + InputBounds.LOCAL_DATE_TIME_EXAMPLE + "\"";
            case ANY_DATE_TIME -> ", a date-time, e.g. \"" + InputBounds.DATE_TIME_EXAMPLE + "\"";
            case WEEK -> ", an ISO week, e.g. \"" + InputBounds.WEEK_EXAMPLE + "\"";
            case INTEGER -> ", a whole number, e.g. " + schema.path("minimum").asText("3");
            default -> schema.has("enum") ? ", one of " + enumValues(schema) : "";
        };
    }

    private static JsonNode parentSchema(JsonNode root, ValidationMessage m) {
        JsonNodePath fragment = m.getSchemaLocation() == null ? null : m.getSchemaLocation().getFragment();
        JsonNode node = root;
        if (fragment == null) {
            return node;
        }
        for (int i = 0; i < fragment.getNameCount() - 1 && node != null; i++) {
            Object element = fragment.getElement(i);
            node = element instanceof Integer index ? node.get(index) : node.get(String.valueOf(element));
        }
        return node == null ? MissingNode.getInstance() : node;
    }

    private static List<String> names(JsonNode properties) {
        List<String> names = new ArrayList<>();
        properties.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static List<String> enumList(JsonNode schema) {
        List<String> values = new ArrayList<>();
        schema.path("enum").forEach(v -> values.add(v.asText()));
        return values;
    }

    private static String enumValues(JsonNode schema) {
        List<String> values = new ArrayList<>();
        schema.path("enum").forEach(v -> values.add(CanonicalJson.string(v)));
        return String.join(", ", values);
    }

    private static String expectedType(JsonNode schema) {
        JsonNode type = schema.path("type");
        if (type.isArray()) {
            List<String> types = new ArrayList<>();
            type.forEach(t -> types.add(t.asText()));
            return String.join(" or ", types);
        }
        return type.asText("value");
    }

    private static String article(String type) {
        String word = switch (type) {
            case "string" -> "a string";
            case "integer" -> "a whole number";
            case "number" -> "a number";
            case "boolean" -> "true or false";
            case "object" -> "an object";
            case "array" -> "an array";
            case "null" -> "null";
            default -> type;
        };
        return word;
    }

    private static String found(JsonNode instance) {
        if (instance == null) {
            return "something else";
        }
        return switch (instance.getNodeType()) {
            case STRING -> "a string";
            case NUMBER -> "a number";
            case BOOLEAN -> "a boolean";
            case OBJECT -> "an object";
            case ARRAY -> "an array";
            case NULL -> "null";
            default -> "something else";
        };
    }
}
