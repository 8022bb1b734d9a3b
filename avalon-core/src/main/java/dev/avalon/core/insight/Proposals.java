package dev.avalon.core.insight;

import com.fasterxml.jackson.databind.JsonNode;
import dev.avalon.core.governance.MlLimits;
import dev.avalon.core.governance.MlPathLimit;
import dev.avalon.core.governance.Patch;
import dev.avalon.core.governance.PatchSource;
import dev.avalon.core.behaviour.PatchType;
import dev.avalon.core.governance.PatchValidator;
import dev.avalon.core.governance.RiskAssessor;
import dev.avalon.core.governance.RiskLevel;
import dev.avalon.core.json.Json;
import dev.avalon.core.logbook.LogbookWeek;
import dev.avalon.core.reminder.ReminderBook;
import dev.avalon.core.time.IsoWeek;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The insight engine's behaviour proposals (seed 04 §8.2): PATCH patches with source ML, only on
 * paths listed in {@code mlLimits.paths}, within their min, max and maxStep, at most
 * {@code mlLimits.maxProposalsPerWeek}, in the rule order below, each with a rationale quoting the
 * figures and the risk level {@link RiskAssessor} computes. Each passes {@link PatchValidator}
 * before it is returned; one that would not is left out.
 *
 * <ol>
 *   <li>{@code reminderEscalationRules.threshold} down by 1 (escalate sooner) when the
 *       procrastination index is at least {@value #HIGH_PROCRASTINATION} or the reminder
 *       effectiveness is below {@value #LOW_EFFECTIVENESS}; up by 1 when the procrastination index
 *       is at most {@value #LOW_PROCRASTINATION} and the effectiveness at least
 *       {@value #HIGH_EFFECTIVENESS} (or unknown).</li>
 *   <li>{@code calendar.bufferMinutes} up by its maxStep when the stress slope is at least
 *       {@value #STRESS_SLOPE} points per day; down by its maxStep when it is at most
 *       −{@value #STRESS_SLOPE}.</li>
 * </ol>
 * A step is cut to the path's maxStep (and to whole numbers when the current value is whole); a
 * value outside [min, max] is brought to the nearest bound only when that moves in the proposed
 * direction within maxStep, otherwise no proposal is made.
 */
public final class Proposals {

    public static final double HIGH_PROCRASTINATION = 0.5;
    public static final double LOW_PROCRASTINATION = 0.1;
    public static final double LOW_EFFECTIVENESS = 0.5;
    public static final double HIGH_EFFECTIVENESS = 0.8;
    public static final double STRESS_SLOPE = 0.5;

    static final String THRESHOLD = "reminderEscalationRules.threshold";
    static final String BUFFER = "calendar.bufferMinutes";

    private Proposals() {
    }

    /**
     * The proposals for {@code week}.
     *
     * @param behaviour the current behaviour document
     * @param journal   logbook weeks (the week and the 3 before it are used)
     * @param reminders the reminder book
     * @param week      the week the proposals are about
     * @param zone      the user's zone
     */
    public static List<Patch> generate(JsonNode behaviour, List<LogbookWeek> journal, ReminderBook reminders,
                                       IsoWeek week, ZoneId zone) {
        return generate(behaviour, Insight.metrics(week, journal, reminders, zone));
    }

    /** The proposals that follow from already computed {@code metrics}. */
    public static List<Patch> generate(JsonNode behaviour, WeekMetrics metrics) {
        Objects.requireNonNull(behaviour, "behaviour");
        Objects.requireNonNull(metrics, "metrics");
        MlLimits limits = MlLimits.from(behaviour);
        List<Patch> out = new ArrayList<>();
        PatchValidator validator = new PatchValidator();
        for (Candidate c : candidates(metrics)) {
            if (out.size() >= limits.maxProposalsPerWeek()) {
                break;
            }
            Optional<Patch> patch = patch(behaviour, limits, c, metrics.week(), out.size() + 1);
            patch.filter(p -> validator.validate(p, behaviour).ok()).ifPresent(out::add);
        }
        return List.copyOf(out);
    }

    /** A wish to move a path: direction +1 or −1, a wanted step (null: the path's maxStep), and why. */
    private record Candidate(String path, int direction, BigDecimal step, String why) {
    }

    private static List<Candidate> candidates(WeekMetrics m) {
        List<Candidate> list = new ArrayList<>();
        Metric pi = m.procrastinationIndex();
        Metric re = m.reminderEffectiveness();
        boolean procrastinates = pi.present() && pi.doubleValue() >= HIGH_PROCRASTINATION;
        boolean ineffective = re.present() && re.doubleValue() < LOW_EFFECTIVENESS;
        if (procrastinates || ineffective) {
            List<String> why = new ArrayList<>();
            if (procrastinates) {
                why.add("procrastination index " + pi.value().toPlainString() + " (" + pi.basis() + ") is at least "
                        + HIGH_PROCRASTINATION);
            }
            if (ineffective) {
                why.add("reminder effectiveness " + re.value().toPlainString() + " (" + re.basis() + ") is below "
                        + LOW_EFFECTIVENESS);
            }
            list.add(new Candidate(THRESHOLD, -1, BigDecimal.ONE, String.join(" and ", why)
                    + (m.escalations() > 0 ? "; " + m.escalations() + " escalations this week" : "")
                    + ": escalate moved reminders sooner"));
        } else if (pi.present() && pi.doubleValue() <= LOW_PROCRASTINATION
                && (!re.present() || re.doubleValue() >= HIGH_EFFECTIVENESS)) {
            list.add(new Candidate(THRESHOLD, +1, BigDecimal.ONE, "procrastination index " + pi.value().toPlainString()
                    + " (" + pi.basis() + ") is at most " + LOW_PROCRASTINATION
                    + (re.present() ? " and reminder effectiveness " + re.value().toPlainString() + " (" + re.basis() + ")"
                    : "") + ": reminders may wait one move longer before they escalate"));
        }
        Metric stress = m.stressSlope();
        if (stress.present() && stress.doubleValue() >= STRESS_SLOPE) {
            list.add(new Candidate(BUFFER, +1, null, "stress rose by " + stress.value().toPlainString()
                    + " points per day (" + stress.basis() + "): more room between appointments"));
        } else if (stress.present() && stress.doubleValue() <= -STRESS_SLOPE) {
            list.add(new Candidate(BUFFER, -1, null, "stress fell by " + stress.value().negate().toPlainString()
                    + " points per day (" + stress.basis() + "): appointments may sit closer together"));
        }
        return list;
    }

    private static Optional<Patch> patch(JsonNode behaviour, MlLimits limits, Candidate c, IsoWeek week, int n) {
        Optional<MlPathLimit> limit = limits.limitFor(c.path());
        JsonNode current = at(behaviour, c.path());
        if (limit.isEmpty() || !current.isNumber()) {
            return Optional.empty();
        }
        MlPathLimit l = limit.get();
        BigDecimal before = current.isIntegralNumber() ? new BigDecimal(current.bigIntegerValue()) : current.decimalValue();
        BigDecimal step = c.step() == null ? l.maxStep() : c.step().min(l.maxStep());
        if (current.isIntegralNumber()) {
            step = step.setScale(0, RoundingMode.FLOOR);
        }
        BigDecimal after = before.add(step.multiply(BigDecimal.valueOf(c.direction())));
        after = after.max(l.min()).min(l.max());
        BigDecimal moved = after.subtract(before);
        if (moved.signum() != c.direction() || !l.allowsStep(before, after)) {
            return Optional.empty();
        }
        JsonNode afterNode = current.isIntegralNumber() && after.stripTrailingZeros().scale() <= 0
                ? wholeNumber(after)
                : Json.nodes().numberNode(after);
        String rationale = "Week " + week + ": " + c.why() + ". Proposal: " + c.path() + " "
                + before.toPlainString() + " → " + after.stripTrailingZeros().toPlainString()
                + " (ML limits " + l.min().toPlainString() + ".." + l.max().toPlainString() + ", max step "
                + l.maxStep().toPlainString() + ").";
        Patch p = new Patch("ML-" + week + "-" + n, PatchType.PATCH, c.path(), current, afterNode,
                rationale, RiskLevel.LOW, PatchSource.ML, false);
        return Optional.of(p.withRiskLevel(RiskAssessor.assess(p, behaviour)));
    }

    private static JsonNode wholeNumber(BigDecimal value) {
        java.math.BigInteger whole = value.toBigIntegerExact();
        return whole.bitLength() < Integer.SIZE ? Json.nodes().numberNode(whole.intValue())
                : Json.nodes().numberNode(whole);
    }

    private static JsonNode at(JsonNode doc, String dotPath) {
        JsonNode node = doc;
        for (String segment : dotPath.split("\\.")) {
            node = node.path(segment);
        }
        return node;
    }
}
