package dev.avalon.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import dev.avalon.core.json.Json;
import io.modelcontextprotocol.json.schema.JsonSchemaValidator;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * The MCP SDK's schema check on the JSON Schema validator the rest of Avalon uses (draft 2020-12), so a
 * server or client checks structured content against a tool's {@code outputSchema} the way Avalon
 * checks its own data. The SDK's default validator needs a different major version of that library.
 */
public final class ToolSchemaValidator implements JsonSchemaValidator {

    private static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);

    // a handful of distinct schemas (one per tool), asked for again on every call
    private final Map<JsonNode, JsonSchema> compiled = new ConcurrentHashMap<>();

    @Override
    public ValidationResponse validate(Map<String, Object> schema, Object structuredContent) {
        if (schema == null) {
            return ValidationResponse.asValid(null);
        }
        JsonNode schemaNode = Json.mapper().valueToTree(schema);
        JsonNode content = Json.mapper().valueToTree(structuredContent);
        Set<ValidationMessage> problems = compiled.computeIfAbsent(schemaNode, FACTORY::getSchema).validate(content);
        if (problems.isEmpty()) {
            return ValidationResponse.asValid(content.toString());
        }
        return ValidationResponse.asInvalid(problems.stream().map(ValidationMessage::getMessage)
                .sorted().collect(Collectors.joining("; ")));
    }
}
