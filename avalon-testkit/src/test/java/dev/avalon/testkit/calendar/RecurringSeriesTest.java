package dev.avalon.testkit.calendar;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("RecurringSeries expands a remote series and names its instances as Google does")
class RecurringSeriesTest {

    private static final ZoneId AMSTERDAM = ZoneId.of("Europe/Amsterdam");

    @Test
    @DisplayName("a weekly rule with UNTIL in UTC and an EXDATE in the series' zone, across the change to winter time")
    void weeklyWithExdate() {
        RecurringSeries series = RecurringSeries.of("abc00001", List.of("RRULE:FREQ=WEEKLY;UNTIL=20261103T083000Z",
                        "EXDATE;TZID=Europe/Amsterdam:20261020T093000"), LocalDateTime.parse("2026-10-13T09:30"),
                LocalDateTime.parse("2026-10-13T10:00"), AMSTERDAM, false).orElseThrow();

        assertThat(series.originalStarts()).containsExactly(LocalDateTime.parse("2026-10-13T09:30"),
                LocalDateTime.parse("2026-10-27T09:30"), LocalDateTime.parse("2026-11-03T09:30"));
        assertThat(series.instanceId(LocalDateTime.parse("2026-10-13T09:30"))).isEqualTo("abc00001_20261013T073000Z");
        assertThat(series.instanceId(LocalDateTime.parse("2026-10-27T09:30"))).isEqualTo("abc00001_20261027T083000Z");
        assertThat(series.originalStartOf("abc00001_20261027T083000Z"))
                .contains(LocalDateTime.parse("2026-10-27T09:30"));
        assertThat(series.originalStartOf("abc00001_20261020T073000Z")).as("removed by the EXDATE").isEmpty();
        assertThat(series.originalStartOf("abc00001_20261014T073000Z")).as("no occurrence").isEmpty();
        assertThat(series.originalStartOf("other001_20261013T073000Z")).as("another series").isEmpty();
    }

    @Test
    @DisplayName("an all-day series is named by its days")
    void allDay() {
        RecurringSeries series = RecurringSeries.of("abc00002", List.of("RRULE:FREQ=DAILY;COUNT=3"),
                LocalDateTime.parse("2026-12-24T00:00"), LocalDateTime.parse("2026-12-25T00:00"), ZoneOffset.UTC,
                true).orElseThrow();

        assertThat(series.originalStarts()).hasSize(3);
        assertThat(series.instanceId(LocalDateTime.parse("2026-12-25T00:00"))).isEqualTo("abc00002_20261225");
        assertThat(series.originalStartOf("abc00002_20261226")).contains(LocalDateTime.parse("2026-12-26T00:00"));
        assertThat(RecurringSeries.seriesIdOf("abc00002_20261226")).contains("abc00002");
        assertThat(RecurringSeries.seriesIdOf("abc00002")).isEmpty();
    }

    @Test
    @DisplayName("a rule outside the subset, or without an end, is not expanded")
    void notExpanded() {
        LocalDateTime start = LocalDateTime.parse("2026-11-23T09:00");
        for (String rule : List.of("RRULE:FREQ=MONTHLY;BYDAY=1MO;COUNT=3", "RRULE:FREQ=WEEKLY", "RRULE:FREQ=HOURLY;COUNT=2",
                "RRULE:FREQ=WEEKLY;BYSETPOS=1;COUNT=2")) {
            assertThat(RecurringSeries.of("abc00003", List.of(rule), start, start.plusHours(1), AMSTERDAM, false))
                    .as(rule).isEmpty();
        }
    }
}
