package dev.avalon.core.base;

import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * Why an action was not carried out.
 *
 * @param code         stable machine code
 * @param message      one readable sentence
 * @param details      every violation found, not only the first
 * @param retryAfterMs for {@code RATE_LIMITED}: milliseconds until a retry can succeed; otherwise null
 */
public record ActionError(ErrorCode code, String message, List<Violation> details, Long retryAfterMs) {
    public ActionError {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(message, "message");
        details = List.copyOf(details);
        if (retryAfterMs != null && retryAfterMs < 0) {
            throw new IllegalArgumentException("retryAfterMs must not be negative");
        }
    }

    /** An error without a retry hint. */
    public ActionError(ErrorCode code, String message, List<Violation> details) {
        this(code, message, details, null);
    }

    public static ActionError of(ErrorCode code, String message, Violation... details) {
        return new ActionError(code, message, List.of(details));
    }

    /** How long to wait before retrying, when the error says. */
    public OptionalLong retryAfter() {
        return retryAfterMs == null ? OptionalLong.empty() : OptionalLong.of(retryAfterMs);
    }
}
