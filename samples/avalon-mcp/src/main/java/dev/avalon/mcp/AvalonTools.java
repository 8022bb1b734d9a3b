package dev.avalon.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.avalon.core.action.ActionResult;
import dev.avalon.core.action.CatalogExport;
import dev.avalon.core.base.ErrorCode;
import dev.avalon.core.json.CanonicalJson;
import dev.avalon.core.json.Json;
import io.modelcontextprotocol.common.McpTransportContext;
import io.modelcontextprotocol.server.McpServerFeatures.SyncToolSpecification;
import io.modelcontextprotocol.server.McpSyncServerExchange;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Avalon's catalogue as MCP tools: one tool per action, named, described and typed exactly as
 * {@code exportCatalog(CatalogFormat.MCP)} writes it ({@code behaviour.propose_patch} is the tool
 * {@code behaviour_propose_patch}); its {@code outputSchema} is Avalon's answer envelope with the
 * export's {@code outputSchema} as {@code data} (see {@link #envelopeSchema}). A call becomes the envelope
 * {@code {"action": <action>, "data": <arguments>, "meta": …}} and its answer a {@link ToolAnswer}.
 *
 * <p>MCP has no envelope meta of its own; a client may pass Avalon's in the request's {@code _meta} as
 * {@code dev.avalon/idempotencyKey}, {@code dev.avalon/traceId} and {@code dev.avalon/confirm} (the last
 * is what a high-risk action asks for).
 */
public final class AvalonTools {

    /** The request {@code _meta} keys passed on as the envelope's {@code meta}. */
    public static final String META_IDEMPOTENCY_KEY = "dev.avalon/idempotencyKey";
    public static final String META_TRACE_ID = "dev.avalon/traceId";
    public static final String META_CONFIRM = "dev.avalon/confirm";

    private static final Logger LOG = LoggerFactory.getLogger(AvalonTools.class);

    /** Runs one envelope for whoever the transport context says is calling. */
    @FunctionalInterface
    public interface Dispatcher {
        /**
         * @param context  what the transport learnt about the request (over HTTP: the caller's key grant)
         * @param envelope the action envelope, UTF-8 JSON
         * @throws RuntimeException when the call cannot run at all; the tool answers {@code isError}
         */
        ActionResult dispatch(McpTransportContext context, String envelope);
    }

    private final List<McpSchema.Tool> tools;
    private final Map<String, String> actions;
    private final Dispatcher dispatcher;

    /**
     * @param mcpCatalog what {@code avalon.exportCatalog(CatalogFormat.MCP)} answers; the same for every brain
     */
    public AvalonTools(JsonNode mcpCatalog, Dispatcher dispatcher) {
        this.dispatcher = Objects.requireNonNull(dispatcher, "dispatcher");
        List<McpSchema.Tool> list = new ArrayList<>();
        Map<String, String> names = new LinkedHashMap<>();
        for (JsonNode t : Objects.requireNonNull(mcpCatalog, "mcpCatalog").path("tools")) {
            String name = t.path("name").asText();
            JsonNode hints = t.path("annotations");
            list.add(McpSchema.Tool.builder(name, map(t.path("inputSchema")))
                    .description(t.path("description").asText())
                    .outputSchema(map(envelopeSchema(name, t.path("outputSchema"))))
                    .annotations(new McpSchema.ToolAnnotations(null,
                            hints.path("readOnlyHint").asBoolean(false),
                            hints.path("destructiveHint").asBoolean(false),
                            hints.path("idempotentHint").asBoolean(false),
                            // a brain is local state: no tool reaches into an open world on its own
                            false, null))
                    .build());
            names.put(name, CatalogExport.actionName(name));
        }
        if (list.isEmpty()) {
            throw new IllegalArgumentException("the catalogue has no tools: pass exportCatalog(CatalogFormat.MCP)");
        }
        this.tools = List.copyOf(list);
        this.actions = Map.copyOf(names);
    }

    /** Every tool, in catalogue order. */
    public List<McpSchema.Tool> tools() {
        return tools;
    }

    /** The action a tool name stands for. */
    public Optional<String> actionOf(String toolName) {
        return Optional.ofNullable(actions.get(toolName));
    }

    /** The tools with their call handlers, for {@code McpServer.sync(…).tools(…)}. */
    public List<SyncToolSpecification> specifications() {
        List<SyncToolSpecification> specs = new ArrayList<>(tools.size());
        for (McpSchema.Tool tool : tools) {
            specs.add(SyncToolSpecification.builder().tool(tool).callHandler(this::call).build());
        }
        return List.copyOf(specs);
    }

