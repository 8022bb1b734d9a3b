package dev.avalon.core.calendar;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.avalon.core.action.ActionContext;
import dev.avalon.core.base.ErrorCode;
import dev.avalon.core.action.Outcome;
import dev.avalon.core.base.Refusal;
import dev.avalon.core.base.Violation;
import dev.avalon.core.audit.AuditRecord;
import dev.avalon.core.json.Json;
import dev.avalon.core.port.RemoteCalendar;
import dev.avalon.core.port.RemoteCalendarException;
import dev.avalon.core.port.RemoteChanges;
import dev.avalon.core.port.RemoteEvent;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * {@code calendar.sync}: pulls what changed remotely, reports it as {@code changes} (moved, edited,
 * deleted, added; recurring instances included) and adopts the user's own remote edits, then pushes
 * Avalon's new, changed and cancelled events, and the instances of a series changed or cancelled on
 * their own.
 *
 * <p>What is pushed: each event records which of its versions the remote holds
 * ({@link CalendarEvent#remoteVersion}); an event changed here since is written, and stays to be written
 * until a write succeeds. A failed write (network, 5xx after the adapter's retries, a refusal) is reported
 * in {@code failures} and tried again by the next sync; nothing waits on a sync-wide watermark.
 *
 * <p>Who wins: an event the remote reports as changed was edited by the user there (Avalon's own
 * writes come back only through their new ETag, which it stores), so the remote version is adopted
 * and reported. Events created remotely are reported, not imported. A write refused for a stale ETag
 * ({@code CONFLICT}, HTTP 412) means the same: the remote changed under Avalon (with {@code singleEvents}
 * listings a series itself is never listed, so its ETag is never refreshed). The event is read again,
 * the remote version adopted with its ETag, and the conflict reported in {@code failures} with its
 * {@code resolution}. A cancellation made here is kept instead: its attendees were told, so the next sync
 * deletes the event under the ETag just read. Whenever the remote version replaces a change made here
 * that had not reached the remote yet, the fields where the two differ are listed in {@code overridden},
 * so the change is reported rather than silently lost. What the remote version cannot carry back (the
 * attendees, the rule, the domain) stays as changed here and is written by the next sync.
 *
 * <p>Instances: a changed or cancelled instance is written to the remote as that instance of its series
 * (its {@link RemoteEvent#instanceId}), and marked as held there, so the next sync writes it no more. A
 * remote instance is compared with the instance as it stands here: what matches is Avalon's own write
 * (or an instance nobody changed) and is not reported; what differs was changed by the user remotely,
 * is reported and adopted as that instance's change or cancellation. An instance changed here and not
 * written yet wins over a remote instance that is still as the rule makes it, and is overridden (and
 * reported so) by one the user changed there. Listings that carry every instance ({@code singleEvents})
 * work alike, but a remote change of a whole series then arrives as a change of each instance.
 */
final class CalendarSync {

    static final String AVALON_ID = "avalonId";
    static final String DOMAIN = "domain";
    private static final char[] BASE32HEX = "0123456789abcdefghijklmnopqrstuv".toCharArray();

    /** The response's lists, filled as the sync goes. */
    private record Report(ArrayNode changes, ArrayNode overridden, ArrayNode pushed, ArrayNode failures) {
    }

    private CalendarSync() {
    }

    /**
     * The daily calendar-sync job: the same sync as the action, with an INFO alert when the user changed
     * something remotely (or a remote version overrode a change made here) so the front end can tell them.
     * Without a remote calendar it does nothing and says so in its result; a remote failure fails the run,
     * which the scheduler reports as JOB_FAILED.
     */
    static Outcome daily(ActionContext ctx, dev.avalon.core.schedule.JobRun run) {
        if (ctx.port(RemoteCalendar.class).isEmpty()) {
            ObjectNode result = Json.object();
            result.put("skipped", true);
            result.put("reason", "no remote calendar is wired; the calendar lives in the brain alone");
            return Outcome.of(result);
        }
        Outcome synced = sync(ctx);
        int changes = synced.result().path("changes").size();
        int overridden = synced.result().path("overridden").size();
        if (changes + overridden == 0) {
            return synced;
        }
        String message = changes + " change(s) made in the remote calendar since the last sync"
                + (overridden == 0 ? "" : "; " + overridden + " change(s) made here were replaced by the remote"
                + " version");
        return Outcome.builder(synced.result()).merge(synced)
                .alert(new dev.avalon.core.port.Alert(dev.avalon.core.port.AlertLevel.INFO, "CALENDAR_REMOTE_CHANGES",
                        message, ctx.now(), Map.of("changes", Integer.toString(changes),
                        "overridden", Integer.toString(overridden))))
                .build();
    }

    static Outcome sync(ActionContext ctx) {
        RemoteCalendar remote = ctx.port(RemoteCalendar.class).orElseThrow(() -> new Refusal(ErrorCode.PORT_MISSING,
                "no remote calendar is wired; the calendar lives in the brain alone",
                new Violation("$.action", "calendar.sync needs a RemoteCalendar port")));
        CalendarRules rules = CalendarActions.rules(ctx);
        CalendarBook book = CalendarActions.book(ctx);
        RemoteChanges changes;
        try {
            changes = remote.changes(Optional.ofNullable(book.syncToken()));
        } catch (RemoteCalendarException e) {
            throw new Refusal(ErrorCode.REMOTE_FAILED, "the remote calendar could not be read: " + e.getMessage(),
                    new Violation("$.action", e.kind() + ": " + e.getMessage()));
        }
        ObjectNode result = Json.object();
        result.put("fullSync", changes.fullSync());
        Report report = new Report(result.putArray("changes"), result.putArray("overridden"),
                result.putArray("pushed"), result.putArray("failures"));
        Set<String> seen = new HashSet<>();
        for (RemoteEvent r : changes.events()) {
            seen.add(r.remoteId());
            if (r.isInstance()) {
                // a listing of single instances carries a series only through its instances
                seen.add(r.recurringEventId());
            }
            book = pull(book, r, report, rules, ctx);
        }
        if (changes.fullSync()) {
            for (CalendarEvent e : book.events()) {
                if (e.remoteId() != null && !seen.contains(e.remoteId()) && e.status() != EventStatus.CANCELLED) {
                    report.changes().add(change("deleted", e, null));
                    book = book.put(e.withStatus(EventStatus.CANCELLED, ctx.now()).withRemote(e.remoteId(), null));
                }
            }
        }
        for (CalendarEvent before : List.copyOf(book.events())) {
            CalendarEvent e = before;
            String op = pushOp(e);
            if (op != null) {
                try {
                    e = push(e, op, remote, rules);
                    report.pushed().addObject().put("eventId", e.id()).put("op", op);
                } catch (RemoteCalendarException ex) {
                    // one failed push must not lose the others; the event stays to be pushed by the next sync
                    ObjectNode failure = failure(report, e, op, null, ex);
                    if (ex.kind() == RemoteCalendarException.Kind.CONFLICT) {
                        e = afterConflict(e, ex, remote, failure, report, rules, ctx.now());
                        if (e != before) {
                            book = book.put(e);
                        }
                    }
                    continue;
                }
            }
            if (e.recurring() && e.remoteId() != null && e.etag() != null && e.status() != EventStatus.CANCELLED) {
                e = pushInstances(e, "update".equals(op), remote, rules, report);
            }
            if (e != before) {
                book = book.put(e);
            }
        }
        result.put("syncToken", changes.nextSyncToken());
        CalendarBook next = book.synced(changes.nextSyncToken(), ctx.now());
        ObjectNode log = Json.object();
        log.put("changes", report.changes().size());
        log.put("overridden", report.overridden().size());
        log.put("pushed", report.pushed().size());
        log.put("failures", report.failures().size());
        log.put("fullSync", changes.fullSync());
        return Outcome.builder(result).writeJson(CalendarBook.PATH, next.toJson())
                .audit(new AuditRecord("calendar.synced", ctx.actor(), ctx.traceId(), log)).build();
    }

    /** What event {@code e} needs written to the remote: insert, update, delete, or nothing ({@code null}). */
    private static String pushOp(CalendarEvent e) {
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
    private static CalendarEvent push(CalendarEvent e, String op, RemoteCalendar remote, CalendarRules rules) {
        switch (op) {
            case "insert" -> {
                RemoteEvent sent = toRemote(e, remoteId(e), null, rules);
                RemoteEvent stored = remote.insert(sent);
                // a taken id answers what is stored under it: an earlier insert of Avalon's whose answer was
                // lost, which may hold an older version than this one; then only the first version is known held
                Instant version = sameTimesAndTexts(sent, stored) ? e.updatedAt() : e.createdAt();
                return e.withRemote(stored.remoteId(), stored.etag()).withRemoteVersion(version);
            }
            case "update" -> {
                RemoteEvent stored = remote.update(toRemote(e, e.remoteId(), e.etag(), rules), e.etag());
                return e.withRemote(stored.remoteId(), stored.etag()).withRemoteVersion(e.updatedAt());
            }
            case "delete" -> {
                remote.delete(e.remoteId(), e.etag());
                return e.withRemote(e.remoteId(), null);
            }
            default -> throw new IllegalArgumentException("no such push: " + op);
        }
    }

    private static ObjectNode failure(Report report, CalendarEvent e, String op, LocalDateTime instance,
                                      RemoteCalendarException ex) {
        ObjectNode f = report.failures().addObject();
        f.put("eventId", e.id());
        f.put("op", op);
        if (instance != null) {
            f.put("instance", instance.toString());
        }
        f.put("kind", ex.kind().name());
        f.put("message", String.valueOf(ex.getMessage()));
        return f;
    }

    /**
     * Event {@code e} after a write refused for a stale ETag, brought to a state the next sync proceeds from:
     * the remote version is read again (the exception may carry it) and adopted with its ETag, a cancellation
     * here keeps its ETag fresh to be written again, an event deleted remotely is cancelled here. Without
     * the remote version (it could not be read) nothing changes and the next sync tries again.
     */
    private static CalendarEvent afterConflict(CalendarEvent e, RemoteCalendarException ex, RemoteCalendar remote,
                                               ObjectNode failure, Report report, CalendarRules rules, Instant now) {
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
            report.changes().add(change("deleted", e, current.orElse(null)));
            return e.withStatus(EventStatus.CANCELLED, now).withRemote(e.remoteId(), null);
        }
        RemoteEvent r = current.get();
        if (e.status() == EventStatus.CANCELLED) {
            failure.put("resolution", "cancellation_kept");
            return e.withRemote(e.remoteId(), r.etag());
        }
        failure.put("resolution", "remote_adopted");
        return adoptRemote(e, r, "conflict", report, rules, now);
    }

    private static CalendarBook pull(CalendarBook book, RemoteEvent r, Report report, CalendarRules rules,
                                     ActionContext ctx) {
        if (r.isInstance()) {
            return byRemoteId(book, r.recurringEventId())
                    .filter(m -> m.recurring() && m.status() != EventStatus.CANCELLED && r.originalStart() != null)
                    .map(m -> book.put(pullInstance(m, r, report)))
                    .orElse(book);
        }
        Optional<CalendarEvent> local = byRemoteId(book, r.remoteId())
                .or(() -> Optional.ofNullable(r.privateProperties().get(AVALON_ID)).flatMap(book::find));
        if (local.isEmpty()) {
            if (!r.cancelled()) {
                report.changes().add(change("added", null, r));
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
            report.changes().add(change("deleted", e, r));
            return book.put(e.withStatus(EventStatus.CANCELLED, ctx.now()).withRemote(e.remoteId(), null));
        }
        CalendarEvent adopted = adoptRemote(e, r, "remote_change", report, rules, ctx.now());
        boolean moved = !adopted.start().equals(e.start()) || !adopted.end().equals(e.end());
        boolean edited = !adopted.title().equals(e.title()) || !adopted.location().equals(e.location())
                || !adopted.description().equals(e.description());
        if (moved || edited) {
            ObjectNode c = change(moved ? "moved" : "edited", e, r);
            if (moved) {
                c.put("from", e.start().toString());
                c.put("to", adopted.start().toString());
            }
            report.changes().add(c);
        }
        return book.put(adopted);
    }

    /**
     * {@code e} with the remote version {@code r} adopted, under its ETag. A change made here that had not
     * reached the remote is reported in {@code overridden} where the two differ ({@code reason} says how it
     * came to light). What adopting leaves as it is here (attendees, rule, domain) and the remote holds
     * otherwise stays to be written; anything else counts as held remotely.
     */
    private static CalendarEvent adoptRemote(CalendarEvent e, RemoteEvent r, String reason, Report report,
                                             CalendarRules rules, Instant now) {
        boolean pendingHere = e.changedSinceRemote();
        CalendarEvent adopted = adopt(e, r, now);
        if (pendingHere && e.status() != EventStatus.CANCELLED) {
            ObjectNode fields = Json.object();
            differ(fields, "title", e.title(), adopted.title());
            differ(fields, "allDay", String.valueOf(e.allDay()), String.valueOf(adopted.allDay()));
            differ(fields, "start", e.start().toString(), adopted.start().toString());
            differ(fields, "end", e.end().toString(), adopted.end().toString());
            differ(fields, "zone", e.zone().getId(), adopted.zone().getId());
            differ(fields, "location", e.location(), adopted.location());
            differ(fields, "description", e.description(), adopted.description());
            overridden(report, e, null, reason, fields);
        }
        Instant version = pendingHere && writesMore(adopted, r, rules)
                ? (e.remoteVersion() != null ? e.remoteVersion() : e.createdAt())
                : adopted.updatedAt();
        return adopted.withRemote(r.remoteId(), r.etag()).withRemoteVersion(version);
    }

    /** Whether writing {@code e} would change what {@code r} holds beyond what adopting {@code r} takes over. */
    private static boolean writesMore(CalendarEvent e, RemoteEvent r, CalendarRules rules) {
        RemoteEvent mine = toRemote(e, r.remoteId(), r.etag(), rules);
        return !addresses(mine.attendees()).equals(addresses(r.attendees()))
                || !mine.recurrence().equals(r.recurrence())
                || !Objects.equals(mine.privateProperties().get(DOMAIN), r.privateProperties().get(DOMAIN));
    }

    private static Set<String> addresses(List<String> list) {
        Set<String> out = new HashSet<>();
        list.forEach(a -> out.add(a.toLowerCase(Locale.ROOT)));
        return out;
    }

    /** Whether the remote stored the times and texts it was sent (an insert may answer an older copy). */
    private static boolean sameTimesAndTexts(RemoteEvent sent, RemoteEvent stored) {
        return sent.title().equals(stored.title()) && sent.description().equals(stored.description())
                && sent.location().equals(stored.location()) && Objects.equals(sent.start(), stored.start())
                && Objects.equals(sent.end(), stored.end()) && Objects.equals(sent.startDate(), stored.startDate())
                && Objects.equals(sent.endDate(), stored.endDate());
    }

    private static void differ(ObjectNode fields, String name, String here, String remote) {
        if (!here.equals(remote)) {
            fields.putObject(name).put("local", here).put("remote", remote);
        }
    }

    /** Reports the local values a remote version replaced, if any differ. */
    private static void overridden(Report report, CalendarEvent e, LocalDateTime instance, String reason,
                                   ObjectNode fields) {
        if (fields.isEmpty()) {
            return;
        }
        ObjectNode n = report.overridden().addObject();
        n.put("eventId", e.id());
        if (instance != null) {
            n.put("instance", instance.toString());
        }
        n.put("title", e.title());
        n.put("reason", reason);
        n.set("fields", fields);
    }

    /**
     * Series {@code m} after what the remote says of one of its instances: Avalon's own write or an unchanged
     * instance leaves it (marking the instance as held remotely when it matches a change made here); a
     * change or cancellation made remotely is reported and adopted, over a change made here not written yet.
     */
    private static CalendarEvent pullInstance(CalendarEvent m, RemoteEvent r, Report report) {
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
            report.changes().add(instanceChange("deleted", m, r, original, null, null));
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
        report.changes().add(instanceChange(moved ? "moved" : "edited", m, r, original, moved ? expected : null,
                moved ? remote : null));
        if (cancelledHere || !m.hasInstance(original)) {
            // cancelled here stays cancelled; an instance the rule no longer has has nothing to adopt it into
            return m;
        }
        if (changedHere != null && !written) {
            ObjectNode fields = Json.object();
            differ(fields, "start", changedHere.start().toString(), remote.start().toString());
            differ(fields, "end", changedHere.end().toString(), remote.end().toString());
            differ(fields, "title", changedHere.title(), remote.title());
            differ(fields, "location", changedHere.location(), remote.location());
            differ(fields, "description", changedHere.description(), remote.description());
            overridden(report, m, original, "remote_change", fields);
        }
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

    private static ObjectNode instanceChange(String kind, CalendarEvent m, RemoteEvent r, LocalDateTime original,
                                             InstanceOverride from, InstanceOverride to) {
        ObjectNode c = change(kind, m, r);
        c.put("instance", original.toString());
        if (from != null && to != null) {
            c.put("from", from.start().toString());
            c.put("to", to.start().toString());
        }
        return c;
    }

    /**
     * Writes each changed or cancelled instance of series {@code e} the remote does not hold yet, as that
     * instance; a failure is reported and left for the next sync. After the series itself was written,
     * every one is written again: a replaced series may have lost its exceptions remotely (a new rule
     * does not keep them, and a series written before cancellations travelled as instances carried them
     * as EXDATE lines, which the new version no longer has).
     */
    private static CalendarEvent pushInstances(CalendarEvent e, boolean seriesWritten, RemoteCalendar remote,
                                               CalendarRules rules, Report report) {
        CalendarEvent out = e;
        List<LocalDateTime> due = seriesWritten ? e.changedInstances() : e.unsyncedInstances();
        for (LocalDateTime original : due) {
            boolean cancel = e.exceptions().contains(original);
            String op = cancel ? "cancel_instance" : "update_instance";
            try {
                // the instance's ETag was never seen: the remote writes it under the one it has now
                remote.update(toRemoteInstance(e, original, rules), null);
                out = out.withInstanceSynced(original);
                report.pushed().addObject().put("eventId", e.id()).put("op", op)
                        .put("instance", original.toString());
            } catch (RemoteCalendarException ex) {
                if (cancel && ex.kind() == RemoteCalendarException.Kind.NOT_FOUND) {
                    // the occurrence is not there (any more): what was to be cancelled is gone
                    out = out.withInstanceSynced(original);
                    continue;
                }
                failure(report, e, op, original, ex);
            }
        }
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
        return new CalendarEvent(e.id(), e.uid(), e.remoteId(), e.etag(), title, allDay, start, end, zone, e.domain(),
                r.location(), r.description(), e.attendees(), e.recurrence(), e.exceptions(), e.mode(),
                e.sequence(), e.status(), e.checklist(), e.createdAt(), e.updatedAt()).keepingOverridesOf(e);
    }

    private static Optional<CalendarEvent> byRemoteId(CalendarBook book, String remoteId) {
        return book.events().stream().filter(e -> remoteId.equals(e.remoteId())).findFirst();
    }

    private static ObjectNode change(String kind, CalendarEvent local, RemoteEvent remote) {
        ObjectNode n = Json.object();
        n.put("kind", kind);
        if (local != null) {
            n.put("eventId", local.id());
            n.put("title", local.title());
            n.put("start", local.start().toString());
        }
        if (remote != null) {
            n.put("remoteId", remote.remoteId());
            if (!remote.title().isEmpty()) {
                n.put("remoteTitle", remote.title());
            }
            if (remote.start() != null) {
                n.put("remoteStart", remote.start().toString());
            }
        }
        return n;
    }

    /** The remote id Avalon chooses: base32hex of the UID, so a retried insert names the same event. */
    static String remoteId(CalendarEvent e) {
        byte[] bytes = e.uid().getBytes(StandardCharsets.UTF_8);
        StringBuilder out = new StringBuilder();
        int buffer = 0;
        int bits = 0;
        for (byte b : bytes) {
            buffer = (buffer << 8) | (b & 0xFF);
            bits += 8;
            while (bits >= 5) {
                out.append(BASE32HEX[(buffer >> (bits - 5)) & 31]);
                bits -= 5;
            }
        }
        if (bits > 0) {
            out.append(BASE32HEX[(buffer << (5 - bits)) & 31]);
        }
        return out.toString();
    }

    /**
     * The series as the remote holds it. Cancelled instances travel as cancelled instances (see
     * {@link #toRemoteInstance}), not as EXDATE lines: an occurrence an EXDATE removes can no longer be
     * addressed, and Google Calendar itself keeps cancellations that way.
     */
    static RemoteEvent toRemote(CalendarEvent e, String remoteId, String etag, CalendarRules rules) {
        List<String> recurrence = new ArrayList<>();
        if (e.recurring()) {
            recurrence.add("RRULE:" + e.recurrence().rrule(e.start(), e.zone()));
        }
        Map<String, String> props = Map.of(AVALON_ID, e.id(), DOMAIN, e.domain());
        if (e.allDay()) {
            return new RemoteEvent(remoteId, etag, e.uid(), e.title(), e.description(), e.location(), null, null, null,
                    e.start().toLocalDate(), e.end().toLocalDate(), recurrence, null, null, false, e.attendees(),
                    colorId(e.domain(), rules), props, null);
        }
        return new RemoteEvent(remoteId, etag, e.uid(), e.title(), e.description(), e.location(),
                e.start().atZone(e.zone()).toInstant(), e.end().atZone(e.zone()).toInstant(), e.zone().getId(), null,
                null, recurrence, null, null, false, e.attendees(), colorId(e.domain(), rules), props, null);
    }

    /**
     * The instance of series {@code e} at {@code original} as the remote is to hold it: changed, or cancelled
     * (with the rule's times, which a full replacement of the instance still needs).
     */
    static RemoteEvent toRemoteInstance(CalendarEvent e, LocalDateTime original, CalendarRules rules) {
        boolean cancelled = e.exceptions().contains(original);
        InstanceOverride i = cancelled ? e.ruleInstance(original) : e.instance(original);
        Map<String, String> props = Map.of(AVALON_ID, e.id(), DOMAIN, e.domain());
        if (e.allDay()) {
            Instant day = original.toLocalDate().atStartOfDay(ZoneOffset.UTC).toInstant();
            return new RemoteEvent(RemoteEvent.instanceId(e.remoteId(), day, true), null, e.uid(), i.title(),
                    i.description(), i.location(), null, null, null, i.start().toLocalDate(), i.end().toLocalDate(),
                    List.of(), e.remoteId(), day, cancelled, e.attendees(), colorId(e.domain(), rules), props, null);
        }
        Instant at = original.atZone(e.zone()).toInstant();
        return new RemoteEvent(RemoteEvent.instanceId(e.remoteId(), at, false), null, e.uid(), i.title(),
                i.description(), i.location(), i.start().atZone(e.zone()).toInstant(),
                i.end().atZone(e.zone()).toInstant(), e.zone().getId(), null, null, List.of(), e.remoteId(), at,
                cancelled, e.attendees(), colorId(e.domain(), rules), props, null);
    }

    /** Google Calendar's event palette, colorId 1..11, as published by its colors endpoint. */
    private static final String[] PALETTE = {"#7986cb", "#33b679", "#8e24aa", "#e67c73", "#f6bf26", "#f4511e",
        "#039be5", "#616161", "#3f51b5", "#0b8043", "#d50000"};

    /** The colorId whose palette colour is nearest (RGB distance) to the domain's colour in behaviour.avl. */
    static String colorId(String domain, CalendarRules rules) {
        CalendarRules.DomainRule rule = rules.domains().get(domain);
        if (rule == null) {
            return null;
        }
        int rgb = Integer.parseInt(rule.colour().substring(1), 16);
        int best = 0;
        long bestDistance = Long.MAX_VALUE;
        for (int i = 0; i < PALETTE.length; i++) {
            int p = Integer.parseInt(PALETTE[i].substring(1), 16);
            long dr = ((rgb >> 16) & 255) - ((p >> 16) & 255);
            long dg = ((rgb >> 8) & 255) - ((p >> 8) & 255);
            long db = (rgb & 255) - (p & 255);
            long d = dr * dr + dg * dg + db * db;
            if (d < bestDistance) {
                bestDistance = d;
                best = i;
            }
        }
        return String.valueOf(best + 1);
    }
}
