package dev.avalon.core.governance;

import dev.avalon.core.behaviour.PatchType;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.avalon.core.governance.Docs.json;
import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("ConflictDetector finds pending patches a new one collides with")
class ConflictDetectorTest {

    private static Patch p(String id, String path, String before, String after) {
        return new Patch(id, PatchType.PATCH, path, before == null ? null : json(before), after == null ? null : json(after),
                "r", RiskLevel.LOW, PatchSource.USER, true);
    }

    @Test
    @DisplayName("two patches setting the same path to different values conflict")
    void samePathDifferentValue() {
        Patch pending = p("A", "reminderEscalationRules.threshold", "3", "2");
        Patch candidate = p("B", "reminderEscalationRules.threshold", "3", "4");

        List<Conflict> conflicts = ConflictDetector.detect(candidate, List.of(pending));

        assertThat(conflicts).singleElement().satisfies(c -> {
            assertThat(c.first()).isEqualTo(pending);
            assertThat(c.second()).isEqualTo(candidate);
            assertThat(c.reason()).contains("reminderEscalationRules.threshold", "A", "B");
        });
    }

    @Test
    @DisplayName("patches on unrelated paths do not conflict, also when one name is a prefix of the other")
    void unrelated() {
        assertThat(ConflictDetector.detect(p("B", "calendar.bufferMinutes", "10", "15"),
                List.of(p("A", "reminderEscalationRules.threshold", "3", "2")))).isEmpty();
        assertThat(ConflictDetector.detect(p("B", "calendar.bufferMinutesMax", null, "15"),
                List.of(p("A", "calendar.bufferMinutes", "10", "15")))).isEmpty();
        assertThat(ConflictDetector.detect(p("B", "calendar.bufferMinutes", "10", "15"), List.of())).isEmpty();
    }

    @Test
    @DisplayName("a patch inside a subtree another patch replaces conflicts, in both directions")
    void nested() {
        Patch parent = p("A", "calendar.workingHours", "{'start':'09:00','end':'17:30'}", "{'start':'08:00','end':'17:30'}");
        Patch child = p("B", "calendar.workingHours.end", "'17:30'", "'18:00'");

        assertThat(ConflictDetector.detect(child, List.of(parent))).singleElement()
                .satisfies(c -> assertThat(c.reason()).contains("lies inside calendar.workingHours"));
        assertThat(ConflictDetector.detect(parent, List.of(child))).singleElement()
                .satisfies(c -> assertThat(c.reason()).contains("contains calendar.workingHours.end"));
    }

    @Test
    @DisplayName("repeating a pending change against today's value conflicts: its before would go stale")
    void repeatAgainstCurrentValue() {
        Patch pending = p("A", "reminderEscalationRules.threshold", "3", "2");
        Patch repeat = p("B", "reminderEscalationRules.threshold", "3", "2");

        assertThat(ConflictDetector.detect(repeat, List.of(pending))).singleElement()
                .satisfies(c -> assertThat(c.reason()).contains("repeats", "stale"));
    }

    @Test
    @DisplayName("a candidate that simply re-applies the value the pending patch leaves does not conflict")
    void simpleReapply() {
        Patch pending = p("A", "reminderEscalationRules.threshold", "3", "2");
        Patch reapply = p("B", "reminderEscalationRules.threshold", "2", "2.0");

        assertThat(ConflictDetector.detect(reapply, List.of(pending))).isEmpty();
    }

    @Test
    @DisplayName("a pending removal of an array element moves the later elements, so patches on them conflict")
    void arrayShift() {
        Patch removeFirst = p("A", "reminderEscalationRules.levels.0", "'GENTLE'", null);

        assertThat(ConflictDetector.detect(p("B", "reminderEscalationRules.levels.2", "'URGENT'", "'NOW'"), List.of(removeFirst)))
                .singleElement().satisfies(c -> assertThat(c.reason()).contains("removes reminderEscalationRules.levels.0"));
        Patch removeSecond = p("C", "reminderEscalationRules.levels.1", "'FIRM'", null);
        assertThat(ConflictDetector.detect(p("B", "reminderEscalationRules.levels.0", "'GENTLE'", "'SOFT'"), List.of(removeSecond)))
                .isEmpty();
        Patch append = p("D", "reminderEscalationRules.levels.3", null, "'MAX'");
        assertThat(ConflictDetector.detect(p("B", "reminderEscalationRules.levels.2", "'URGENT'", "'NOW'"), List.of(append)))
                .isEmpty();
    }

    @Test
    @DisplayName("an ML patch conflicts with a change of the ML limits it is checked against")
    void mlLimits() {
        Patch ml = new Patch("ML-1", PatchType.PATCH, "reminderEscalationRules.threshold", json("3"), json("2"), "r",
                RiskLevel.LOW, PatchSource.ML, false);
        Patch limits = p("U", "mlLimits.paths", "{}", "{'x':{'min':0,'max':1,'maxStep':1}}");
        Patch count = p("V", "mlLimits.maxProposalsPerWeek", "3", "4");

        assertThat(ConflictDetector.detect(ml, List.of(limits))).singleElement()
                .satisfies(c -> assertThat(c.reason()).contains("ML limits"));
        assertThat(ConflictDetector.detect(limits, List.of(ml))).hasSize(1);
        assertThat(ConflictDetector.detect(ml, List.of(count))).isEmpty();
        assertThat(ConflictDetector.detect(p("W", "reminderEscalationRules.checkTime", "'07:30'", "'07:00'"), List.of(limits)))
                .isEmpty();
    }

    @Test
    @DisplayName("every conflicting pending patch is reported in queue order, and the candidate never conflicts with itself")
    void several() {
        Patch a = p("A", "calendar", "{}", "{'x':1}");
        Patch b = p("B", "reminderEscalationRules.threshold", "3", "2");
        Patch c = p("C", "calendar.bufferMinutes", "10", "12");
        Patch candidate = p("X", "calendar.bufferMinutes", "10", "15");

        assertThat(ConflictDetector.detect(candidate, List.of(a, b, c, candidate)))
                .extracting(x -> x.first().id()).containsExactly("A", "C");
    }
}
