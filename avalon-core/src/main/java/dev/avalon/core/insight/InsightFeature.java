package dev.avalon.core.insight;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.avalon.core.feature.Feature;
import dev.avalon.core.action.ActionContext;
import dev.avalon.core.action.ActionDefinition;
import dev.avalon.core.action.Outcome;
import dev.avalon.core.behaviour.BehaviourRules;
import dev.avalon.core.brain.Brain;
import dev.avalon.core.layout.BrainLayout;
import dev.avalon.core.governance.Patch;
import dev.avalon.core.json.Json;
import dev.avalon.core.logbook.LogbookFeature;
import dev.avalon.core.logbook.LogbookJournal;
import dev.avalon.core.port.BrainPath;
import dev.avalon.core.reminder.ReminderBook;
import dev.avalon.core.schedule.JobRun;
import dev.avalon.core.schedule.Schedule;
import dev.avalon.core.schedule.ScheduledJob;
import dev.avalon.core.time.IsoWeek;

import java.time.LocalTime;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

/**
 * The insight engine as a feature: the read-only actions {@code insight.metrics} and
 * {@code insight.proposals}, and the daily {@code insight} job (at {@value #JOB_TIME}) that stores the
 * current week's metrics in {@code state/insight/<yyyy>-W<ww>.json}.
 */
public final class InsightFeature implements Feature {

    /** The daily metrics job. */
    public static final String JOB = "insight";
    static final String JOB_TIME = "23:30";

    @Override
    public String name() {
        return "insight";
    }

    @Override
    public List<ActionDefinition> actions() {
        return List.of(ActionDefinition.fromResource("insight.metrics", InsightFeature::metricsAction),
                ActionDefinition.fromResource("insight.proposals", InsightFeature::proposalsAction));
    }

    @Override
    public List<ScheduledJob> jobs() {
        return List.of(new ScheduledJob(JOB, behaviour -> new Schedule.Daily(LocalTime.parse(JOB_TIME)),
                InsightFeature::store));
    }

    /** Where the stored metrics of {@code week} live. */
    public static BrainPath path(IsoWeek week) {
        return BrainPath.of(BrainLayout.INSIGHT_FOLDER + "/" + week + ".json");
    }

    /** The metrics of {@code week} from what the brain holds now. */
    public static WeekMetrics metrics(Brain brain, IsoWeek week, ZoneId zone) {
        return Insight.metrics(week, LogbookJournal.weeks(brain, week, Insight.SEASON_WEEKS), ReminderBook.read(brain),
                zone);
    }

    /** The proposals for {@code week} against the current {@code behaviour} document, at {@code now}. */
    public static List<Patch> proposals(Brain brain, JsonNode behaviour, IsoWeek week, ZoneId zone, Instant now) {
        return Proposals.generate(behaviour, metrics(brain, week, zone), now);
    }

    static Outcome metricsAction(ActionContext ctx) {
        IsoWeek week = LogbookFeature.weekOf(ctx, "$.data.week");
        return Outcome.of(metrics(ctx.brain(), week, ctx.zone()).toJson());
    }

    static Outcome proposalsAction(ActionContext ctx) {
        IsoWeek week = LogbookFeature.weekOf(ctx, "$.data.week");
        JsonNode behaviour = ctx.behaviourDocument();
        WeekMetrics metrics = metrics(ctx.brain(), week, ctx.zone());
        ObjectNode result = Json.object();
        result.put("week", week.toString());
        result.set("metrics", metrics.toJson().get("metrics"));
        ArrayNode list = result.putArray("proposals");
        Proposals.generate(behaviour, metrics, ctx.now()).forEach(p -> list.add(p.toJson()));
        return Outcome.of(result);
    }

    static Outcome store(ActionContext ctx, JobRun run) {
        IsoWeek week = IsoWeek.of(run.slot(), ctx.zone());
        ObjectNode file = metrics(ctx.brain(), week, ctx.zone()).toJson();
        file.put("computedAt", ctx.now().toString());
        return Outcome.builder(file).writeJson(path(week), file).build();
    }
}
