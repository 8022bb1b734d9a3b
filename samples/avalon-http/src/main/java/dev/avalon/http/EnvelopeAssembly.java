package dev.avalon.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.avalon.core.base.ErrorCode;
import dev.avalon.core.base.Violation;
import dev.avalon.core.json.CanonicalJson;
import dev.avalon.core.json.Json;
import dev.avalon.core.json.ReadLimits;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Turns an HTTP request into the envelope Avalon dispatches: the headers' meta merged into the body's,
 * or the body wrapped as the data of the action the path names. Avalon stays the judge of the envelope:
 * a body this class cannot read is passed on unchanged, so the refusal is Avalon's own.
 */
final class EnvelopeAssembly {

    private final ObjectMapper mapper = Json.mapper(ReadLimits.defaults());

    /** The bytes to dispatch, or the server's refusal. */
    sealed interface Assembled {
        record Dispatch(byte[] envelope) implements Assembled {
        }

        record Refused(ServerRefusal refusal) implements Assembled {
        }
    }

    /**
     * For {@code POST /v1/actions}: the body is the envelope. Header values fill the meta fields the body
     * leaves out; the body's {@code meta.traceId} and {@code meta.confirm} win over the headers, and an
     * {@code Idempotency-Key} that differs from the body's {@code meta.idempotencyKey} is refused.
     */
    Assembled envelope(byte[] body, MetaHeaders headers, String traceId) {
        JsonNode root = readOrNull(body);
        if (root == null || !root.isObject()) {
            return new Assembled.Dispatch(body);
        }
        ObjectNode envelope = (ObjectNode) root;
        JsonNode meta = envelope.get("meta");
        if (meta != null && !meta.isNull() && !meta.isObject()) {
            return new Assembled.Dispatch(body);
        }
        ObjectNode m = meta == null || meta.isNull() ? envelope.putObject("meta") : (ObjectNode) meta;
        if (headers.idempotencyKey() != null) {
            JsonNode inBody = m.get("idempotencyKey");
            if (inBody != null && !inBody.isNull() && !(inBody.isTextual()
                    && inBody.textValue().equals(headers.idempotencyKey()))) {
                String action = envelope.path("action").isTextual() ? envelope.path("action").textValue() : "";
                return new Assembled.Refused(ServerRefusal.of(action, traceId, ErrorCode.INVALID_REQUEST,
                        "the Idempotency-Key header and meta.idempotencyKey differ; send one of them, or the same",
                        new Violation("$.meta.idempotencyKey", "differs from the Idempotency-Key header")));
            }
            m.put("idempotencyKey", headers.idempotencyKey());
        }
        if (!m.has("traceId") || m.get("traceId").isNull()) {
            m.put("traceId", traceId);
        }
        if (headers.confirm() && !m.has("confirm")) {
            m.put("confirm", true);
        }
        return new Assembled.Dispatch(CanonicalJson.bytes(envelope));
    }

    /**
     * For {@code POST /v1/actions/{action}}: the body is the action's data (an empty body is {@code {}}).
     * A body that is not JSON in UTF-8 is refused here with Avalon's code for it, INVALID_JSON.
     */
    Assembled data(String action, byte[] body, MetaHeaders headers, String traceId) {
        JsonNode data;
        if (isBlank(body)) {
            data = Json.object();
        } else {
            String text;
            try {
                text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(body)).toString();
            } catch (CharacterCodingException e) {
                return new Assembled.Refused(ServerRefusal.of(action, traceId, ErrorCode.INVALID_JSON,
                        "request is not valid UTF-8", new Violation("$.data", "is not valid UTF-8")));
            }
            try {
                data = mapper.readTree(text);
            } catch (com.fasterxml.jackson.core.exc.StreamConstraintsException e) {
                return new Assembled.Refused(ServerRefusal.of(action, traceId, ErrorCode.PAYLOAD_TOO_LARGE,
                        "request exceeds a read limit", new Violation("$.data", e.getOriginalMessage())));
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                return new Assembled.Refused(ServerRefusal.of(action, traceId, ErrorCode.INVALID_JSON,
                        "request is not valid JSON", new Violation("$.data", e.getOriginalMessage())));
            }
            if (data == null || data.isMissingNode()) {
                data = Json.object();
            }
        }
        ObjectNode envelope = Json.object();
        envelope.put("action", action);
        envelope.set("data", data);
        ObjectNode meta = envelope.putObject("meta");
        if (headers.idempotencyKey() != null) {
            meta.put("idempotencyKey", headers.idempotencyKey());
        }
        meta.put("traceId", traceId);
        if (headers.confirm()) {
            meta.put("confirm", true);
        }
        return new Assembled.Dispatch(CanonicalJson.bytes(envelope));
    }

    private JsonNode readOrNull(byte[] body) {
        try {
            String text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(body)).toString();
            return mapper.readTree(text);
        } catch (CharacterCodingException | com.fasterxml.jackson.core.JsonProcessingException e) {
            return null;
        }
    }

    private static boolean isBlank(byte[] body) {
        for (byte b : body) {
            if (b != ' ' && b != '\n' && b != '\r' && b != '\t') {
                return false;
            }
        }
        return true;
    }
}
