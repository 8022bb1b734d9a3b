package dev.avalon.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.avalon.core.action.ActionResult;
import dev.avalon.core.action.CatalogExport;
import dev.avalon.core.base.ErrorCode;
import dev.avalon.core.json.Json;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.TextContent;

import java.util.List;
import java.util.stream.Collectors;

/**
 * An Avalon answer as an MCP tool result: the whole envelope as structured content (what the tool's
 * {@code outputSchema} describes), {@code isError} when Avalon refused. The first text block is for the
 * model to read: one line on what happened, then every question the answer raised, spelled out with the
 * {@code question_answer} call that closes it, and every alert; or, for a refusal, the error code and
 * every offending field. The second text block is the envelope as JSON, for clients that read only text.
 */
public final class ToolAnswer {

    private static final String ANSWER_TOOL = CatalogExport.toolName("question.answer");

    private ToolAnswer() {
    }

    /** {@code result} as the result of an MCP tool call. */
    public static CallToolResult of(ActionResult result) {
        ObjectNode envelope = result.toJson();
        if (result instanceof ActionResult.Ok) {
            JsonNode data = envelope.path("data");
            StringBuilder text = new StringBuilder(summary(result.action(), data, envelope));
            for (JsonNode question : envelope.path("ask")) {
                text.append('\n').append(question(question));
            }
            for (JsonNode alert : envelope.path("alerts")) {
                text.append('\n').append(alert(alert));
            }
            return CallToolResult.builder()
                    .content(List.of(text(text.toString()), text(Json.compact(envelope))))
                    .structuredContent(plain(envelope))
                    .isError(false)
                    .build();
        }
        return CallToolResult.builder()
                .content(List.of(text(refusal(envelope)), text(Json.compact(envelope))))
                .structuredContent(plain(envelope))
                .isError(true)
                .build();
    }

    /**
     * A tool call Avalon could not run at all: {@code code} is {@code UNKNOWN_ACTION} for a tool that does
     * not exist, {@code BRAIN_FAILURE} when the brain cannot be opened now (e.g. a tenant's brain is locked).
     */
    public static CallToolResult unavailable(String action, ErrorCode code, String reason) {
        ObjectNode envelope = Json.object();
        envelope.put("ok", false);
        envelope.put("action", action);
        ObjectNode error = envelope.putObject("error");
        error.put("code", code.name());
        error.put("message", reason);
        error.putArray("details");
        return CallToolResult.builder()
                .content(List.of(text(action + " could not run, nothing changed: " + code.name() + ": "
                        + reason)))
                .structuredContent(plain(envelope))
                .isError(true)
                .build();
    }

    private static String summary(String action, JsonNode data, JsonNode envelope) {
        int questions = envelope.path("ask").size();
        int alerts = envelope.path("alerts").size();
        StringBuilder line = new StringBuilder(action).append(" done");
        if (data.isObject() && data.size() > 0) {
            line.append(": ").append(fieldNames(data));
        }
        line.append('.');
        if (questions > 0) {
            line.append(' ').append(questions).append(questions == 1 ? " question" : " questions")
                    .append(" for the user: ask them and answer with ").append(ANSWER_TOOL)
                    .append("; nothing is applied or committed without their answer.");
        }
        if (alerts > 0) {
            line.append(' ').append(alerts).append(alerts == 1 ? " alert." : " alerts.");
        }
        return line.toString();
    }

    private static String fieldNames(JsonNode data) {
        StringBuilder names = new StringBuilder();
        var it = data.fields();
        int shown = 0;
        while (it.hasNext() && shown < 8) {
            var field = it.next();
            if (shown++ > 0) {
                names.append(", ");
            }
            names.append(field.getKey());
            JsonNode value = field.getValue();
            if (value.isValueNode() && !value.isNull() && value.asText().length() <= 60) {
                names.append('=').append(value.asText());
            } else if (value.isArray()) {
                names.append(" (").append(value.size()).append(')');
            }
        }
        if (it.hasNext()) {
            names.append(", …");
        }
        return names.toString();
    }

    /** One question, spelled out so a model puts it to the user and knows the call that closes it. */
    static String question(JsonNode q) {
        String id = q.path("id").asText();
        List<String> options = new java.util.ArrayList<>();
        q.path("options").forEach(o -> options.add(o.asText()));
        String choices = options.stream().map(o -> "\"" + o + "\"").collect(Collectors.joining(" or "));
        return "QUESTION " + id + " (" + q.path("kind").asText() + "): " + q.path("prompt").asText()
                + "\n  Options: " + String.join(", ", options)
                + ". Ask the user; close it with " + ANSWER_TOOL + " {\"id\":\"" + id + "\",\"answer\":"
                + (options.isEmpty() ? "\"…\"" : choices) + "}"
                + (q.hasNonNull("expiresAt") ? "; open until " + q.path("expiresAt").asText() : "") + ".";
    }

    private static String alert(JsonNode a) {
        return "ALERT " + a.path("level").asText() + " " + a.path("code").asText() + ": " + a.path("message").asText();
    }

    private static String refusal(JsonNode envelope) {
        JsonNode error = envelope.path("error");
        StringBuilder text = new StringBuilder(envelope.path("action").asText()).append(" refused, nothing changed: ")
                .append(error.path("code").asText()).append(": ").append(error.path("message").asText());
        for (JsonNode detail : error.path("details")) {
            text.append("\n  field ").append(detail.path("path").asText()).append(": ")
                    .append(detail.path("problem").asText());
        }
        if (error.has("retryAfterMs")) {
            text.append("\n  retry after ").append(error.path("retryAfterMs").asLong()).append(" ms");
        }
        return text.toString();
    }

    private static TextContent text(String text) {
        return TextContent.builder(text).build();
    }

    private static Object plain(JsonNode node) {
        return Json.mapper().convertValue(node, Object.class);
    }
}
