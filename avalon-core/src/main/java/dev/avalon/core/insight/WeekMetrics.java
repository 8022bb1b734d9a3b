package dev.avalon.core.insight;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.avalon.core.json.Json;
import dev.avalon.core.time.IsoWeek;

import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;

/**
 * The five metrics of one ISO week (seed 04 §8.1); formulas, ranges and minimum data are in
 * {@code docs/metrics.md} and on {@link Insight}.
 *
 * @param week                  the week
 * @param procrastinationIndex  in [0, 1]
 * @param stressSlope           in [-9, 9] points per day
 * @param motivationSlope       in [-9, 9] points per day
 * @param reminderEffectiveness in [0, 1]
 * @param seasonalStagnation    in [0, 1]
 * @param escalations           reminder escalations dated in the week (a count, always known)
 */
public record WeekMetrics(IsoWeek week, Metric procrastinationIndex, Metric stressSlope, Metric motivationSlope,
                          Metric reminderEffectiveness, Metric seasonalStagnation, int escalations) {

    public WeekMetrics {
        Objects.requireNonNull(week, "week");
        Objects.requireNonNull(procrastinationIndex, "procrastinationIndex");
        Objects.requireNonNull(stressSlope, "stressSlope");
        Objects.requireNonNull(motivationSlope, "motivationSlope");
        Objects.requireNonNull(reminderEffectiveness, "reminderEffectiveness");
        Objects.requireNonNull(seasonalStagnation, "seasonalStagnation");
    }

    public List<Metric> all() {
        return List.of(procrastinationIndex, stressSlope, motivationSlope, reminderEffectiveness, seasonalStagnation);
    }

    public ObjectNode toJson() {
        ObjectNode n = Json.object();
        n.put("week", week.toString());
        ObjectNode m = n.putObject("metrics");
        all().forEach(x -> m.set(x.name(), x.toJson()));
        n.put("escalations", escalations);
        return n;
    }

    /** Reads what {@link #toJson()} wrote (a workflow keeps the metrics it proposed from). */
    public static WeekMetrics fromJson(JsonNode n) {
        JsonNode m = n.path("metrics");
        return new WeekMetrics(IsoWeek.parse(n.get("week").textValue()), metric(m, "procrastinationIndex"),
                metric(m, "stressSlope"), metric(m, "motivationSlope"), metric(m, "reminderEffectiveness"),
                metric(m, "seasonalStagnation"), n.path("escalations").intValue());
    }

    private static Metric metric(JsonNode metrics, String name) {
        JsonNode x = metrics.path(name);
        BigDecimal value = x.path("value").isNumber() ? x.path("value").decimalValue() : null;
        return new Metric(name, value, value == null ? x.path("reason").asText("no value") : null,
                x.path("basis").asText(""), value == null ? 0 : Math.max(0, x.path("observations").asInt(0)));
    }
}
