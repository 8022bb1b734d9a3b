package dev.avalon.http;

import java.util.Locale;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

/**
 * What a request's headers say about the envelope's {@code meta}.
 *
 * @param idempotencyKey {@code Idempotency-Key} as sent, or {@code null}
 * @param traceId        the trace id of {@code traceparent} (W3C) or else {@code X-Request-Id}, or {@code null}
 *                       when neither carries a usable one
 * @param confirm        {@code Avalon-Confirm: true}
 */
record MetaHeaders(String idempotencyKey, String traceId, boolean confirm) {

    static final String IDEMPOTENCY_KEY = "Idempotency-Key";
    static final String TRACEPARENT = "traceparent";
    static final String REQUEST_ID = "X-Request-Id";
    static final String CONFIRM = "Avalon-Confirm";
    /** The response header that echoes the trace id of the answer. */
    static final String TRACE_ID = "X-Trace-Id";

    /** version-traceid-parentid-flags; an all-zero trace id is invalid by the W3C rule. */
    private static final Pattern TRACEPARENT_FORM = Pattern.compile("[0-9a-f]{2}-([0-9a-f]{32})-[0-9a-f]{16}-[0-9a-f]{2}.*");
    /** The characters and length Avalon accepts in {@code meta.traceId}. */
    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9._:@-]{1,128}");

    /** Reads the headers through {@code header} (a name to its first value, or {@code null}). */
    static MetaHeaders from(UnaryOperator<String> header) {
        String key = header.apply(IDEMPOTENCY_KEY);
        String confirm = header.apply(CONFIRM);
        return new MetaHeaders(key, traceId(header), confirm != null && confirm.trim().equalsIgnoreCase("true"));
    }

    // infrastructure (proxies, meshes) sets these headers on its own: one that is not usable is ignored
    // rather than refused, and the request gets a fresh trace id
    private static String traceId(UnaryOperator<String> header) {
        String parent = header.apply(TRACEPARENT);
        if (parent != null) {
            var m = TRACEPARENT_FORM.matcher(parent.trim().toLowerCase(Locale.ROOT));
            if (m.matches() && !m.group(1).chars().allMatch(c -> c == '0')) {
                return m.group(1);
            }
        }
        String requestId = header.apply(REQUEST_ID);
        if (requestId != null && TOKEN.matcher(requestId.trim()).matches()) {
            return requestId.trim();
        }
        return null;
    }
}
