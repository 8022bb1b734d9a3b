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

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code calendar.sync}: pulls what changed remotely, reports it as {@code changes} (moved, edited,
 * deleted, added; recurring instances included) and adopts the user's own remote edits, then pushes
 * Avalon's new, changed and cancelled events, and the instances of a series changed or cancelled on
 * their own.
 *
 * <p>What is pushed: changes are written at once through the outbox ({@link RemoteWrites}); the sync writes
 * what those writes left undone (the remote was down, a write was dead) and drops their outbox entries. Each
 * event records which of its versions the remote holds
 * ({@link CalendarEvent#remoteVersion}); an event changed here since is written, and stays to be written
 * until a write succeeds. A failed write (network, 5xx after the adapter's retries, a refusal) is reported
 * in {@code failures} and tried again by the next sync; nothing waits on a sync-wide watermark.
 *
 * <p>Who wins: an event the remote reports as changed was edited by the user there (Avalon's own
 * writes come back only through their new ETag, which it stores), so the remote version is adopted
 * and reported; when the event's domain sends invitations, its attendees get a REQUEST with the SEQUENCE
 * raised ({@code reinvited}), as seed 04 §1.2 asks. Events created remotely are imported
 * ({@link RemoteImport}) and reported as {@code added}. A write refused for a stale ETag
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
 *
 * <p>The parts: {@link SyncPull} takes remote changes of events, {@link InstanceSync} pulls and pushes
 * single instances, {@link SyncPush} writes events, {@link RemoteConflicts} resolves stale-ETag refusals,
 * {@link RemoteMapping} shapes what the remote holds, and {@link SyncReport} collects the response's lists.
 */
final class CalendarSync {

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
            throw new Refusal(CalendarFeature.REMOTE_FAILED, "the remote calendar could not be read: " + e.getMessage(),
                    new Violation("$.action", e.kind() + ": " + e.getMessage()));
        }
        ObjectNode result = Json.object();
        result.put("fullSync", changes.fullSync());
        SyncReport report = new SyncReport(result.putArray("changes"), result.putArray("overridden"),
                result.putArray("pushed"), result.putArray("failures"));
        Set<String> seen = new HashSet<>();
        for (RemoteEvent r : changes.events()) {
            seen.add(r.remoteId());
            if (r.isInstance()) {
                // a listing of single instances carries a series only through its instances
                seen.add(r.recurringEventId());
            }
            book = SyncPull.pull(book, r, report, rules, ctx);
        }
        book = book.plus(SyncPull.withTheirInstances(report.imported(), changes.events()));
        if (changes.fullSync()) {
            for (CalendarEvent e : book.events()) {
                if (e.remoteId() != null && !seen.contains(e.remoteId()) && e.status() != EventStatus.CANCELLED) {
                    report.changes().add(SyncReport.change("deleted", e, null));
                    report.adopted(e, null);
                    book = book.put(e.withStatus(EventStatus.CANCELLED, ctx.now()).withRemote(e.remoteId(), null));
                }
            }
        }
        for (CalendarEvent before : List.copyOf(book.events())) {
            CalendarEvent e = SyncPush.write(before, remote, rules, report, ctx.now());
            if (e != before) {
                book = book.put(e);
            }
        }
        ArrayNode reinvited = Json.mapper().createArrayNode();
        Outbox outbox = Invites.outbox(ctx);
        Invites.Reinvited after = Invites.afterRemoteEdits(ctx, rules, book, report.adopted(), outbox, reinvited);
        book = after.book();
        Outbox queued = after.outbox();
        if (!reinvited.isEmpty()) {
            result.set("reinvited", reinvited);
        }
        result.put("syncToken", changes.nextSyncToken());
        CalendarBook next = book.synced(changes.nextSyncToken(), ctx.now());
        ObjectNode log = Json.object();
        log.put("changes", report.changes().size());
        log.put("overridden", report.overridden().size());
        log.put("pushed", report.pushed().size());
        log.put("failures", report.failures().size());
        log.put("fullSync", changes.fullSync());
        Outcome.Builder out = Outcome.builder(result).writeJson(CalendarBook.PATH, next.toJson());
        // what the sync wrote (or the remote already held) leaves the queue of remote writes
        Outbox reconciled = RemoteWrites.reconciled(queued, next);
        if (!reconciled.equals(outbox)) {
            out.writeJson(Outbox.PATH, reconciled.toJson());
        }
        return out.audit(new AuditRecord("calendar.synced", ctx.actor(), ctx.traceId(), log)).build();
    }
}
