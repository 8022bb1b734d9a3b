package dev.avalon.testkit.time;

import com.fasterxml.jackson.databind.JsonNode;
import dev.avalon.core.base.ErrorCode;
import dev.avalon.core.base.Violation;
import dev.avalon.testkit.harness.AvalonHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;

import static dev.avalon.testkit.harness.AvalonHarness.data;
import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("One time convention: date-times in, date-times out")
class TimeConventionTest {

    private final AvalonHarness h = AvalonHarness.inMemory();

    @AfterEach
    void close() {
        h.close();
    }

    private String problemAt(AvalonHarness.Response r, String path) {
        List<Violation> details = r.assertRejected(ErrorCode.VALIDATION_FAILED).rejected().error().details();
        return details.stream().filter(v -> v.path().equals(path)).map(Violation::problem).findFirst()
                .orElseThrow(() -> new AssertionError("no problem at " + path + ": " + details));
    }

    @ParameterizedTest(name = "{0} {1} in {2}")
    @CsvSource(delimiter = '|', value = {
            "gap     | 2027-03-28T02:30 | Europe/Amsterdam | 2027-03-28T01:30:00+01:00 or 2027-03-28T03:30:00+02:00",
            "overlap | 2026-10-25T02:30 | Europe/Amsterdam | 2026-10-25T02:30:00+02:00 or 2026-10-25T02:30:00+01:00",
            "gap     | 2027-03-14T02:15 | America/New_York | 2027-03-14T01:15:00-05:00 or 2027-03-14T03:15:00-04:00",
            "overlap | 2027-11-07T01:15 | America/New_York | 2027-11-07T01:15:00-04:00 or 2027-11-07T01:15:00-05:00"})
    @DisplayName("an event's local start in a DST gap or overlap of its zone is refused with the two instants")
    void eventStartNeverGuessed(String kind, String local, String zone, String candidates) {
        String problem = problemAt(h.dispatch("calendar.create_event", data("title", "Nacht", "domain", "VSB",
                "zone", zone, "start", local, "end", local.substring(0, 11) + "05:00")), "$.data.start");

        assertThat(problem).contains(zone).contains(candidates)
                .contains(kind.equals("gap") ? "does not exist" : "occurs twice");
        assertThat(h.store().read(dev.avalon.core.port.BrainPath.of("state/calendar/events.json"))).isEmpty();
    }

    @Test
    @DisplayName("each candidate of a gap is accepted, and the event shows the zone's local time")
    void gapCandidatesAccepted() {
        JsonNode later = h.dispatch("calendar.create_event", data("title", "Nacht", "domain", "VSB",
                "start", "2027-03-28T01:30:00+01:00", "end", "2027-03-28T04:00")).assertOk().data().path("event");
        assertThat(later.path("start").asText()).isEqualTo("2027-03-28T01:30:00+01:00");
        JsonNode shifted = h.dispatch("calendar.create_event", data("title", "Nacht", "domain", "VSB",
                "start", "2027-03-28T03:30:00+02:00", "end", "2027-03-28T04:00")).assertOk().data().path("event");
        assertThat(shifted.path("start").asText()).isEqualTo("2027-03-28T03:30:00+02:00");
        assertThat(shifted.path("zone").asText()).isEqualTo("Europe/Amsterdam");
    }

    @Test
    @DisplayName("the first pass of a repeated hour is kept; the second cannot be kept by an event and says why")
    void overlapPasses() {
        JsonNode first = h.dispatch("calendar.create_event", data("title", "Nacht", "domain", "VSB",
                "start", "2026-10-25T02:30:00+02:00", "end", "2026-10-25T04:00")).assertOk().data().path("event");
        assertThat(first.path("start").asText()).isEqualTo("2026-10-25T02:30:00+02:00");

        String problem = problemAt(h.dispatch("calendar.create_event", data("title", "Nacht", "domain", "VSB",
                "start", "2026-10-25T02:30:00+01:00", "end", "2026-10-25T04:00")), "$.data.start");
        assertThat(problem).contains("second time").contains("2026-10-25T02:30:00+02:00");
    }

    @Test
    @DisplayName("a reminder's due, a window and a tick in the user's zone refuse a local time in a gap too")
    void userZoneFields() {
        assertThat(problemAt(h.dispatch("reminder.create", data("title", "Bellen", "domein", "VSB",
                "due", "2027-03-28T02:30")), "$.data.due")).contains("2027-03-28T01:30:00+01:00 or 2027-03-28T03:30:00+02:00");
        assertThat(problemAt(h.dispatch("calendar.list_events", data("from", "2027-03-28T02:30",
                "to", "2027-03-29T00:00")), "$.data.from")).contains("does not exist in Europe/Amsterdam");
        assertThat(problemAt(h.dispatch("system.tick", data("now", "2027-10-31T02:30")), "$.data.now"))
                .contains("2027-10-31T02:30:00+02:00 or 2027-10-31T02:30:00+01:00");
    }

