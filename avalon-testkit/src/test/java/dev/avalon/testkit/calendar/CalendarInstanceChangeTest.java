package dev.avalon.testkit.calendar;

import dev.avalon.core.calendar.CalendarFeature;
import com.fasterxml.jackson.databind.JsonNode;
import dev.avalon.core.base.ErrorCode;
import dev.avalon.core.base.Violation;
import dev.avalon.core.port.InviteRenderer;
import dev.avalon.core.port.InviteRequest;
import dev.avalon.core.port.InviteRequest.InviteMethod;
import dev.avalon.core.port.MailSender;
import dev.avalon.testkit.MutableClock;
import dev.avalon.testkit.brain.InMemoryBrainStore;
import dev.avalon.testkit.harness.AvalonHarness;
import dev.avalon.testkit.invite.PlainInviteRenderer;
import dev.avalon.testkit.mail.RecordingMailSender;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("One instance of a series can be changed on its own")
class CalendarInstanceChangeTest {

    private static final ZoneId AMSTERDAM = ZoneId.of("Europe/Amsterdam");
    private static final String WEEKS = """
            {"from":"2026-11-23T00:00:00+01:00","to":"2026-12-21T00:00:00+01:00"}""";

    private final PlainInviteRenderer renderer = new PlainInviteRenderer();
    private final RecordingMailSender mail = new RecordingMailSender();
    private final MutableClock clock = MutableClock.at("2026-11-23T08:00:00+01:00");
    private final AvalonHarness h = AvalonHarness.on(new InMemoryBrainStore(), clock, b -> b
            .port(InviteRenderer.class, renderer).port(MailSender.class, mail));

    @AfterEach
    void close() {
        h.close();
    }

    /** A weekly VSB board meeting on Tuesdays 19:30-21:00, four times, with invites. */
    private void series() {
        h.dispatch("calendar.create_event", """
                {"title":"Bestuur","start":"2026-11-24T19:30","end":"2026-11-24T21:00","domain":"VSB",
                 "attendees":["secretaris@example.org","penning@example.org"],
                 "recurrence":{"freq":"WEEKLY","count":4}}""").assertOk();
    }

    private List<String> listed() {
        List<String> rows = new ArrayList<>();
        h.dispatch("calendar.list_events", WEEKS).assertOk().data().path("items").forEach(i -> rows.add(
                i.path("instance").asText() + " " + i.path("start").asText() + "/" + i.path("end").asText() + " "
                        + i.path("title").asText() + " @" + i.path("location").asText()
                        + (i.path("changed").asBoolean() ? " changed" : "")));
        return rows;
    }

    private InviteRequest last() {
        return renderer.parse(mail.sent().get(mail.sent().size() - 1).mail().invite().icalendar());
    }

    @Test
    @DisplayName("moving one instance of a weekly VSB series lists it moved, leaves the others and invites for it alone")
    void moveOneInstance() {
        series();
        JsonNode moved = h.dispatch("calendar.update_event", """
                {"id":"EV-0001","instance":"2026-12-01T19:30","start":"2026-12-02T20:00","location":"Kantine"}""")
                .assertOk().data();
        assertThat(moved.path("significant").asBoolean()).isTrue();
        assertThat(moved.path("instance").asText()).isEqualTo("2026-12-01T19:30:00+01:00");
        assertThat(moved.path("event").path("sequence").asInt()).isEqualTo(1);
        assertThat(moved.path("invite").path("status").asText()).isEqualTo("SENT");

        assertThat(listed()).containsExactly(
                "2026-11-24T19:30:00+01:00 2026-11-24T19:30:00+01:00/2026-11-24T21:00:00+01:00 Bestuur @",
                "2026-12-01T19:30:00+01:00 2026-12-02T20:00:00+01:00/2026-12-02T21:30:00+01:00 Bestuur @Kantine changed",
                "2026-12-08T19:30:00+01:00 2026-12-08T19:30:00+01:00/2026-12-08T21:00:00+01:00 Bestuur @",
                "2026-12-15T19:30:00+01:00 2026-12-15T19:30:00+01:00/2026-12-15T21:00:00+01:00 Bestuur @");

        assertThat(mail.sent()).hasSize(2);
        InviteRequest invite = last();
        assertThat(invite.method()).isEqualTo(InviteMethod.REQUEST);
        assertThat(invite.sequence()).isEqualTo(1);
        assertThat(invite.recurrenceId()).isEqualTo(LocalDateTime.parse("2026-12-01T19:30").atZone(AMSTERDAM));
        assertThat(invite.rrule()).as("an instance invite carries no RRULE").isNull();
        assertThat(invite.start()).isEqualTo(LocalDateTime.parse("2026-12-02T20:00").atZone(AMSTERDAM));
        assertThat(invite.end()).isEqualTo(LocalDateTime.parse("2026-12-02T21:30").atZone(AMSTERDAM));
        assertThat(invite.location()).isEqualTo("Kantine");
        String ics = new String(mail.sent().get(1).mail().invite().icalendar(), StandardCharsets.UTF_8);
        assertThat(ics).contains("RECURRENCE-ID").doesNotContain("RRULE");
        JsonNode outbox = h.dispatch("calendar.outbox").assertOk().data().path("invites");
        assertThat(outbox.get(1).path("key").asText()).isEqualTo("ev-0001@avalon/1/REQUEST/2026-12-01T19:30");
        assertThat(h.dispatch("system.validate").assertOk().data().path("problems"))
                .as("the stored override matches calendar-events.schema.json").isEmpty();
    }

