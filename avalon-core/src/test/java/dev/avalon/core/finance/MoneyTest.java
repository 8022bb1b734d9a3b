package dev.avalon.core.finance;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@DisplayName("Money is exact, and user amounts are refused rather than rounded")
class MoneyTest {

    @ParameterizedTest(name = "\"{0}\" reads as {1}")
    @CsvSource({"1250.00,1250.00", "1250,1250.00", "12.5,12.50", "0.01,0.01", "007.10,7.10"})
    @DisplayName("plain decimal strings with up to two decimals are read exactly, at scale 2")
    void reads(String text, String expected) {
        Money m = Money.parse(text, "EUR", "amount");
        assertThat(m.amount()).isEqualTo(new BigDecimal(expected));
        assertThat(m.amount().scale()).isEqualTo(2);
        assertThat(m.wire()).isEqualTo(expected);
    }

    @ParameterizedTest(name = "\"{0}\" is refused: {1}")
    @CsvSource(delimiter = '|', value = {"-5.00|negative", "12.345|more than two decimals", "abc|not an amount",
            "1e3|not an amount", "1,50|not an amount", "' '|empty", "NaN|not an amount", "+5|not an amount"})
    @DisplayName("negative, over-precise and non-numeric amounts are refused with the field named")
    void refuses(String text, String problem) {
        assertThatThrownBy(() -> Money.parse(text, "EUR", "amount"))
                .isInstanceOfSatisfying(FinanceException.class, e -> {
                    assertThat(e.problems()).hasSize(1);
                    assertThat(e.problems().get(0).field()).isEqualTo("amount");
                    assertThat(e.problems().get(0).problem()).contains(problem);
                });
    }

    @Test
    @DisplayName("a split of 100.00 in three equal parts gives the extra cent to the first pot")
    void largestRemainderTies() {
        Map<String, BigDecimal> pct = new LinkedHashMap<>();
        pct.put("a", new BigDecimal("33.33"));
        pct.put("b", new BigDecimal("33.33"));
        pct.put("c", new BigDecimal("33.34"));
        Map<String, Money> shares = Split.byPercentages(Money.parse("0.10", "EUR", "amount"), pct);
        assertThat(shares.values()).extracting(Money::wire).containsExactly("0.03", "0.03", "0.04");
        Map<String, Money> even = Split.byPercentages(Money.parse("100.00", "EUR", "amount"),
                Map.of("x", new BigDecimal("100")));
        assertThat(even.get("x").wire()).isEqualTo("100.00");
    }

    @Test
    @DisplayName("percentages that do not add up to 100 are refused, naming the field")
    void percentagesMustAddUp() {
        assertThatThrownBy(() -> Split.byPercentages(Money.parse("10", "EUR", "amount"),
                Map.of("a", new BigDecimal("60"), "b", new BigDecimal("30"))))
                .isInstanceOfSatisfying(FinanceException.class, e -> assertThat(e.problems().get(0).field())
                        .isEqualTo("percentages"));
    }

    @Test
    @DisplayName("ISO weeks are named by their week-based year")
    void isoWeeks() {
        assertThat(IsoWeek.of(java.time.LocalDate.of(2027, 1, 1))).hasToString("2026-W53");
        assertThat(IsoWeek.of(java.time.LocalDate.of(2026, 11, 23))).hasToString("2026-W48");
        assertThat(IsoWeek.parse("2026-W48").orElseThrow().monday()).isEqualTo(java.time.LocalDate.of(2026, 11, 23));
        assertThat(IsoWeek.parse("2025-W53")).isEmpty();
    }
}
