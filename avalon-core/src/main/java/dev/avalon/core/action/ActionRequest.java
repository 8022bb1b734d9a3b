package dev.avalon.core.action;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Objects;

/**
 * A parsed request envelope.
 *
 * @param action the action name, e.g. {@code behaviour.propose_patch}
 * @param data   the action's input (an object; empty object when absent)
 * @param meta   idempotency key, trace id, actor
 */
public record ActionRequest(String action, JsonNode data, RequestMeta meta) {
    public ActionRequest {
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(meta, "meta");
    }
}
