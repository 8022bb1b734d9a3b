package dev.avalon.core.port;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The brain: a versioned directory of files. The working tree is durable but unapproved state; a
 * commit is an approved version.
 *
 * <p>Contract (checked by {@code BrainStoreContract} in avalon-testkit for every implementation):
 * <ul>
 *   <li>{@link #apply} is atomic: after it returns every change is durable; if the process dies
 *       during it, the next open shows all of its changes or none of them.</li>
 *   <li>{@link #commit} records exactly the requested paths as they are in the working tree.</li>
 *   <li>{@link #restore} never loses anything: the state before it stays reachable on a side ref.</li>
 *   <li>One writer at a time per brain; methods never return {@code null}.</li>
 * </ul>
 * Failures of the storage itself are {@link BrainStoreException}s; a path the store will not use
 * because it would lead out of the brain (a symbolic link) is an {@link UnsafeBrainPathException}
 * naming it, which Avalon answers with a typed refusal.
 */
public interface BrainStore extends BrainReader, AutoCloseable {

    /** Applies every change of one unit of work atomically and durably. */
    void apply(List<FileChange> changes);

    /** Commits the requested paths; returns the new commit. */
    CommitInfo commit(CommitRequest request);

    /**
     * Makes the working tree equal to commit {@code sha}'s files, after first recording the whole
     * current working tree (committed or not) as a commit on a new side ref.
     */
    RestoreResult restore(String sha);

    /**
     * Records the whole current working tree (committed or not) as a commit on a new side ref, as
     * {@link #restore} does first, and leaves the working tree as it is: a caller that then writes the
     * restored files itself, in one {@link #apply} with whatever must go with them, never leaves the
     * restore half done. The result's {@code restoredFrom} is HEAD and {@code changed} is empty.
     *
     * <p>This default restores HEAD and puts every file back, so it is not atomic; a store that can keep
     * the tree aside without touching it overrides it.
     */
    default RestoreResult keepAside() {
        CommitInfo head = head().orElseThrow(() -> new BrainStoreException("nothing is committed to keep the tree beside"));
        RestoreResult restored = restore(head.sha());
        Map<BrainPath, String> aside = contentHashes(restored.asideSha());
        List<FileChange> back = new ArrayList<>();
        for (BrainPath p : aside.keySet()) {
            readAt(restored.asideSha(), p).ifPresent(b -> back.add(FileChange.put(p, b)));
        }
        for (BrainPath p : list("")) {
            if (!aside.containsKey(p)) {
                back.add(FileChange.delete(p));
            }
        }
        apply(back);
        return new RestoreResult(head.sha(), restored.asideRef(), restored.asideSha(), List.of());
    }

    @Override
    void close();
}
