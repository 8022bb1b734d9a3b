package dev.avalon.core.reminder;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.avalon.core.feature.Feature;
import dev.avalon.core.action.ActionContext;
import dev.avalon.core.action.ActionDefinition;
import dev.avalon.core.base.ErrorCode;
import dev.avalon.core.action.Outcome;
import dev.avalon.core.base.Refusal;
import dev.avalon.core.base.Violation;
import dev.avalon.core.audit.AuditRecord;
import dev.avalon.core.behaviour.BehaviourRules;
import dev.avalon.core.json.Json;
import dev.avalon.core.time.DateTimeInput;
import dev.avalon.core.time.DateTimeOutput;
import dev.avalon.core.port.Alert;
import dev.avalon.core.port.AlertLevel;
import dev.avalon.core.schedule.JobRun;
import dev.avalon.core.schedule.Schedule;
import dev.avalon.core.schedule.ScheduledJob;

import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The reminder engine (seed 04 §4): {@code reminder.create}, {@code reminder.move},
 * {@code reminder.complete}, {@code reminder.list}, and the daily {@code reminder-escalation} job at
 * {@code reminderEscalationRules.checkTime} (default 07:30) applying {@link EscalationRules}. Each
 * escalation raises an IMPORTANT alert {@code REMINDER_ESCALATED} whose details (title, level,
 * moveCount, due, domain, colour) let the front end phrase it, and is recorded for the metrics.
 */
public final class ReminderFeature implements Feature {

    /** The daily escalation job. */
    public static final String ESCALATION_JOB = "reminder-escalation";
    static final LocalTime DEFAULT_CHECK_TIME = LocalTime.of(7, 30);

    @Override
    public String name() {
        return "reminder";
    }

    @Override
    public List<ActionDefinition> actions() {
        return List.of(ActionDefinition.fromResource("reminder.create", ReminderFeature::create),
                ActionDefinition.fromResource("reminder.move", ReminderFeature::move),
                ActionDefinition.fromResource("reminder.complete", ReminderFeature::complete),
                ActionDefinition.fromResource("reminder.list", ReminderFeature::list));
    }

    @Override
    public List<ScheduledJob> jobs() {
        return List.of(new ScheduledJob(ESCALATION_JOB, behaviour -> new Schedule.Daily(
                BehaviourRules.localTime(behaviour, "reminderEscalationRules.checkTime", DEFAULT_CHECK_TIME)),
                ReminderFeature::escalate));
    }

    static Outcome create(ActionContext ctx) {
        JsonNode data = ctx.data();
        JsonNode behaviour = ctx.behaviourDocument();
        List<Violation> problems = new ArrayList<>();
        String title = data.get("title").textValue().strip();
        if (title.isEmpty()) {
            problems.add(new Violation("$.data.title", "must contain more than blanks"));
        }
        String taskTitle = data.hasNonNull("task") ? data.get("task").textValue().strip() : title;
        if (data.hasNonNull("task") && taskTitle.isEmpty()) {
            problems.add(new Violation("$.data.task", "must contain more than blanks"));
        }
        String domein = data.get("domein").textValue();
        Optional<String> colour = BehaviourRules.colour(behaviour, domein);
        if (colour.isEmpty()) {
            problems.add(new Violation("$.data.domein", "unknown domain \"" + domein + "\"; known domains: "
                    + String.join(", ", BehaviourRules.domains(behaviour))));
        }
        Instant due = due(ctx, problems);
        if (!problems.isEmpty()) {
            throw new Refusal(ErrorCode.VALIDATION_FAILED, "the reminder cannot be created; correct the named fields",
                    problems);
        }
        ReminderBook book = ReminderBook.read(ctx.brain());
        Optional<Task> existing = book.taskNamed(taskTitle);
        Task task = existing.orElseGet(() -> new Task(ctx.ids().next("TASK"), taskTitle, domein, ctx.now()));
        if (existing.isEmpty()) {
            book = book.withTask(task);
        }
        Reminder reminder = new Reminder(ctx.ids().next("R"), task.id(), title, domein, colour.get(), due,
                ReminderStatus.OPEN, 0, 0, ctx.now(), null);
        book = book.with(reminder);
        ObjectNode result = Json.object();
        result.set("reminder", view(reminder, ctx, behaviour));
        result.set("task", view(task, ctx));
        result.put("taskCreated", existing.isEmpty());
        return Outcome.builder(result)
                .writeJson(ReminderBook.PATH, book.toJson())
                .audit(record(ctx, "reminder.created", reminder))
                .build();
    }

    static Outcome move(ActionContext ctx) {
        JsonNode behaviour = ctx.behaviourDocument();
        ReminderBook book = ReminderBook.read(ctx.brain());
        Reminder reminder = found(book, ctx.data().get("id").textValue());
        List<Violation> problems = new ArrayList<>();
        if (reminder.status() == ReminderStatus.COMPLETED) {
            problems.add(new Violation("$.data.id", "is completed (at " + reminder.completedAt() + ") and cannot move"));
        }
        Instant due = due(ctx, problems);
        if (!problems.isEmpty()) {
            throw new Refusal(ErrorCode.VALIDATION_FAILED, "the reminder cannot be moved", problems);
        }
        Reminder moved = reminder.movedTo(due);
        ObjectNode result = Json.object();
        result.set("reminder", view(moved, ctx, behaviour));
        result.put("previousDue", DateTimeOutput.format(reminder.due(), ctx.zone()));
        return Outcome.builder(result)
                .writeJson(ReminderBook.PATH, book.with(moved).toJson())
                .audit(record(ctx, "reminder.moved", moved))
                .build();
    }

