package dev.avalon.http;

import dev.avalon.core.base.ErrorCode;
import dev.avalon.core.calendar.CalendarFeature;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The HTTP status of each error code. 400 means the request could not be read (not JSON, not an
 * envelope); 422 means it was read and its data is not acceptable; 409 means the brain's state refuses
 * it now; 503 means the brain cannot serve now. docs/HTTP.md holds the same table.
 */
public final class StatusTable {

    /** What a code no one registered with this table answers: refused, nothing changed, data not acceptable. */
    public static final int UNLISTED = 422;

    private static final Map<ErrorCode, Integer> TABLE = build();

    private StatusTable() {
    }

    private static Map<ErrorCode, Integer> build() {
        Map<ErrorCode, Integer> t = new LinkedHashMap<>();
        t.put(ErrorCode.INVALID_JSON, 400);
        t.put(ErrorCode.INVALID_REQUEST, 400);
        t.put(ServerCodes.UNAUTHORIZED, 401);
        t.put(ErrorCode.FORBIDDEN, 403);
        t.put(ErrorCode.GOVERNANCE_FORBIDDEN, 403);
        t.put(ErrorCode.CONFIRMATION_REQUIRED, 403);
        t.put(ErrorCode.UNKNOWN_ACTION, 404);
        t.put(ErrorCode.NOT_FOUND, 404);
        t.put(ServerCodes.METHOD_NOT_ALLOWED, 405);
        t.put(ErrorCode.IDEMPOTENCY_CONFLICT, 409);
        t.put(ErrorCode.QUESTION_EXPIRED, 409);
        t.put(ErrorCode.QUESTION_CLOSED, 409);
        t.put(ErrorCode.CONSENT_STALE, 409);
        t.put(ErrorCode.COMMIT_REFUSED, 409);
        t.put(ErrorCode.CONFLICT_RULES, 409);
        t.put(ErrorCode.BEHAVIOUR_INCONSISTENT, 409);
        t.put(CalendarFeature.CALENDAR_CONFLICT, 409);
        t.put(ErrorCode.PAYLOAD_TOO_LARGE, 413);
        t.put(ServerCodes.UNSUPPORTED_MEDIA_TYPE, 415);
        t.put(ErrorCode.VALIDATION_FAILED, 422);
        t.put(ErrorCode.INVALID_ANSWER, 422);
        t.put(ErrorCode.INVALID_PATCH, 422);
        t.put(ErrorCode.UNSAFE_PATCH, 422);
        t.put(ErrorCode.VERSIONING_ERROR, 422);
        t.put(ErrorCode.RATE_LIMITED, 429);
        t.put(ErrorCode.INTERNAL_ERROR, 500);
        // the host did not wire the port the action needs: this server cannot do it, asking again will not help
        t.put(ErrorCode.PORT_MISSING, 501);
        // a remote calendar the action talks to failed: the fault is upstream
        t.put(CalendarFeature.REMOTE_FAILED, 502);
        t.put(ErrorCode.DR_ACTIVE, 503);
        t.put(ErrorCode.BRAIN_FAILURE, 503);
        t.put(ServerCodes.TENANT_UNAVAILABLE, 503);
        t.put(ServerCodes.TIMEOUT, 503);
        return Map.copyOf(t);
    }

    /** The status of {@code code}; {@link #UNLISTED} for a code this table does not list. */
    public static int status(ErrorCode code) {
        return TABLE.getOrDefault(code, UNLISTED);
    }

    /** The status of {@code code} when this table lists it. */
    public static Optional<Integer> listed(ErrorCode code) {
        return Optional.ofNullable(TABLE.get(code));
    }

    /** The whole table. */
    public static Map<ErrorCode, Integer> all() {
        return TABLE;
    }
}
