package dev.avalon.testkit.workflow;

import dev.avalon.testkit.brain.ForwardingBrainStore;
import dev.avalon.core.port.BrainPath;
import dev.avalon.core.port.BrainStore;
import dev.avalon.core.port.BrainStoreException;
import dev.avalon.core.port.CommitInfo;
import dev.avalon.core.port.CommitRequest;
import dev.avalon.core.port.FileChange;
import dev.avalon.core.port.RestoreResult;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A brain store that counts working-tree writes and, once armed, "loses power" at the n-th: that
 * write and every later one fail before reaching the real store, as if the host had died there.
 * Closing it leaves the real store open, so a new Avalon can be opened on what survived.
 */
final class CrashingStore extends ForwardingBrainStore {

    private int applies;
    private int crashAt = Integer.MAX_VALUE;

    CrashingStore(BrainStore delegate) {
        super(delegate);
    }

    /** From now on, the {@code n}-th write (1 = the next one) and all after it fail. */
    void crashAtWrite(int n) {
        crashAt = applies + n;
    }

    int applies() {
        return applies;
    }

    boolean crashed() {
        return applies >= crashAt;
    }

    @Override
    public void apply(List<FileChange> changes) {
        if (applies + 1 >= crashAt) {
            applies = crashAt;
            throw new BrainStoreException("power lost at write " + crashAt);
        }
        applies++;
        delegate().apply(changes);
    }

    @Override
    public CommitInfo commit(CommitRequest request) {
        if (crashed()) {
            throw new BrainStoreException("power lost");
        }
        return delegate().commit(request);
    }

    @Override
    public void close() {
        // the real store outlives the crashed host
    }
}
