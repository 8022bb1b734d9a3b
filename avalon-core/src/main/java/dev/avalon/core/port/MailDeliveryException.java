package dev.avalon.core.port;

import dev.avalon.core.base.AvalonException;

/** Mail could not be delivered. {@link #transientFailure()} tells whether retrying later may succeed. */
public class MailDeliveryException extends AvalonException {

    private final boolean transientFailure;

    public MailDeliveryException(String message, boolean transientFailure, Throwable cause) {
        super(message, cause);
        this.transientFailure = transientFailure;
    }

    public boolean transientFailure() {
        return transientFailure;
    }
}
