package dev.avalon.http;

import dev.avalon.core.base.Violation;
import dev.avalon.tenants.KeyCheck;
import dev.avalon.tenants.KeyRing;

import java.util.Locale;
import java.util.Objects;

/**
 * Checks the {@code Authorization: Bearer avl_…} header against the key ring. A refusal says whether
 * a key was missing, expired or revoked, but never whether a key exists: a malformed key and an unknown
 * one get the same answer.
 */
final class BearerAuth {

    /** The value of {@code WWW-Authenticate} on every 401. */
    static final String CHALLENGE_MISSING = "Bearer realm=\"avalon\"";
    static final String CHALLENGE_INVALID = "Bearer realm=\"avalon\", error=\"invalid_token\"";

    private final KeyRing keys;

    BearerAuth(KeyRing keys) {
        this.keys = Objects.requireNonNull(keys, "keys");
    }

    /** @param authorization the header's value, or {@code null} when absent */
    KeyCheck check(String authorization) {
        if (authorization == null || authorization.isBlank()) {
            return keys.check(null);
        }
        String value = authorization.trim();
        if (value.length() < 7 || !value.substring(0, 7).toLowerCase(Locale.ROOT).equals("bearer ")) {
            return new KeyCheck.Refused(KeyCheck.Reason.MALFORMED, null);
        }
        return keys.check(value.substring(7).trim());
    }

    /** The 401 refusal for {@code refused}, in Avalon's error envelope. */
    static ServerRefusal refusal(KeyCheck.Refused refused, String traceId) {
        String message = switch (refused.reason()) {
            case MISSING -> "an API key is required: Authorization: Bearer avl_…";
            // one answer for both, so a caller cannot probe which keys exist
            case MALFORMED, UNKNOWN -> "the API key is not valid";
            case EXPIRED -> "the API key has expired";
            case REVOKED -> "the API key was revoked";
        };
        return ServerRefusal.of("", traceId, ServerCodes.UNAUTHORIZED, message,
                new Violation("$header.Authorization", message));
    }

    static String challenge(KeyCheck.Refused refused) {
        return refused.reason() == KeyCheck.Reason.MISSING ? CHALLENGE_MISSING : CHALLENGE_INVALID;
    }
}
