package dev.avalon.core.event;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.avalon.core.audit.AuditRecord;
import dev.avalon.core.json.Json;
import dev.avalon.core.port.Alert;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every event Avalon publishes. Most are the audit records of a unit of work seen from outside: the
 * unit of work publishes {@code reminder.created} for each {@code reminder.created} record it made
 * durable, with the record's (scrubbed) data and {@code actor}. The audit record is the fact; the
 * event is derived from it in one place, so no engine can write a change and forget its event, and
 * no event is published for a change that was not written. A few events come from elsewhere: the
 * governance state ({@code dr.entered}, {@code dr.left}), alerts ({@code alert.raised}) and the
 * automations themselves. {@code docs/EVENTS.md} is generated from this list.
 */
public final class EventCatalog {

    private static final Map<String, EventType> BY_AUDIT = new LinkedHashMap<>();
    private static final List<EventType> ALL = new ArrayList<>();

    static {
        audit("logbook.entry_recorded", "logbook.recorded", "A daily logbook entry was recorded (data: the entry).");
        audit("reminder.created", "reminder.created", "A reminder was created (data: the reminder, with `due`).");
        audit("reminder.moved", "reminder.moved", "A reminder was moved to another time (data: the reminder).");
        audit("reminder.escalated", "reminder.escalated", "An overdue reminder was escalated (data: the escalation).");
        audit("reminder.completed", "reminder.completed", "A reminder was completed (data: the reminder).");
        audit("calendar.event_created", "calendar.created", "A calendar event was created (data: the event).");
        audit("calendar.event_updated", "calendar.updated",
                "A calendar event was moved or changed, or one instance of a series was (data: the change).");
        audit("calendar.event_cancelled", "calendar.cancelled", "A calendar event was cancelled.");
        audit("calendar.event_completed", "calendar.completed", "A calendar event was completed (its checklist done).");
        audit("calendar.checklist_updated", "calendar.checklist_updated", "A checklist item of an event changed.");
        audit("calendar.synced", "calendar.synced",
                "The remote calendar was synchronised; remote changes pulled and local ones pushed (data: counts).");
        audit("calendar.remote_written", "calendar.remote_written",
                "A change was written to the remote calendar once it was durable (data: `eventId`, `pushed`).");
        audit("calendar.remote_conflict", "calendar.remote_conflict",
                "A write to the remote calendar met the user's remote edit, which was resolved as the sync resolves it.");
        audit("calendar.remote_write_dead", "calendar.remote_write_dead",
                "A write to the remote calendar was given up; the event's next change or calendar.sync writes it.");
        audit("calendar.template_saved", "calendar.template_saved", "An event template was saved.");
        audit("calendar.invite_sent", "invite.sent", "An invitation mail went out (data: invite id, event id).");
        audit("calendar.invite_pending", "invite.retrying", "An invitation failed and will be retried later.");
        audit("calendar.invite_dead", "invite.dead", "An invitation could not be sent and was given up.");
        audit("calendar.invite_discarded", "invite.discarded", "A dead or pending invitation was discarded.");
        audit("finance.income_registered", "finance.income", "Income was registered (data: `entries`, `unassigned`).");
        audit("finance.funds_allocated", "finance.allocated", "Unassigned money was allocated to pots.");
        audit("finance.funds_moved", "finance.moved", "Money was moved between pots.");
        audit("finance.pot_covered", "finance.covered", "An overspent pot was covered from another pot.");
        explicit("finance.spent", "Money was spent from a pot (data: `pot`, `entryId`, `amount`, `balance`, `funded`"
                + " (all money put into the pot), `usedPercent` (whole percent of it used), `overspent`).",
                "finance.spend, with its unit of work");
        explicit("finance.overspent", "A spend left its pot below zero (the same data as finance.spent).",
                "finance.spend, with its unit of work");
        audit("finance.check_started", "finance_check.started", "The weekly finance check started.");
        audit("finance.sheet_written", "finance_check.sheet_written", "The finance sheet was written.");
        audit("finance.check_completed", "finance_check.completed", "The weekly finance check completed.");
        audit("notulen.saved", "minutes.saved", "Meeting minutes were saved (data: `path`, `actionPoints`).");
        derived("minutes.action_points", "notulen.saved",
                "Minutes that were saved hold open action points (data: `path`, `actionPoints`).");
        audit("chatlog.appended", "chatlog.appended", "A message was appended to a chat log.");
        for (String step : List.of("started", "metrics_computed", "sheet_compiled", "proposals_generated",
                "proposals_presented", "proposal_answered", "patches_applied", "commit_requested", "closed",
                "uncommitted", "cancelled", "failed")) {
            audit("weekclose." + step, "weekclose." + step, "A step of the weekclose workflow: " + step.replace('_', ' ')
                    + ".");
        }
        audit("governance.patch_proposed", "behaviour.proposed", "A behaviour patch was proposed.");
        audit("governance.patch_applied", "behaviour.applied", "A behaviour patch was applied to the working tree.");
        audit("governance.patch_declined", "behaviour.declined", "A behaviour patch was declined.");
        audit("governance.patch_failed", "behaviour.failed", "A behaviour patch failed validation or application.");
        audit("governance.patch_withdrawn", "behaviour.withdrawn", "A behaviour patch was withdrawn.");
        audit("governance.patch_expired", "behaviour.expired", "A behaviour patch's approval question expired.");
        audit("governance.approval_reasked", "behaviour.reasked",
                "A patch's approval question was lost with a rebuilt question book and is asked again as the brain leaves DR.");
        explicit("behaviour.patched", "A behaviour patch was committed: behaviour.avl has a new version.",
                "governance, after the commit");
        audit("commit.requested", "commit.requested", "A commit consent (JA/NEE) was asked.");
        audit("commit.approved", "commit.approved", "A commit consent was answered JA.");
        audit("commit.declined", "commit.declined", "A commit consent was answered NEE.");
        explicit("brain.committed", "A commit was made and verified (data: `sha`, the files).",
                "governance, after the commit");
        audit("question.answered", "question.answered", "A question was answered.");
        audit("question.expired", "question.expired", "A question expired unanswered.");
        audit("governance.state_changed", "governance.state_changed", "The governance state changed (`from`, `to`).");
        derived("dr.entered", "governance.state_changed", "The brain was frozen for disaster recovery (`to` is STATE_DR).");
        derived("dr.left", "governance.state_changed", "The brain left disaster recovery (`from` is STATE_DR).");
        audit("dr.triggered", "dr.triggered", "Something froze the brain (data: `code`, `message`).");
        audit("scheduler.job_failed", "scheduler.job_failed", "A scheduled job failed and will be retried.");
        audit("alert.acknowledged", "alert.acknowledged",
                "An alert was acknowledged (data: `id`, `level`, `code`, `subject`, `count`).");
        explicit("alert.raised", "An alert was raised (data: `level`, `code`, `message`, `details`).",
                "every alert a unit of work raises");
        audit("automation.saved", "automation.saved", "An automation was created or changed.");
        audit("automation.ran", "automation.ran",
                "An automation ran (data: `automation`, `trigger`, `status`, the actions' outcomes).");
        explicit("automation.requested", "An automation is to run now (data: `automation`, `trigger` (MANUAL, WEBHOOK,"
                + " SCHEDULE, CONDITION or RETRY), `data`); the kernel runs it after the unit.",
                "automation.run, automation.webhook and the check on every tick");
        audit("automation.delivered", "automation.delivered", "An EMAIL or WEBHOOK of an automation was sent, or"
                + " failed (data: `id`, `automation`, `type`, `status`).");
        audit("automation.agent_task_answered", "automation.agent_task_answered", "An AGENT_TASK question was answered.");
        audit("automation.dead_lettered", "automation.dead_lettered",
                "A workflow step of an automation failed every attempt and went to the dead-letter list.");
        audit("command.queued", "command.queued", "An ACTION: line became a command in the queue (data: `id`, `system`,"
                + " `action`, `source`, `state`, `followUpOf` for a follow-up).");
        audit("command.processing", "command.processing",
                "A poll leased a command to its system (data: `id`, `system`, `action`, `attempts`).");
        audit("command.completed", "command.completed", "A system reported a command done (data: `id`, `system`, `action`).");
        audit("command.failed", "command.failed", "A command failed: its system said so, or its lease ran out with no"
                + " attempts left (data: `id`, `system`, `action`, `error`).");
        audit("command.retrying", "command.retrying",
                "A system reported a failure and asked for a retry: the command is PENDING again.");
        audit("command.lease_expired", "command.lease_expired", "A command's lease ran out before its system completed"
                + " it: PENDING again, or FAILED when its attempts are used up (data: `id`, `state`, `attempts`).");
    }

