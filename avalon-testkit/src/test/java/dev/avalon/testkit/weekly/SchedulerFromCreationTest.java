package dev.avalon.testkit.weekly;

import com.fasterxml.jackson.databind.JsonNode;
import dev.avalon.core.schedule.SchedulerState;
import dev.avalon.testkit.MutableClock;
import dev.avalon.testkit.brain.InMemoryBrainStore;
import dev.avalon.testkit.harness.AvalonHarness;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("A brain's scheduled jobs count from its creation, not from the host's first tick")
class SchedulerFromCreationTest {

    @Test
    @DisplayName("created on Sunday, first tick Monday 08:05: that Monday's weekclose runs once, marked late")
    void createdBeforeTheSlot() {
        try (AvalonHarness h = AvalonHarness.on(new InMemoryBrainStore(), MutableClock.at("2026-11-22T12:00:00+01:00"),
                b -> { })) {
            assertThat(SchedulerState.read(h.avalon().brain()).created())
                    .contains(Instant.parse("2026-11-22T11:00:00Z"));
            JsonNode tick = h.dispatch("system.tick", "{\"now\":\"2026-11-23T08:05:00+01:00\"}").assertOk().data();
            assertThat(tick.path("ran")).filteredOn(r -> r.path("job").asText().equals("weekclose"))
                    .singleElement().satisfies(r -> {
                        assertThat(r.path("slot").asText()).isEqualTo("2026-11-23T08:00:00+01:00");
                        assertThat(r.path("late").asBoolean()).isTrue();
                    });
            JsonNode again = h.dispatch("system.tick", "{\"now\":\"2026-11-23T08:10:00+01:00\"}").assertOk().data();
            assertThat(again.path("ran")).noneMatch(r -> r.path("job").asText().equals("weekclose"));
        }
    }

    @Test
    @DisplayName("created on Monday at 08:02, after the slot: no weekclose that Monday")
    void createdAfterTheSlot() {
        try (AvalonHarness h = AvalonHarness.on(new InMemoryBrainStore(), MutableClock.at("2026-11-23T08:02:00+01:00"),
                b -> { })) {
            JsonNode tick = h.dispatch("system.tick", "{\"now\":\"2026-11-23T08:05:00+01:00\"}").assertOk().data();
            assertThat(tick.path("ran")).noneMatch(r -> r.path("job").asText().equals("weekclose"));
        }
    }
}
