package dev.avalon.core.recovery;

import dev.avalon.core.port.RestoreResult;

/**
 * Keeps the whole working tree aside for a SAFE_RESTORE ({@code BrainStore.keepAside}) before the
 * restored files are written, with everything that goes with them, as one unit of work.
 */
@FunctionalInterface
public interface Restorer {
    RestoreResult keepAside();
}
