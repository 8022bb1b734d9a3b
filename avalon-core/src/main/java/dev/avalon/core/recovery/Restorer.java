package dev.avalon.core.recovery;

import dev.avalon.core.port.RestoreResult;

/**
 * Puts a committed version's content back into the working tree for a SAFE_RESTORE. The kernel's
 * implementation keeps the whole working tree aside first ({@code BrainStore.restore}) and then puts
 * back the working state that commits never hold ({@code state/}) and, when {@code keepAudit}, the audit
 * log, so the evidence goes on from where it was.
 */
@FunctionalInterface
public interface Restorer {
    RestoreResult restore(String sha, boolean keepAudit);
}
