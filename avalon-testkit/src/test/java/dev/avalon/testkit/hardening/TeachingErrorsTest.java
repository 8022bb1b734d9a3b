package dev.avalon.testkit.hardening;

import dev.avalon.core.base.ErrorCode;
import dev.avalon.core.base.Violation;
import dev.avalon.testkit.harness.AvalonHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import static dev.avalon.testkit.hardening.Hardening.assertHealthy;
import static dev.avalon.testkit.hardening.Hardening.assertRefusedAndHealthy;
import static dev.avalon.testkit.hardening.Hardening.problemAt;
import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("F8: every refusal says what to send, with an example or the nearest known name")
class TeachingErrorsTest {

    private final AvalonHarness h = AvalonHarness.inMemory();

    @AfterEach
    void close() {
        h.close();
    }

    @Test
    @DisplayName("an amount sent as a number asks for a string like \"45.80\"")
    void amountAsNumber() {
        var details = assertRefusedAndHealthy(h, "{\"action\":\"finance.register_income\",\"data\":"
                + "{\"amount\":45.8,\"date\":\"2026-11-23\",\"source\":\"salaris\"}}", "$.data.amount");

        assertThat(problemAt(details, "$.data.amount")).isEqualTo("must be a string, not a number, e.g. \"45.80\"");
    }

    @Test
    @DisplayName("a date in another order asks for yyyy-mm-dd with an example, in one clear sentence")
    void dateInOtherOrder() {
        var details = assertRefusedAndHealthy(h, "{\"action\":\"finance.register_income\",\"data\":"
                + "{\"amount\":\"45.80\",\"date\":\"16-11-2026\",\"source\":\"salaris\"}}", "$.data.date");

        assertThat(details).filteredOn(v -> v.path().equals("$.data.date")).hasSize(1);
        assertThat(problemAt(details, "$.data.date")).isEqualTo("must be a date written yyyy-mm-dd, e.g. 2026-11-16");
    }

    @Test
    @DisplayName("a malformed date-time asks for one with an offset, with an example")
    void malformedDateTime() {
        var details = assertRefusedAndHealthy(h, "{\"action\":\"reminder.create\",\"data\":"
                + "{\"title\":\"t\",\"due\":\"17-11-2026 10:00\",\"domein\":\"VSB\"}}", "$.data.due");

        assertThat(problemAt(details, "$.data.due")).contains("2026-11-17T10:00:00+01:00").doesNotContain("RFC");
    }

    @Test
    @DisplayName("a malformed week asks for yyyy-Www with an example")
    void malformedWeek() {
        var details = assertRefusedAndHealthy(h, "{\"action\":\"insight.metrics\",\"data\":{\"week\":\"2026-47\"}}",
                "$.data.week");

        assertThat(problemAt(details, "$.data.week")).isEqualTo("must be an ISO week written yyyy-Www, e.g. 2026-W47");
    }

    @Test
    @DisplayName("a misspelt action is answered with the nearest known action")
    void misspeltAction() {
        var before = h.snapshot();
        var error = h.raw("{\"action\":\"calendar.creat_event\",\"data\":{}}").assertRejected(ErrorCode.UNKNOWN_ACTION)
                .rejected().error();

        assertThat(error.details()).extracting(Violation::problem).singleElement().asString()
                .contains("did you mean calendar.create_event?");
        h.assertUnchangedSince(before);
        assertHealthy(h);
    }

    @Test
    @DisplayName("a misspelt field is answered with the nearest known field")
    void misspeltField() {
        var details = assertRefusedAndHealthy(h, "{\"action\":\"finance.register_income\",\"data\":"
                + "{\"amout\":\"45.80\",\"date\":\"2026-11-23\",\"source\":\"salaris\"}}", "$.data.amout");

        assertThat(problemAt(details, "$.data.amout")).startsWith("is not a known field; did you mean amount?");
        assertThat(problemAt(details, "$.data.amount")).isEqualTo("is required but missing, e.g. \"45.80\"");
    }

    @Test
    @DisplayName("a misspelt value of a closed list is answered with the nearest value")
    void misspeltEnumValue() {
        var details = assertRefusedAndHealthy(h, "{\"action\":\"logbook.add_daily_entry\",\"data\":{\"activiteit\":\"a\","
                + "\"domein\":\"VSB\",\"stress\":1,\"motivatie\":1,\"status\":\"dnoe\",\"moveCount\":0}}", "$.data.status");

        assertThat(problemAt(details, "$.data.status"))
                .isEqualTo("must be one of \"done\", \"partial\", \"not_done\"; did you mean done?");
    }

    @Test
    @DisplayName("a patch on a misspelt path says the path does not exist and names the nearest one")
    void misspeltPatchPath() {
        var before = h.snapshot();
        var error = h.raw(Hardening.patchWithAfter("15").replace("calendar.bufferMinutes", "calendar.bufferMinuts"))
                .rejected().error();

        assertThat(error.details()).extracting(Violation::path).containsExactly("$.data.patch.path");
        assertThat(error.details().get(0).problem()).endsWith(
                "path calendar.bufferMinuts does not exist in behaviour.avl; did you mean calendar.bufferMinutes?");
        h.assertUnchangedSince(before);
        assertHealthy(h);
    }
}
