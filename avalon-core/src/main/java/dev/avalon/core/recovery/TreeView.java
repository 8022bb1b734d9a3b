package dev.avalon.core.recovery;

import dev.avalon.core.port.BrainPath;
import dev.avalon.core.port.BrainReader;
import dev.avalon.core.port.BrainStore;
import dev.avalon.core.port.CommitInfo;
import dev.avalon.core.port.CommitRequest;
import dev.avalon.core.port.FileChange;
import dev.avalon.core.port.RestoreResult;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A fixed set of files seen as a brain, so that the validation of a working tree can run on a commit's
 * tree, or on the working tree as an outcome would leave it. It has no history and refuses every write.
 */
final class TreeView implements BrainStore {

    private final TreeMap<BrainPath, byte[]> files;

    private TreeView(Map<BrainPath, byte[]> files) {
        this.files = new TreeMap<>(files);
    }

    /** The files of commit {@code sha}, as {@code reader} has them. */
    static TreeView atCommit(BrainReader reader, String sha) {
        Map<BrainPath, byte[]> files = new TreeMap<>();
        for (BrainPath p : reader.contentHashes(sha).keySet()) {
            reader.readAt(sha, p).ifPresent(b -> files.put(p, b));
        }
        return new TreeView(files);
    }

    /** The working tree of {@code reader} with {@code changes} applied on top. */
    static TreeView withChanges(BrainReader reader, List<FileChange> changes) {
        Map<BrainPath, byte[]> files = new TreeMap<>();
        for (BrainPath p : reader.list("")) {
            reader.read(p).ifPresent(b -> files.put(p, b));
        }
        for (FileChange c : changes) {
            if (c instanceof FileChange.Put put) {
                files.put(c.path(), put.content());
            } else {
                files.remove(c.path());
            }
        }
        return new TreeView(files);
    }

    @Override
    public Optional<byte[]> read(BrainPath path) {
        return Optional.ofNullable(files.get(path)).map(byte[]::clone);
    }

    @Override
    public List<BrainPath> list(String folder) {
        return files.keySet().stream().filter(p -> folder.isEmpty() || p.isUnder(folder)).toList();
    }

    @Override
    public Optional<CommitInfo> head() {
        return Optional.empty();
    }

    @Override
    public List<CommitInfo> history(BrainPath path) {
        return List.of();
    }

    @Override
    public List<CommitInfo> log(int max) {
        return List.of();
    }

    @Override
    public Optional<byte[]> readAt(String sha, BrainPath path) {
        return Optional.empty();
    }

    @Override
    public List<BrainPath> uncommitted() {
        return List.of();
    }

    @Override
    public Map<BrainPath, String> contentHashes(String sha) {
        return Map.of();
    }

    @Override
    public void apply(List<FileChange> changes) {
        throw new UnsupportedOperationException("a tree view is read-only");
    }

    @Override
    public CommitInfo commit(CommitRequest request) {
        throw new UnsupportedOperationException("a tree view is read-only");
    }

    @Override
    public RestoreResult restore(String sha) {
        throw new UnsupportedOperationException("a tree view is read-only");
    }

    @Override
    public void close() {
        // nothing held
    }
}
