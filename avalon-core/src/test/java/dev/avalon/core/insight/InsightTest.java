package dev.avalon.core.insight;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.avalon.core.behaviour.BehaviourCheck;
import dev.avalon.core.governance.Patch;
import dev.avalon.core.governance.PatchSource;
import dev.avalon.core.behaviour.PatchType;
import dev.avalon.core.governance.PatchValidator;
import dev.avalon.core.governance.RiskLevel;
import dev.avalon.core.logbook.EntryStatus;
import dev.avalon.core.logbook.LogbookEntry;
import dev.avalon.core.logbook.LogbookWeek;
import dev.avalon.core.reminder.Escalation;
import dev.avalon.core.reminder.Reminder;
import dev.avalon.core.reminder.ReminderBook;
import dev.avalon.core.reminder.ReminderStatus;
import dev.avalon.core.time.IsoWeek;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("Insight metrics match hand-computed examples and say why when data is short")
class InsightTest {

    static final ZoneId AMS = ZoneId.of("Europe/Amsterdam");
    static final IsoWeek W48 = IsoWeek.parse("2026-W48");
    static final Instant T = Instant.parse("2026-11-20T10:00:00Z");
    /** The weekclose after W48. */
    static final Instant NOW = Instant.parse("2026-11-30T07:00:00Z");

    static LogbookEntry entry(LocalDate date, String what, int stress, int motivatie, int moves) {
        return new LogbookEntry(date, what, "WERK", stress, motivatie, EntryStatus.DONE, moves, T);
    }

    static Reminder completed(String id, int moves, Instant at) {
        return new Reminder(id, "TASK-1", id, "WERK", "#43A047", T, ReminderStatus.COMPLETED, moves, 0, T, at);
    }

    /** Monday two entries (stress 4 and 6, motivatie 8 and 6), Wednesday 7/5, Friday 8/4; moves 0, 2, 1, 0. */
    static LogbookWeek week48() {
        LocalDate mon = W48.monday();
        return new LogbookWeek(W48, List.of(entry(mon, "a", 4, 8, 0), entry(mon, "b", 6, 6, 2),
                entry(mon.plusDays(2), "c", 7, 5, 1), entry(mon.plusDays(4), "d", 8, 4, 0)));
    }

    static List<LogbookWeek> season() {
        List<LogbookWeek> weeks = new ArrayList<>();
        int[] means = {6, 5, 7};
        for (int i = 0; i < 3; i++) {
            IsoWeek w = W48.plus(i - 3);
            weeks.add(new LogbookWeek(w, List.of(entry(w.monday(), "x", 5, means[i], 0))));
        }
        weeks.add(week48());
        return weeks;
    }

    static ReminderBook reminders() {
        Instant inWeek = Instant.parse("2026-11-25T12:00:00Z");
        return new ReminderBook(List.of(), List.of(completed("R-1", 0, inWeek), completed("R-2", 2, inWeek),
                completed("R-3", 0, Instant.parse("2026-11-29T22:30:00Z")),
                completed("R-4", 0, Instant.parse("2026-11-22T22:30:00Z"))),
                List.of(new Escalation(LocalDate.parse("2026-11-24"), "R-2", 1, "GENTLE", 3)));
    }

    @Test
    @DisplayName("procrastination index = moves / (moves + entries): 3 / (3 + 4)")
    void procrastination() {
        WeekMetrics m = Insight.metrics(W48, season(), reminders(), AMS);
        assertThat(m.procrastinationIndex().value()).isEqualByComparingTo("0.4286");
        assertThat(m.procrastinationIndex().basis()).contains("3 moves over 4 entries");
    }

    @Test
    @DisplayName("stress and motivation slopes are least-squares slopes of the daily means: +0.75 and -0.75")
    void slopes() {
        WeekMetrics m = Insight.metrics(W48, season(), reminders(), AMS);
        assertThat(m.stressSlope().value()).isEqualByComparingTo("0.75");
        assertThat(m.motivationSlope().value()).isEqualByComparingTo("-0.75");
    }

    @Test
    @DisplayName("reminder effectiveness counts completions in the week in the user's zone: 2 of 3 never moved")
    void effectiveness() {
        // R-3 completes Sunday 23:30 Amsterdam (in the week); R-4 Sunday before (22 Nov 23:30, not in it)
        WeekMetrics m = Insight.metrics(W48, season(), reminders(), AMS);
        assertThat(m.reminderEffectiveness().value()).isEqualByComparingTo("0.6667");
        assertThat(m.escalations()).isEqualTo(1);
    }

