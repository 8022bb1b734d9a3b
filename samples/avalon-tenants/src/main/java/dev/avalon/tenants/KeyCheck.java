package dev.avalon.tenants;

import java.util.Objects;

/** The outcome of checking a presented API key. */
public sealed interface KeyCheck {

    /** The key is valid now. */
    record Granted(KeyGrant grant) implements KeyCheck {
        public Granted {
            Objects.requireNonNull(grant, "grant");
        }
    }

    /**
     * The key does not open anything.
     *
     * @param keyId the key's public id when the key was well formed and known, else {@code null}
     */
    record Refused(Reason reason, String keyId) implements KeyCheck {
        public Refused {
            Objects.requireNonNull(reason, "reason");
        }
    }

    /** Why a key was refused; every reason is a 401 to an HTTP client. */
    enum Reason {
        /** No key was presented. */
        MISSING,
        /** Not an Avalon key: wrong prefix, length or checksum. */
        MALFORMED,
        /** Well formed, but no such key is stored. */
        UNKNOWN,
        /** The key's expiry (or its rotation overlap) has passed. */
        EXPIRED,
        /** The key was revoked. */
        REVOKED
    }
}