    @Test
    @DisplayName("free slots and overlaps see the moved instance at its new time, not at its old one")
    void expansionUsesTheNewTime() {
        series();
        h.dispatch("calendar.update_event", """
                {"id":"EV-0001","instance":"2026-11-24T19:30","start":"2026-11-24T10:00","end":"2026-11-24T11:00"}""")
                .assertOk();
        JsonNode slots = h.dispatch("calendar.free_slots", """
                {"from":"2026-11-24T00:00:00+01:00","to":"2026-11-25T00:00:00+01:00","durationMinutes":60}""")
                .assertOk().data().path("slots");
        List<String> pairs = new ArrayList<>();
        slots.forEach(s -> pairs.add(s.path("start").asText() + "/" + s.path("end").asText()));
        // 09:00-09:50 before the moved instance and its 10-minute buffer is too short for an hour
        assertThat(pairs).containsExactly("2026-11-24T11:10:00+01:00/2026-11-24T17:30:00+01:00");
        JsonNode other = h.dispatch("calendar.create_event", """
                {"title":"Sport","start":"2026-11-24T20:00","end":"2026-11-24T21:00","domain":"WERK"}""")
                .assertOk().data();
        assertThat(other.path("overlaps")).as("the old time is free now").isEmpty();
        JsonNode clash = h.dispatch("calendar.create_event", """
                {"title":"Bel","start":"2026-11-24T10:30","end":"2026-11-24T10:45","domain":"WERK"}""")
                .assertOk().data();
        assertThat(clash.path("overlaps")).hasSize(1);
        JsonNode overlap = clash.path("overlaps").get(0);
        assertThat(List.of(overlap.path("eventId").asText(), overlap.path("otherEventId").asText()))
                .containsExactlyInAnyOrder("EV-0001", "EV-0003");
        assertThat(overlap.toString()).contains("2026-11-24T10:00:00+01:00", "2026-11-24T11:00:00+01:00");
    }

    @Test
    @DisplayName("a description change of one instance is kept but sends nothing; cancelling it removes the change")
    void insignificantThenCancelled() {
        series();
        JsonNode noted = h.dispatch("calendar.update_event", """
                {"id":"EV-0001","instance":"2026-12-08T19:30","description":"agenda volgt"}""").assertOk().data();
        assertThat(noted.path("significant").asBoolean()).isFalse();
        assertThat(noted.path("event").path("sequence").asInt()).isZero();
        assertThat(mail.sent()).hasSize(1);

        h.dispatch("calendar.cancel_event", "{\"id\":\"EV-0001\",\"instance\":\"2026-12-08T19:30\"}").assertOk();
        assertThat(last().method()).isEqualTo(InviteMethod.CANCEL);
        assertThat(listed()).hasSize(3).noneMatch(r -> r.startsWith("2026-12-08"));
        h.dispatch("calendar.update_event", """
                {"id":"EV-0001","instance":"2026-12-08T19:30","title":"Terug"}""")
                .assertRejected(ErrorCode.VALIDATION_FAILED);
    }

