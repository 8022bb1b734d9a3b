package dev.avalon.testkit.hardening;

import dev.avalon.testkit.harness.AvalonHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static dev.avalon.testkit.hardening.Hardening.assertHealthy;
import static dev.avalon.testkit.hardening.Hardening.assertRefusedAndHealthy;
import static dev.avalon.testkit.hardening.Hardening.problemAt;
import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("F7: names that collide or deceive are refused or made unique, never silently replaced")
class NamesTest {

    private final AvalonHarness h = AvalonHarness.inMemory();

    @AfterEach
    void close() {
        h.close();
    }

    private static String minutes(String titleJson) {
        return "{\"action\":\"notulen.save\",\"data\":{\"project\":\"vsb\",\"date\":\"2026-11-23\",\"title\":" + titleJson
                + ",\"markdown\":\"- punt\\n\"}}";
    }

    @ParameterizedTest(name = "title {0}")
    @ValueSource(strings = {"\"....\"", "\"😀\"", "\"---\"", "\"\\u202e\\u202c\"", "\"\\u200f\""})
    @DisplayName("a minutes title without a letter or digit, or of direction controls only, is refused")
    void titleWithoutName(String title) {
        h.raw(minutes("\"Overleg\"")).assertOk();

        var details = assertRefusedAndHealthy(h, minutes(title), "$.data.title");

        assertThat(problemAt(details, "$.data.title")).containsAnyOf("no letters or digits", "text-direction control");
    }

    @Test
    @DisplayName("two titles with the same slug get two files; saving the same minutes again replaces them")
    void slugCollisionMadeUnique() {
        var first = h.raw(minutes("\"Overleg!\"")).assertOk().data();
        var second = h.raw(minutes("\"Overleg?\"")).assertOk().data();
        var again = h.raw(minutes("\"Overleg?\"")).assertOk().data();

        assertThat(first.path("path").asText()).isEqualTo("notulen/vsb/2026-11-23-overleg.md");
        assertThat(second.path("path").asText()).isEqualTo("notulen/vsb/2026-11-23-overleg-2.md");
        assertThat(second.path("replaced").asBoolean()).isFalse();
        assertThat(again.path("path").asText()).isEqualTo("notulen/vsb/2026-11-23-overleg-2.md");
        assertThat(again.path("replaced").asBoolean()).isTrue();
        assertThat(new String(h.store().read(dev.avalon.core.port.BrainPath.of("notulen/vsb/2026-11-23-overleg.md"))
                .orElseThrow(), java.nio.charset.StandardCharsets.UTF_8)).startsWith("# Overleg!");
        assertHealthy(h);
    }

    @ParameterizedTest(name = "amount {0}")
    @ValueSource(strings = {"\" 10.00\"", "\"10.00\\n\"", "\"10.00 \"", "\"\\t10.00\""})
    @DisplayName("an amount with spaces or a line break around it is refused")
    void amountWithWhitespace(String amount) {
        var details = assertRefusedAndHealthy(h, "{\"action\":\"finance.register_income\",\"data\":{\"amount\":" + amount
                + ",\"date\":\"2026-11-23\",\"source\":\"salaris\"}}", "$.data.amount");

        assertThat(problemAt(details, "$.data.amount")).contains("\"45.80\"");
    }

    @ParameterizedTest(name = "title {0}")
    @ValueSource(strings = {"Offerte\\u200b", "Off\\u200derte", "\\ufeffOfferte", "Offerte\\u2060", "\\u202eetreffO",
            "Offerte\\u2066", "Offerte\\u200e", "Offerte\\u061c", "Off\\u0007erte"})
    @DisplayName("a task title with an invisible, direction-control or control character is refused")
    void deceivingTitle(String title) {
        var details = assertRefusedAndHealthy(h, "{\"action\":\"reminder.create\",\"data\":{\"title\":\"" + title
                + "\",\"due\":\"2026-11-24T09:00:00+01:00\",\"domein\":\"VSB\"}}", "$.data.title");

        assertThat(problemAt(details, "$.data.title")).containsAnyOf("zero-width", "text-direction", "control character")
                .contains("U+");
    }

    @Test
    @DisplayName("a pot name with an invisible character is refused as a key of the split")
    void deceivingPotName() {
        h.dispatch("finance.register_income", "{\"amount\":\"100.00\",\"date\":\"2026-11-23\",\"source\":\"salaris\"}")
                .assertOk();

        var details = assertRefusedAndHealthy(h, "{\"action\":\"finance.allocate_funds\",\"data\":{\"potjesverdeling\":"
                + "{\"sparen\":\"10.00\",\"spa\\u200bren\":\"10.00\"}}}", "$.data.potjesverdeling.spa\u200bren");

        assertThat(problemAt(details, "$.data.potjesverdeling.spa\u200bren")).contains("zero-width", "U+200B");
    }

    @Test
    @DisplayName("names are stored in NFC, so two spellings of one name are one name")
    void normalisedToNfc() {
        var decomposed = h.dispatch("reminder.create",
                "{\"title\":\"Cafe\\u0301 bellen\",\"due\":\"2026-11-24T09:00:00+01:00\",\"domein\":\"VSB\",\"task\":\"Cafe\\u0301\"}")
                .assertOk().data();
        var composed = h.dispatch("reminder.create",
                "{\"title\":\"Caf\\u00e9 mailen\",\"due\":\"2026-11-24T10:00:00+01:00\",\"domein\":\"VSB\",\"task\":\"Caf\\u00e9\"}")
                .assertOk().data();

        assertThat(decomposed.path("reminder").path("title").asText()).isEqualTo("Caf\u00e9 bellen");
        assertThat(composed.path("taskCreated").asBoolean()).as("the task of the first reminder is found again").isFalse();
    }

    @Test
    @DisplayName("lengths count characters as the schema does: 200 emoji fit an activity, 201 are refused, never an internal error")
    void lengthsInCodePoints() {
        String emoji = "\uD83D\uDCC5";
        h.raw(Hardening.dailyEntryWith("activiteit", "\"" + emoji.repeat(200) + "\"")).assertOk();
        Hardening.assertRefusedAndHealthy(h, Hardening.dailyEntryWith("activiteit", "\"" + emoji.repeat(201) + "\""),
                "$.data.activiteit");
    }
}
