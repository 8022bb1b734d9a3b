package dev.avalon.testkit.contract;

import dev.avalon.core.port.ConditionLanguage;
import dev.avalon.core.port.ConditionLanguage.ConditionException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The behaviour every {@link ConditionLanguage} must have: the fake in the testkit and the CEL
 * adapter both extend it. The subset every implementation shares: dotted fact paths compared with
 * {@code ==}, {@code >} and friends, joined by {@code &&}.
 *
 * <pre>{@code
 * class CelConditionLanguageTest extends ConditionLanguageContract {
 *     protected ConditionLanguage language() { return new CelConditionLanguage(); }
 * }
 * }</pre>
 */
public abstract class ConditionLanguageContract {

    protected abstract ConditionLanguage language();

    protected static Map<String, Object> facts(long percent, String pot) {
        return Map.of("event", Map.of("name", "finance.spent", "data", Map.of("usedPercent", percent, "pot", pot,
                        "overspent", false), "at", "2026-11-23T08:00:00Z"),
                "now", Map.of("hour", 9L, "weekday", "MONDAY"),
                "automation", Map.of("id", "budget-alert", "name", "Budget alert"),
                "brain", Map.of("overdueReminders", 2L));
    }

    @Test
    @DisplayName("numbers compare with >, >= and ==")
    void numbers() {
        ConditionLanguage.Condition c = language().compile("event.data.usedPercent >= 80");
        assertThat(c.evaluate(facts(80, "x"))).isTrue();
        assertThat(c.evaluate(facts(79, "x"))).isFalse();
        assertThat(language().compile("brain.overdueReminders > 0").evaluate(facts(0, "x"))).isTrue();
        assertThat(language().compile("now.hour == 9").evaluate(facts(0, "x"))).isTrue();
    }

    @Test
    @DisplayName("strings compare with == and conditions join with &&")
    void stringsAndConjunction() {
        ConditionLanguage.Condition c = language().compile(
                "event.name == \"finance.spent\" && event.data.pot == \"boodschappen\" && event.data.usedPercent > 50");
        assertThat(c.evaluate(facts(60, "boodschappen"))).isTrue();
        assertThat(c.evaluate(facts(60, "vakantie"))).isFalse();
        assertThat(c.evaluate(facts(40, "boodschappen"))).isFalse();
        assertThat(language().compile("event.data.overspent == false").evaluate(facts(1, "x"))).isTrue();
    }

    @Test
    @DisplayName("a compiled condition evaluates again and again with other facts")
    void reusable() {
        ConditionLanguage.Condition c = language().compile("event.data.usedPercent > 10");
        for (long p = 0; p < 30; p++) {
            assertThat(c.evaluate(facts(p, "x"))).isEqualTo(p > 10);
        }
    }

    @Test
    @DisplayName("a source longer than MAX_SOURCE, one that does not parse or uses an unknown name is refused")
    void refusedSources() {
        String tooLong = "event.data.usedPercent > 1" + " && event.data.usedPercent > 1".repeat(40);
        assertThat(tooLong.length()).isGreaterThan(ConditionLanguage.MAX_SOURCE);
        for (String source : List.of(tooLong, "event.data.usedPercent >", "&& true", "secrets.key == 1",
                "event.data.usedPercent > > 3")) {
            assertThatThrownBy(() -> language().compile(source)).as(source).isInstanceOf(ConditionException.class);
        }
    }

    @Test
    @DisplayName("a missing fact is a ConditionException when evaluated, never another exception")
    void missingFact() {
        assertThatThrownBy(() -> language().compile("event.data.nothingHere == 1").evaluate(facts(1, "x")))
                .isInstanceOf(ConditionException.class);
    }
}
