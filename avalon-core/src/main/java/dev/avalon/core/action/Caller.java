package dev.avalon.core.action;

import java.util.Objects;
import java.util.Set;

/**
 * Who is calling, as the host has authenticated it. Avalon does not authenticate; it authorizes
 * each action against {@link #scopes()}.
 *
 * @param id     stable caller id (rate limits are per caller)
 * @param scopes granted scopes, e.g. {@code behaviour:write}; {@code *} grants all
 */
public record Caller(String id, Set<String> scopes) {
    public Caller {
        Objects.requireNonNull(id, "id");
        scopes = Set.copyOf(scopes);
    }

    /** The single local user of an embedded Avalon: every scope. */
    public static Caller owner() {
        return new Caller("owner", Set.of("*"));
    }

    public boolean may(String scope) {
        return scopes.contains("*") || scopes.contains(scope)
                || scopes.contains(scope.substring(0, Math.max(0, scope.indexOf(':'))) + ":*");
    }
}