    /** Runs one tool call; never throws for anything a client sent. */
    public CallToolResult call(McpSyncServerExchange exchange, CallToolRequest request) {
        String action = actions.get(request.name());
        if (action == null) {
            return ToolAnswer.unavailable(request.name(), ErrorCode.UNKNOWN_ACTION, "there is no tool " + request.name());
        }
        String envelope = envelope(action, request);
        ActionResult result;
        try {
            result = dispatcher.dispatch(exchange.transportContext(), envelope);
        } catch (RuntimeException e) {
            LOG.warn("{} could not run: {}", action, e.toString());
            return ToolAnswer.unavailable(action, ErrorCode.BRAIN_FAILURE,
                    e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
        }
        return ToolAnswer.of(result);
    }

    /** The envelope a call stands for. */
    static String envelope(String action, CallToolRequest request) {
        ObjectNode envelope = Json.object();
        envelope.put("action", action);
        Map<String, Object> arguments = request.arguments();
        envelope.set("data", arguments == null ? Json.object() : Json.valueToTree(arguments));
        Map<String, Object> requestMeta = request.meta();
        if (requestMeta != null) {
            ObjectNode meta = Json.object();
            copy(requestMeta, META_IDEMPOTENCY_KEY, "idempotencyKey", meta);
            copy(requestMeta, META_TRACE_ID, "traceId", meta);
            copy(requestMeta, META_CONFIRM, "confirm", meta);
            if (meta.size() > 0) {
                envelope.set("meta", meta);
            }
        }
        return CanonicalJson.string(envelope);
    }

    private static void copy(Map<String, Object> from, String key, String field, ObjectNode to) {
        if (from.containsKey(key)) {
            // Avalon checks the value's type and shape like any other envelope field
            to.set(field, Json.valueToTree(from.get(key)));
        }
    }

    /**
     * The schema of what a call of the tool answers: Avalon's whole envelope, either done ({@code ok: true},
     * the export's {@code outputSchema} as its {@code data}, the questions in {@code ask}) or refused
     * ({@code ok: false} and the error). Clients check structured content against the output schema even
     * when {@code isError} is set, so the schema has to admit both.
     */
    static JsonNode envelopeSchema(String toolName, JsonNode resultSchema) {
        ObjectNode data = resultSchema.deepCopy();
        ObjectNode schema = Json.object();
        schema.put("type", "object");
        // references in the result schema point at its root's $defs: they move to the new root
        JsonNode defs = data.remove("$defs");
        if (defs != null) {
            schema.set("$defs", defs);
        }
        var anyOf = schema.putArray("anyOf");

        ObjectNode done = anyOf.addObject();
        done.put("type", "object");
        done.putArray("required").add("ok").add("action").add("traceId").add("data");
        ObjectNode dp = done.putObject("properties");
        dp.putObject("ok").put("const", true);
        dp.putObject("action").put("const", CatalogExport.actionName(toolName));
        dp.putObject("traceId").put("type", "string");
        dp.putObject("durationMs").put("type", "integer").put("minimum", 0);
        dp.set("data", data);
        ObjectNode ask = dp.putObject("ask");
        ask.put("type", "array").put("description", "Questions for the user, each closed by question_answer.");
        ObjectNode question = ask.putObject("items");
        question.put("type", "object");
        question.putArray("required").add("id").add("kind").add("prompt").add("options");
        ObjectNode qp = question.putObject("properties");
        qp.putObject("id").put("type", "string");
        qp.putObject("kind").put("type", "string");
        qp.putObject("prompt").put("type", "string");
        qp.putObject("options").put("type", "array").putObject("items").put("type", "string");
        ObjectNode alerts = dp.putObject("alerts");
        alerts.put("type", "array").put("description", "What the user should hear: INFO, IMPORTANT or CRITICAL.");
        alerts.putObject("items").put("type", "object");

        ObjectNode refused = anyOf.addObject();
        refused.put("type", "object");
        refused.putArray("required").add("ok").add("action").add("error");
        ObjectNode rp = refused.putObject("properties");
        rp.putObject("ok").put("const", false);
        rp.putObject("action").put("type", "string");
        rp.putObject("traceId").put("type", "string");
        ObjectNode error = rp.putObject("error");
        error.put("type", "object");
        error.putArray("required").add("code").add("message").add("details");
        ObjectNode ep = error.putObject("properties");
        ep.putObject("code").put("type", "string");
        ep.putObject("message").put("type", "string");
        ObjectNode detail = ep.putObject("details").put("type", "array").putObject("items");
        detail.put("type", "object");
        detail.putArray("required").add("path").add("problem");
        detail.putObject("properties").putObject("path").put("type", "string");
        ((ObjectNode) detail.get("properties")).putObject("problem").put("type", "string");
        ep.putObject("retryAfterMs").put("type", "integer").put("minimum", 0);
        return schema;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(JsonNode schema) {
        return Json.mapper().convertValue(schema, Map.class);
    }
}
