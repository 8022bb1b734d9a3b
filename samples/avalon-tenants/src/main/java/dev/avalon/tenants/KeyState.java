package dev.avalon.tenants;

/** Where a stored key stands at a given moment. */
public enum KeyState {
    /** It opens its tenant's brain. */
    ACTIVE,
    /** It was rotated and still works until its overlap ends. */
    ROTATING,
    /** Its expiry or its rotation overlap has passed. */
    EXPIRED,
    /** It was revoked. */
    REVOKED
}
