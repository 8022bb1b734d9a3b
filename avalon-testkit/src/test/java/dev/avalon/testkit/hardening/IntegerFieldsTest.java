package dev.avalon.testkit.hardening;

import dev.avalon.testkit.harness.AvalonHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static dev.avalon.testkit.hardening.Hardening.assertRefusedAndHealthy;
import static dev.avalon.testkit.hardening.Hardening.dailyEntryWith;
import static dev.avalon.testkit.hardening.Hardening.problemAt;
import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("F2: integer fields take whole numbers in range, never a wrapped value")
class IntegerFieldsTest {

    private final AvalonHarness h = AvalonHarness.inMemory();

    @AfterEach
    void close() {
        h.close();
    }

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource(delimiter = '|', value = {
            "moveCount | 1e308 | without fraction or exponent",
            "moveCount | 1.8446744073709551617e19 | without fraction or exponent",
            "stress | 1.8446744073709551621e19 | without fraction or exponent",
            "stress | 1e308 | without fraction or exponent",
            "moveCount | 1e3 | without fraction or exponent",
            "moveCount | 2.0 | without fraction or exponent",
            "moveCount | 2.5 | without fraction or exponent",
            "moveCount | 18446744073709551617 | outside the field's range: from 0 to 1000",
            "stress | -9223372036854775809 | outside the field's range: from 1 to 10",
            "stress | 11 | outside the field's range: from 1 to 10"})
    @DisplayName("a wrapping, fractional, exponent or out-of-range number is refused with the field's range")
    void refused(String field, String value, String problem) {
        var details = assertRefusedAndHealthy(h, dailyEntryWith(field, value), "$.data." + field);

        assertThat(problemAt(details, "$.data." + field)).contains(problem).contains("e.g. ");
    }

    @Test
    @DisplayName("an integral literal in range is stored exactly")
    void storedExactly() {
        var added = h.raw(dailyEntryWith("moveCount", "1000")).assertOk().data();

        assertThat(added.path("entry").path("moveCount").asInt()).isEqualTo(1000);
        String week = added.path("week").asText();
        assertThat(h.dispatch("logbook.week", "{\"week\":\"" + week + "\"}").assertOk().data().path("entries").get(0)
                .path("moveCount").asText()).isEqualTo("1000");
    }
}
