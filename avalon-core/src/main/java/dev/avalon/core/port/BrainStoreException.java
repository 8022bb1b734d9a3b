package dev.avalon.core.port;

import dev.avalon.core.base.AvalonException;

/** The brain's storage failed (disk, repository, lock); a machinery failure, not bad input. */
public class BrainStoreException extends AvalonException {
    public BrainStoreException(String message) {
        super(message);
    }

    public BrainStoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
