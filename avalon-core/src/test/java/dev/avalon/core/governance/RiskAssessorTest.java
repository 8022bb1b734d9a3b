package dev.avalon.core.governance;

import dev.avalon.core.behaviour.PatchType;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static dev.avalon.core.governance.Docs.json;
import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("RiskAssessor computes the backend's own risk level")
class RiskAssessorTest {

    private final ObjectNode behaviour = Docs.behaviour();

    private static Patch patch(PatchSource source, PatchType type, String path, String before, String after, RiskLevel declared) {
        return new Patch("P-1", type, path, before == null ? null : json(before), after == null ? null : json(after),
                "r", declared, source, false);
    }

    @ParameterizedTest(name = "ML {0}: {1} → {2} is {3}")
    @CsvSource({
            // bufferMinutes: min 0, max 30 → range 30; LOW up to 7.5, MEDIUM up to 15
            "calendar.bufferMinutes, 10, 15, LOW",
            "calendar.bufferMinutes, 10, 17.5, LOW",
            "calendar.bufferMinutes, 10, 17.6, MEDIUM",
            "calendar.bufferMinutes, 10, 25, MEDIUM",
            "calendar.bufferMinutes, 10, 25.01, HIGH",
            "calendar.bufferMinutes, 10, 0, MEDIUM",
            // threshold: min 1, max 6 → range 5; a step of 1 is 0.2, of 2 is 0.4, of 3 is 0.6
            "reminderEscalationRules.threshold, 3, 2, LOW",
            "reminderEscalationRules.threshold, 3, 5, MEDIUM",
            "reminderEscalationRules.threshold, 3, 6, HIGH",
    })
    void mlRelativeStep(String path, String before, String after, RiskLevel expected) {
        Patch ml = patch(PatchSource.ML, PatchType.PATCH, path, before, after, RiskLevel.LOW);

        assertThat(RiskAssessor.assess(ml, behaviour)).isEqualTo(expected);
    }

    @Test
    @DisplayName("ML ignores its own declared risk")
    void mlDeclaredRiskIgnored() {
        Patch ml = patch(PatchSource.ML, PatchType.PATCH, "reminderEscalationRules.threshold", "3", "2", RiskLevel.HIGH);

        assertThat(RiskAssessor.assess(ml, behaviour)).isEqualTo(RiskLevel.LOW);
    }

    @Test
    @DisplayName("ML without a limit, with non-numbers or of another type than PATCH is HIGH")
    void mlHigh() {
        assertThat(RiskAssessor.assess(patch(PatchSource.ML, PatchType.PATCH, "finance.defaultSplit.sparen", "20", "21",
                RiskLevel.LOW), behaviour)).isEqualTo(RiskLevel.HIGH);
        assertThat(RiskAssessor.assess(patch(PatchSource.ML, PatchType.PATCH, "calendar.bufferMinutes", "10", "'11'",
                RiskLevel.LOW), behaviour)).isEqualTo(RiskLevel.HIGH);
        assertThat(RiskAssessor.assess(patch(PatchSource.ML, PatchType.PATCH, "calendar.bufferMinutes", null, "11",
                RiskLevel.LOW), behaviour)).isEqualTo(RiskLevel.HIGH);
        assertThat(RiskAssessor.assess(patch(PatchSource.ML, PatchType.MINOR, "calendar.bufferMinutes", "10", "11",
                RiskLevel.LOW), behaviour)).isEqualTo(RiskLevel.HIGH);
    }

    @Test
    @DisplayName("a zero-width ML range allows only a zero step at LOW")
    void zeroRange() {
        ((ObjectNode) behaviour.at("/mlLimits/paths")).set("calendar.bufferMinutes", json("{'min':10,'max':10,'maxStep':1}"));

        assertThat(RiskAssessor.assess(patch(PatchSource.ML, PatchType.PATCH, "calendar.bufferMinutes", "10", "10",
                RiskLevel.LOW), behaviour)).isEqualTo(RiskLevel.LOW);
        assertThat(RiskAssessor.assess(patch(PatchSource.ML, PatchType.PATCH, "calendar.bufferMinutes", "10", "11",
                RiskLevel.LOW), behaviour)).isEqualTo(RiskLevel.HIGH);
    }

    @Test
    @DisplayName("for the user and DR, MAJOR is HIGH, MINOR is MEDIUM and PATCH keeps its declared level")
    void userAndDr() {
        for (PatchSource source : new PatchSource[] {PatchSource.USER, PatchSource.DR}) {
            assertThat(RiskAssessor.assess(patch(source, PatchType.MAJOR, "domains.PRIVE", "{}", null, RiskLevel.LOW), behaviour))
                    .isEqualTo(RiskLevel.HIGH);
            assertThat(RiskAssessor.assess(patch(source, PatchType.MINOR, "domains.X", null, "{}", RiskLevel.LOW), behaviour))
                    .isEqualTo(RiskLevel.MEDIUM);
            for (RiskLevel declared : RiskLevel.values()) {
                assertThat(RiskAssessor.assess(patch(source, PatchType.PATCH, "calendar.bufferMinutes", "10", "11", declared),
                        behaviour)).isEqualTo(declared);
            }
        }
    }
}
