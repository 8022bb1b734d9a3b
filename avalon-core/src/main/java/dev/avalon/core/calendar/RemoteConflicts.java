package dev.avalon.core.calendar;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.avalon.core.port.RemoteCalendar;
import dev.avalon.core.port.RemoteCalendarException;
import dev.avalon.core.port.RemoteEvent;

import java.time.Instant;
import java.util.Optional;

/**
 * A write refused for a stale ETag ({@code CONFLICT}, HTTP 412): the remote changed under Avalon, and the
 * event is brought to a state the next sync proceeds from.
 */
final class RemoteConflicts {

    private RemoteConflicts() {
    }

    /**
     * Event {@code e} after a write refused for a stale ETag, brought to a state the next sync proceeds from:
     * the remote version is read again (the exception may carry it) and adopted with its ETag, a cancellation
     * here keeps its ETag fresh to be written again, an event deleted remotely is cancelled here. Without
     * the remote version (it could not be read) nothing changes and the next sync tries again.
     */
    static CalendarEvent afterConflict(CalendarEvent e, RemoteCalendarException ex, RemoteCalendar remote,
                                       ObjectNode failure, SyncReport report, CalendarRules rules, Instant now) {
        Optional<RemoteEvent> current = ex.current();
        if (current.isEmpty()) {
            try {
                current = remote.get(e.remoteId());
            } catch (RemoteCalendarException again) {
                failure.put("resolution", "unresolved");
                return e;
            }
        }
        if (current.isEmpty() || current.get().cancelled()) {
            failure.put("resolution", "remote_deleted");
            if (e.status() == EventStatus.CANCELLED) {
                return e.withRemote(e.remoteId(), null);
            }
            report.changes().add(SyncReport.change("deleted", e, current.orElse(null)));
            report.adopted(e, null);
            return e.withStatus(EventStatus.CANCELLED, now).withRemote(e.remoteId(), null);
        }
        RemoteEvent r = current.get();
        if (e.status() == EventStatus.CANCELLED) {
            failure.put("resolution", "cancellation_kept");
            return e.withRemote(e.remoteId(), r.etag());
        }
        failure.put("resolution", "remote_adopted");
        CalendarEvent adopted = SyncPull.adoptRemote(e, r, "conflict", report, rules, now);
        if (!adopted.start().equals(e.start()) || !adopted.end().equals(e.end()) || !adopted.title().equals(e.title())
                || !adopted.location().equals(e.location())) {
            // what the attendees were last told may not be what now stands
            report.adopted(e, null);
        }
        return adopted;
    }
}
