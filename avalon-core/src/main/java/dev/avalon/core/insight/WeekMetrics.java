package dev.avalon.core.insight;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.avalon.core.json.Json;
import dev.avalon.core.time.IsoWeek;

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
}
