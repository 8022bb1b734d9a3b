package dev.avalon.core.action;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.avalon.core.json.Json;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The catalogue as an OpenAPI 3.1 document for an HTTP front end: {@code POST /v1/actions/<action>}
 * per action, whose body is the action's {@code data} and whose answer is Avalon's envelope.
 *
 * <p>A 200 answer is the success envelope {@code {ok: true, action, traceId, durationMs, data, ask?,
 * alerts?}} with {@code data} the action's result; a refusal is the error envelope {@code {ok: false,
 * action, traceId, error: {code, message, details[], retryAfterMs?}}}, one component under 400
 * (malformed or invalid data), 403 (scope, governance, confirmation), 404 (unknown action or thing),
 * 409 (state: closed question, stale consent, refused commit, DR), 429 (rate limit) and default.
 * Every description is cut to {@value CatalogExport#OPENAPI_DESCRIPTION_MAX} characters.
 */
final class OpenApiExport {

    static final String PATH_PREFIX = "/v1/actions/";
    private static final String ENVELOPE_REF = "#/components/responses/Refused";
    private static final List<String> REFUSAL_STATUSES = List.of("400", "403", "404", "409", "429", "default");

    private OpenApiExport() {
    }

    static JsonNode document(ActionCatalog catalog) {
        ObjectNode root = Json.object();
        root.put("openapi", "3.1.0");
        ObjectNode info = root.putObject("info");
        info.put("title", "Avalon actions");
        // the version of the wire contract, the same as the path's v1
        info.put("version", "1");
        info.put("description", "One operation per action. The body is the action's data; the answer is Avalon's "
                + "envelope: ok true with data, or ok false with error {code, message, details}.");
        ObjectNode paths = root.putObject("paths");
        for (ActionDefinition d : catalog.all()) {
            paths.putObject(PATH_PREFIX + d.name()).set("post", operation(d));
        }
        root.set("components", components());
        shortenDescriptions(root);
        return root;
    }

    private static ObjectNode operation(ActionDefinition d) {
        ObjectNode op = Json.object();
        op.put("operationId", CatalogExport.toolName(d.name()));
        op.put("summary", CatalogExport.shorten(d.description(), 120));
        op.put("description", d.description());
        op.putArray("tags").add(d.name().substring(0, d.name().indexOf('.')));
        ObjectNode body = op.putObject("requestBody");
        body.put("required", true);
        body.putObject("content").putObject("application/json").set("schema",
                ToolSchema.of(d.dataSchema(), ToolSchema.Dialect.OPEN));
        ObjectNode responses = op.putObject("responses");
        ObjectNode ok = responses.putObject("200");
        ok.put("description", "Done: ok is true and data is the result.");
        ok.putObject("content").putObject("application/json").set("schema", success(d));
        for (String status : REFUSAL_STATUSES) {
            responses.putObject(status).put("$ref", ENVELOPE_REF);
        }
        op.put("x-avalon-scope", d.scope());
        op.put("x-avalon-effect", d.effect().name());
        op.put("x-avalon-needs-confirmation", d.highRisk());
        return op;
    }

    private static ObjectNode success(ActionDefinition d) {
        ObjectNode s = Json.object();
        s.put("type", "object");
        s.putArray("required").add("ok").add("action").add("traceId").add("data");
        ObjectNode props = s.putObject("properties");
        props.putObject("ok").put("const", true);
        props.putObject("action").put("const", d.name());
        props.putObject("traceId").put("type", "string");
        props.putObject("durationMs").put("type", "integer").put("minimum", 0);
        props.set("data", ToolSchema.of(d.resultSchema(), ToolSchema.Dialect.OPEN));
        ObjectNode ask = props.putObject("ask");
        ask.put("type", "array").put("description", "Questions for the user, each answered by question.answer.");
        ask.putObject("items").put("type", "object");
        ObjectNode alerts = props.putObject("alerts");
        alerts.put("type", "array");
        alerts.putObject("items").put("type", "object");
        return s;
    }

    private static ObjectNode components() {
        ObjectNode components = Json.object();
        ObjectNode schemas = components.putObject("schemas");

        ObjectNode violation = schemas.putObject("Violation");
        violation.put("type", "object");
        violation.putArray("required").add("path").add("problem");
        ObjectNode vp = violation.putObject("properties");
        vp.putObject("path").put("type", "string").put("description", "The offending field, e.g. $.data.amount.");
        vp.putObject("problem").put("type", "string");

        ObjectNode error = schemas.putObject("Error");
        error.put("type", "object");
        error.putArray("required").add("code").add("message").add("details");
        ObjectNode ep = error.putObject("properties");
        ep.putObject("code").put("type", "string").put("description", "A stable code such as VALIDATION_FAILED, "
                + "FORBIDDEN, NOT_FOUND, RATE_LIMITED, QUESTION_CLOSED, COMMIT_REFUSED or DR_ACTIVE.");
        ep.putObject("message").put("type", "string");
        ObjectNode details = ep.putObject("details");
        details.put("type", "array");
        details.putObject("items").put("$ref", "#/components/schemas/Violation");
        ep.putObject("retryAfterMs").put("type", "integer").put("minimum", 0);

        ObjectNode envelope = schemas.putObject("ErrorEnvelope");
        envelope.put("type", "object");
        envelope.putArray("required").add("ok").add("action").add("error");
        ObjectNode nv = envelope.putObject("properties");
        nv.putObject("ok").put("const", false);
        nv.putObject("action").put("type", "string");
        nv.putObject("traceId").put("type", "string");
        nv.putObject("error").put("$ref", "#/components/schemas/Error");

        ObjectNode refused = components.putObject("responses").putObject("Refused");
        refused.put("description", "Refused: ok is false and error names the code and every offending field.");
        refused.putObject("content").putObject("application/json").putObject("schema")
                .put("$ref", "#/components/schemas/ErrorEnvelope");
        return components;
    }

    /** Cuts every description and summary in the tree, schemas included. */
    private static void shortenDescriptions(JsonNode node) {
        if (node.isArray()) {
            node.forEach(OpenApiExport::shortenDescriptions);
            return;
        }
        if (!node.isObject()) {
            return;
        }
        ObjectNode object = (ObjectNode) node;
        List<Map.Entry<String, JsonNode>> fields = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
            fields.add(it.next());
        }
        for (Map.Entry<String, JsonNode> f : fields) {
            if ((f.getKey().equals("description") || f.getKey().equals("summary")) && f.getValue().isTextual()) {
                object.set(f.getKey(), TextNode.valueOf(CatalogExport.shorten(f.getValue().textValue(),
                        CatalogExport.OPENAPI_DESCRIPTION_MAX)));
            } else {
                shortenDescriptions(f.getValue());
            }
        }
    }
}
