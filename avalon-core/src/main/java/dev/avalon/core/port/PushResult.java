package dev.avalon.core.port;

import java.util.Objects;

/**
 * What a push did.
 *
 * @param status  the outcome
 * @param head    the local commit that was to be pushed, empty before the first commit
 * @param message what the remote or the transport said, empty when pushed
 */
public record PushResult(Status status, String head, String message) {

    /** How a push ended. */
    public enum Status {
        /** The remote now has the head (or had it already). */
        PUSHED,
        /** The remote refused: it has commits the brain does not (non-fast-forward) or refuses writes. */
        REJECTED,
        /** The remote could not be reached or the transfer broke off; worth retrying. */
        FAILED
    }

    public PushResult {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(head, "head");
        Objects.requireNonNull(message, "message");
    }
}
