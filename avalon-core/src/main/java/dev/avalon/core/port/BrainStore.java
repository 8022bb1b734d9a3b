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
 * Failures of the storage itself are {@link BrainStoreException}s.
 */
public interface BrainStore extends AutoCloseable {

    /** The working-tree contents of {@code path}, if the file exists. */
    Optional<byte[]> read(BrainPath path);

    /** Working-tree files under {@code folder} (recursively), sorted; an empty string lists all. */
    List<BrainPath> list(String folder);

    /** Applies every change of one unit of work atomically and durably. */
    void apply(List<FileChange> changes);

    /** The current HEAD commit, empty before the first commit. */
    Optional<CommitInfo> head();

    /** Commits touching {@code path}, newest first. */
    List<CommitInfo> history(BrainPath path);

    /** The last {@code max} commits of the main line, newest first. */
    List<CommitInfo> log(int max);

    /** {@code path} as it was in commit {@code sha}, empty if it did not exist there. */
    Optional<byte[]> readAt(String sha, BrainPath path);

    /** Working-tree paths whose contents differ from HEAD (added, changed or deleted), sorted. */
    List<BrainPath> uncommitted();

    /** Commits the requested paths; returns the new commit. */
    CommitInfo commit(CommitRequest request);

    /**
     * Re-reads commit {@code sha}'s tree and returns the lower-case hex SHA-256 of the contents of
     * every file in it (not git's object ids), so a caller can compare them with what it meant to commit.
     */
    Map<BrainPath, String> contentHashes(String sha);

    /**
     * Makes the working tree equal to commit {@code sha}'s files, after first recording the whole
     * current working tree (committed or not) as a commit on a new side ref.
     */
    RestoreResult restore(String sha);

    @Override
    void close();
}
