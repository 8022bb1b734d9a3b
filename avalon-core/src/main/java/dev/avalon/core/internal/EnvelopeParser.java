package dev.avalon.core.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.avalon.core.action.ActionDefinition;
import dev.avalon.core.base.ActionError;
import dev.avalon.core.action.ActionRequest;
import dev.avalon.core.base.ErrorCode;
import dev.avalon.core.base.NearestName;
import dev.avalon.core.action.RequestMeta;
import dev.avalon.core.base.Violation;
import dev.avalon.core.json.Json;
import dev.avalon.core.json.ReadLimits;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Turns raw request bytes into an {@link ActionRequest}, or an error listing every problem with the
 * envelope. Limits are enforced while reading, so oversized or deeply nested input costs little.
 */
final class EnvelopeParser {

    private static final Set<String> TOP_FIELDS = Set.of("action", "data", "payload", "meta");
    private static final Set<String> META_FIELDS = Set.of("idempotencyKey", "traceId", "actor", "confirm");
    private static final Pattern TOKEN = Pattern.compile("^[A-Za-z0-9._:@-]{1,128}$");

    /**
     * One mapper per distinct limits for the whole process: a mapper is thread-safe once built, and
     * one per {@code Avalon} (with its factory's symbol tables and type caches) was a good part of an
     * open brain's heap. Hosts use a handful of limits at most, so the map stays small.
     */
    private static final Map<ReadLimits, ObjectMapper> MAPPERS = new ConcurrentHashMap<>();

    private final ReadLimits limits;
    private final ObjectMapper mapper;

    EnvelopeParser(ReadLimits limits) {
        this.limits = limits;
        this.mapper = MAPPERS.computeIfAbsent(limits, Json::mapper);
    }

    /** The mapper this parser reads with, for tests of the sharing. */
    ObjectMapper mapper() {
        return mapper;
    }

    /** The parse result: a request, or an error (never both). */
    record Parsed(ActionRequest request, ActionError error, String actionName) {
    }

    Parsed parse(byte[] utf8) {
        if (utf8.length > limits.maxPayloadBytes()) {
            return fail(ErrorCode.PAYLOAD_TOO_LARGE, "request is " + utf8.length + " bytes, the limit is "
                    + limits.maxPayloadBytes(), new Violation("$", "exceeds " + limits.maxPayloadBytes() + " bytes"));
        }
        boolean ascii = true;
        for (int i = 0; i < utf8.length && ascii; i++) {
            ascii = utf8[i] >= 0;
        }
        String text = null;
        if (!ascii) {
            // only bytes beyond ASCII can be malformed UTF-8; most requests are plain ASCII and skip the decoder
            try {
                text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(utf8)).toString();
            } catch (CharacterCodingException e) {
                return fail(ErrorCode.INVALID_JSON, "request is not valid UTF-8", new Violation("$", "is not valid UTF-8"));
            }
        }
        JsonNode root;
        try {
            root = text == null ? mapper.readTree(utf8) : mapper.readTree(text);
        } catch (StreamConstraintsException e) {
            return fail(ErrorCode.PAYLOAD_TOO_LARGE, "request exceeds a read limit",
                    new Violation("$", e.getOriginalMessage()));
        } catch (JsonProcessingException e) {
            return fail(ErrorCode.INVALID_JSON, "request is not valid JSON",
                    new Violation("$", e.getOriginalMessage()));
        } catch (NumberFormatException e) {
            // Jackson's answer to a number like 8e247012996435: valid JSON it cannot hold
            return fail(ErrorCode.INVALID_JSON, "request is not valid JSON",
                    new Violation("$", "holds a number that cannot be read: " + e.getMessage()));
        } catch (java.io.IOException e) {
            // reading from an array fails only as the JSON does
            return fail(ErrorCode.INVALID_JSON, "request is not valid JSON", new Violation("$", e.getMessage()));
        }
        if (root == null || root.isMissingNode()) {
            return fail(ErrorCode.INVALID_JSON, "request is empty", new Violation("$", "is empty"));
        }
        if (!root.isObject()) {
            return fail(ErrorCode.INVALID_REQUEST, "request must be a JSON object",
                    new Violation("$", "is a JSON " + root.getNodeType().name().toLowerCase() + ", not an object"));
        }
        List<Violation> problems = new ArrayList<>();
        Iterator<String> names = root.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (!TOP_FIELDS.contains(name)) {
                problems.add(new Violation("$." + name, "is not a known envelope field (action, data, payload, meta)"
                        + NearestName.hint(name, TOP_FIELDS)));
            }
        }
        JsonNode action = root.get("action");
        String actionName = action != null && action.isTextual() ? action.textValue() : "";
        if (action == null) {
            problems.add(new Violation("$.action", "is required but missing"));
        } else if (!action.isTextual()) {
            problems.add(new Violation("$.action", "must be a string"));
        } else if (!ActionDefinition.NAME.matcher(actionName).matches() || actionName.length() > 64) {
            problems.add(new Violation("$.action", "must look like <domain>.<verb>"));
        }
        JsonNode data = root.get("data");
        JsonNode payload = root.get("payload");
        if (data != null && payload != null) {
            problems.add(new Violation("$.payload", "is an alias of data; send one of them, not both"));
        }
        JsonNode body = data != null ? data : payload;
        String bodyPath = data != null ? "$.data" : "$.payload";
        if (body == null || body.isNull()) {
            body = Json.object();
        } else if (!body.isObject()) {
            problems.add(new Violation(bodyPath, "must be an object"));
        }
        RequestMeta meta = RequestMeta.EMPTY;
        JsonNode metaNode = root.get("meta");
        if (metaNode != null && !metaNode.isNull()) {
            if (!metaNode.isObject()) {
                problems.add(new Violation("$.meta", "must be an object"));
            } else {
                metaNode.fieldNames().forEachRemaining(n -> {
                    if (!META_FIELDS.contains(n)) {
                        problems.add(new Violation("$.meta." + n,
                                "is not a known meta field (idempotencyKey, traceId, actor, confirm)"
                                        + NearestName.hint(n, META_FIELDS)));
                    }
                });
                String key = token(metaNode, "idempotencyKey", problems);
                String trace = token(metaNode, "traceId", problems);
                String actor = token(metaNode, "actor", problems);
                JsonNode confirm = metaNode.get("confirm");
                if (confirm != null && !confirm.isBoolean()) {
                    problems.add(new Violation("$.meta.confirm", "must be a boolean"));
                }
                meta = new RequestMeta(key, trace, actor, confirm != null && confirm.asBoolean());
            }
        }
        if (!problems.isEmpty()) {
            return new Parsed(null, new ActionError(ErrorCode.INVALID_REQUEST, "the request envelope is invalid",
                    problems), actionName);
        }
        return new Parsed(new ActionRequest(actionName, body, meta), null, actionName);
    }

    private static String token(JsonNode meta, String field, List<Violation> problems) {
        JsonNode v = meta.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isTextual() || !TOKEN.matcher(v.textValue()).matches()) {
            problems.add(new Violation("$.meta." + field, "must be 1..128 characters of A-Z a-z 0-9 . _ : @ -"));
            return null;
        }
        return v.textValue();
    }

    private static Parsed fail(ErrorCode code, String message, Violation v) {
        return new Parsed(null, ActionError.of(code, message, v), "");
    }
}
