package dev.avalon.core.port;

import dev.avalon.core.base.AvalonException;
import java.util.Objects;
import java.util.Optional;

/** The remote calendar refused or failed; {@link #kind()} says how, so callers can react without parsing text. */
public class RemoteCalendarException extends AvalonException {

    /** How a remote call failed. */
    public enum Kind {
        /** The ETag was stale (HTTP 412): someone changed the event; re-read and report. */
        CONFLICT,
        /** No such event (HTTP 404). */
        NOT_FOUND,
        /** Still rate-limited after the retries allowed (HTTP 429, or 403 rateLimitExceeded / userRateLimitExceeded). */
        RATE_LIMITED,
        /**
         * A quota that no quick retry refills is spent (Google: HTTP 403 dailyLimitExceeded, quotaExceeded): wait
         * for the remote to lift it, hours rather than seconds.
         */
        QUOTA_EXHAUSTED,
        /**
         * The remote refuses the client until its setup changes, e.g. the API is not enabled for the client's
         * project (Google: HTTP 403 accessNotConfigured); retrying does not help.
         */
        NOT_CONFIGURED,
        /** Credentials were refused and could not be refreshed (HTTP 401, OAuth error). */
        UNAUTHORIZED,
        /** The remote rejected the request as malformed (HTTP 400). */
        BAD_REQUEST,
        /** The remote or the network is down (5xx, I/O). */
        UNAVAILABLE
    }

    private final Kind kind;
    // transient: the event is for the caller in this process, not for serialised exceptions
    private final transient RemoteEvent current;

    public RemoteCalendarException(Kind kind, String message) {
        super(message);
        this.kind = Objects.requireNonNull(kind, "kind");
        this.current = null;
    }

    public RemoteCalendarException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = Objects.requireNonNull(kind, "kind");
        this.current = null;
    }

    private RemoteCalendarException(String message, RemoteEvent current) {
        super(message);
        this.kind = Kind.CONFLICT;
        this.current = current;
    }

    /**
     * A stale ETag: the event was changed remotely. {@code current} is the event as re-read after the
     * refusal (cancelled when it was deleted meanwhile), or {@code null} when it could not be re-read.
     */
    public static RemoteCalendarException conflict(String message, RemoteEvent current) {
        return new RemoteCalendarException(message, current);
    }

    /** For a {@code CONFLICT}: the event as the remote holds it now, so the caller can report what changed. */
    public Optional<RemoteEvent> current() {
        return Optional.ofNullable(current);
    }

    public Kind kind() {
        return kind;
    }
}
