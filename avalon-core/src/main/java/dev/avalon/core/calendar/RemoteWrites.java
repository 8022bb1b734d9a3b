package dev.avalon.core.calendar;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.avalon.core.action.ActionContext;
import dev.avalon.core.action.ActionHandler;
import dev.avalon.core.action.Outcome;
import dev.avalon.core.audit.AuditRecord;
import dev.avalon.core.json.Json;
import dev.avalon.core.port.Alert;
import dev.avalon.core.port.AlertLevel;
import dev.avalon.core.port.BrainPath;
import dev.avalon.core.port.FileChange;
import dev.avalon.core.port.RemoteCalendar;
import dev.avalon.core.port.RemoteCalendarException;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Changes written to the remote calendar at once, through the outbox: a change of an event queues a
 * {@link RemoteWrite} in the same unit of work as the change, and {@link #deliver} writes the event once
 * that unit is durable, so the remote never holds what the brain does not. Only with a
 * {@link RemoteCalendar} port wired.
 *
 * <p>A write that fails for a reason a retry may cure (the remote unavailable, rate or quota limits, refused
 * credentials) is tried again after the invites' backoff ({@code calendar.inviteBackoffMinutes}, doubled per
 * attempt), at most {@code calendar.inviteMaxAttempts} times; then, or at once for a failure no retry
 * cures, it is DEAD and raises the IMPORTANT alert {@code CALENDAR_REMOTE_WRITE_DEAD}. A dead write does not
 * hold commits: the brain is sound, and the event stays to be written by its next change or by
 * {@code calendar.sync}, which writes every event the remote does not hold as it is here. A write refused
 * for a stale ETag is resolved as the sync resolves it ({@link RemoteConflicts}) and reported with the INFO
 * alert {@code CALENDAR_REMOTE_CONFLICT}. Writing is idempotent: what the remote holds is recorded on the
 * event ({@link CalendarEvent#remoteVersion}, its ETag, its written instances), so neither the delivery nor
 * the sync writes one version twice.
 */
final class RemoteWrites {

    /** Failures a later attempt may cure. */
    private static final Set<RemoteCalendarException.Kind> TRANSIENT = EnumSet.of(
            RemoteCalendarException.Kind.UNAVAILABLE, RemoteCalendarException.Kind.RATE_LIMITED,
            RemoteCalendarException.Kind.QUOTA_EXHAUSTED, RemoteCalendarException.Kind.UNAUTHORIZED);

    private RemoteWrites() {
    }

    /** {@code handler}, with a remote write queued for every event its outcome leaves to be written. */
    static ActionHandler queued(ActionHandler handler) {
        return ctx -> {
            Outcome outcome = handler.handle(ctx);
            if (outcome.refusal().isPresent() || ctx.port(RemoteCalendar.class).isEmpty()) {
                return outcome;
            }
            return queue(ctx, outcome);
        };
    }

    /**
     * {@code outcome} with a remote write queued, in its own write of the outbox, for each event it changes
     * that the remote does not hold as it is now.
     */
    static Outcome queue(ActionContext ctx, Outcome outcome) {
        Optional<CalendarBook> written = written(outcome, CalendarBook.PATH).map(CalendarBook::fromJson);
        if (written.isEmpty()) {
            return outcome;
        }
        CalendarBook before = CalendarActions.book(ctx);
        Outbox outbox = written(outcome, Outbox.PATH).map(Outbox::fromJson).orElseGet(() -> Invites.outbox(ctx));
        Outbox next = outbox;
        for (CalendarEvent e : written.get().events()) {
            boolean unchanged = before.find(e.id()).filter(e::equals).isPresent();
            if (unchanged || !SyncPush.due(e)) {
                continue;
            }
            Optional<RemoteWrite> known = next.remoteWrite(e.id());
            next = next.put(known.isPresent() ? known.get().revived(ctx.now())
                    : RemoteWrite.queued(ctx.ids().next("RW"), e.id(), ctx.now()));
        }
        if (next == outbox) {
            return outcome;
        }
        List<FileChange> writes = new ArrayList<>(outcome.writes());
        writes.removeIf(w -> w.path().equals(Outbox.PATH));
        writes.add(FileChange.put(Outbox.PATH, Json.pretty(next.toJson())));
        return new Outcome(outcome.result(), writes, outcome.audit(), outcome.events(), outcome.ask(),
                outcome.closed(), outcome.alerts(), outcome.commit(), outcome.state(), outcome.refusal(),
                outcome.reported());
    }

    /** The last content {@code outcome} writes to {@code path}, parsed. */
    private static Optional<JsonNode> written(Outcome outcome, BrainPath path) {
        JsonNode found = null;
        for (FileChange w : outcome.writes()) {
            if (w.path().equals(path) && w instanceof FileChange.Put put) {
                try {
                    found = Json.parse(put.content());
                } catch (JsonProcessingException e) {
                    throw new IllegalStateException(path + " as written cannot be read back", e);
                }
            }
        }
        return Optional.ofNullable(found);
    }

    /**
     * Writes each due event of {@code outbox} to the remote calendar and records what happened in
     * {@code out} (the calendar book, audit lines, alerts); the outbox as it then stands, which the caller
     * writes. Without a remote calendar the writes wait.
     */
    static Outbox deliver(ActionContext ctx, Outbox outbox, Outcome.Builder out) {
        Optional<RemoteCalendar> port = ctx.port(RemoteCalendar.class);
        List<RemoteWrite> due = outbox.remoteWrites().stream().filter(w -> w.status() == OutboxStatus.PENDING
                && !w.nextAttemptAt().isAfter(ctx.now())).toList();
        if (port.isEmpty() || due.isEmpty()) {
            return outbox;
        }
        CalendarRules rules = CalendarActions.rules(ctx);
        CalendarBook book = CalendarActions.book(ctx);
        CalendarBook start = book;
        Outbox next = outbox;
        for (RemoteWrite w : due) {
            Optional<CalendarEvent> event = book.find(w.eventId());
            if (event.isEmpty() || !SyncPush.due(event.get())) {
                // the sync (or an earlier attempt) wrote it already
                next = next.withoutRemoteWrite(w.eventId());
                continue;
            }
            SyncReport report = SyncReport.detached();
            CalendarEvent after = SyncPush.write(event.get(), port.get(), rules, report, ctx.now());
            if (!after.equals(event.get())) {
                book = book.put(after);
            }
            next = settle(ctx, rules, w, after, report, next, out);
            if (!report.adopted().isEmpty()) {
                Invites.Reinvited reinvited = Invites.afterRemoteEdits(ctx, rules, book, report.adopted(), next,
                        Json.mapper().createArrayNode());
                book = reinvited.book();
                next = reinvited.outbox();
            }
        }
        if (book != start) {
            out.writeJson(CalendarBook.PATH, book.toJson());
        }
        return next;
    }

    /** The outbox after one attempt at {@code w}: done, due again (with backoff), or dead. */
    private static Outbox settle(ActionContext ctx, CalendarRules rules, RemoteWrite w, CalendarEvent after,
                                 SyncReport report, Outbox outbox, Outcome.Builder out) {
        ObjectNode log = Json.object();
        log.put("remoteWriteId", w.id());
        log.put("eventId", w.eventId());
        log.set("pushed", report.pushed());
        if (report.failures().isEmpty()) {
            out.audit(new AuditRecord("calendar.remote_written", ctx.actor(), ctx.traceId(), log));
            return outbox.withoutRemoteWrite(w.eventId());
        }
        log.set("failures", report.failures());
        JsonNode failure = report.failures().get(0);
        String kind = failure.path("kind").asText();
        String error = kind + ": " + failure.path("message").asText();
        if (RemoteCalendarException.Kind.CONFLICT.name().equals(kind)) {
            String resolution = failure.path("resolution").asText("unresolved");
            out.audit(new AuditRecord("calendar.remote_conflict", ctx.actor(), ctx.traceId(), log));
            out.alert(new Alert(AlertLevel.INFO, "CALENDAR_REMOTE_CONFLICT", "'" + after.title()
                    + "' was changed in the remote calendar meanwhile (" + resolution + ")", ctx.now(),
                    Map.of("subject", w.eventId(), "eventId", w.eventId(), "resolution", resolution)));
            if (!"unresolved".equals(resolution) && !SyncPush.due(after)) {
                return outbox.withoutRemoteWrite(w.eventId());
            }
        }
        int attempts = w.attempts() + 1;
        boolean cured = TRANSIENT.contains(RemoteCalendarException.Kind.valueOf(kind))
                || RemoteCalendarException.Kind.CONFLICT.name().equals(kind);
        boolean dead = !cured || attempts >= rules.inviteAttempts();
        RemoteWrite failed = w.failed(dead ? OutboxStatus.DEAD : OutboxStatus.PENDING, error,
                ctx.now().plus(Invites.backoff(rules, attempts)), ctx.now());
        if (dead) {
            log.put("attempts", failed.attempts());
            out.audit(new AuditRecord("calendar.remote_write_dead", ctx.actor(), ctx.traceId(), log));
            out.alert(new Alert(AlertLevel.IMPORTANT, "CALENDAR_REMOTE_WRITE_DEAD", "'" + after.title()
                    + "' could not be written to the remote calendar after " + failed.attempts() + " attempt(s): "
                    + error + "; the next change of the event or calendar.sync writes it", ctx.now(),
                    Map.of("subject", w.id(), "eventId", w.eventId())));
        }
        return outbox.put(failed);
    }

    /** A remote write as {@code calendar.outbox} lists it, times in {@code zone} with their offset. */
    static ObjectNode summary(RemoteWrite w, java.time.ZoneId zone) {
        ObjectNode n = Json.object();
        n.put("id", w.id());
        n.put("eventId", w.eventId());
        n.put("status", w.status().name());
        n.put("attempts", w.attempts());
        n.put("nextAttemptAt", dev.avalon.core.time.DateTimeOutput.format(w.nextAttemptAt(), zone));
        if (w.lastError() != null) {
            n.put("lastError", w.lastError());
        }
        return n;
    }

    /** {@code outbox} without the writes of events that {@code book} has nothing left to write for. */
    static Outbox reconciled(Outbox outbox, CalendarBook book) {
        Outbox next = outbox;
        for (RemoteWrite w : outbox.remoteWrites()) {
            if (book.find(w.eventId()).filter(SyncPush::due).isEmpty()) {
                next = next.withoutRemoteWrite(w.eventId());
            }
        }
        return next;
    }
}
