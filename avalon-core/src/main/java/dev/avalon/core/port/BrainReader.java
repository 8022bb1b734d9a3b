package dev.avalon.core.port;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What can be read of a brain: its working tree and its history. {@link BrainStore} adds the writes;
 * a host that holds only this view cannot change a brain behind the unit of work's back.
 * Methods never return {@code null}.
 */
public interface BrainReader {

    /** The working-tree contents of {@code path}, if the file exists. */
    Optional<byte[]> read(BrainPath path);

    /** Working-tree files under {@code folder} (recursively), sorted; an empty string lists all. */
    List<BrainPath> list(String folder);

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

    /**
     * Re-reads commit {@code sha}'s tree and returns the lower-case hex SHA-256 of the contents of
     * every file in it (not git's object ids), so a caller can compare them with what it meant to commit.
     */
    Map<BrainPath, String> contentHashes(String sha);

    /**
     * A cheap token for the current content of {@code path}: while two calls return equal stamps, the
     * file's content has not changed, so a reader may reuse what it derived from it without reading it
     * again. A store that cannot tell cheaply (or at all, for a file changed within its clock's
     * granularity) returns empty, and the reader reads. Absent files have a stamp too.
     */
    default Optional<Object> stamp(BrainPath path) {
        return Optional.empty();
    }

    /**
     * As {@link #stamp}, for the listing of {@code folder}: while two calls return equal stamps,
     * {@link #list} of that folder returns the same paths. Empty when the store cannot tell cheaply.
     */
    default Optional<Object> folderStamp(String folder) {
        return Optional.empty();
    }
}
