package dev.avalon.core.calendar;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.avalon.core.json.Json;
import dev.avalon.core.port.RemoteCalendar;
import dev.avalon.core.port.RemoteCalendarException;
import dev.avalon.core.port.RemoteEvent;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;

/**
 * The single instances of a series in {@code calendar.sync}: a remote instance compared with the instance
 * as it stands here, and the instances changed or cancelled here written to the remote as those instances.
 */
final class InstanceSync {

    private InstanceSync() {
    }

    /**
     * Series {@code m} after what the remote says of one of its instances: Avalon's own write or an unchanged
     * instance leaves it (marking the instance as held remotely when it matches a change made here); a
     * change or cancellation made remotely is reported and adopted, over a change made here not written yet.
     */
    static CalendarEvent pullInstance(CalendarEvent m, RemoteEvent r, SyncReport report) {
        LocalDateTime original = m.allDay() ? LocalDate.ofInstant(r.originalStart(), ZoneOffset.UTC).atStartOfDay()
                : LocalDateTime.ofInstant(r.originalStart(), m.zone());
        boolean cancelledHere = m.exceptions().contains(original);
        if (r.cancelled()) {
            if (cancelledHere) {
                return m.withInstanceSynced(original);
            }
            if (!m.hasInstance(original)) {
                return m;
            }
            report.changes().add(SyncReport.instanceChange("deleted", m, r, original, null, null));
            return m.withException(original).withInstanceSynced(original);
        }
        InstanceOverride rule = m.ruleInstance(original);
        InstanceOverride remote = remoteInstance(m, original, r);
        InstanceOverride changedHere = m.overrides().get(original);
        boolean written = m.syncedInstances().contains(original);
        if (changedHere != null && sameInstance(remote, changedHere)) {
            return m.withInstanceSynced(original);
        }
        // still as the rule makes it: nobody changed it remotely, and a change here not written yet goes out
        if (sameInstance(remote, rule) && (changedHere == null || !written)) {
            return m;
        }
        InstanceOverride expected = cancelledHere ? rule : m.instance(original);
        boolean moved = !remote.start().equals(expected.start()) || !remote.end().equals(expected.end());
        report.changes().add(SyncReport.instanceChange(moved ? "moved" : "edited", m, r, original,
                moved ? expected : null, moved ? remote : null));
        if (cancelledHere || !m.hasInstance(original)) {
            // cancelled here stays cancelled; an instance the rule no longer has has nothing to adopt it into
            return m;
        }
        if (changedHere != null && !written) {
            ObjectNode fields = Json.object();
            SyncReport.differ(fields, "start", changedHere.start().toString(), remote.start().toString());
            SyncReport.differ(fields, "end", changedHere.end().toString(), remote.end().toString());
            SyncReport.differ(fields, "title", changedHere.title(), remote.title());
            SyncReport.differ(fields, "location", changedHere.location(), remote.location());
            SyncReport.differ(fields, "description", changedHere.description(), remote.description());
            report.overridden(m, original, "remote_change", fields);
        }
        report.adopted(m, original);
        return m.withOverride(remote).withInstanceSynced(original);
    }

    /** The remote instance as a change of the instance at {@code original}, on the series' wall clock. */
    private static InstanceOverride remoteInstance(CalendarEvent m, LocalDateTime original, RemoteEvent r) {
        InstanceOverride rule = m.ruleInstance(original);
        LocalDateTime start = rule.start();
        LocalDateTime end = rule.end();
        if (r.start() != null && r.end() != null && r.end().isAfter(r.start())) {
            start = LocalDateTime.ofInstant(r.start(), m.zone());
            end = LocalDateTime.ofInstant(r.end(), m.zone());
        } else if (r.startDate() != null && r.endDate() != null && r.endDate().isAfter(r.startDate())) {
            start = r.startDate().atStartOfDay();
            end = r.endDate().atStartOfDay();
        }
        if (!end.isAfter(start)) {
            // a wall-clock gap (DST) can swallow a short instance; keep the rule's times rather than invent some
            start = rule.start();
            end = rule.end();
        }
        String title = r.title().isBlank() ? m.instance(original).title() : r.title();
        return new InstanceOverride(original, start, end, title, r.location(), r.description());
    }

    private static boolean sameInstance(InstanceOverride a, InstanceOverride b) {
        return a.start().equals(b.start()) && a.end().equals(b.end()) && a.title().equals(b.title())
                && a.location().equals(b.location()) && a.description().equals(b.description());
    }

    /**
     * Writes each changed or cancelled instance of series {@code e} the remote does not hold yet, as that
     * instance; a failure is reported and left for the next sync. After the series itself was written,
     * every one is written again: a replaced series may have lost its exceptions remotely (a new rule
     * does not keep them, and a series written before cancellations travelled as instances carried them
     * as EXDATE lines, which the new version no longer has).
     */
    static CalendarEvent pushInstances(CalendarEvent e, boolean seriesWritten, RemoteCalendar remote,
                                       CalendarRules rules, SyncReport report) {
        CalendarEvent out = e;
        List<LocalDateTime> due = seriesWritten ? e.changedInstances() : e.unsyncedInstances();
        for (LocalDateTime original : due) {
            boolean cancel = e.exceptions().contains(original);
            String op = cancel ? "cancel_instance" : "update_instance";
            try {
                // the instance's ETag was never seen: the remote writes it under the one it has now
                remote.update(RemoteMapping.toRemoteInstance(e, original, rules), null);
                out = out.withInstanceSynced(original);
                report.pushed().addObject().put("eventId", e.id()).put("op", op)
                        .put("instance", original.toString());
            } catch (RemoteCalendarException ex) {
                if (cancel && ex.kind() == RemoteCalendarException.Kind.NOT_FOUND) {
                    // the occurrence is not there (any more): what was to be cancelled is gone
                    out = out.withInstanceSynced(original);
                    continue;
                }
                report.failure(e, op, original, ex);
            }
        }
        return out == e ? out : refreshed(out, remote, rules);
    }

    /**
     * Series {@code e} with the ETag the remote holds it under after its instances were written: where a series
     * and its instances are one resource (CalDAV), writing an instance changes the series' ETag, and the next
     * write of the series would meet its own change as a conflict. The new ETag is taken only when the remote
     * still holds the series' times and texts as they are here; otherwise the user changed it meanwhile and the
     * next write is to find that out.
     */
    private static CalendarEvent refreshed(CalendarEvent e, RemoteCalendar remote, CalendarRules rules) {
        try {
            RemoteEvent held = remote.get(e.remoteId()).orElse(null);
            if (held == null || held.cancelled() || held.etag() == null || held.etag().equals(e.etag())
                    || !SyncPush.sameTimesAndTexts(RemoteMapping.toRemote(e, e.remoteId(), e.etag(), rules), held)) {
                return e;
            }
            return e.withRemote(e.remoteId(), held.etag());
        } catch (RemoteCalendarException ex) {
            return e;
        }
    }
}
