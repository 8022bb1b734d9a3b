package dev.avalon.testkit.calendar;

import com.fasterxml.jackson.databind.JsonNode;
import dev.avalon.testkit.harness.AvalonHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * RFC 5545 §3.8.5.3: a series whose length is given by DTEND gives every instance the exact duration of
 * the first, so across a change of the clocks the elapsed time stays and the wall-clock end moves.
 */
@DisplayName("Every instance of a series lasts the exact duration of the first, across both DST nights")
class CalendarDstLengthTest {

    private final AvalonHarness h = AvalonHarness.inMemory();

    @AfterEach
    void close() {
        h.close();
    }

    private List<String[]> instances(String from, String to) {
        JsonNode list = h.dispatch("calendar.list_events", "{\"from\":\"" + from + "\",\"to\":\"" + to + "\"}")
                .assertOk().data();
        List<String[]> out = new ArrayList<>();
        list.path("items").forEach(i -> out.add(new String[] {i.path("start").asText(), i.path("end").asText()}));
        return out;
    }

    private static Duration elapsed(String[] instance) {
        return Duration.between(OffsetDateTime.parse(instance[0]), OffsetDateTime.parse(instance[1]));
    }

    @Test
    @DisplayName("spring forward (Europe/Amsterdam, 28 March 2027): 01:00+01:00–05:00+02:00, three hours as the week before")
    void springForward() {
        h.dispatch("calendar.create_event", """
                {"title":"Nachtdienst","start":"2027-03-21T01:00","end":"2027-03-21T04:00","domain":"WERK",
                 "zone":"Europe/Amsterdam","recurrence":{"freq":"WEEKLY","count":3}}""").assertOk();

        List<String[]> all = instances("2027-03-20T00:00:00+01:00", "2027-04-05T00:00:00+02:00");

        assertThat(all).extracting(i -> i[0] + "/" + i[1]).containsExactly(
                "2027-03-21T01:00:00+01:00/2027-03-21T04:00:00+01:00",
                "2027-03-28T01:00:00+01:00/2027-03-28T05:00:00+02:00",
                "2027-04-04T01:00:00+02:00/2027-04-04T04:00:00+02:00");
        assertThat(all).allSatisfy(i -> assertThat(elapsed(i)).isEqualTo(Duration.ofHours(3)));
    }

    @Test
    @DisplayName("fall back (Europe/Amsterdam, 25 October 2026): 01:00+02:00–03:00+01:00, three hours as the week before")
    void fallBack() {
        h.dispatch("calendar.create_event", """
                {"title":"Nachtdienst","start":"2026-10-18T01:00","end":"2026-10-18T04:00","domain":"WERK",
                 "zone":"Europe/Amsterdam","recurrence":{"freq":"WEEKLY","count":3}}""").assertOk();

        List<String[]> all = instances("2026-10-17T00:00:00+02:00", "2026-11-02T00:00:00+01:00");

        assertThat(all).extracting(i -> i[0] + "/" + i[1]).containsExactly(
                "2026-10-18T01:00:00+02:00/2026-10-18T04:00:00+02:00",
                "2026-10-25T01:00:00+02:00/2026-10-25T03:00:00+01:00",
                "2026-11-01T01:00:00+01:00/2026-11-01T04:00:00+01:00");
        assertThat(all).allSatisfy(i -> assertThat(elapsed(i)).isEqualTo(Duration.ofHours(3)));
    }

    @Test
    @DisplayName("a first instance on the DST night sets the exact duration for the rest: two hours of 01:00–04:00 on 28 March")
    void firstInstanceOnTheNight() {
        h.dispatch("calendar.create_event", """
                {"title":"Kort","start":"2027-03-28T01:00","end":"2027-03-28T04:00","domain":"WERK",
                 "zone":"Europe/Amsterdam","recurrence":{"freq":"DAILY","count":2}}""").assertOk();

        List<String[]> all = instances("2027-03-27T00:00:00+01:00", "2027-03-31T00:00:00+02:00");

        assertThat(all).extracting(i -> i[0] + "/" + i[1]).containsExactly(
                "2027-03-28T01:00:00+01:00/2027-03-28T04:00:00+02:00",
                "2027-03-29T01:00:00+02:00/2027-03-29T03:00:00+02:00");
    }

    @Test
    @DisplayName("an all-day series keeps whole days across the DST night")
    void allDayKeepsDays() {
        h.dispatch("calendar.create_event", """
                {"title":"Vrij","startDate":"2027-03-27","endDate":"2027-03-28","domain":"WERK",
                 "recurrence":{"freq":"DAILY","count":3}}""").assertOk();

        List<String[]> all = instances("2027-03-26T00:00:00+01:00", "2027-03-31T00:00:00+02:00");

        assertThat(all).extracting(i -> i[0] + "/" + i[1]).containsExactly(
                "2027-03-27T00:00:00+01:00/2027-03-28T00:00:00+01:00",
                "2027-03-28T00:00:00+01:00/2027-03-29T00:00:00+02:00",
                "2027-03-29T00:00:00+02:00/2027-03-30T00:00:00+02:00");
    }
}
