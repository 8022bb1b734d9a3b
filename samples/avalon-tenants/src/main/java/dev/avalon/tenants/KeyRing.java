package dev.avalon.tenants;

/** Checks presented API keys, in constant time for the secret part. */
@FunctionalInterface
public interface KeyRing {

    /**
     * @param presented the key as the client sent it (e.g. the bearer token), or {@code null} when none was sent
     */
    KeyCheck check(String presented);
}
