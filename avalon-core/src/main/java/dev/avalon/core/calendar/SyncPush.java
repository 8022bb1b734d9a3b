package dev.avalon.core.calendar;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.avalon.core.port.RemoteCalendar;
import dev.avalon.core.port.RemoteCalendarException;
import dev.avalon.core.port.RemoteEvent;

import java.time.Instant;
import java.util.Objects;

/**
 * What is written of an event to the remote calendar, and how: by {@code calendar.sync} and by the delivery of
 * the outbox's remote writes ({@link RemoteWrites}).
 */
final class SyncPush {

    private SyncPush() {
    }

    /**
     * Writes what event {@code e} needs written to the remote: the event itself (insert, update, delete) and the
     * instances of a series changed or cancelled on their own. What was written goes into {@code report}'s
     * {@code pushed}, a failed write into its {@code failures}, where it stays to be written; a write refused
     * for a stale ETag is resolved by {@link RemoteConflicts}. The event as it then stands here.
     */
    static CalendarEvent write(CalendarEvent before, RemoteCalendar remote, CalendarRules rules, SyncReport report,
                               Instant now) {
        CalendarEvent e = before;
        String op = pushOp(e);
        if (op != null) {
            try {
                e = push(e, op, remote, rules);
                report.pushed().addObject().put("eventId", e.id()).put("op", op);
            } catch (RemoteCalendarException ex) {
                // one failed push must not lose the others; the event stays to be pushed
                ObjectNode failure = report.failure(e, op, null, ex);
                if (ex.kind() == RemoteCalendarException.Kind.CONFLICT) {
                    return RemoteConflicts.afterConflict(e, ex, remote, failure, report, rules, now);
                }
                return e;
            }
        }
        if (e.recurring() && e.remoteId() != null && e.etag() != null && e.status() != EventStatus.CANCELLED) {
            e = InstanceSync.pushInstances(e, "update".equals(op), remote, rules, report);
        }
        return e;
    }

    /** Whether event {@code e} has anything to write to the remote: itself, or instances changed on their own. */
    static boolean due(CalendarEvent e) {
        return pushOp(e) != null || (e.recurring() && e.remoteId() != null && e.etag() != null
                && e.status() != EventStatus.CANCELLED && !e.unsyncedInstances().isEmpty());
    }

    /** What event {@code e} needs written to the remote: insert, update, delete, or nothing ({@code null}). */
    static String pushOp(CalendarEvent e) {
        if (e.remoteId() == null) {
            return e.status() == EventStatus.CANCELLED ? null : "insert";
        }
        if (e.etag() == null) {
            return null;
        }
        if (e.status() == EventStatus.CANCELLED) {
            return "delete";
        }
        return e.changedSinceRemote() ? "update" : null;
    }

    /** Writes {@code e} to the remote as {@code op} says; the event as it then stands here. */
    static CalendarEvent push(CalendarEvent e, String op, RemoteCalendar remote, CalendarRules rules) {
        switch (op) {
            case "insert" -> {
                RemoteEvent sent = RemoteMapping.toRemote(e, RemoteMapping.remoteId(e), null, rules);
                RemoteEvent stored = remote.insert(sent);
                // a taken id answers what is stored under it: an earlier insert of Avalon's whose answer was
                // lost, which may hold an older version than this one; then only the first version is known held
                Instant version = sameTimesAndTexts(sent, stored) ? e.updatedAt() : e.createdAt();
                return e.withRemote(stored.remoteId(), stored.etag()).withRemoteVersion(version);
            }
            case "update" -> {
                RemoteEvent stored = remote.update(RemoteMapping.toRemote(e, e.remoteId(), e.etag(), rules), e.etag());
                return e.withRemote(stored.remoteId(), stored.etag()).withRemoteVersion(e.updatedAt());
            }
            case "delete" -> {
                remote.delete(e.remoteId(), e.etag());
                return e.withRemote(e.remoteId(), null);
            }
            default -> throw new IllegalArgumentException("no such push: " + op);
        }
    }

    /** Whether the remote stored the times and texts it was sent (an insert may answer an older copy). */
    static boolean sameTimesAndTexts(RemoteEvent sent, RemoteEvent stored) {
        return sent.title().equals(stored.title()) && sent.description().equals(stored.description())
                && sent.location().equals(stored.location()) && Objects.equals(sent.start(), stored.start())
                && Objects.equals(sent.end(), stored.end()) && Objects.equals(sent.startDate(), stored.startDate())
                && Objects.equals(sent.endDate(), stored.endDate());
    }
}