    static Outcome complete(ActionContext ctx) {
        JsonNode behaviour = ctx.behaviourDocument();
        ReminderBook book = ReminderBook.read(ctx.brain());
        Reminder reminder = found(book, ctx.data().get("id").textValue());
        if (reminder.status() == ReminderStatus.COMPLETED) {
            throw new Refusal(ErrorCode.VALIDATION_FAILED, "the reminder is already completed",
                    new Violation("$.data.id", "was completed at " + reminder.completedAt()));
        }
        Reminder done = reminder.completedAt(ctx.now());
        ObjectNode result = Json.object();
        result.set("reminder", view(done, ctx, behaviour));
        return Outcome.builder(result)
                .writeJson(ReminderBook.PATH, book.with(done).toJson())
                .audit(record(ctx, "reminder.completed", done))
                .build();
    }

    static Outcome list(ActionContext ctx) {
        JsonNode behaviour = ctx.behaviourDocument();
        String status = ctx.data().path("status").asText("open");
        ReminderBook book = ReminderBook.read(ctx.brain());
        ObjectNode result = Json.object();
        result.put("status", status);
        ArrayNode list = result.putArray("reminders");
        for (Reminder r : book.reminders()) {
            if ("all".equals(status) || r.status().name().equalsIgnoreCase(status)) {
                list.add(view(r, ctx, behaviour));
            }
        }
        ArrayNode tasks = result.putArray("tasks");
        book.tasks().forEach(t -> tasks.add(view(t, ctx)));
        return Outcome.of(result);
    }

    static Outcome escalate(ActionContext ctx, JobRun run) {
        JsonNode behaviour = ctx.brain().behaviour().behaviour().map(b -> b.document()).orElse(Json.object());
        EscalationRules rules = EscalationRules.from(behaviour);
        LocalDate date = run.slot().atZone(ctx.zone()).toLocalDate();
        ReminderBook book = ReminderBook.read(ctx.brain());
        EscalationRules.Run done = rules.run(book, date);
        ObjectNode result = Json.object();
        result.put("date", date.toString());
        result.put("threshold", rules.threshold());
        ArrayNode list = result.putArray("escalated");
        if (done.escalated().isEmpty()) {
            return Outcome.of(result);
        }
        Outcome.Builder out = Outcome.builder(result).writeJson(ReminderBook.PATH, done.book().toJson());
        for (Escalation e : done.escalated()) {
            Reminder r = done.book().find(e.reminderId()).orElseThrow();
            ObjectNode item = view(r, ctx, behaviour);
            item.put("previousLevel", rules.name(e.level() - 1));
            list.add(item);
            Map<String, String> details = new LinkedHashMap<>();
            details.put("reminderId", r.id());
            details.put("title", r.title());
            details.put("level", e.levelName());
            details.put("moveCount", Integer.toString(r.moveCount()));
            details.put("due", DateTimeOutput.format(r.due(), ctx.zone()));
            details.put("domein", r.domein());
            details.put("colour", r.colour());
            out.alert(new Alert(AlertLevel.IMPORTANT, "REMINDER_ESCALATED", "Reminder \"" + r.title() + "\" was moved "
                    + r.moveCount() + " times and is now " + e.levelName() + ".", ctx.now(), details));
            out.audit(new AuditRecord("reminder.escalated", ctx.actor(), ctx.traceId(), e.toJson()));
        }
        return out.build();
    }

    /** {@code data.due} as an instant; adds a violation (and returns null) when unreadable or in the past. */
    private static Instant due(ActionContext ctx, List<Violation> problems) {
        Instant due = DateTimeInput.read(ctx.data().get("due").textValue(), ctx.zone(), "$.data.due", problems)
                .map(ZonedDateTime::toInstant).orElse(null);
        if (due != null && due.isBefore(ctx.now())) {
            problems.add(new Violation("$.data.due", "is in the past (now is "
                    + DateTimeOutput.format(ctx.now(), ctx.zone()) + ")"));
        }
        return due;
    }

    private static Reminder found(ReminderBook book, String id) {
        return book.find(id).orElseThrow(() -> new Refusal(ErrorCode.NOT_FOUND, "no reminder " + id,
                new Violation("$.data.id", "no reminder with this id")));
    }

    /** The reminder as the front end sees it: its fields plus the level's name and moves until the next. */
    private static ObjectNode view(Reminder r, ActionContext ctx, JsonNode behaviour) {
        EscalationRules rules = EscalationRules.from(behaviour);
        ObjectNode n = r.toJson();
        // the book keeps instants in UTC; answers write them in the user's zone, as every date-time
        n.put("due", DateTimeOutput.format(r.due(), ctx.zone()));
        n.put("dueLocal", DateTimeOutput.format(r.due(), ctx.zone()));
        n.put("createdAt", DateTimeOutput.format(r.createdAt(), ctx.zone()));
        if (r.completedAt() != null) {
            n.put("completedAt", DateTimeOutput.format(r.completedAt(), ctx.zone()));
        }
        n.put("levelName", rules.name(r.level()));
        n.put("movesUntilEscalation", rules.movesUntilNext(r));
        return n;
    }

    /** The task as answers show it: its creation time in the user's zone. */
    private static ObjectNode view(Task t, ActionContext ctx) {
        ObjectNode n = t.toJson();
        n.put("createdAt", DateTimeOutput.format(t.createdAt(), ctx.zone()));
        return n;
    }

    private static AuditRecord record(ActionContext ctx, String type, Reminder r) {
        ObjectNode data = Json.object();
        data.put("reminderId", r.id());
        data.put("taskId", r.taskId());
        data.put("due", r.due().toString());
        data.put("moveCount", r.moveCount());
        return new AuditRecord(type, ctx.actor(), ctx.traceId(), data);
    }
}
