package dev.avalon.tenants;

import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * One stored key: never the key itself, only its SHA-256 and what it grants.
 *
 * @param id           the public id (the first characters of the key's random part)
 * @param sha256       SHA-256 of the whole key text, lowercase hex
 * @param tenant       the tenant whose brain it opens
 * @param scopes       Avalon action scopes
 * @param createdAt    when it was issued
 * @param expiresAt    when it stops working
 * @param revokedAt    when it was revoked, or {@code null}
 * @param replacedBy   the id of the key it was rotated to, or {@code null}
 * @param overlapUntil when a rotated key stops working (at the latest {@code expiresAt}), or {@code null}
 */
public record KeyRecord(String id, String sha256, String tenant, Set<String> scopes, Instant createdAt,
                        Instant expiresAt, Instant revokedAt, String replacedBy, Instant overlapUntil) {

    public KeyRecord {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(sha256, "sha256");
        if (sha256.length() != 64) {
            throw new IllegalArgumentException("key " + id + ": sha256 is not 64 hex digits");
        }
        HexFormat.of().parseHex(sha256);
        tenant = new Tenant(tenant).id();
        scopes = Set.copyOf(scopes);
        if (scopes.isEmpty()) {
            throw new IllegalArgumentException("key " + id + " has no scope");
        }
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(expiresAt, "expiresAt");
        if ((replacedBy == null) != (overlapUntil == null)) {
            throw new IllegalArgumentException("key " + id + ": replacedBy and overlapUntil go together");
        }
    }

    /** The scopes in order, for listing. */
    public List<String> sortedScopes() {
        return List.copyOf(new TreeSet<>(scopes));
    }

    /** When the key stops working, revocation aside: its expiry, or the end of its rotation overlap if sooner. */
    public Instant worksUntil() {
        return overlapUntil != null && overlapUntil.isBefore(expiresAt) ? overlapUntil : expiresAt;
    }

    /** Where the key stands at {@code now}. */
    public KeyState state(Instant now) {
        if (revokedAt != null) {
            return KeyState.REVOKED;
        }
        if (!now.isBefore(worksUntil())) {
            return KeyState.EXPIRED;
        }
        return replacedBy != null ? KeyState.ROTATING : KeyState.ACTIVE;
    }

    KeyRecord revoked(Instant at) {
        return new KeyRecord(id, sha256, tenant, scopes, createdAt, expiresAt, at, replacedBy, overlapUntil);
    }

    KeyRecord rotatedTo(String newId, Instant until) {
        Instant end = until.isBefore(expiresAt) ? until : expiresAt;
        return new KeyRecord(id, sha256, tenant, scopes, createdAt, expiresAt, revokedAt, newId, end);
    }
}
