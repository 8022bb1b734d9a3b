package dev.avalon.core.calendar;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.avalon.core.action.ActionContext;
import dev.avalon.core.json.Json;
import dev.avalon.core.port.RemoteEvent;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What {@code calendar.sync} takes from the remote calendar for an event: a remote change is reported and
 * its version adopted, a remote deletion cancels the event here, an event created remotely is imported
 * ({@link RemoteImport}) and reported.
 */
final class SyncPull {

    private SyncPull() {
    }

    static CalendarBook pull(CalendarBook book, RemoteEvent r, SyncReport report, CalendarRules rules,
                             ActionContext ctx) {
        if (r.isInstance()) {
            return byRemoteId(book, r.recurringEventId())
                    .filter(m -> m.recurring() && m.status() != EventStatus.CANCELLED && r.originalStart() != null)
                    .map(m -> book.put(InstanceSync.pullInstance(m, r, report)))
                    .orElse(book);
        }
        Optional<CalendarEvent> local = byRemoteId(book, r.remoteId())
                .or(() -> Optional.ofNullable(r.privateProperties().get(RemoteMapping.AVALON_ID)).flatMap(book::find));
        if (local.isEmpty()) {
            if (r.cancelled()) {
                report.imported().remove(r.remoteId());
            } else {
                imported(r, report, rules, ctx);
            }
            return book;
        }
        CalendarEvent e = local.get();
        if (r.etag() != null && r.etag().equals(e.etag())) {
            return book;
        }
        if (r.cancelled()) {
            if (e.status() == EventStatus.CANCELLED) {
                return book.put(e.withRemote(e.remoteId(), null));
            }
            report.changes().add(SyncReport.change("deleted", e, r));
            report.adopted(e, null);
            return book.put(e.withStatus(EventStatus.CANCELLED, ctx.now()).withRemote(e.remoteId(), null));
        }
        CalendarEvent adopted = adoptRemote(e, r, "remote_change", report, rules, ctx.now());
        boolean moved = !adopted.start().equals(e.start()) || !adopted.end().equals(e.end());
        boolean edited = !adopted.title().equals(e.title()) || !adopted.location().equals(e.location())
                || !adopted.description().equals(e.description());
        if (moved || edited) {
            ObjectNode c = SyncReport.change(moved ? "moved" : "edited", e, r);
            if (moved) {
                c.put("from", e.start().toString());
                c.put("to", adopted.start().toString());
            }
            report.changes().add(c);
            report.adopted(e, null);
        }
        return book.put(adopted);
    }

    /**
     * Imports the event the user made remotely ({@link RemoteImport}) into {@code report}'s imported events, which
     * join the book after the listing, and reports it as added; listed again, it keeps its id.
     */
    private static void imported(RemoteEvent r, SyncReport report, CalendarRules rules, ActionContext ctx) {
        CalendarEvent earlier = report.imported().get(r.remoteId());
        RemoteImport.Imported imported = RemoteImport.of(r, earlier != null ? earlier.id() : ctx.ids().next("EV"),
                rules, ctx.zone(), ctx.now());
        imported.event().ifPresentOrElse(e -> report.imported().put(r.remoteId(), e),
                () -> report.imported().remove(r.remoteId()));
        if (earlier != null) {
            return;
        }
        ObjectNode c = SyncReport.change("added", imported.event().orElse(null), r);
        c.put("imported", imported.event().isPresent());
        imported.event().ifPresent(e -> c.put("domain", e.domain()));
        if (imported.reason() != null) {
            c.put("reason", "not imported: " + imported.reason());
        }
        report.changes().add(c);
    }

