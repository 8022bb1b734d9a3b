package dev.avalon.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import dev.avalon.core.json.Json;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.TextContent;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** A connected MCP client and what the tests do with it: list the tools, call them, read their answers. */
final class ToolSession {

    private static final com.fasterxml.jackson.core.type.TypeReference<Map<String, Object>> ARGUMENTS =
            new com.fasterxml.jackson.core.type.TypeReference<>() { };
    private static final Pattern QUESTION = Pattern.compile("QUESTION (\\S+) \\((\\w+)\\)");

    private final McpSyncClient client;
    private final Map<String, McpSchema.Tool> tools = new LinkedHashMap<>();
    /** Every call and its result, for the transcript in docs/MCP.md. */
    final List<String> transcript = new ArrayList<>();

    ToolSession(McpSyncClient client) {
        this.client = client;
    }

    McpSchema.InitializeResult initialize() {
        McpSchema.InitializeResult init = client.initialize();
        transcript.add("initialize -> " + init.serverInfo().name() + " " + init.serverInfo().version());
        return init;
    }

    /** Every tool, following the list's pages. */
    Map<String, McpSchema.Tool> listTools() {
        tools.clear();
        String cursor = null;
        do {
            McpSchema.ListToolsResult page = cursor == null ? client.listTools() : client.listTools(cursor);
            page.tools().forEach(t -> tools.put(t.name(), t));
            cursor = page.nextCursor();
        } while (cursor != null);
        transcript.add("tools/list -> " + tools.size() + " tools");
        return tools;
    }

    CallToolResult call(String tool, String argumentsJson) {
        Map<String, Object> arguments = Json.mapper().convertValue(parse(argumentsJson), ARGUMENTS);
        CallToolResult result = client.callTool(CallToolRequest.builder(tool).arguments(arguments).build());
        if (tools.containsKey(tool)) {
            assertThat(problems(tools.get(tool).outputSchema(), structured(result)))
                    .as("%s's answer %s against its outputSchema", tool, result.structuredContent()).isEmpty();
        }
        transcript.add("tools/call " + tool + " " + argumentsJson + "\n<- isError=" + result.isError() + "\n"
                + text(result).indent(3));
        return result;
    }

    /**
     * Calls and expects success: answers the envelope's {@code data}. The structured content (every
     * call's, see {@link #call}) validates against the tool's output schema.
     */
    JsonNode ok(String tool, String argumentsJson) {
        CallToolResult result = call(tool, argumentsJson);
        assertThat(result.isError()).as("%s: %s", tool, text(result)).isFalse();
        JsonNode envelope = structured(result);
        assertThat(envelope.path("ok").asBoolean()).isTrue();
        return envelope.path("data");
    }

    static String text(CallToolResult result) {
        return result.content().get(0) instanceof TextContent t ? t.text() : "";
    }

    static JsonNode structured(CallToolResult result) {
        return Json.mapper().valueToTree(result.structuredContent());
    }

    /** The id of the first question of {@code kind} the result's text spells out. */
    static String question(CallToolResult result, String kind) {
        Matcher m = QUESTION.matcher(text(result));
        while (m.find()) {
            if (m.group(2).equals(kind)) {
                return m.group(1);
            }
        }
        throw new AssertionError("no " + kind + " question in: " + text(result));
    }

    static Set<ValidationMessage> problems(Map<String, ?> schema, JsonNode value) {
        return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
                .getSchema(Json.mapper().valueToTree(schema)).validate(value);
    }

    private static JsonNode parse(String json) {
        try {
            return Json.parse(json);
        } catch (Exception e) {
            throw new IllegalArgumentException(json, e);
        }
    }
}
