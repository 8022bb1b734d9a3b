package dev.avalon.core.port;

import java.util.Optional;

/**
 * The host's secret for sealing a brain's evidence: the audit head, the last commit Avalon made and
 * the hash of behaviour.avl are bound by an HMAC-SHA256 under this key in
 * {@code state/audit-head.json}. Unkeyed hashes can be recomputed by anyone who can write the brain's
 * folder; a key kept outside the folder cannot, so a sealed brain tells a rewritten history (a
 * {@code reset --hard} with a matching head file, a forged but correctly hashed audit tail) from its own.
 *
 * <p>Empty means the brain is unsealed. That is weaker: whoever can write the folder and its git
 * history can then rewrite both consistently. A host that has a key for a brain must keep giving it:
 * a sealed brain refuses to open without its key, and a brain whose host has a key refuses a missing
 * seal.
 */
@FunctionalInterface
public interface SealKeys {

    /**
     * The key for the brain whose id is {@code brainId} (the hash of its first audit entry), or empty
     * to leave it unsealed. At least 32 bytes are advised.
     */
    Optional<byte[]> keyFor(String brainId);

    /** No key for any brain: every brain is unsealed. */
    static SealKeys none() {
        return brainId -> Optional.empty();
    }
}