    /**
     * {@code e} with the remote version {@code r} adopted, under its ETag. A change made here that had not
     * reached the remote is reported in {@code overridden} where the two differ ({@code reason} says how it
     * came to light). What adopting leaves as it is here (attendees, rule, domain) and the remote holds
     * otherwise stays to be written; anything else counts as held remotely.
     */
    static CalendarEvent adoptRemote(CalendarEvent e, RemoteEvent r, String reason, SyncReport report,
                                     CalendarRules rules, Instant now) {
        boolean pendingHere = e.changedSinceRemote();
        CalendarEvent adopted = adopt(e, r, now);
        if (pendingHere && e.status() != EventStatus.CANCELLED) {
            ObjectNode fields = Json.object();
            SyncReport.differ(fields, "title", e.title(), adopted.title());
            SyncReport.differ(fields, "allDay", String.valueOf(e.allDay()), String.valueOf(adopted.allDay()));
            SyncReport.differ(fields, "start", e.start().toString(), adopted.start().toString());
            SyncReport.differ(fields, "end", e.end().toString(), adopted.end().toString());
            SyncReport.differ(fields, "zone", e.zone().getId(), adopted.zone().getId());
            SyncReport.differ(fields, "location", e.location(), adopted.location());
            SyncReport.differ(fields, "description", e.description(), adopted.description());
            report.overridden(e, null, reason, fields);
        }
        Instant version = pendingHere && writesMore(adopted, r, rules)
                ? (e.remoteVersion() != null ? e.remoteVersion() : e.createdAt())
                : adopted.updatedAt();
        return adopted.withRemote(r.remoteId(), r.etag()).withRemoteVersion(version);
    }

    /** Whether writing {@code e} would change what {@code r} holds beyond what adopting {@code r} takes over. */
    private static boolean writesMore(CalendarEvent e, RemoteEvent r, CalendarRules rules) {
        RemoteEvent mine = RemoteMapping.toRemote(e, r.remoteId(), r.etag(), rules);
        return !addresses(mine.attendees()).equals(addresses(r.attendees()))
                || !mine.recurrence().equals(r.recurrence())
                || !Objects.equals(mine.privateProperties().get(RemoteMapping.DOMAIN),
                        r.privateProperties().get(RemoteMapping.DOMAIN));
    }

    private static Set<String> addresses(List<String> list) {
        Set<String> out = new HashSet<>();
        list.forEach(a -> out.add(RemoteMapping.address(a).toLowerCase(Locale.ROOT)));
        return out;
    }

    /** The local event with the remote's times and texts; the time stamp stays, so it is not pushed back. */
    private static CalendarEvent adopt(CalendarEvent e, RemoteEvent r, Instant now) {
        ZoneId zone = r.zone() != null && ZoneId.getAvailableZoneIds().contains(r.zone()) ? ZoneId.of(r.zone())
                : e.zone();
        LocalDateTime start = e.start();
        LocalDateTime end = e.end();
        if (r.start() != null && r.end() != null && r.end().isAfter(r.start())) {
            start = LocalDateTime.ofInstant(r.start(), zone);
            end = LocalDateTime.ofInstant(r.end(), zone);
        } else if (r.startDate() != null && r.endDate() != null && r.endDate().isAfter(r.startDate())) {
            start = r.startDate().atStartOfDay();
            end = r.endDate().atStartOfDay();
        }
        boolean allDay = r.start() == null && r.startDate() != null;
        String title = r.title().isBlank() ? e.title() : r.title();
        CalendarEvent adopted = new CalendarEvent(e.id(), e.uid(), e.remoteId(), e.etag(), title, allDay, start, end,
                zone, e.domain(),
                r.location(), r.description(), e.attendees(), e.recurrence(), e.exceptions(), e.mode(),
                e.sequence(), e.status(), e.checklist(), e.createdAt(), e.updatedAt());
        // a series moved remotely keeps its cancelled and changed instances, mapped as a move here maps them
        return SeriesExceptions.carry(e, adopted);
    }

    /**
     * The events imported from a listing with the exceptions of their series applied (cancelled and changed
     * instances, listed apart from their series, before or after it): they are part of what was imported, not
     * changes to report.
     */
    static java.util.Collection<CalendarEvent> withTheirInstances(Map<String, CalendarEvent> imported,
                                                                 List<RemoteEvent> listed) {
        Map<String, CalendarEvent> out = new java.util.LinkedHashMap<>(imported);
        for (RemoteEvent r : listed) {
            CalendarEvent series = r.isInstance() ? out.get(r.recurringEventId()) : null;
            if (series != null && series.recurring() && r.originalStart() != null) {
                out.put(r.recurringEventId(), InstanceSync.pullInstance(series, r, SyncReport.detached()));
            }
        }
        return out.values();
    }

    private static Optional<CalendarEvent> byRemoteId(CalendarBook book, String remoteId) {
        return book.events().stream().filter(e -> remoteId.equals(e.remoteId())).findFirst();
    }
}
