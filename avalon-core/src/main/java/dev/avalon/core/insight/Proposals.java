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
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
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
 *
 * <p><b>Minimum data.</b> A metric only counts for a proposal when it rests on enough of the week:
 * the procrastination index on at least {@value #MIN_ENTRIES} logbook entries, the reminder
 * effectiveness on at least {@value #MIN_COMPLETED_REMINDERS} completed reminders, the stress slope on
 * entries on at least {@value #MIN_DAYS} distinct days. Below that the metric is still reported,
 * but proposes nothing (an effectiveness below its minimum counts as unknown).
 *
 * <p><b>Explicit user intent</b> (seed 06 §7). No proposal undoes a change the user made by a patch of
 * source USER in the {@link #USER_INTENT_WINDOW} before {@code now}, as recorded in behaviour.avl's
 * {@code history}: a number the user moved one way is not proposed back the other way (a threshold the
 * user lowered may be proposed lower still, never higher); any other change of the path, or of a path
 * above or below it, keeps statistics off that path altogether. Entries without a {@code path}, written
 * before it was recorded, are not taken into account.
 */
public final class Proposals {

    public static final double HIGH_PROCRASTINATION = 0.5;
    public static final double LOW_PROCRASTINATION = 0.1;
    public static final double LOW_EFFECTIVENESS = 0.5;
    public static final double HIGH_EFFECTIVENESS = 0.8;
    public static final double STRESS_SLOPE = 0.5;
    /** Logbook entries of the week the procrastination index needs to propose anything. */
    public static final int MIN_ENTRIES = 4;
    /** Completed reminders of the week the reminder effectiveness needs to count. */
    public static final int MIN_COMPLETED_REMINDERS = 3;
    /** Distinct days with entries the stress slope needs to propose anything. */
    public static final int MIN_DAYS = 3;
    /** How long a user's own change of a path keeps statistics from proposing it back. */
    public static final Duration USER_INTENT_WINDOW = Duration.ofDays(28);

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
     * @param now       the moment of proposing, which the user-intent window counts back from
     */
    public static List<Patch> generate(JsonNode behaviour, List<LogbookWeek> journal, ReminderBook reminders,
                                       IsoWeek week, ZoneId zone, Instant now) {
        return generate(behaviour, Insight.metrics(week, journal, reminders, zone), now);
    }

    /** The proposals that follow from already computed {@code metrics}, at {@code now}. */
    public static List<Patch> generate(JsonNode behaviour, WeekMetrics metrics, Instant now) {
        Objects.requireNonNull(behaviour, "behaviour");
        Objects.requireNonNull(metrics, "metrics");
        Objects.requireNonNull(now, "now");
        MlLimits limits = MlLimits.from(behaviour);
        List<UserChange> userChanges = userChanges(behaviour, now.minus(USER_INTENT_WINDOW));
        List<Patch> out = new ArrayList<>();
        PatchValidator validator = new PatchValidator();
        for (Candidate c : candidates(metrics)) {
            if (out.size() >= limits.maxProposalsPerWeek()) {
                break;
            }
            if (userChanges.stream().anyMatch(u -> u.undoneBy(c))) {
                continue;
            }
            Optional<Patch> patch = patch(behaviour, limits, c, metrics.week(), out.size() + 1);
            patch.filter(p -> validator.validate(p, behaviour).ok()).ifPresent(out::add);
        }
        return List.copyOf(out);
    }

    /**
     * A change the user made: its path and, for a number, which way it moved (+1 up, −1 down, 0 when not
     * a number or not known).
     */
    record UserChange(String path, int direction) {
        /** Whether proposing {@code c} would undo this change, or touch a path the user set otherwise. */
        boolean undoneBy(Candidate c) {
            if (!overlaps(path, c.path())) {
                return false;
            }
            return direction == 0 || !path.equals(c.path()) || c.direction() != direction;
        }
    }

    /** The changes the user made by a USER patch at or after {@code since}, by behaviour.avl's history. */
    static List<UserChange> userChanges(JsonNode behaviour, Instant since) {
        List<UserChange> paths = new ArrayList<>();
        for (JsonNode h : behaviour.path("history")) {
            if ("USER".equals(h.path("source").asText()) && h.path("path").isTextual()
                    && h.path("timestamp").isTextual()) {
                try {
                    if (!Instant.parse(h.get("timestamp").textValue()).isBefore(since)) {
                        String way = h.path("direction").asText("");
                        paths.add(new UserChange(h.get("path").textValue(),
                                way.equals("UP") ? 1 : way.equals("DOWN") ? -1 : 0));
                    }
                } catch (DateTimeParseException e) {
                    // behaviour.avl's schema checks the format; an entry that still fails is no evidence of intent
                }
            }
        }
        return paths;
    }

    private static boolean overlaps(String a, String b) {
        return a.equals(b) || a.startsWith(b + ".") || b.startsWith(a + ".");
    }

    /** A wish to move a path: direction +1 or −1, a wanted step (null: the path's maxStep), and why. */
    private record Candidate(String path, int direction, BigDecimal step, String why) {
    }

    private static List<Candidate> candidates(WeekMetrics m) {
        List<Candidate> list = new ArrayList<>();
        Metric pi = m.procrastinationIndex();
        Metric re = m.reminderEffectiveness();
        boolean piCounts = pi.restsOn(MIN_ENTRIES);
        boolean reCounts = re.restsOn(MIN_COMPLETED_REMINDERS);
        boolean procrastinates = piCounts && pi.doubleValue() >= HIGH_PROCRASTINATION;
        boolean ineffective = reCounts && re.doubleValue() < LOW_EFFECTIVENESS;
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
        } else if (piCounts && pi.doubleValue() <= LOW_PROCRASTINATION
                && (!reCounts || re.doubleValue() >= HIGH_EFFECTIVENESS)) {
            list.add(new Candidate(THRESHOLD, +1, BigDecimal.ONE, "procrastination index " + pi.value().toPlainString()
                    + " (" + pi.basis() + ") is at most " + LOW_PROCRASTINATION
                    + (reCounts ? " and reminder effectiveness " + re.value().toPlainString() + " (" + re.basis() + ")"
                    : "") + ": reminders may wait one move longer before they escalate"));
        }
        Metric stress = m.stressSlope();
        boolean stressCounts = stress.restsOn(MIN_DAYS);
        if (stressCounts && stress.doubleValue() >= STRESS_SLOPE) {
            list.add(new Candidate(BUFFER, +1, null, "stress rose by " + stress.value().toPlainString()
                    + " points per day (" + stress.basis() + "): more room between appointments"));
        } else if (stressCounts && stress.doubleValue() <= -STRESS_SLOPE) {
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
