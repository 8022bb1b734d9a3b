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
 * A week's logbook journal is working state, never committed: when it breaks, KEEP_AND_REPAIR rebuilds it
 * from the entries the audit log holds whole, so the week's acknowledged entries come back; a week with an
 * entry the audit log scrubbed is not rebuilt altered, it is listed.
 */
@DisplayName("KEEP_AND_REPAIR rebuilds a broken logbook journal from the audit log")
class JournalRecoveryTest {

    static final BrainPath JOURNAL = BrainPath.of("state/logbook/2026-W48.json");

    private final AvalonHarness h = AvalonHarness.inMemory();

    @AfterEach
    void close() {
        h.close();
    }

    private void entry(String activiteit, int stress) {
        h.dispatch("logbook.add_daily_entry", data("activiteit", activiteit, "domein", "WERK", "stress", stress,
                "motivatie", 4, "status", "done", "moveCount", 0)).assertOk();
    }

    private JsonNode week() {
        return h.dispatch("logbook.week", data("week", "2026-W48")).assertOk().data();
    }

    private JsonNode keepAndRepair() {
        h.store().apply(List.of(FileChange.put(JOURNAL, "{broken".getBytes(StandardCharsets.UTF_8))));
        h.dispatch("logbook.week", data("week", "2026-W48"));
        assertThat(h.dispatch("governance.status").assertOk().data().path("state").asText()).isEqualTo("STATE_DR");
        String q = h.dispatch("dr.start_resolution").assertOk().askId(0);
        return h.answer(q, "KEEP_AND_REPAIR").assertOk().data();
    }

    @Test
    @DisplayName("the week's entries come back exactly, the later of two the same day included, and DR ends")
    void rebuildsTheWeek() {
        entry("Offerte", 2);
        entry("Offerte", 3);
        h.clock().advance(java.time.Duration.ofDays(1));
        entry("Klantgesprek", 1);
        byte[] before = h.store().read(JOURNAL).orElseThrow();
        JsonNode shown = week();

        JsonNode repaired = keepAndRepair();

        assertThat(repaired.path("resolved").asBoolean()).as(repaired.toString()).isTrue();
        assertThat(repaired.path("repaired")).anySatisfy(r -> {
            assertThat(r.path("path").asText()).isEqualTo(JOURNAL.value());
            assertThat(r.path("from").asText()).isEqualTo("rebuilt");
        });
        assertThat(h.store().read(JOURNAL).orElseThrow()).isEqualTo(before);
        assertThat(week()).isEqualTo(shown);
        assertThat(h.dispatch("system.validate").assertOk().data().path("valid").asBoolean()).isTrue();
    }

    @Test
    @DisplayName("an entry whose text the audit log scrubbed (an e-mail address) keeps the week from being rebuilt altered")
    void scrubbedEntryIsNotRebuilt() {
        entry("Offerte", 2);
        entry("Mail aan jan@example.org", 2);

        JsonNode repaired = keepAndRepair();

        assertThat(repaired.path("resolved").asBoolean()).isFalse();
        assertThat(repaired.path("findings").toString()).contains(JOURNAL.value());
        assertThat(h.store().read(JOURNAL).map(b -> new String(b, StandardCharsets.UTF_8)).orElseThrow())
                .isEqualTo("{broken");
    }
}
