package dev.avalon.core.base;

import java.util.List;
import java.util.Objects;

/**
 * Thrown inside handlers and engines to refuse an action with a typed error. The dispatcher turns
 * it into a {@link ActionResult.Rejected}; it never leaves {@code Avalon.dispatch}.
 */
public final class Refusal extends RuntimeException {
    private final transient ActionError error;

    public Refusal(ActionError error) {
        super(error.code() + ": " + error.message(), null, false, false);
        this.error = Objects.requireNonNull(error, "error");
    }

    public Refusal(ErrorCode code, String message, Violation... details) {
        this(new ActionError(code, message, List.of(details)));
    }

    public Refusal(ErrorCode code, String message, List<Violation> details) {
        this(new ActionError(code, message, details));
    }

    public ActionError error() {
        return error;
    }
}