    @Test
    @DisplayName("a start copied from list_events into update_event is accepted and names the same instant")
    void copiedStartRoundTrips() {
        h.dispatch("calendar.create_event", """
                {"title":"Overleg","start":"2026-11-24T10:00","end":"2026-11-24T11:00","domain":"VSB",
                 "recurrence":{"freq":"WEEKLY","count":3}}""").assertOk();
        h.dispatch("calendar.create_event", """
                {"title":"Bellen","start":"2026-11-25T09:00:00-05:00","end":"2026-11-25T10:00:00-05:00",
                 "zone":"America/New_York","domain":"VSB"}""").assertOk();
        JsonNode items = h.dispatch("calendar.list_events", data("from", "2026-11-24T00:00", "to", "2026-12-31T00:00"))
                .assertOk().data().path("items");
        assertThat(items).extracting(i -> i.path("eventId").asText()).containsExactly("EV-0001", "EV-0002", "EV-0001",
                "EV-0001");
        JsonNode second = items.get(2);
        assertThat(second.path("instance").asText()).isEqualTo("2026-12-01T10:00:00+01:00");
        JsonNode changed = h.dispatch("calendar.update_event", data("id", "EV-0001",
                "instance", second.path("instance").asText(), "title", "Overleg (kort)")).assertOk().data();
        assertThat(changed.path("instance").asText()).isEqualTo("2026-12-01T10:00:00+01:00");

        JsonNode newYork = items.get(1);
        assertThat(newYork.path("start").asText()).isEqualTo("2026-11-25T09:00:00-05:00");
        assertThat(newYork.path("zone").asText()).isEqualTo("America/New_York");
        JsonNode moved = h.dispatch("calendar.update_event", data("id", "EV-0002",
                "start", newYork.path("end").asText())).assertOk().data().path("event");
        assertThat(moved.path("start").asText()).isEqualTo("2026-11-25T10:00:00-05:00");
        assertThat(moved.path("end").asText()).isEqualTo("2026-11-25T11:00:00-05:00");
    }

    @Test
    @DisplayName("overlaps are written like every other date-time: local time with its offset, with the zone")
    void overlapsWrittenOneWay() {
        h.dispatch("calendar.create_event", """
                {"title":"Overleg","start":"2026-11-24T10:00","end":"2026-11-24T11:00","domain":"VSB"}""").assertOk();
        JsonNode overlap = h.dispatch("calendar.create_event", """
                {"title":"Bellen","start":"2026-11-24T09:30:00Z","end":"2026-11-24T10:30:00Z","domain":"VSB"}""")
                .assertOk().data().path("overlaps").get(0);
        assertThat(overlap.path("start").asText()).isEqualTo("2026-11-24T10:00:00+01:00");
        assertThat(overlap.path("otherStart").asText()).isEqualTo("2026-11-24T10:30:00+01:00");
        assertThat(overlap.path("zone").asText()).isEqualTo("Europe/Amsterdam");
    }

    @Test
    @DisplayName("a reminder answers its due time in the user's zone, whatever form it was sent in")
    void reminderDue() {
        JsonNode reminder = h.dispatch("reminder.create", data("title", "Bellen", "domein", "VSB",
                "due", "2026-11-24T08:00:00Z")).assertOk().data().path("reminder");
        assertThat(reminder.path("due").asText()).isEqualTo("2026-11-24T09:00:00+01:00");
        JsonNode moved = h.dispatch("reminder.move", data("id", reminder.path("id").asText(),
                "due", "2026-11-25T09:00")).assertOk().data();
        assertThat(moved.path("reminder").path("due").asText()).isEqualTo("2026-11-25T09:00:00+01:00");
        assertThat(moved.path("previousDue").asText()).isEqualTo("2026-11-24T09:00:00+01:00");
    }

    @Test
    @DisplayName("a malformed date-time is refused naming the field, with the accepted forms")
    void malformed() {
        assertThat(problemAt(h.dispatch("calendar.free_slots", data("from", "24-11-2026 10:00",
                "to", "2026-11-25T00:00", "durationMinutes", 30)), "$.data.from"))
                .contains("2026-11-17T10:00:00+01:00").contains("2026-11-17T10:00 (local)");
        assertThat(problemAt(h.dispatch("system.tick", data("now", "2026-02-30T10:00")), "$.data.now"))
                .contains("not a date-time that exists");
    }

    @Test
    @DisplayName("instants an engine keeps in UTC are answered in the user's zone: a logbook entry's recordedAt, system.health")
    void answersSpeakTheUsersZone() {
        var entry = h.dispatch("logbook.add_daily_entry", data("activiteit", "Offerte", "domein", "WERK", "stress", 2,
                "motivatie", 4, "status", "done", "moveCount", 0)).assertOk().data();
        String recorded = entry.path("entry").path("recordedAt").asText();
        assertThat(recorded).matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\+01:00");
        assertThat(java.time.Instant.parse(recorded)).isEqualTo(h.clock().instant());
        assertThat(h.dispatch("system.health").assertOk().json().toString())
                .doesNotContainPattern("\"[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9:.]+Z\"");
    }
}
