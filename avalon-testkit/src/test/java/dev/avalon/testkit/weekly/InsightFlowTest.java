package dev.avalon.testkit.weekly;

import com.fasterxml.jackson.databind.JsonNode;
import dev.avalon.core.json.CanonicalJson;
import dev.avalon.testkit.MutableClock;
import dev.avalon.testkit.brain.InMemoryBrainStore;
import dev.avalon.testkit.harness.AvalonHarness;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("Insight turns a week of entries into metrics and proposals the kernel accepts")
class InsightFlowTest {

    @Test
    @DisplayName("a procrastinating week gives metrics, and its threshold proposal passes the kernel's patch flow as ML")
    void weekToProposal() {
        try (AvalonHarness h = AvalonHarness.on(new InMemoryBrainStore(), MutableClock.at("2026-11-29T20:00:00+01:00"), b -> { })) {
            int[][] days = {{23, 4, 8, 2}, {24, 5, 7, 1}, {25, 6, 6, 3}, {27, 8, 5, 2}};
            for (int[] d : days) {
                h.dispatch("logbook.add_daily_entry", LogbookFlowTest.entry("Offerte", "VSB", d[1], d[2], "partial", d[3],
                        "2026-11-" + d[0])).assertOk();
            }
            JsonNode metrics = h.dispatch("insight.metrics").assertOk().data();
            assertThat(metrics.path("week").asText()).isEqualTo("2026-W48");
            // 8 moves over 4 entries: 8 / 12
            assertThat(metrics.path("metrics").path("procrastinationIndex").path("value").decimalValue()).isEqualByComparingTo("0.6667");
            assertThat(metrics.path("metrics").path("stressSlope").path("value").decimalValue()).isPositive();
            assertThat(metrics.path("metrics").path("seasonalStagnation").path("value").isNull()).isTrue();

            JsonNode proposals = h.dispatch("insight.proposals", "{\"week\":\"2026-W48\"}").assertOk().data().path("proposals");
            assertThat(proposals).isNotEmpty();
            JsonNode threshold = proposals.get(0);
            assertThat(threshold.path("path").asText()).isEqualTo("reminderEscalationRules.threshold");
            assertThat(threshold.path("source").asText()).isEqualTo("ML");
            assertThat(threshold.path("rationale").asText()).contains("0.6667", "8 moves over 4 entries");

            var asked = h.dispatch("behaviour.propose_patch", "{\"patch\":" + CanonicalJson.string(threshold) + "}").assertOk();
            assertThat(asked.askId(0)).isNotBlank();
        }
    }
}
