package dev.avalon.core.insight;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.avalon.core.behaviour.BehaviourCheck;
import dev.avalon.core.governance.Patch;
import dev.avalon.core.governance.PatchSource;
import dev.avalon.core.behaviour.PatchType;
import dev.avalon.core.governance.PatchValidator;
import dev.avalon.core.governance.RiskAssessor;
import dev.avalon.core.logbook.EntryStatus;
import dev.avalon.core.logbook.LogbookEntry;
import dev.avalon.core.logbook.LogbookWeek;
import dev.avalon.core.reminder.Reminder;
import dev.avalon.core.reminder.ReminderBook;
import dev.avalon.core.reminder.ReminderStatus;
import dev.avalon.core.time.IsoWeek;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

class InsightProperties {

    private static final ZoneId AMS = ZoneId.of("Europe/Amsterdam");
    private static final IsoWeek WEEK = IsoWeek.parse("2026-W48");
    private static final Instant T = Instant.parse("2026-11-20T10:00:00Z");

    @Provide
    Arbitrary<List<LogbookWeek>> journals() {
        Arbitrary<LogbookEntry> entries = Combinators.combine(Arbitraries.integers().between(0, 27),
                Arbitraries.integers().between(1, 10), Arbitraries.integers().between(1, 10),
                Arbitraries.integers().between(0, 1000), Arbitraries.of(EntryStatus.class),
                Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(8))
                .as((day, stress, motivatie, moves, status, what) -> new LogbookEntry(
                        WEEK.plus(-3).monday().plusDays(day), what, "WERK", stress, motivatie, status, moves, T));
        return entries.list().ofMaxSize(60).map(list -> {
            Map<IsoWeek, LogbookWeek> weeks = new TreeMap<>();
            for (LogbookEntry e : list) {
                IsoWeek w = IsoWeek.of(e.date());
                weeks.put(w, weeks.getOrDefault(w, LogbookWeek.empty(w)).with(e));
            }
            return new ArrayList<>(weeks.values());
        });
    }

    @Provide
    Arbitrary<ReminderBook> reminderBooks() {
        Arbitrary<Reminder> reminders = Combinators.combine(Arbitraries.integers().between(0, 1_000_000),
                Arbitraries.integers().between(0, 20), Arbitraries.integers().between(-3 * 24, 14 * 24), Arbitraries.of(true, false))
                .as((id, moves, hours, done) -> new Reminder("R-" + id, "TASK-1", "r", "WERK", "#43A047", T,
                        done ? ReminderStatus.COMPLETED : ReminderStatus.OPEN, moves, 0, T,
                        done ? WEEK.monday().atStartOfDay(AMS).toInstant().plusSeconds(3600L * hours) : null));
        return reminders.list().ofMaxSize(15).map(list -> new ReminderBook(List.of(), list, List.of()));
    }

    @Property(tries = 300)
    @Label("every metric is null with a reason or a value in its documented range")
    void metricsStayInRange(@ForAll("journals") List<LogbookWeek> journal, @ForAll("reminderBooks") ReminderBook book) {
        WeekMetrics m = Insight.metrics(WEEK, journal, book, AMS);
        for (Metric x : m.all()) {
            assertThat(x.present() ? x.reason() == null : x.reason() != null && !x.reason().isBlank()).isTrue();
        }
        inRange(m.procrastinationIndex(), "0", "1");
        inRange(m.stressSlope(), "-9", "9");
        inRange(m.motivationSlope(), "-9", "9");
        inRange(m.reminderEffectiveness(), "0", "1");
        inRange(m.seasonalStagnation(), "0", "1");
    }

    private static void inRange(Metric m, String min, String max) {
        if (m.present()) {
            assertThat(m.value()).as(m.name()).isBetween(new BigDecimal(min), new BigDecimal(max));
        }
    }

    @Property(tries = 300)
    @Label("every generated proposal is a PATCH from ML that PatchValidator accepts, with the backend's risk level")
    void proposalsPassTheValidator(@ForAll("journals") List<LogbookWeek> journal,
                                   @ForAll("reminderBooks") ReminderBook book,
                                   @ForAll @IntRange(min = 0, max = 3) int maxProposals,
                                   @ForAll @IntRange(min = 0, max = 8) int thresholdMin,
                                   @ForAll @IntRange(min = 0, max = 8) int thresholdSpan,
                                   @ForAll @IntRange(min = 0, max = 3) int thresholdStep,
                                   @ForAll @IntRange(min = 1, max = 15) int threshold,
                                   @ForAll @IntRange(min = 0, max = 40) int bufferMin,
                                   @ForAll @IntRange(min = 0, max = 40) int bufferSpan,
                                   @ForAll @IntRange(min = 0, max = 12) int bufferStep,
                                   @ForAll @IntRange(min = 0, max = 90) int buffer) {
        ObjectNode behaviour = (ObjectNode) BehaviourCheck.defaults().document();
        ((ObjectNode) behaviour.path("reminderEscalationRules")).put("threshold", threshold);
        ((ObjectNode) behaviour.path("calendar")).put("bufferMinutes", buffer);
        ObjectNode ml = (ObjectNode) behaviour.path("mlLimits");
        ml.put("maxProposalsPerWeek", maxProposals);
        ObjectNode paths = (ObjectNode) ml.path("paths");
        paths.putObject("reminderEscalationRules.threshold").put("min", thresholdMin)
                .put("max", thresholdMin + thresholdSpan).put("maxStep", thresholdStep);
        paths.putObject("calendar.bufferMinutes").put("min", bufferMin).put("max", bufferMin + bufferSpan)
                .put("maxStep", bufferStep);

        List<Patch> patches = Proposals.generate(behaviour, journal, book, WEEK, AMS, WEEK.monday().plusWeeks(1).atTime(8, 0).atZone(AMS).toInstant());

        assertThat(patches.size()).isLessThanOrEqualTo(maxProposals);
        for (Patch p : patches) {
            assertThat(p.type()).isEqualTo(PatchType.PATCH);
            assertThat(p.source()).isEqualTo(PatchSource.ML);
            assertThat(new PatchValidator().validate(p, behaviour).violations()).as(p.toJson().toString()).isEmpty();
            assertThat(p.riskLevel()).isEqualTo(RiskAssessor.assess(p, behaviour));
            assertThat(p.rationale()).contains(WEEK.toString()).hasSizeLessThanOrEqualTo(2000);
        }
    }
}
