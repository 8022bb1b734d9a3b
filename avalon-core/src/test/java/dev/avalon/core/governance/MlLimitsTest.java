package dev.avalon.core.governance;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;

import static dev.avalon.core.governance.Docs.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

@DisplayName("MlLimits reads behaviour.mlLimits")
class MlLimitsTest {

    @Test
    @DisplayName("the shipped behaviour allows three proposals a week on two paths")
    void defaults() {
        MlLimits limits = MlLimits.from(Docs.behaviour());

        assertThat(limits.maxProposalsPerWeek()).isEqualTo(3);
        assertThat(limits.paths()).containsOnlyKeys("reminderEscalationRules.threshold", "calendar.bufferMinutes");
        MlPathLimit threshold = limits.limitFor("reminderEscalationRules.threshold").orElseThrow();
        assertThat(threshold.min()).isEqualByComparingTo("1");
        assertThat(threshold.max()).isEqualByComparingTo("6");
        assertThat(threshold.maxStep()).isEqualByComparingTo("1");
        assertThat(threshold.range()).isEqualByComparingTo("5");
        assertThat(limits.limitFor("calendar.workingHours")).isEmpty();
    }

    @Test
    @DisplayName("absent or malformed limits close ML rather than open it")
    void malformed() {
        assertThat(MlLimits.from(json("{}"))).isEqualTo(MlLimits.none());
        assertThat(MlLimits.from(json("[1]"))).isEqualTo(MlLimits.none());
        MlLimits limits = MlLimits.from(json("{'mlLimits':{'maxProposalsPerWeek':'3','paths':{"
                + "'a':{'min':5,'max':1,'maxStep':1},'b':{'min':0,'max':'9','maxStep':1},'c':{'min':0,'max':9,'maxStep':-1},"
                + "'d':{'min':0.5,'max':9.5,'maxStep':0.5}}}}"));

        assertThat(limits.maxProposalsPerWeek()).isZero();
        assertThat(limits.paths()).containsOnlyKeys("d");
    }

    @Test
    @DisplayName("a path limit checks range and step exactly")
    void pathLimit() {
        MlPathLimit limit = new MlPathLimit(BigDecimal.ZERO, BigDecimal.TEN, BigDecimal.ONE);

        assertThat(limit.allows(new BigDecimal("10.0"))).isTrue();
        assertThat(limit.allows(new BigDecimal("10.01"))).isFalse();
        assertThat(limit.allowsStep(new BigDecimal("3"), new BigDecimal("2.0"))).isTrue();
        assertThat(limit.allowsStep(new BigDecimal("3"), new BigDecimal("4.01"))).isFalse();
        assertThatIllegalArgumentException().isThrownBy(() -> new MlPathLimit(BigDecimal.TEN, BigDecimal.ONE, BigDecimal.ONE));
        assertThatIllegalArgumentException().isThrownBy(() -> new MlLimits(-1, java.util.Map.of()));
    }
}