    private EventCatalog() {
    }

    private static void audit(String auditType, String name, String description) {
        EventType type = new EventType(name, description, "audit:" + auditType);
        BY_AUDIT.put(auditType, type);
        ALL.add(type);
    }

    private static void derived(String name, String auditType, String description) {
        ALL.add(new EventType(name, description, "audit:" + auditType + " (when it applies)"));
    }

    private static void explicit(String name, String description, String source) {
        ALL.add(new EventType(name, description, source));
    }

    /** Every event type, grouped by domain as listed. */
    public static List<EventType> all() {
        return List.copyOf(ALL);
    }

    /** The type named {@code name}, if Avalon publishes it. */
    public static Optional<EventType> find(String name) {
        return ALL.stream().filter(t -> t.name().equals(name)).findFirst();
    }

    /**
     * The events a durable audit record stands for; empty for records no event is published for. The
     * data is the unit's result (what the action answered: the reminder, the event …) overlaid with
     * the record's own data and its {@code actor}, so templates can name what the user sees.
     */
    public static List<DomainEvent> of(AuditRecord record, JsonNode result, Instant at) {
        EventType type = BY_AUDIT.get(record.type());
        if (type == null) {
            return List.of();
        }
        ObjectNode data = result.isObject() ? (ObjectNode) result.deepCopy() : Json.object();
        if (record.data().isObject()) {
            data.setAll((ObjectNode) record.data().deepCopy());
        }
        data.put("actor", record.actor());
        List<DomainEvent> events = new ArrayList<>();
        events.add(new DomainEvent(type.name(), data, at));
        switch (record.type()) {
            case "notulen.saved" -> {
                if (data.path("actionPoints").asInt(0) > 0) {
                    events.add(new DomainEvent("minutes.action_points", data, at));
                }
            }
            case "governance.state_changed" -> {
                if ("STATE_DR".equals(data.path("to").asText())) {
                    events.add(new DomainEvent("dr.entered", data, at));
                } else if ("STATE_DR".equals(data.path("from").asText())) {
                    events.add(new DomainEvent("dr.left", data, at));
                }
            }
            default -> {
            }
        }
        return events;
    }

    /** The {@code alert.raised} event of an alert. */
    public static DomainEvent of(Alert alert) {
        ObjectNode data = Json.object();
        data.put("level", alert.level().name());
        data.put("code", alert.code());
        data.put("message", alert.message());
        ObjectNode details = data.putObject("details");
        alert.details().forEach(details::put);
        return new DomainEvent("alert.raised", data, alert.at());
    }
}
