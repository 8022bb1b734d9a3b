package dev.avalon.core.port;

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

    @Override
    void close();
}
