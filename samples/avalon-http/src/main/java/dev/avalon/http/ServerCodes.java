package dev.avalon.http;

import dev.avalon.core.base.ErrorCode;

import java.util.List;

/**
 * The error codes the HTTP server itself answers with, before or around Avalon: they share Avalon's
 * error envelope and wire style, so a client handles one shape.
 */
public final class ServerCodes {

    /** No API key, or one that does not open anything (401). */
    public static final ErrorCode UNAUTHORIZED = ErrorCode.of("UNAUTHORIZED");

    /** The route exists, the method does not (405). */
    public static final ErrorCode METHOD_NOT_ALLOWED = ErrorCode.of("METHOD_NOT_ALLOWED");

    /** The body is not {@code application/json} in UTF-8 (415). */
    public static final ErrorCode UNSUPPORTED_MEDIA_TYPE = ErrorCode.of("UNSUPPORTED_MEDIA_TYPE");

    /** The tenant's brain cannot be opened now, e.g. another process holds it (503). */
    public static final ErrorCode TENANT_UNAVAILABLE = ErrorCode.of("TENANT_UNAVAILABLE");

    /** The action did not finish within the request time limit; it may still finish (503). */
    public static final ErrorCode TIMEOUT = ErrorCode.of("TIMEOUT");

    private ServerCodes() {
    }

    /** Every code above. */
    public static List<ErrorCode> all() {
        return List.of(UNAUTHORIZED, METHOD_NOT_ALLOWED, UNSUPPORTED_MEDIA_TYPE, TENANT_UNAVAILABLE, TIMEOUT);
    }
}
