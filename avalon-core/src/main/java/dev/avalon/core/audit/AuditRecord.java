package dev.avalon.core.audit;

import com.fasterxml.jackson.databind.JsonNode;
import dev.avalon.core.json.Json;

import java.util.Objects;

/**
 * What an engine asks to have audited. It has no place in the chain yet: the unit of work gives it a
 * timestamp, a sequence number and hashes when it turns it into an {@link AuditEntry}.
 *
 * <pre>{@code
 * out.audit(new AuditRecord("governance.patch_applied", ctx.actor(), ctx.traceId(), log));
 * }</pre>
 *
 * @param type    what happened, dotted lower case, for example {@code governance.patch_applied}
 * @param actor   who caused it ({@code user}, {@code ml}, {@code scheduler}, …)
 * @param traceId the request's trace id; may be {@code null} (written as JSON {@code null})
 * @param data    the details, a JSON object; {@code null} or a JSON null is taken as {@code {}}.
 *                The record keeps its own copy, so later changes to the caller's tree are not audited.
 */
public record AuditRecord(String type, String actor, String traceId, JsonNode data) {

    public AuditRecord {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(actor, "actor");
        if (type.isBlank()) {
            throw new IllegalArgumentException("type must not be blank");
        }
        data = objectCopy(data);
    }

    /** A copy of the details; changing it does not change the record. */
    @Override
    public JsonNode data() {
        return data.deepCopy();
    }

    static JsonNode objectCopy(JsonNode data) {
        if (data == null || data.isNull() || data.isMissingNode()) {
            return Json.object();
        }
        if (!data.isObject()) {
            throw new IllegalArgumentException("data must be a JSON object, was " + data.getNodeType());
        }
        return data.deepCopy();
    }
}
