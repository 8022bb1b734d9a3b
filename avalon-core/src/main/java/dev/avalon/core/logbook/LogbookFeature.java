package dev.avalon.core.logbook;

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
import dev.avalon.core.port.Alert;
import dev.avalon.core.port.AlertLevel;
import dev.avalon.core.schedule.JobRun;
import dev.avalon.core.schedule.Schedule;
import dev.avalon.core.schedule.ScheduledJob;
import dev.avalon.core.time.IsoWeek;

import java.time.LocalDate;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The logbook engine (seed 04 §1.1, §5): {@code logbook.add_daily_entry}, {@code logbook.week} and
 * the {@code daily-log} job, which at {@code dailyLog.time} (default 17:00) asks the front end for
 * the day's entry with an INFO alert {@code DAILY_LOG_PROMPT} and a result it can phrase.
 */
public final class LogbookFeature implements Feature {

    /** The job that prompts for the day's entry. */
    public static final String DAILY_LOG_JOB = "daily-log";
    static final LocalTime DEFAULT_DAILY_LOG = LocalTime.of(17, 0);

    @Override
    public String name() {
        return "logbook";
    }

    @Override
    public List<ActionDefinition> actions() {
        return List.of(ActionDefinition.fromResource("logbook.add_daily_entry", LogbookFeature::addDailyEntry),
                ActionDefinition.fromResource("logbook.week", LogbookFeature::week));
    }

    @Override
    public List<ScheduledJob> jobs() {
        return List.of(new ScheduledJob(DAILY_LOG_JOB,
                behaviour -> new Schedule.Daily(BehaviourRules.localTime(behaviour, "dailyLog.time", DEFAULT_DAILY_LOG)),
                LogbookFeature::prompt));
    }

    /** A week's journal rebuilt from the entries the audit log holds whole ({@link JournalFromAudit}). */
    @Override
    public Optional<byte[]> rederive(ActionContext context, dev.avalon.core.port.BrainPath path) {
        return JournalFromAudit.rebuild(path, context.brain().auditFiles());
    }

    static Outcome addDailyEntry(ActionContext ctx) {
        JsonNode data = ctx.data();
        JsonNode behaviour = ctx.behaviourDocument();
        LocalDate today = ctx.now().atZone(ctx.zone()).toLocalDate();
        List<Violation> problems = new ArrayList<>();
        String activiteit = data.get("activiteit").textValue();
        if (activiteit.isBlank()) {
            problems.add(new Violation("$.data.activiteit", "must contain more than blanks"));
        }
        String domein = data.get("domein").textValue();
        List<String> known = BehaviourRules.domains(behaviour);
        if (!known.contains(domein)) {
            problems.add(new Violation("$.data.domein", "unknown domain \"" + domein + "\"; known domains: "
                    + String.join(", ", known)));
        }
        LocalDate date = today;
        if (data.hasNonNull("date")) {
            try {
                date = LocalDate.parse(data.get("date").textValue());
            } catch (DateTimeParseException e) {
                problems.add(new Violation("$.data.date", "is not a date like 2026-11-23"));
            }
            if (date.isAfter(today)) {
                problems.add(new Violation("$.data.date", "is after today (" + today + ") in " + ctx.zone()));
            }
        }
        if (!problems.isEmpty()) {
            throw new Refusal(ErrorCode.VALIDATION_FAILED, "the entry cannot be recorded; correct the named fields",
                    problems);
        }
        LogbookEntry entry = new LogbookEntry(date, activiteit.strip(), domein, data.get("stress").intValue(),
                data.get("motivatie").intValue(), EntryStatus.fromWire(data.get("status").textValue()).orElseThrow(),
                data.get("moveCount").intValue(), ctx.now());
        IsoWeek week = IsoWeek.of(date);
        LogbookWeek journal = LogbookJournal.week(ctx.brain(), week);
        Optional<LogbookEntry> previous = journal.sameAs(entry);
        LogbookWeek next = journal.with(entry);

        ObjectNode result = Json.object();
        result.put("week", week.toString());
        result.set("entry", entry.toJson());
        result.put("replaced", previous.isPresent());
        previous.ifPresent(p -> result.set("previous", p.toJson()));
        result.put("entriesThisWeek", next.entries().size());
        ObjectNode audit = Json.object();
        audit.put("week", week.toString());
        audit.put("date", date.toString());
        audit.put("domein", domein);
        audit.put("replaced", previous.isPresent());
        // whole, with its hash: the journal is working state, never committed, and is rebuilt from these
        audit.set("entry", entry.toJson());
        audit.put("entrySha256", JournalFromAudit.sha256(entry));
        return Outcome.builder(result)
                .writeJson(LogbookJournal.path(week), next.toJson())
                .audit(new AuditRecord("logbook.entry_recorded", ctx.actor(), ctx.traceId(), audit))
                .build();
    }

    static Outcome week(ActionContext ctx) {
        IsoWeek week = weekOf(ctx, "$.data.week");
        LogbookWeek journal = LogbookJournal.week(ctx.brain(), week);
        ObjectNode result = Json.object();
        result.put("week", week.toString());
        result.put("monday", week.monday().toString());
        result.put("sunday", week.sunday().toString());
        ArrayNode entries = result.putArray("entries");
        journal.entries().forEach(e -> entries.add(e.toJson()));
        return Outcome.of(result);
    }

    /**
     * The week named by {@code data.week}, or the current week in the user's zone; a week that does
     * not exist (e.g. {@code 2026-W54}) is refused naming {@code field}.
     */
    public static IsoWeek weekOf(ActionContext ctx, String field) {
        if (!ctx.data().hasNonNull("week")) {
            return IsoWeek.of(ctx.now(), ctx.zone());
        }
        try {
            return IsoWeek.parse(ctx.data().get("week").textValue());
        } catch (IllegalArgumentException e) {
            throw new Refusal(ErrorCode.VALIDATION_FAILED, "no such week", new Violation(field, e.getMessage()));
        }
    }

    static Outcome prompt(ActionContext ctx, JobRun run) {
        JsonNode behaviour = ctx.brain().behaviour().behaviour().map(b -> b.document()).orElse(Json.object());
        LocalDate date = run.slot().atZone(ctx.zone()).toLocalDate();
        String text = behaviour.path("dailyLog").path("promptText")
                .asText("Hoe ging je dag? Activiteit, domein, stress, motivatie, status.");
        long today = LogbookJournal.week(ctx.brain(), IsoWeek.of(date)).entries().stream()
                .filter(e -> e.date().equals(date)).count();
        ObjectNode result = Json.object();
        result.put("prompt", text);
        result.put("action", "logbook.add_daily_entry");
        result.put("date", date.toString());
        ArrayNode domains = result.putArray("domains");
        BehaviourRules.domains(behaviour).forEach(domains::add);
        ArrayNode fields = result.putArray("fields");
        List.of("activiteit", "domein", "stress", "motivatie", "status", "moveCount").forEach(fields::add);
        result.put("entriesToday", today);
        result.put("late", run.late());
        Alert alert = new Alert(AlertLevel.INFO, "DAILY_LOG_PROMPT", text, ctx.now(),
                Map.of("action", "logbook.add_daily_entry", "date", date.toString(),
                        "entriesToday", Long.toString(today)));
        return Outcome.builder(result).alert(alert).build();
    }
}