    @Test
    @DisplayName("AUTO_PLAN refuses moving an instance onto busy time, with proposals, and changes nothing")
    void autoPlanInstance() {
        h.dispatch("calendar.create_event", """
                {"title":"Overleg","start":"2026-12-01T10:00","end":"2026-12-01T11:00","domain":"WERK"}""")
                .assertOk();
        h.dispatch("calendar.create_event", """
                {"title":"Focus","start":"2026-11-24T14:00","end":"2026-11-24T15:00","domain":"WERK","mode":"AUTO_PLAN",
                 "recurrence":{"freq":"WEEKLY","count":3}}""").assertOk();
        AvalonHarness.Snapshot before = h.snapshot();
        var rejected = h.dispatch("calendar.update_event", """
                {"id":"EV-0002","instance":"2026-12-01T14:00","start":"2026-12-01T10:30"}""")
                .assertRejected(CalendarFeature.CALENDAR_CONFLICT).rejected();
        List<String> problems = rejected.error().details().stream().map(Violation::problem).toList();
        assertThat(problems.get(0)).startsWith("overlaps EV-0001 'Overleg'");
        assertThat(problems).anyMatch(p -> p.startsWith("free: 2026-12-01T11:10:00+01:00"));
        assertThat(h.snapshot()).isEqualTo(before);
    }

    @ParameterizedTest(name = "{0}")
    @DisplayName("bad input names the field, changes nothing and sends nothing")
    @CsvSource(delimiter = '|', textBlock = """
            no such instance            | {"id":"EV-0001","instance":"2026-12-02T19:30","title":"X"}           | $.data.instance
            after the series            | {"id":"EV-0001","instance":"2026-12-22T19:30","title":"X"}           | $.data.instance
            end before start            | {"id":"EV-0001","instance":"2026-12-01T19:30","start":"2026-12-01T20:00","end":"2026-12-01T19:00"} | $.data.end
            unknown zone                | {"id":"EV-0001","instance":"2026-12-01T19:30","zone":"Mars/Olympus"} | $.data.zone
            blank title                 | {"id":"EV-0001","instance":"2026-12-01T19:30","title":" "}           | $.data.title
            series-only field           | {"id":"EV-0001","instance":"2026-12-01T19:30","attendees":[]}        | $.data.attendees
            not a date-time             | {"id":"EV-0001","instance":"2026-12-01T19:30","start":"2026-13-01T20:00"} | $.data.start
            """)
    void badInput(String name, String data, String field) {
        series();
        AvalonHarness.Snapshot before = h.snapshot();
        int sent = mail.attempts();
        var rejected = h.dispatch("calendar.update_event", data).assertRejected(ErrorCode.VALIDATION_FAILED)
                .rejected();
        assertThat(rejected.error().details()).extracting(Violation::path).contains(field);
        assertThat(h.snapshot()).isEqualTo(before);
        assertThat(mail.attempts()).isEqualTo(sent);
    }

    @Test
    @DisplayName("an event that does not recur has no instance to change")
    void notRecurring() {
        h.dispatch("calendar.create_event", """
                {"title":"Werk","start":"2026-11-24T10:00","end":"2026-11-24T11:00","domain":"WERK"}""").assertOk();
        AvalonHarness.Snapshot before = h.snapshot();
        var rejected = h.dispatch("calendar.update_event", """
                {"id":"EV-0001","instance":"2026-11-24T10:00","start":"2026-11-24T12:00"}""")
                .assertRejected(ErrorCode.VALIDATION_FAILED).rejected();
        assertThat(rejected.error().details()).extracting(Violation::path).containsExactly("$.data.instance");
        assertThat(h.snapshot()).isEqualTo(before);
    }

    @Test
    @DisplayName("a changed instance survives a series change and keeps its own time when its day leaves the rule")
    void seriesChanges() {
        series();
        h.dispatch("calendar.update_event", """
                {"id":"EV-0001","instance":"2026-12-01T19:30","start":"2026-12-01T18:00"}""").assertOk();
        h.dispatch("calendar.update_event", """
                {"id":"EV-0001","description":"jaarplanning"}""").assertOk();
        assertThat(listed()).anyMatch(r -> r.startsWith("2026-12-01T19:30:00+01:00 2026-12-01T18:00:00+01:00") && r.endsWith("changed"));
        h.dispatch("calendar.update_event", """
                {"id":"EV-0001","start":"2026-11-25T19:30","end":"2026-11-25T21:00"}""").assertOk();
        // the second meeting, moved by hand, stays where the user put it; it now replaces the rule's second
        assertThat(listed()).hasSize(4)
                .containsOnlyOnce("2026-12-02T19:30:00+01:00 2026-12-01T18:00:00+01:00/2026-12-01T19:30:00+01:00 Bestuur @ changed");
    }
}
