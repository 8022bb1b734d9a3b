package dev.avalon.core.base;

import java.util.List;
import java.util.Objects;

/**
 * Why an action was not carried out.
 *
 * @param code    stable machine code
 * @param message one readable sentence
 * @param details every violation found, not only the first
 */
public record ActionError(ErrorCode code, String message, List<Violation> details) {
    public ActionError {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(message, "message");
        details = List.copyOf(details);
    }

    public static ActionError of(ErrorCode code, String message, Violation... details) {
        return new ActionError(code, message, List.of(details));
    }
}
