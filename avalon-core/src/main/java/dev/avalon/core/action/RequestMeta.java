package dev.avalon.core.action;

/**
 * The envelope's {@code meta}. Every field may be {@code null}.
 *
 * @param idempotencyKey a replay with the same key returns the stored response
 * @param traceId        correlates logs, audit and response; generated when absent
 * @param actor          who the front end says is acting (recorded in the audit log)
 * @param confirm        explicit confirmation for high-risk actions
 */
public record RequestMeta(String idempotencyKey, String traceId, String actor, boolean confirm) {
    public static final RequestMeta EMPTY = new RequestMeta(null, null, null, false);

    public RequestMeta withTraceId(String id) {
        return new RequestMeta(idempotencyKey, id, actor, confirm);
    }
}
