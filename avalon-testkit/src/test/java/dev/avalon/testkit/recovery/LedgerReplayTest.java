package dev.avalon.testkit.recovery;

import com.fasterxml.jackson.databind.JsonNode;
import dev.avalon.core.port.BrainPath;
import dev.avalon.core.port.FileChange;
import dev.avalon.testkit.harness.AvalonHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static dev.avalon.testkit.harness.AvalonHarness.data;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * SAFE_RESTORE lists what was entered after the version it goes back to and, where it can, replays it:
 * the ledger gets back every movement the audit log recorded since, so an acknowledged income survives a
 * restore past it.
 */
@DisplayName("SAFE_RESTORE replays the ledger movements entered after the version")
class LedgerReplayTest {

    static final BrainPath LEDGER = BrainPath.of("finance/ledger.json");

    private final AvalonHarness h = AvalonHarness.inMemory();

    @AfterEach
    void close() {
        h.close();
    }

    private void commit() {
        String q = h.dispatch("brain.request_commit").assertOk().data().path("questionId").asText();
        h.answer(q, "JA").assertOk();
    }

    private JsonNode overview() {
        return h.dispatch("finance.overview").assertOk().data();
    }

    @Test
    @DisplayName("a corrupt ledger restored to the last commit gets back the income"
            + " registered after it; it is listed and replayed, and a JA commits the result")
    void replaysWhatCameAfter() {
        h.dispatch("finance.register_income", data("amount", "1000.00", "source", "salaris",
                "date", "2026-11-23")).assertOk();
        commit();
        JsonNode before = overview();
        h.dispatch("finance.register_income", data("amount", "250.00", "source", "bijbaan",
                "date", "2026-11-24")).assertOk();
        JsonNode balances = h.dispatch("finance.overview").assertOk().data();
        h.store().apply(List.of(FileChange.put(LEDGER, "{broken".getBytes(StandardCharsets.UTF_8))));
        h.dispatch("finance.overview");

        String q = h.dispatch("dr.start_resolution").assertOk().askId(0);
        JsonNode restored = h.answer(q, "SAFE_RESTORE").assertOk().data();
        assertThat(restored.path("resolved").asBoolean()).as(restored.toString()).isTrue();
        assertThat(restored.path("replayed")).extracting(JsonNode::asText).containsExactly("finance/ledger.json");
        assertThat(restored.path("enteredAfter").path("counts").path("finance.income_registered").asInt())
                .as("still listed").isEqualTo(1);
        h.answer(restored.path("consentQuestionId").asText(), "JA").assertOk();

        JsonNode after = overview();
        assertThat(after.toString()).contains("250.00").contains("1000.00");
        assertThat(after.path("totals")).isEqualTo(balances.path("totals"));
        assertThat(after).isNotEqualTo(before);
        assertThat(h.dispatch("system.validate").assertOk().data().path("valid").asBoolean()).isTrue();
        assertThat(h.dispatch("governance.status").assertOk().data().path("state").asText()).isEqualTo("STATE_NORMAL");
    }

    @Test
    @DisplayName("an income whose note the audit log scrubbed (an IBAN) is not replayed altered: it stays listed")
    void scrubbedEntryIsNotReplayed() {
        h.dispatch("finance.register_income", data("amount", "1000.00", "source", "salaris",
                "date", "2026-11-23")).assertOk();
        commit();
        h.dispatch("finance.register_income", data("amount", "250.00", "source", "bijbaan",
                "date", "2026-11-24")).assertOk();
        h.dispatch("finance.register_income", data("amount", "75.00", "source", "terugbetaling",
                "date", "2026-11-24", "note", "van NL91ABNA0417164300")).assertOk();
        h.store().apply(List.of(FileChange.put(LEDGER, "{broken".getBytes(StandardCharsets.UTF_8))));
        h.dispatch("finance.overview");

        String q = h.dispatch("dr.start_resolution").assertOk().askId(0);
        JsonNode restored = h.answer(q, "SAFE_RESTORE").assertOk().data();
        assertThat(restored.path("replayed")).extracting(JsonNode::asText).containsExactly("finance/ledger.json");
        assertThat(restored.path("enteredAfter").path("counts").path("finance.income_registered").asInt()).isEqualTo(2);
        String ledger = overview().toString();
        assertThat(ledger).contains("250.00").doesNotContain("75.00").doesNotContain("[iban]");
    }

    @Test
    @DisplayName("nothing entered since the version: nothing is replayed")
    void nothingToReplay() {
        h.dispatch("finance.register_income", data("amount", "1000.00", "source", "salaris",
                "date", "2026-11-23")).assertOk();
        commit();
        h.store().apply(List.of(FileChange.put(LEDGER, "{broken".getBytes(StandardCharsets.UTF_8))));
        h.dispatch("finance.overview");
        String q = h.dispatch("dr.start_resolution").assertOk().askId(0);
        JsonNode restored = h.answer(q, "SAFE_RESTORE").assertOk().data();
        assertThat(restored.path("replayed")).isEmpty();
        assertThat(overview().toString()).contains("1000.00");
    }
}