    @Test
    @DisplayName("seasonal stagnation = 1 - (max - min) / 9 over four weekly motivation means: 1 - 2/9")
    void stagnation() {
        WeekMetrics m = Insight.metrics(W48, season(), reminders(), AMS);
        assertThat(m.seasonalStagnation().value()).isEqualByComparingTo("0.7778");
    }

    @Test
    @DisplayName("too little data gives null with a reason, never NaN")
    void tooLittleData() {
        LogbookWeek oneDay = new LogbookWeek(W48, List.of(entry(W48.monday(), "a", 4, 8, 0)));
        WeekMetrics m = Insight.metrics(W48, List.of(oneDay), ReminderBook.EMPTY, AMS);
        assertThat(m.procrastinationIndex().value()).isEqualByComparingTo("0");
        assertThat(m.stressSlope().value()).isNull();
        assertThat(m.stressSlope().reason()).contains("at least 2 days");
        assertThat(m.reminderEffectiveness().reason()).contains("no reminder was completed");
        assertThat(m.seasonalStagnation().reason()).contains("2026-W45");
        WeekMetrics empty = Insight.metrics(W48, List.of(), ReminderBook.EMPTY, AMS);
        assertThat(empty.all()).allSatisfy(x -> assertThat(x.present()).isFalse());
        assertThat(empty.toJson().path("metrics").path("procrastinationIndex").path("value").isNull()).isTrue();
    }

    static WeekMetrics procrastinatingAndStressed() {
        LocalDate mon = W48.monday();
        LogbookWeek w = new LogbookWeek(W48, List.of(entry(mon, "a", 4, 8, 2), entry(mon, "b", 6, 6, 2),
                entry(mon.plusDays(2), "c", 7, 5, 1), entry(mon.plusDays(4), "d", 8, 4, 1)));
        return Insight.metrics(W48, List.of(w), ReminderBook.EMPTY, AMS);
    }

    @Test
    @DisplayName("a procrastinating, stressed week proposes a lower threshold and a larger buffer, quoting the figures")
    void proposals() {
        JsonNode behaviour = BehaviourCheck.defaults().document();
        List<Patch> patches = Proposals.generate(behaviour, procrastinatingAndStressed(), NOW);
        assertThat(patches).hasSize(2);
        Patch threshold = patches.get(0);
        assertThat(threshold.path()).isEqualTo("reminderEscalationRules.threshold");
        assertThat(threshold.before().intValue()).isEqualTo(3);
        assertThat(threshold.after().intValue()).isEqualTo(2);
        assertThat(threshold.rationale()).contains("0.6", "6 moves over 4 entries", "3 → 2");
        assertThat(threshold.riskLevel()).isEqualTo(RiskLevel.LOW);
        Patch buffer = patches.get(1);
        assertThat(buffer.path()).isEqualTo("calendar.bufferMinutes");
        assertThat(buffer.after().intValue()).isEqualTo(15);
        assertThat(buffer.rationale()).contains("0.75");
        assertThat(patches).allSatisfy(p -> {
            assertThat(p.type()).isEqualTo(PatchType.PATCH);
            assertThat(p.source()).isEqualTo(PatchSource.ML);
            assertThat(new PatchValidator().validate(p, behaviour).ok()).isTrue();
        });
    }

    @Test
    @DisplayName("proposals stop at maxProposalsPerWeek and stay inside min and max")
    void proposalsRespectLimits() {
        ObjectNode behaviour = (ObjectNode) BehaviourCheck.defaults().document();
        ((ObjectNode) behaviour.path("mlLimits")).put("maxProposalsPerWeek", 1);
        ((ObjectNode) behaviour.path("reminderEscalationRules")).put("threshold", 1);
        // threshold already at its minimum: the first rule gives nothing, so the buffer rule is the one
        List<Patch> patches = Proposals.generate(behaviour, procrastinatingAndStressed(), NOW);
        assertThat(patches).singleElement().satisfies(p -> assertThat(p.path()).isEqualTo("calendar.bufferMinutes"));
        ((ObjectNode) behaviour.path("mlLimits")).put("maxProposalsPerWeek", 0);
        assertThat(Proposals.generate(behaviour, procrastinatingAndStressed(), NOW)).isEmpty();
    }

