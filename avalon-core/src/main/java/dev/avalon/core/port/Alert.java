package dev.avalon.core.port;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * Something the user should hear about.
 *
 * @param level   INFO, IMPORTANT or CRITICAL
 * @param code    stable machine name, e.g. {@code AUDIT_CHAIN_BROKEN}
 * @param message one readable sentence
 * @param at      when it was raised
 * @param details extra facts for the front end
 */
public record Alert(AlertLevel level, String code, String message, Instant at, Map<String, String> details) {
    public Alert {
        Objects.requireNonNull(level, "level");
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(at, "at");
        details = Map.copyOf(details);
    }
}
