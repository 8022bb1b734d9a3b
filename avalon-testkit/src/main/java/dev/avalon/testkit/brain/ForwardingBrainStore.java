package dev.avalon.testkit.brain;

import dev.avalon.core.port.BrainPath;
import dev.avalon.core.port.BrainStore;
import dev.avalon.core.port.CommitInfo;
import dev.avalon.core.port.CommitRequest;
import dev.avalon.core.port.FileChange;
import dev.avalon.core.port.RestoreResult;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A {@link BrainStore} that passes every call to another, for tests that change one behaviour of a
 * real store (fail a commit, count writes, stop the process at a chosen write) and keep the rest:
 * override the calls to change, e.g.
 *
 * <pre>{@code
 * BrainStore failing = new ForwardingBrainStore(new InMemoryBrainStore()) {
 *     @Override
 *     public CommitInfo commit(CommitRequest request) {
 *         throw new IllegalStateException("the process stops before the commit");
 *     }
 * };
 * }</pre>
 */
public abstract class ForwardingBrainStore implements BrainStore {

    private final BrainStore delegate;

    protected ForwardingBrainStore(BrainStore delegate) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
    }

    /** The store every call goes to. */
    protected BrainStore delegate() {
        return delegate;
    }

    @Override
    public Optional<byte[]> read(BrainPath path) {
        return delegate.read(path);
    }

    @Override
    public List<BrainPath> list(String folder) {
        return delegate.list(folder);
    }

    @Override
    public Optional<Object> stamp(BrainPath path) {
        return delegate.stamp(path);
    }

    @Override
    public Optional<Object> folderStamp(String folder) {
        return delegate.folderStamp(folder);
    }

    @Override
    public void apply(List<FileChange> changes) {
        delegate.apply(changes);
    }

    @Override
    public Optional<CommitInfo> head() {
        return delegate.head();
    }

    @Override
    public List<CommitInfo> history(BrainPath path) {
        return delegate.history(path);
    }

    @Override
    public List<CommitInfo> log(int max) {
        return delegate.log(max);
    }

    @Override
    public Optional<byte[]> readAt(String sha, BrainPath path) {
        return delegate.readAt(sha, path);
    }

    @Override
    public List<BrainPath> uncommitted() {
        return delegate.uncommitted();
    }

    @Override
    public CommitInfo commit(CommitRequest request) {
        return delegate.commit(request);
    }

    @Override
    public Map<BrainPath, String> contentHashes(String sha) {
        return delegate.contentHashes(sha);
    }

    @Override
    public RestoreResult restore(String sha) {
        return delegate.restore(sha);
    }

    @Override
    public RestoreResult keepAside() {
        return delegate.keepAside();
    }

    @Override
    public void close() {
        delegate.close();
    }
}
