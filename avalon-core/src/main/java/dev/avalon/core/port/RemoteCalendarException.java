package dev.avalon.core.port;

import dev.avalon.core.AvalonException;
import java.util.Objects;

/** The remote calendar refused or failed; {@link #kind()} says how, so callers can react without parsing text. */
public class RemoteCalendarException extends AvalonException {

    /** How a remote call failed. */
    public enum Kind {
        /** The ETag was stale (HTTP 412): someone changed the event; re-read and report. */
        CONFLICT,
        /** No such event (HTTP 404). */
        NOT_FOUND,
        /** Still rate-limited after the retries allowed (HTTP 403 usageLimits / 429). */
        RATE_LIMITED,
        /** Credentials were refused and could not be refreshed (HTTP 401, OAuth error). */
        UNAUTHORIZED,
        /** The remote rejected the request as malformed (HTTP 400). */
        BAD_REQUEST,
        /** The remote or the network is down (5xx, I/O). */
        UNAVAILABLE
    }

    private final Kind kind;

    public RemoteCalendarException(Kind kind, String message) {
        super(message);
        this.kind = Objects.requireNonNull(kind, "kind");
    }

    public RemoteCalendarException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = Objects.requireNonNull(kind, "kind");
    }

    public Kind kind() {
        return kind;
    }
}
