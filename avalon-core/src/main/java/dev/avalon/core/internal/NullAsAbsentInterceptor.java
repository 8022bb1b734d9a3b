package dev.avalon.core.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.avalon.core.action.ActionInterceptor;
import dev.avalon.core.action.ActionRequest;
import dev.avalon.core.action.ActionResult;
import dev.avalon.core.action.Invocation;
import dev.avalon.core.json.Json;

import java.util.Iterator;
import java.util.Map;

/**
 * (1a) A field sent as {@code null} is a field left out. Strict tool calling makes a model send every
 * property, with {@code null} for the ones it has nothing for; deciding this once, before idempotency
 * and validation, gives such a call the same answer (and the same idempotency hash) as one that
 * leaves the fields out. A required field sent as {@code null} is therefore "required but missing".
 */
final class NullAsAbsentInterceptor implements ActionInterceptor {

    @Override
    public ActionResult intercept(Invocation invocation, Chain chain) {
        ActionRequest request = invocation.request();
        if (!containsNullField(request.data())) {
            return chain.proceed(invocation);
        }
        JsonNode data = withoutNullFields(request.data());
        return chain.proceed(invocation.withRequest(new ActionRequest(request.action(), data, request.meta())));
    }

    private static boolean containsNullField(JsonNode node) {
        if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                JsonNode value = it.next().getValue();
                if (value.isNull() || containsNullField(value)) {
                    return true;
                }
            }
        } else if (node.isArray()) {
            for (JsonNode item : node) {
                if (containsNullField(item)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static JsonNode withoutNullFields(JsonNode node) {
        if (node.isObject()) {
            ObjectNode copy = Json.object();
            node.fields().forEachRemaining(e -> {
                if (!e.getValue().isNull()) {
                    copy.set(e.getKey(), withoutNullFields(e.getValue()));
                }
            });
            return copy;
        }
        if (node.isArray()) {
            ArrayNode copy = Json.nodes().arrayNode();
            // a null item in a list is a value, not a left-out field
            node.forEach(item -> copy.add(withoutNullFields(item)));
            return copy;
        }
        return node;
    }
}
