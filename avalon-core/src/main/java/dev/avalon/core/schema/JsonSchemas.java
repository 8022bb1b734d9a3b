package dev.avalon.core.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.PathType;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import dev.avalon.core.base.AvalonException;
import dev.avalon.core.base.Violation;
import dev.avalon.core.json.CanonicalJson;
import dev.avalon.core.json.Json;

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
        return violations(compiled, instance, rootPath);
    }

    /** Compiles {@code schema} once, for validating many instances. */
    public static Compiled compile(JsonNode schema) {
        return new Compiled(FACTORY.getSchema(schema.deepCopy(), CONFIG));
    }

    /** A compiled schema; thread-safe. */
    public static final class Compiled {
        private final JsonSchema schema;

        private Compiled(JsonSchema schema) {
            this.schema = schema;
        }

        /** Every violation of {@code instance}, paths starting at {@code rootPath}; empty when valid. */
        public List<Violation> validate(JsonNode instance, String rootPath) {
            return violations(schema, instance, rootPath);
        }
    }

    private static List<Violation> violations(JsonSchema compiled, JsonNode instance, String rootPath) {
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
            violations.add(new Violation(path, problem(m)));
        }
        violations.sort(Comparator.comparing(Violation::path).thenComparing(Violation::problem));
        return List.copyOf(violations);
    }

    private static String problem(ValidationMessage m) {
        String text = m.getMessage();
        String prefix = m.getInstanceLocation().toString() + ": ";
        if (text.startsWith(prefix)) {
            text = text.substring(prefix.length());
        }
        return switch (m.getType()) {
            case "required" -> "is required but missing";
            case "additionalProperties" -> "is not a known field";
            default -> text;
        };
    }
}
