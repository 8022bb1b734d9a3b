package dev.avalon.testkit.hardening;

import dev.avalon.core.json.CanonicalJson;
import dev.avalon.core.json.Json;
import dev.avalon.core.json.NumberBounds;
import dev.avalon.core.json.ReadLimits;
import dev.avalon.testkit.harness.AvalonHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.math.BigDecimal;

import static dev.avalon.testkit.hardening.Hardening.assertHealthy;
import static dev.avalon.testkit.hardening.Hardening.assertRefusedAndHealthy;
import static dev.avalon.testkit.hardening.Hardening.patchWithAfter;
import static dev.avalon.testkit.hardening.Hardening.problemAt;
import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("F1: a number Avalon could not read back is refused before it is written anywhere")
class NumberBoundsTest {

    private final AvalonHarness h = AvalonHarness.inMemory();

    @AfterEach
    void close() {
        h.close();
    }

    @ParameterizedTest(name = "after = {0}")
    @ValueSource(strings = {"1e400", "1e40", "-1e40", "1e-400", "1E+19", "0.0000000000000000001",
            "1234567890.1234567891", "123456789012345678901"})
    @DisplayName("free-form patch values beyond the bounds are refused, naming the field, and the brain stays healthy")
    void freeFormBeyondBounds(String after) {
        var details = assertRefusedAndHealthy(h, patchWithAfter(after), "$.data.patch.after");

        assertThat(problemAt(details, "$.data.patch.after")).contains("18 significant digits", "e.g. 12.5");
    }

    @Test
    @DisplayName("a number whose exponent Jackson cannot hold (8e247012996435) is INVALID_JSON, in a request and in a file")
    void exponentBeyondTheReader() {
        var refused = h.raw(patchWithAfter("8e247012996435")).rejected().error();
        assertThat(refused.code().name()).isEqualTo("INVALID_JSON");
        assertHealthy(h);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Json.parse("{\"seq\":8e247012996435}"))
                .isInstanceOf(com.fasterxml.jackson.core.JsonProcessingException.class)
                .hasMessageContaining("cannot be read");
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> Json.parse("{\"seq\":8e247012996435}".getBytes(java.nio.charset.StandardCharsets.UTF_8)))
                .isInstanceOf(com.fasterxml.jackson.core.JsonProcessingException.class);
    }

    @Test
    @DisplayName("a number inside the bounds nested in an object is accepted, and the next write still works")
    void nestedWithinBoundsAccepted() {
        h.raw(patchWithAfter("15")).assertOk();
        assertThat(h.raw(patchWithAfter("{\"x\":1e400}").replace("\"P1\"", "\"P2\"")).rejected().error().details())
                .extracting(v -> v.path()).contains("$.data.patch.after.x");
        assertHealthy(h);
        h.dispatch("question.list").assertOk();
    }

    @Test
    @DisplayName("the bound is inside what Avalon's own reader accepts: the longest accepted number reads back")
    void boundFitsTheReader() {
        String longest = "-0." + "0".repeat(NumberBounds.MAX_DIGITS - 1) + "1";
        assertThat(NumberBounds.within(new BigDecimal(longest))).isTrue();
        assertThat(NumberBounds.within(new BigDecimal("999999999999999999"))).isTrue();
        assertThat(longest.length()).isLessThanOrEqualTo(ReadLimits.defaults().maxNumberLength());
        assertThat(NumberBounds.MAX_DIGITS + 3).isLessThanOrEqualTo(ReadLimits.defaults().maxNumberLength());
    }

    @Test
    @DisplayName("what passed is written in plain form and parses back to the same value")
    void writtenFormReadsBack() throws Exception {
        for (String text : new String[]{"1e17", "-999999999999999999", "0.000000000000000001", "12.5", "1.5e-3"}) {
            var node = Json.parse(text);
            assertThat(NumberBounds.problem(node)).as(text).isEmpty();
            var back = Json.parse(CanonicalJson.string(node));
            assertThat(back.decimalValue()).as(text).isEqualByComparingTo(node.decimalValue());
        }
    }
}
