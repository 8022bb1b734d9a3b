package dev.avalon.testkit.hardening;

import dev.avalon.testkit.harness.AvalonHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static dev.avalon.testkit.hardening.Hardening.assertRefusedAndHealthy;
import static dev.avalon.testkit.hardening.Hardening.problemAt;
import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("F6: dates, date-times and weeks outside 1900-01-01 .. 2200-12-31 are refused naming the field")
class DateRangeTest {

    private final AvalonHarness h = AvalonHarness.inMemory();

    @AfterEach
    void close() {
        h.close();
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', value = {
            "insight.metrics | {\"week\":\"0001-W01\"} | $.data.week",
            "insight.proposals | {\"week\":\"2201-W01\"} | $.data.week",
            "logbook.week | {\"week\":\"1899-W52\"} | $.data.week",
            "finance.overview | {\"week\":\"9999-W01\"} | $.data.week",
            "weekclose.start | {\"week\":\"1000-W01\"} | $.data.week",
            "weekclose.status | {\"week\":\"1000-W01\"} | $.data.week",
            "chatlog.append | {\"conversationId\":\"c1\",\"role\":\"user\",\"text\":\"hoi\",\"ts\":\"9999-12-31T23:59:59Z\"} | $.data.ts",
            "finance.register_income | {\"amount\":\"10.00\",\"date\":\"0000-01-01\",\"source\":\"x\"} | $.data.date",
            "calendar.create_event | {\"title\":\"t\",\"domain\":\"VSB\",\"start\":\"0000-01-01T10:00\",\"end\":\"0000-01-01T11:00\"} | $.data.start",
            "calendar.create_event | {\"title\":\"t\",\"domain\":\"VSB\",\"start\":\"9999-12-31T10:00\",\"end\":\"9999-12-31T11:00\"} | $.data.end",
            "calendar.create_event | {\"title\":\"t\",\"domain\":\"VSB\",\"startDate\":\"9999-12-30\",\"endDate\":\"9999-12-31\"} | $.data.startDate",
            "calendar.list_events | {\"from\":\"0001-01-01T00:00:00Z\",\"to\":\"9999-12-31T00:00:00Z\"} | $.data.from",
            "calendar.free_slots | {\"from\":\"2026-11-23T00:00:00Z\",\"to\":\"9999-12-31T00:00:00Z\",\"durationMinutes\":30} | $.data.to",
            "reminder.create | {\"title\":\"t\",\"due\":\"0001-01-01T09:00:00+01:00\",\"domein\":\"VSB\"} | $.data.due",
            "logbook.add_daily_entry | {\"activiteit\":\"a\",\"domein\":\"VSB\",\"stress\":1,\"motivatie\":1,\"status\":\"done\",\"moveCount\":0,\"date\":\"1899-12-31\"} | $.data.date",
            "system.tick | {\"now\":\"2201-01-01T00:00:00Z\"} | $.data.now"})
    @DisplayName("an out-of-range value is VALIDATION_FAILED with the range and an example, never INTERNAL_ERROR")
    void outOfRange(String action, String data, String path) {
        var details = assertRefusedAndHealthy(h, "{\"action\":\"" + action + "\",\"data\":" + data + "}", path);

        assertThat(problemAt(details, path)).containsAnyOf("1900-01-01 .. 2200-12-31", "1900-W01 .. ")
                .contains("like ");
    }

    @Test
    @DisplayName("a week that does not exist is refused with the shape to send")
    void weekThatDoesNotExist() {
        var details = assertRefusedAndHealthy(h, "{\"action\":\"insight.metrics\",\"data\":{\"week\":\"2026-W54\"}}",
                "$.data.week");

        assertThat(problemAt(details, "$.data.week")).isEqualTo("is 2026-W54, a week that does not exist; send an existing ISO week, e.g. 2026-W47");
    }

    @Test
    @DisplayName("the edges of the range are accepted")
    void edgesAccepted() {
        h.dispatch("finance.register_income", "{\"amount\":\"10.00\",\"date\":\"1900-01-01\",\"source\":\"x\"}").assertOk();
        h.dispatch("insight.metrics", "{\"week\":\"1900-W01\"}").assertOk();
        h.dispatch("calendar.list_events", "{\"from\":\"2200-12-30T00:00:00Z\",\"to\":\"2200-12-31T00:00:00Z\"}").assertOk();
    }
}
