package dev.avalon.testkit.calendar;

import dev.avalon.core.port.RemoteCalendar;
import dev.avalon.core.port.RemoteCalendarException;
import dev.avalon.core.port.RemoteChanges;
import dev.avalon.core.port.RemoteEvent;

import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * A remote calendar whose writes fail as {@code UNAVAILABLE} except while {@link #whileSyncing} runs, as
 * for a host that is offline between syncs: each change's own write waits in the outbox, and what a test
 * sees is {@code calendar.sync} writing what the remote lacks. Reads always go through.
 */
public final class ReachableOnlyWhileSyncing implements RemoteCalendar {

    private final RemoteCalendar delegate;
    private boolean reachable;

    public ReachableOnlyWhileSyncing(RemoteCalendar delegate) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
    }

    /** Runs {@code sync} with the remote reachable, and answers what it answered. */
    public synchronized <T> T whileSyncing(Supplier<T> sync) {
        reachable = true;
        try {
            return sync.get();
        } finally {
            reachable = false;
        }
    }

    private synchronized void reach() {
        if (!reachable) {
            throw new RemoteCalendarException(RemoteCalendarException.Kind.UNAVAILABLE,
                    "the remote is reached only while syncing");
        }
    }

    @Override
    public RemoteChanges changes(Optional<String> syncToken) {
        return delegate.changes(syncToken);
    }

    @Override
    public Optional<RemoteEvent> get(String remoteId) {
        return delegate.get(remoteId);
    }

    @Override
    public RemoteEvent insert(RemoteEvent event) {
        reach();
        return delegate.insert(event);
    }

    @Override
    public RemoteEvent update(RemoteEvent event, String etag) {
        reach();
        return delegate.update(event, etag);
    }

    @Override
    public void delete(String remoteId, String etag) {
        reach();
        delegate.delete(remoteId, etag);
    }
}
