package dev.avalon.testkit.weekly;

import com.fasterxml.jackson.databind.JsonNode;
import dev.avalon.core.logbook.LogbookJournal;
import dev.avalon.core.logbook.LogbookWeek;
import dev.avalon.core.port.LogbookSheet;
import dev.avalon.core.time.IsoWeek;
import dev.avalon.testkit.MutableClock;
import dev.avalon.testkit.brain.InMemoryBrainStore;
import dev.avalon.testkit.harness.AvalonHarness;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("The logbook journals daily entries durably per ISO week")
class LogbookFlowTest {

    static String entry(String activiteit, String domein, int stress, int motivatie, String status, int moves, String date) {
        return "{\"activiteit\":\"" + activiteit + "\",\"domein\":\"" + domein + "\",\"stress\":" + stress
                + ",\"motivatie\":" + motivatie + ",\"status\":\"" + status + "\",\"moveCount\":" + moves
                + (date == null ? "" : ",\"date\":\"" + date + "\"") + "}";
    }

    @Test
    @DisplayName("an entry lands in state/logbook/<week>.json, which validates, and logbook.week returns it")
    void entryIsJournaled() {
        try (AvalonHarness h = AvalonHarness.inMemory()) {
            JsonNode r = h.dispatch("logbook.add_daily_entry", entry("Offerte", "VSB", 6, 7, "done", 1, null)).assertOk().data();
            assertThat(r.path("week").asText()).isEqualTo("2026-W48");
            assertThat(r.path("replaced").asBoolean()).isFalse();
            assertThat(r.path("entry").path("date").asText()).isEqualTo("2026-11-23");
            assertThat(h.store().read(LogbookJournal.path(IsoWeek.parse("2026-W48")))).isPresent();
            assertThat(h.dispatch("system.validate").assertOk().data().path("valid").asBoolean()).isTrue();
            JsonNode week = h.dispatch("logbook.week").assertOk().data();
            assertThat(week.path("week").asText()).isEqualTo("2026-W48");
            assertThat(week.path("monday").asText()).isEqualTo("2026-11-23");
            assertThat(week.path("entries")).hasSize(1);
            assertThat(week.path("entries").get(0).path("activiteit").asText()).isEqualTo("Offerte");
        }
    }

    @Test
    @DisplayName("a second entry for the same day and activity replaces the first and says so")
    void sameDayAndActivityReplaces() {
        try (AvalonHarness h = AvalonHarness.inMemory()) {
            h.dispatch("logbook.add_daily_entry", entry("Offerte", "VSB", 6, 7, "partial", 1, "2026-11-20")).assertOk();
            h.dispatch("logbook.add_daily_entry", entry("Sporten", "GEZONDHEID", 3, 8, "done", 0, "2026-11-20")).assertOk();
            JsonNode r = h.dispatch("logbook.add_daily_entry", entry(" offerte ", "VSB", 4, 9, "done", 2, "2026-11-20")).assertOk().data();
            assertThat(r.path("replaced").asBoolean()).isTrue();
            assertThat(r.path("previous").path("stress").asInt()).isEqualTo(6);
            assertThat(r.path("entriesThisWeek").asInt()).isEqualTo(2);
            LogbookWeek w = LogbookJournal.week(h.avalon().brain(), IsoWeek.parse("2026-W47"));
            assertThat(w.entries()).extracting(e -> e.activiteit()).containsExactlyInAnyOrder("offerte", "Sporten");
            LogbookSheet sheet = w.toSheet();
            assertThat(sheet.week()).isEqualTo("2026-W47");
            assertThat(sheet.rows()).extracting(LogbookSheet.Row::stress).containsExactlyInAnyOrder(4, 3);
            assertThat(h.dispatch("logbook.week", "{\"week\":\"2026-W47\"}").assertOk().data().path("entries")).hasSize(2);
        }
    }

    @Test
    @DisplayName("today is taken in the user's zone, not in UTC")
    void todayInUserZone() {
        // 00:30 on Tuesday in Amsterdam is still Monday in UTC
        try (AvalonHarness h = AvalonHarness.on(new InMemoryBrainStore(), MutableClock.at("2026-11-24T00:30:00+01:00"), b -> { })) {
            JsonNode r = h.dispatch("logbook.add_daily_entry", entry("Lezen", "PRIVE", 2, 6, "done", 0, null)).assertOk().data();
            assertThat(LocalDate.parse(r.path("entry").path("date").asText())).isEqualTo(LocalDate.of(2026, 11, 24));
            // and the same Tuesday may be named explicitly, although UTC is still on Monday
            h.dispatch("logbook.add_daily_entry", entry("Koken", "PRIVE", 2, 6, "done", 0, "2026-11-24")).assertOk();
        }
    }

    @Test
    @DisplayName("the journal survives a restart of the host: a new Avalon on the same brain reads it back")
    void survivesRestart() {
        InMemoryBrainStore store = new InMemoryBrainStore();
        MutableClock clock = MutableClock.at("2026-11-23T18:00:00+01:00");
        AvalonHarness first = AvalonHarness.on(store, clock, b -> { });
        first.dispatch("logbook.add_daily_entry", entry("Offerte", "VSB", 6, 7, "done", 1, null)).assertOk();
        AvalonHarness second = AvalonHarness.on(store, clock, b -> { });
        assertThat(second.dispatch("logbook.week").assertOk().data().path("entries")).hasSize(1);
    }
}
