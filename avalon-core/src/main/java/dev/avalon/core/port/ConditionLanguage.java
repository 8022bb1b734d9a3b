package dev.avalon.core.port;

import java.util.Map;

/**
 * A sandboxed expression language for the conditions of automations (the CEL adapter,
 * {@code avalon-cel}). An expression sees only the facts it is given: no reflection, no I/O, no
 * clock, and bounded work.
 *
 * <p>Facts are plain values: {@code String}, {@code Long}, {@code Double}, {@code Boolean},
 * {@code java.util.List} and {@code java.util.Map<String, ?>} of those. The names an expression may use
 * are {@link #VARIABLES}: {@code event} (name, data, at), {@code now} (date, time, hour, minute,
 * weekday, instant in the user's zone), {@code brain} (counts the CONDITION trigger checks) and
 * {@code automation} (id, name).
 *
 * <p>Contract (checked by {@code ConditionLanguageContract} in avalon-testkit): a source longer than
 * {@link #MAX_SOURCE} characters, one that does not parse, or one that uses an unknown name is refused
 * by {@link #compile} with a {@link ConditionException}; evaluation answers a boolean or throws a
 * {@link ConditionException} (a non-boolean result, a missing fact, a limit reached), never anything else.
 */
public interface ConditionLanguage {

    /** Longest condition, in characters. */
    int MAX_SOURCE = 1000;

    /** The names an expression may use. */
    java.util.List<String> VARIABLES = java.util.List.of("event", "now", "brain", "automation");

    /** Parses and checks {@code source}. */
    Condition compile(String source);

    /** A compiled condition; may be evaluated many times. */
    @FunctionalInterface
    interface Condition {
        /** Whether the condition holds for {@code facts}. */
        boolean evaluate(Map<String, Object> facts);
    }

    /** Why a condition was refused or could not be evaluated; the message is for the user. */
    final class ConditionException extends RuntimeException {
        public ConditionException(String message) {
            super(message);
        }

        public ConditionException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
