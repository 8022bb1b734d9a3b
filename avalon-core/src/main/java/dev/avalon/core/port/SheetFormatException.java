package dev.avalon.core.port;

import dev.avalon.core.base.AvalonException;

/** A sheet could not be read back, or what it holds is inconsistent; the message names the cell or part. */
public class SheetFormatException extends AvalonException {
    public SheetFormatException(String message) {
        super(message);
    }

    public SheetFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
