package dev.avalon.core.calendar;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.avalon.core.action.ActionContext;
import dev.avalon.core.base.ErrorCode;
import dev.avalon.core.action.Outcome;
import dev.avalon.core.base.Refusal;
import dev.avalon.core.base.Violation;
import dev.avalon.core.audit.AuditRecord;
import dev.avalon.core.governance.CommitGate;
import dev.avalon.core.governance.CommitRefusal;
import dev.avalon.core.governance.CommitRefusalReason;
import dev.avalon.core.json.Json;
import dev.avalon.core.port.Alert;
import dev.avalon.core.port.AlertLevel;
import dev.avalon.core.port.Invite;
import dev.avalon.core.port.InviteMail;
import dev.avalon.core.port.InviteRenderer;
import dev.avalon.core.port.InviteRequest.InviteMethod;
import dev.avalon.core.port.MailDeliveryException;
import dev.avalon.core.port.MailSender;
import dev.avalon.core.schedule.JobRun;

import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Invitations for domains that send them. A change queues one outbox entry per
 * {@code uid/sequence/method[/recurrenceId]} (a CANCEL to attendees a change removed:
 * {@code uid/sequence/CANCEL/removed}) in the action's own outcome: a transactional outbox.
 *
 * <p>How sending fits pure handlers: handlers only queue; {@link #deliver} calls the
 * {@link InviteRenderer} and {@link MailSender} ports (the adapters do the I/O) once the unit of work
 * that queued the invite is durable, so no invite is ever sent for an event the brain does not hold.
 * Delivery is at least once: a crash after a send and before its record sends the same UID and
 * SEQUENCE again, which calendar clients treat as the same version.
 */
final class Invites {

    static final Duration MAX_BACKOFF = Duration.ofHours(24);

    /** The last part of the key of a CANCEL to attendees a change removed. */
    static final String REMOVED = "removed";

    private Invites() {
    }

    static Outbox outbox(ActionContext ctx) {
        return ctx.brain().readJson(Outbox.PATH).map(Outbox::fromJson).orElse(Outbox.EMPTY);
    }

    /**
     * Queues and tries to send the invite a change calls for, if the event's domain sends invites.
     *
     * @param old      the event before (null on create)
     * @param changed  the event after
     * @param instance the one instance cancelled, or null
     */
    static void onChange(ActionContext ctx, CalendarRules rules, CalendarEvent old, CalendarEvent changed,
                         LocalDateTime instance, Outcome.Builder out, ObjectNode result) {
        explainNone(rules, old, changed, result);
        invite(ctx, rules, old, changed, instance).ifPresent(i -> queue(ctx, rules, out, result, List.of(i)));
    }

    /**
     * Says in the answer why an event with attendees sends no invitation, so a front end does not tell
     * the user that their guests were invited: its domain sends none under behaviour.avl.
     */
    private static void explainNone(CalendarRules rules, CalendarEvent old, CalendarEvent changed, ObjectNode result) {
        boolean sends = rules.sendsInvites(changed.domain()) || (old != null && rules.sendsInvites(old.domain()));
        if (sends || changed.attendees().isEmpty()) {
            return;
        }
        List<String> sending = rules.domains().entrySet().stream().filter(e -> e.getValue().sendsInvites())
                .map(Map.Entry::getKey).toList();
        result.put("noInvite", "no invitation is sent: domain " + changed.domain() + " sends none (domains."
                + changed.domain() + ".sendsInvites in behaviour.avl); "
                + (sending.isEmpty() ? "no domain sends invitations" : "domains that send them: "
                + String.join(", ", sending)) + ". The attendees are kept on the event.");
    }

    /**
     * Queues and tries to send what a significant change of a whole event calls for: the REQUEST to the
     * attendees it has now and, when the change removed attendees, a CANCEL to those alone (RFC 5546 §3.2.5:
     * the organizer tells each attendee affected; same UID, the raised SEQUENCE, no RECURRENCE-ID, so the
     * whole event is gone from their calendars). The CANCEL has its own key, {@code uid/sequence/CANCEL/removed},
     * and goes under {@code uninvite} in the result.
     */
    static void onUpdate(ActionContext ctx, CalendarRules rules, CalendarEvent old, CalendarEvent changed,
                         Outcome.Builder out, ObjectNode result) {
        explainNone(rules, old, changed, result);
        List<Queued> due = new ArrayList<>();
        invite(ctx, rules, old, changed, null).ifPresent(due::add);
        uninvite(ctx, rules, old, changed).ifPresent(due::add);
        queue(ctx, rules, out, result, due);
    }

    /** The REQUEST or CANCEL a change calls for, or empty when the domain sends none or nobody is invited. */
    private static Optional<Queued> invite(ActionContext ctx, CalendarRules rules, CalendarEvent old,
                                           CalendarEvent changed, LocalDateTime instance) {
        boolean sends = rules.sendsInvites(changed.domain()) || (old != null && rules.sendsInvites(old.domain()));
        if (!sends || changed.attendees().isEmpty()) {
            return Optional.empty();
        }
        String organizer = organizer(rules, changed);
        InviteMethod method = changed.status() == EventStatus.CANCELLED || instance != null
                ? InviteMethod.CANCEL : InviteMethod.REQUEST;
        String key = changed.uid() + "/" + changed.sequence() + "/" + method + (instance == null ? "" : "/" + instance);
        // a REQUEST of the whole series says what became of its instances, or a client replacing the
        // series with it would bring cancelled ones back and undo changed ones
        boolean wholeSeriesRequest = method == InviteMethod.REQUEST && instance == null && changed.recurring();
        // a cancelled instance is named at the time it last had, changed or as the rule made it
        InstanceOverride one = instance == null ? null : old.instance(instance);
        LocalDateTime start = one != null ? one.start() : changed.start();
        LocalDateTime end = one != null ? one.end() : changed.end();
        return Optional.of(new Queued("invite", key, id -> new OutboxEntry(id, key, changed.id(), method,
                changed.uid(), changed.sequence(), organizer, changed.attendees(),
                one != null ? one.title() : changed.title(), one != null ? one.description() : changed.description(),
                one != null ? one.location() : changed.location(), start, end, changed.zone(),
                changed.recurring() && instance == null ? changed.recurrence().rrule(changed.start(), changed.zone())
                        : null,
                instance, OutboxStatus.PENDING, 0, ctx.now(), null, null, ctx.now(), ctx.now(),
                wholeSeriesRequest ? new java.util.TreeSet<>(changed.exceptions()).stream().toList() : List.of(),
                wholeSeriesRequest ? List.copyOf(changed.overrides().values()) : List.of())));
    }

    /**
     * The CANCEL for the attendees {@code changed} no longer has (addresses compared without case), or empty.
     * It carries the event as it now stands, as the REQUEST to the others does.
     */
    private static Optional<Queued> uninvite(ActionContext ctx, CalendarRules rules, CalendarEvent old,
                                             CalendarEvent changed) {
        if (!rules.sendsInvites(changed.domain()) && !rules.sendsInvites(old.domain())) {
            return Optional.empty();
        }
        Set<String> kept = new HashSet<>();
        changed.attendees().forEach(a -> kept.add(a.toLowerCase(Locale.ROOT)));
        List<String> removed = old.attendees().stream().filter(a -> !kept.contains(a.toLowerCase(Locale.ROOT)))
                .toList();
        if (removed.isEmpty()) {
            return Optional.empty();
        }
        String organizer = organizer(rules, changed);
        String key = changed.uid() + "/" + changed.sequence() + "/" + InviteMethod.CANCEL + "/" + REMOVED;
        return Optional.of(new Queued("uninvite", key, id -> new OutboxEntry(id, key, changed.id(),
                InviteMethod.CANCEL, changed.uid(), changed.sequence(), organizer, removed, changed.title(),
                changed.description(), changed.location(), changed.start(), changed.end(), changed.zone(),
                changed.recurring() ? changed.recurrence().rrule(changed.start(), changed.zone()) : null, null,
                OutboxStatus.PENDING, 0, ctx.now(), null, null, ctx.now(), ctx.now(), List.of(), List.of())));
    }

    /**
     * Queues and tries to send the REQUEST for one changed instance of a series, if its domain sends
     * invites: RECURRENCE-ID is the instance's original start, SEQUENCE the series', and no RRULE, since
     * the invite is about that instance alone.
     */
    static void onInstanceChange(ActionContext ctx, CalendarRules rules, CalendarEvent changed,
                                 InstanceOverride instance, Outcome.Builder out, ObjectNode result) {
        explainNone(rules, null, changed, result);
        if (!rules.sendsInvites(changed.domain()) || changed.attendees().isEmpty()) {
            return;
        }
        queue(ctx, rules, out, result, List.of(instanceRequest(ctx, rules, changed, instance)));
    }

    private static Queued instanceRequest(ActionContext ctx, CalendarRules rules, CalendarEvent changed,
                                          InstanceOverride instance) {
        String organizer = organizer(rules, changed);
        String key = changed.uid() + "/" + changed.sequence() + "/" + InviteMethod.REQUEST + "/"
                + instance.originalStart();
        return new Queued("invite", key, id -> new OutboxEntry(id, key, changed.id(),
                InviteMethod.REQUEST, changed.uid(), changed.sequence(), organizer, changed.attendees(),
                instance.title(), instance.description(), instance.location(), instance.start(), instance.end(),
                changed.zone(), null, instance.originalStart(), OutboxStatus.PENDING, 0, ctx.now(), null, null,
                ctx.now(), ctx.now(), List.of(), List.of()));
    }

    /** The calendar book and the outbox after re-inviting. */
    record Reinvited(CalendarBook book, Outbox outbox) {
    }

    /**
     * After remote edits were adopted (by the sync, or on a write that met a stale ETag): each event of a domain
     * that sends invitations, made here and with attendees, gets its SEQUENCE raised in {@code book} and a
     * REQUEST queued in {@code outbox} (see {@link #reinvite}), since the attendees' copies no longer match
     * (RFC 5546 §2.1.4); an event deleted there, and so cancelled here, gets a CANCEL.
     */
    static Reinvited afterRemoteEdits(ActionContext ctx, CalendarRules rules, CalendarBook book,
                                      List<SyncReport.Adopted> adopted, Outbox outbox, ArrayNode reported) {
        Map<String, List<LocalDateTime>> edits = new java.util.LinkedHashMap<>();
        adopted.forEach(a -> edits.computeIfAbsent(a.eventId(), k -> new ArrayList<>()).add(a.instance()));
        CalendarBook nextBook = book;
        Outbox nextOutbox = outbox;
        for (Map.Entry<String, List<LocalDateTime>> edit : edits.entrySet()) {
            CalendarEvent e = nextBook.find(edit.getKey()).orElse(null);
            // an event the user deleted there is CANCELLED here by the sync: its attendees get the CANCEL
            if (e == null || e.status() == EventStatus.COMPLETED || e.origin() != EventOrigin.LOCAL
                    || !rules.sendsInvites(e.domain()) || e.attendees().isEmpty() || rules.organizer().isEmpty()) {
                continue;
            }
            e = e.withSequence(e.sequence() + 1);
            nextBook = nextBook.put(e);
            List<LocalDateTime> instances = edit.getValue().contains(null) ? List.of()
                    : edit.getValue().stream().distinct().toList();
            nextOutbox = reinvite(ctx, rules, e, instances, nextOutbox, reported);
        }
        return new Reinvited(nextBook, nextOutbox);
    }

    /**
     * {@code outbox} with the REQUEST that tells the attendees of {@code changed} about an edit the user made in
     * the remote calendar and the sync adopted (seed 04 §1.2 step 4): for the whole event (a series with its
     * cancelled and changed instances) when {@code instances} is empty, else for each of those instances; the
     * caller has raised the SEQUENCE. Nothing when the event's domain sends no invitations or nobody is invited.
     * Each queued invite is reported to {@code reported}; {@link #deliver} sends it.
     */
    static Outbox reinvite(ActionContext ctx, CalendarRules rules, CalendarEvent changed,
                           List<LocalDateTime> instances, Outbox outbox, ArrayNode reported) {
        if (!rules.sendsInvites(changed.domain()) || changed.attendees().isEmpty()
                || rules.organizer().isEmpty()) {
            return outbox;
        }
        List<Queued> due = new ArrayList<>();
        if (instances.isEmpty()) {
            invite(ctx, rules, null, changed, null).ifPresent(due::add);
        } else {
            instances.forEach(i -> due.add(instanceRequest(ctx, rules, changed, changed.instance(i))));
        }
        return add(ctx, outbox, due, (field, summary) -> reported.add(summary));
    }

    private static String organizer(CalendarRules rules, CalendarEvent event) {
        return rules.organizer().orElseThrow(() -> new Refusal(ErrorCode.VALIDATION_FAILED,
                "domain " + event.domain() + " sends invites but behaviour.avl has no calendar.organizer",
                new Violation("$.data.domain", "sends invites; set calendar.organizer in behaviour.avl first")));
    }

    /**
     * An invite to queue: the result field that reports it, its idempotency key, and the entry for an outbox id.
     */
    private record Queued(String field, String key, Function<String, OutboxEntry> entry) {
    }

    /**
     * Adds each entry under its key once, in one write of the outbox; a known key is left alone. Nothing
     * is sent here: {@link #deliver} sends once the outbox entry is durable.
     */
    private static void queue(ActionContext ctx, CalendarRules rules, Outcome.Builder out, ObjectNode result,
                              List<Queued> due) {
        Outbox outbox = outbox(ctx);
        Outbox next = add(ctx, outbox, due, result::set);
        if (next != outbox) {
            out.writeJson(Outbox.PATH, next.toJson());
        }
    }

    /** {@code outbox} with each entry added under its key once, a known key left alone; each added one reported. */
    private static Outbox add(ActionContext ctx, Outbox outbox, List<Queued> due,
                              java.util.function.BiConsumer<String, ObjectNode> reported) {
        Outbox next = outbox;
        for (Queued q : due) {
            if (next.byKey(q.key()).isPresent()) {
                continue;
            }
            OutboxEntry entry = q.entry().apply(ctx.ids().next("INV"));
            next = next.put(entry);
            reported.accept(q.field(), summary(entry));
        }
        return next;
    }

    /**
     * Sends every pending invite whose time has come, after the unit of work that queued it is durable
     * (the kernel calls this after every changing action, every job, and when the brain opens), and
     * records what happened. A crash after a send and before its record sends it again on the next
     * start with the same UID and SEQUENCE, which calendar clients treat as the same version. Without
     * the mail ports an invite waits, marked once. In {@code answer}, every invite summary of an entry
     * tried now is replaced by its new state. The remote writes due are made before the invites
     * ({@link RemoteWrites#deliver}).
     */
    static Optional<Outcome> deliver(ActionContext ctx, JsonNode answer) {
        Outbox outbox = outbox(ctx);
        boolean wired = ctx.port(InviteRenderer.class).isPresent() && ctx.port(MailSender.class).isPresent();
        CalendarRules rules = null;
        Outcome.Builder out = Outcome.builder();
        // remote writes first: one that adopts the user's remote edit queues the invitation that says so
        Outbox next = RemoteWrites.deliver(ctx, outbox, out);
        Map<String, ObjectNode> tried = new java.util.HashMap<>();
        for (OutboxEntry e : next.entries()) {
            boolean due = e.status() == OutboxStatus.PENDING && !e.nextAttemptAt().isAfter(ctx.now());
            if (!due || (!wired && e.lastError() != null)) {
                continue;
            }
            if (rules == null) {
                rules = CalendarActions.rules(ctx);
            }
            OutboxEntry after = attempt(ctx, rules, e, out);
            next = next.put(after);
            tried.put(after.id(), summary(after));
        }
        if (next.equals(outbox)) {
            return Optional.empty();
        }
        return Optional.of(out.result(replaced(answer, tried)).writeJson(Outbox.PATH, next.toJson()).build());
    }

    /** {@code node} with every invite summary whose id is in {@code tried} replaced by the new one. */
    private static JsonNode replaced(JsonNode node, Map<String, ObjectNode> tried) {
        if (node.isObject()) {
            ObjectNode summary = node.has("key") && node.has("method") ? tried.get(node.path("id").asText()) : null;
            if (summary != null) {
                return summary.deepCopy();
            }
            ObjectNode copy = Json.object();
            node.fields().forEachRemaining(f -> copy.set(f.getKey(), replaced(f.getValue(), tried)));
            return copy;
        }
        if (node.isArray()) {
            ArrayNode copy = Json.mapper().createArrayNode();
            node.forEach(n -> copy.add(replaced(n, tried)));
            return copy;
        }
        return node;
    }

    /** One send attempt; the entry as it stands afterwards (alerts for a dead invite go into {@code out}). */
    static OutboxEntry attempt(ActionContext ctx, CalendarRules rules, OutboxEntry entry, Outcome.Builder out) {
        Optional<InviteRenderer> renderer = ctx.port(InviteRenderer.class);
        Optional<MailSender> mail = ctx.port(MailSender.class);
        if (renderer.isEmpty() || mail.isEmpty()) {
            return entry.waiting("no " + (renderer.isEmpty() ? "InviteRenderer" : "MailSender")
                    + " is wired; the invite waits in the outbox", ctx.now());
        }
        OutboxEntry next;
        try {
            Invite invite = renderer.get().render(entry.request(ctx.now()));
            String subject = (entry.method() == InviteMethod.CANCEL ? "Geannuleerd: " : "Uitnodiging: ")
                    + entry.summary();
            String text = entry.summary() + "\n" + entry.start().atZone(entry.zone()) + " – "
                    + entry.end().atZone(entry.zone()) + (entry.location().isEmpty() ? "" : "\n" + entry.location());
            String messageId = mail.get().send(new InviteMail(entry.organizer(), entry.attendees(), subject, text,
                    invite));
            next = entry.sent(messageId, ctx.now());
        } catch (MailDeliveryException e) {
            int attempts = entry.attempts() + 1;
            boolean dead = !e.transientFailure() || attempts >= rules.inviteAttempts();
            next = entry.failed(dead ? OutboxStatus.DEAD : OutboxStatus.PENDING, e.getMessage(),
                    ctx.now().plus(backoff(rules, attempts)), ctx.now());
        } catch (IllegalArgumentException e) {
            // the renderer refused the invite itself: retrying the same data cannot help
            next = entry.failed(OutboxStatus.DEAD, "invalid invite: " + e.getMessage(), ctx.now(), ctx.now());
        }
        ObjectNode log = summary(next);
        out.audit(new AuditRecord("calendar.invite_" + next.status().name().toLowerCase(java.util.Locale.ROOT),
                ctx.actor(), ctx.traceId(), log));
        if (next.status() == OutboxStatus.DEAD) {
            out.alert(new Alert(AlertLevel.IMPORTANT, "ICS_INVITE_DEAD", "The invitation for '" + next.summary()
                    + "' could not be sent after " + next.attempts() + " attempt(s): " + next.lastError(), ctx.now(),
                    Map.of("inviteId", next.id(), "eventId", next.eventId())));
        }
        return next;
    }

    /** The delay before the next attempt: the configured backoff doubled per failed attempt, capped. */
    static Duration backoff(CalendarRules rules, int attempts) {
        Duration d = rules.inviteBackoff();
        for (int i = 1; i < attempts && d.compareTo(MAX_BACKOFF) < 0; i++) {
            d = d.multipliedBy(2);
        }
        return d.compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : d;
    }

    /**
     * The ics-retry job: names every pending invite whose time has come; the delivery that follows the
     * job (see {@link #deliver}) makes the attempts and fills in what happened.
     */
    static Outcome retryDue(ActionContext ctx, JobRun run) {
        ObjectNode result = Json.object();
        ArrayNode tried = result.putArray("tried");
        for (OutboxEntry e : outbox(ctx).entries()) {
            if (e.status() == OutboxStatus.PENDING && !e.nextAttemptAt().isAfter(ctx.now())) {
                tried.add(summary(e));
            }
        }
        return Outcome.of(result);
    }

    static Outcome list(ActionContext ctx) {
        String status = ctx.data().path("status").asText(null);
        ObjectNode result = Json.object();
        ArrayNode list = result.putArray("invites");
        Outbox outbox = outbox(ctx);
        for (OutboxEntry e : outbox.entries()) {
            if (status == null || e.status().name().equals(status)) {
                list.add(summary(e));
            }
        }
        List<RemoteWrite> writes = outbox.remoteWrites().stream()
                .filter(w -> status == null || w.status().name().equals(status)).toList();
        if (!writes.isEmpty()) {
            ArrayNode remote = result.putArray("remoteWrites");
            writes.forEach(w -> remote.add(RemoteWrites.summary(w, ctx.zone())));
        }
        return Outcome.of(result);
    }

    /** {@code calendar.outbox_retry}'s data: the outbox id of the invite. */
    record RetryData(String id) {
    }

    static Outcome retry(ActionContext ctx) {
        String id = ctx.dataAs(RetryData.class).id();
        Outbox outbox = outbox(ctx);
        OutboxEntry entry = outbox.find(id).orElseThrow(() -> new Refusal(ErrorCode.NOT_FOUND, "no invite " + id,
                new Violation("$.data.id", "no invite with this id in the outbox")));
        if (entry.status() == OutboxStatus.SENT) {
            throw new Refusal(ErrorCode.VALIDATION_FAILED, "the invite was already sent",
                    new Violation("$.data.id", "invite " + id + " is SENT"));
        }
        // revived now, sent by the delivery that follows this action's unit of work
        OutboxEntry revived = entry.revived(ctx.now());
        ObjectNode result = Json.object();
        result.set("invite", summary(revived));
        return Outcome.builder(result).writeJson(Outbox.PATH, outbox.put(revived).toJson()).build();
    }

    /** {@code calendar.outbox_discard}'s data: the outbox id of the invite and why it is given up. */
    record DiscardData(String id, String reason) {
    }

    /**
     * Gives up an invite that is PENDING or DEAD: it leaves the outbox, so it no longer blocks
     * commits and is never sent; the audit log keeps the whole entry and the reason.
     */
    static Outcome discard(ActionContext ctx) {
        DiscardData d = ctx.dataAs(DiscardData.class);
        Outbox outbox = outbox(ctx);
        OutboxEntry entry = outbox.find(d.id()).orElseThrow(() -> new Refusal(ErrorCode.NOT_FOUND, "no invite " + d.id(),
                new Violation("$.data.id", "no invite with this id in the outbox; undelivered: "
                        + outbox.undelivered().stream().map(OutboxEntry::id).toList())));
        if (entry.status() == OutboxStatus.SENT) {
            throw new Refusal(ErrorCode.VALIDATION_FAILED, "the invite was already sent",
                    new Violation("$.data.id", "invite " + d.id() + " is SENT; only PENDING or DEAD invites are discarded"));
        }
        Outbox next = outbox.withEntries(outbox.entries().stream().filter(e -> !e.id().equals(d.id())).toList());
        ObjectNode audit = summary(entry);
        audit.put("reason", d.reason());
        ObjectNode result = Json.object();
        result.set("discarded", summary(entry));
        result.put("undelivered", next.undelivered().size());
        return Outcome.builder(result).writeJson(Outbox.PATH, next.toJson())
                .audit(new AuditRecord("calendar.invite_discarded", ctx.actor(), ctx.traceId(), audit)).build();
    }

    /** Refuses commits while an invite is undelivered, unless behaviour.avl switches the rule off. */
    static Optional<CommitRefusal> precondition(CommitGate.Facts facts) {
        boolean rule = facts.behaviour().behaviour()
                .map(b -> b.document().path("commitRules").path("refuseWhileIcsFailuresPending").asBoolean(true))
                .orElse(true);
        if (!rule) {
            return Optional.empty();
        }
        Optional<byte[]> bytes = facts.workingTree().apply(Outbox.PATH);
        if (bytes.isEmpty()) {
            return Optional.empty();
        }
        Outbox outbox;
        try {
            outbox = Outbox.fromJson(Json.parse(bytes.get()));
        } catch (com.fasterxml.jackson.core.JsonProcessingException | RuntimeException e) {
            return Optional.of(new CommitRefusal(CalendarFeature.ICS_FAILURES_PENDING,
                    Outbox.PATH + " cannot be read, so undelivered invites cannot be ruled out"));
        }
        long pending = outbox.undelivered().stream().filter(e -> e.status() == OutboxStatus.PENDING).count();
        long dead = outbox.undelivered().size() - pending;
        if (pending + dead == 0) {
            return Optional.empty();
        }
        return Optional.of(new CommitRefusal(CalendarFeature.ICS_FAILURES_PENDING,
                pending + " invite(s) pending and " + dead + " dead in " + Outbox.PATH
                        + "; see calendar.outbox, then calendar.outbox_retry or calendar.outbox_discard (with a reason)"));
    }

    static ObjectNode summary(OutboxEntry e) {
        ObjectNode n = Json.object();
        n.put("id", e.id());
        n.put("key", e.key());
        n.put("eventId", e.eventId());
        n.put("method", e.method().name());
        n.put("sequence", e.sequence());
        n.put("status", e.status().name());
        n.put("attempts", e.attempts());
        n.put("nextAttemptAt", e.nextAttemptAt().toString());
        if (e.recurrenceId() != null) {
            n.put("recurrenceId", e.recurrenceId().toString());
        }
        if (e.lastError() != null) {
            n.put("lastError", e.lastError());
        }
        if (e.messageId() != null) {
            n.put("messageId", e.messageId());
        }
        return n;
    }
}
