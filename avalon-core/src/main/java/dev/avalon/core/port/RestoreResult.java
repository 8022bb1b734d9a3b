package dev.avalon.core.port;

import java.util.List;
import java.util.Objects;

/**
 * What a restore did.
 *
 * @param restoredFrom the commit whose files are now in the working tree
 * @param asideRef     the ref that keeps the state from before the restore (e.g. {@code refs/avalon/dr/…})
 * @param asideSha     the commit that ref points at; it holds every working-tree file as it was
 * @param changed      paths whose working-tree contents the restore changed or removed
 */
public record RestoreResult(String restoredFrom, String asideRef, String asideSha, List<BrainPath> changed) {
    public RestoreResult {
        Objects.requireNonNull(restoredFrom, "restoredFrom");
        Objects.requireNonNull(asideRef, "asideRef");
        Objects.requireNonNull(asideSha, "asideSha");
        changed = List.copyOf(changed);
    }
}
