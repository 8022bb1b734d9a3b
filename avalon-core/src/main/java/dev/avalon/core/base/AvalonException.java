package dev.avalon.core.base;

/**
 * Root of the unchecked exceptions Avalon throws for failures of its machinery (storage, a port,
 * a broken invariant). Bad input is never an exception: it is a {@code Rejected} result.
 */
public class AvalonException extends RuntimeException {
    public AvalonException(String message) {
        super(message);
    }

    public AvalonException(String message, Throwable cause) {
        super(message, cause);
    }
}
