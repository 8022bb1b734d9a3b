package dev.avalon.cel;

import dev.avalon.core.port.ConditionLanguage;
import dev.avalon.core.port.ConditionLanguage.ConditionException;
import dev.avalon.testkit.contract.ConditionLanguageContract;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CelConditionLanguageTest extends ConditionLanguageContract {

    private final CelConditionLanguage cel = new CelConditionLanguage();

    @Override
    protected ConditionLanguage language() {
        return cel;
    }

    @Test
    @DisplayName("CEL beyond the shared subset: ||, !, in, size, exists and string functions")
    void richer() {
        Map<String, Object> facts = Map.of("event", Map.of("name", "finance.spent", "data",
                Map.of("pot", "boodschappen", "tags", List.of("week", "super"), "usedPercent", 85L)));
        assertThat(cel.compile("event.data.pot.startsWith('bood') && 'super' in event.data.tags"
                + " && size(event.data.tags) == 2 && event.data.tags.exists(t, t == 'week')").evaluate(facts)).isTrue();
        assertThat(cel.compile("!(event.data.usedPercent < 80) || false").evaluate(facts)).isTrue();
        assertThat(cel.compile("event.data.usedPercent >= 80.5").evaluate(facts)).isTrue();
    }

    @ParameterizedTest
    @DisplayName("sandbox: no reflection, no other names, no functions outside CEL's standard library")
    @ValueSource(strings = {
            "event.getClass() == null",
            "java.lang.Runtime.getRuntime() == null",
            "System.exit(1) == 0",
            "event.data.pot.getBytes() == b''",
            "env.HOME == ''",
            "dyn(event).__class__ == null",
            "type(event) == java.lang.Object"})
    void escapesRefused(String source) {
        assertThatThrownBy(() -> cel.compile(source).evaluate(Map.of("event", Map.of("data", Map.of("pot", "x")))))
                .isInstanceOf(ConditionException.class);
    }

    @Test
    @DisplayName("resources: a macro over more than MAX_ITERATIONS elements is stopped with a ConditionException")
    void iterationLimit() {
        List<Long> many = new ArrayList<>();
        for (long i = 0; i < CelConditionLanguage.MAX_ITERATIONS * 2L; i++) {
            many.add(i);
        }
        ConditionLanguage.Condition c = cel.compile("event.data.items.all(x, x >= 0)");
        assertThatThrownBy(() -> c.evaluate(Map.of("event", Map.of("data", Map.of("items", many)))))
                .isInstanceOf(ConditionException.class);
        // within the limit the same condition answers
        assertThat(c.evaluate(Map.of("event", Map.of("data", Map.of("items", many.subList(0, 10)))))).isTrue();
    }

    @Test
    @DisplayName("resources: nested macros that would multiply work are stopped as well")
    void nestedMacros() {
        List<Long> items = new ArrayList<>();
        for (long i = 0; i < 200; i++) {
            items.add(i);
        }
        ConditionLanguage.Condition c = cel.compile(
                "event.data.items.all(a, event.data.items.all(b, event.data.items.all(c, a + b + c >= 0)))");
        assertThatThrownBy(() -> c.evaluate(Map.of("event", Map.of("data", Map.of("items", items)))))
                .isInstanceOf(ConditionException.class);
    }

    @Test
    @DisplayName("resources: deep nesting and huge expressions are refused when compiled")
    void parseLimits() {
        String deep = "(".repeat(200) + "true" + ")".repeat(200);
        assertThatThrownBy(() -> cel.compile(deep)).isInstanceOf(ConditionException.class);
        String wide = "1+".repeat(480) + "1 > 0";
        assertThat(wide.length()).isLessThan(ConditionLanguage.MAX_SOURCE);
        assertThatThrownBy(() -> cel.compile(wide)).isInstanceOf(ConditionException.class);
    }

    @Test
    @DisplayName("regular expressions run on RE2J: a pattern that backtracks for ever in java.util.regex answers")
    void regexLinear() {
        String input = "a".repeat(5000) + "!";
        assertThat(cel.compile("event.data.s.matches('^(a+)+$')").evaluate(Map.of("event", Map.of("data",
                Map.of("s", input))))).isFalse();
    }

    @Test
    @DisplayName("a condition that is not a boolean is refused")
    void notBoolean() {
        assertThatThrownBy(() -> cel.compile("event.data.n + 1")).isInstanceOf(ConditionException.class);
        assertThatThrownBy(() -> cel.compile("event.data.n").evaluate(Map.of("event", Map.of("data", Map.of("n", 1L)))))
                .isInstanceOf(ConditionException.class);
    }
}