    @Test
    @DisplayName("a metric value is rounded half-even to four decimals")
    void rounding() {
        assertThat(Metric.of("x", 0.00005, "b").value()).isEqualByComparingTo(new BigDecimal("0.0000"));
        assertThat(Metric.of("x", 2.0 / 3.0, "b").value()).isEqualByComparingTo(new BigDecimal("0.6667"));
    }

    @Test
    @DisplayName("minimum data: 4 entries on 3 days propose; 3 entries on 2 days report the metrics but propose nothing")
    void minimumData() {
        JsonNode behaviour = BehaviourCheck.defaults().document();
        WeekMetrics enough = procrastinatingAndStressed();
        assertThat(enough.procrastinationIndex().observations()).isEqualTo(Proposals.MIN_ENTRIES);
        assertThat(enough.stressSlope().observations()).isEqualTo(Proposals.MIN_DAYS);
        assertThat(Proposals.generate(behaviour, enough, NOW)).hasSize(2);

        LocalDate mon = W48.monday();
        LogbookWeek thin = new LogbookWeek(W48, List.of(entry(mon, "a", 4, 8, 2), entry(mon, "b", 6, 6, 2),
                entry(mon.plusDays(2), "c", 8, 5, 1)));
        WeekMetrics little = Insight.metrics(W48, List.of(thin), ReminderBook.EMPTY, AMS);
        assertThat(little.procrastinationIndex().doubleValue()).isGreaterThanOrEqualTo(Proposals.HIGH_PROCRASTINATION);
        assertThat(little.stressSlope().doubleValue()).isGreaterThanOrEqualTo(Proposals.STRESS_SLOPE);
        assertThat(Proposals.generate(behaviour, little, NOW)).isEmpty();
        // the weight survives the round trip through the weekclose's state
        assertThat(WeekMetrics.fromJson(enough.toJson())).isEqualTo(enough);
    }

    @Test
    @DisplayName("a path the user changed by a USER patch within four weeks is not proposed back; after four weeks it is")
    void explicitUserIntent() {
        ObjectNode behaviour = (ObjectNode) BehaviourCheck.defaults().document();
        ObjectNode change = ((com.fasterxml.jackson.databind.node.ArrayNode) behaviour.path("history")).addObject();
        change.put("oldVersion", "1.0.0").put("newVersion", "1.0.1").put("appliedBy", "backend")
                .put("approvedByUser", true).put("patchType", "PATCH").put("patchId", "U-1")
                .put("path", "reminderEscalationRules.threshold").put("source", "USER")
                .put("timestamp", NOW.minus(java.time.Duration.ofDays(27)).toString());
        assertThat(Proposals.generate(behaviour, procrastinatingAndStressed(), NOW)).extracting(Patch::path)
                .containsExactly("calendar.bufferMinutes");

        // the user raised the threshold: lowering it would undo that, so it is not proposed
        change.put("direction", "UP");
        assertThat(Proposals.generate(behaviour, procrastinatingAndStressed(), NOW)).extracting(Patch::path)
                .containsExactly("calendar.bufferMinutes");
        // the user lowered it: lowering it further goes the user's way and is proposed
        change.put("direction", "DOWN");
        assertThat(Proposals.generate(behaviour, procrastinatingAndStressed(), NOW)).extracting(Patch::path)
                .containsExactly("reminderEscalationRules.threshold", "calendar.bufferMinutes");
        change.remove("direction");

        // a change of the whole section counts for the paths under it
        change.put("path", "calendar");
        assertThat(Proposals.generate(behaviour, procrastinatingAndStressed(), NOW)).extracting(Patch::path)
                .containsExactly("reminderEscalationRules.threshold");

        // an ML patch is no user intent, and a USER change older than four weeks has had its time
        change.put("path", "reminderEscalationRules.threshold").put("source", "ML");
        assertThat(Proposals.generate(behaviour, procrastinatingAndStressed(), NOW)).hasSize(2);
        change.put("source", "USER").put("timestamp", NOW.minus(java.time.Duration.ofDays(29)).toString());
        assertThat(Proposals.generate(behaviour, procrastinatingAndStressed(), NOW)).hasSize(2);
    }
}
