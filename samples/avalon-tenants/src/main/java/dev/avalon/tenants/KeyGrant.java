package dev.avalon.tenants;

import dev.avalon.core.action.Caller;

import java.time.Instant;
import java.util.Objects;
import java.util.Set;

/**
 * What a valid API key grants, as a server learns it after checking the key. Never holds the secret.
 *
 * @param keyId     the key's public id (its lookup prefix), safe to log
 * @param tenant    the tenant whose brain the key opens
 * @param scopes    Avalon action scopes, e.g. {@code calendar:read}, {@code finance:*} or {@code *}
 * @param expiresAt when the key stops working
 */
public record KeyGrant(String keyId, String tenant, Set<String> scopes, Instant expiresAt) {

    /** The servlet request attribute under which an HTTP server's authentication leaves the grant for the handlers. */
    public static final String REQUEST_ATTRIBUTE = KeyGrant.class.getName();

    public KeyGrant {
        Objects.requireNonNull(keyId, "keyId");
        Objects.requireNonNull(tenant, "tenant");
        scopes = Set.copyOf(scopes);
        Objects.requireNonNull(expiresAt, "expiresAt");
    }

    /** The caller Avalon authorizes each action against. */
    public Caller caller() {
        return new Caller("key:" + keyId, scopes);
    }
}
