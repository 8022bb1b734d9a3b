package dev.avalon.testkit.calendar;

import com.fasterxml.jackson.databind.JsonNode;
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

import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("A series keeps its cancelled and changed instances when it changes")
class SeriesExceptionsTest {

    private static final ZoneId AMS = ZoneId.of("Europe/Amsterdam");
    private final PlainInviteRenderer renderer = new PlainInviteRenderer();
    private final RecordingMailSender mail = new RecordingMailSender();
    private final AvalonHarness h = AvalonHarness.on(new InMemoryBrainStore(),
            MutableClock.at("2026-11-23T08:00:00+01:00"), b -> b
                    .port(InviteRenderer.class, renderer).port(MailSender.class, mail));

    @AfterEach
    void close() {
        h.close();
    }

    private String series() {
        return h.dispatch("calendar.create_event", """
                {"title":"Bestuur","domain":"VSB","start":"2026-11-24T19:30","end":"2026-11-24T21:00",
                 "attendees":["jan@example.org"],"recurrence":{"freq":"WEEKLY","count":4}}""")
                .assertOk().data().path("event").path("id").asText();
    }

    private List<String> starts() {
        JsonNode items = h.dispatch("calendar.list_events",
                "{\"from\":\"2026-11-23T00:00:00+01:00\",\"to\":\"2027-01-31T00:00:00+01:00\"}").assertOk().data()
                .path("items");
        List<String> out = new ArrayList<>();
        items.forEach(i -> out.add(i.path("start").asText().substring(0, 16)));
        return out;
    }

    private InviteRequest lastSeriesRequest() {
        for (int i = mail.sent().size() - 1; i >= 0; i--) {
            InviteRequest r = renderer.parse(mail.sent().get(i).mail().invite().icalendar());
            if (r.method() == InviteMethod.REQUEST && r.recurrenceId() == null) {
                return r;
            }
        }
        throw new AssertionError("no series REQUEST was sent");
    }

    @Test
    @DisplayName("cancel one, move one, move the series: the cancelled stays cancelled, the moved keeps its time")
    void issueScenario() {
        String id = series();
        h.dispatch("calendar.cancel_event", "{\"id\":\"" + id + "\",\"instance\":\"2026-12-08T19:30\"}").assertOk();
        h.dispatch("calendar.update_event", "{\"id\":\"" + id + "\",\"instance\":\"2026-12-01T19:30\","
                + "\"start\":\"2026-12-02T20:00\",\"end\":\"2026-12-02T21:30\"}").assertOk();
        assertThat(starts()).containsExactly("2026-11-24T19:30", "2026-12-02T20:00", "2026-12-15T19:30");

        h.dispatch("calendar.update_event", "{\"id\":\"" + id + "\",\"start\":\"2026-11-24T19:00\","
                + "\"end\":\"2026-11-24T20:30\"}").assertOk();

        assertThat(starts()).as("8 December stays cancelled, the moved instance keeps its own time")
                .containsExactly("2026-11-24T19:00", "2026-12-02T20:00", "2026-12-15T19:00");
        InviteRequest request = lastSeriesRequest();
        assertThat(request.rrule()).isEqualTo("FREQ=WEEKLY;COUNT=4");
        assertThat(request.exdates()).containsExactly(LocalDateTime.parse("2026-12-08T19:00").atZone(AMS));
        assertThat(request.instances()).hasSize(1);
        assertThat(request.instances().get(0).recurrenceId())
                .isEqualTo(LocalDateTime.parse("2026-12-01T19:00").atZone(AMS));
        assertThat(request.instances().get(0).start()).isEqualTo(LocalDateTime.parse("2026-12-02T20:00").atZone(AMS));
    }

    @Test
    @DisplayName("a weekly series moved to another weekday keeps its third meeting cancelled")
    void weekdayChangeKeepsThePlace() {
        String id = series();
        h.dispatch("calendar.cancel_event", "{\"id\":\"" + id + "\",\"instance\":\"2026-12-08T19:30\"}").assertOk();

        h.dispatch("calendar.update_event", "{\"id\":\"" + id + "\",\"start\":\"2026-11-25T19:30\","
                + "\"end\":\"2026-11-25T21:00\"}").assertOk();

        assertThat(starts()).containsExactly("2026-11-25T19:30", "2026-12-02T19:30", "2026-12-16T19:30");
        assertThat(lastSeriesRequest().exdates())
                .containsExactly(LocalDateTime.parse("2026-12-09T19:30").atZone(AMS));
    }

    @Test
    @DisplayName("an instance changed in its title alone follows the series to its new time")
    void retitledInstanceFollowsTheSeries() {
        String id = series();
        h.dispatch("calendar.update_event", "{\"id\":\"" + id + "\",\"instance\":\"2026-12-01T19:30\","
                + "\"title\":\"Bestuur met begroting\"}").assertOk();

        h.dispatch("calendar.update_event", "{\"id\":\"" + id + "\",\"start\":\"2026-11-24T19:00\","
                + "\"end\":\"2026-11-24T20:30\"}").assertOk();

        assertThat(starts()).containsExactly("2026-11-24T19:00", "2026-12-01T19:00", "2026-12-08T19:00",
                "2026-12-15T19:00");
        InviteRequest request = lastSeriesRequest();
        assertThat(request.instances()).singleElement().satisfies(i -> {
            assertThat(i.summary()).isEqualTo("Bestuur met begroting");
            assertThat(i.start()).isEqualTo(LocalDateTime.parse("2026-12-01T19:00").atZone(AMS));
        });
    }

    @Test
    @DisplayName("a smaller COUNT drops the exceptions of the instances it no longer has, and nothing else")
    void shorterSeries() {
        String id = series();
        h.dispatch("calendar.cancel_event", "{\"id\":\"" + id + "\",\"instance\":\"2026-12-01T19:30\"}").assertOk();
        h.dispatch("calendar.cancel_event", "{\"id\":\"" + id + "\",\"instance\":\"2026-12-15T19:30\"}").assertOk();

        h.dispatch("calendar.update_event", "{\"id\":\"" + id + "\",\"recurrence\":{\"freq\":\"WEEKLY\",\"count\":3}}")
                .assertOk();

        assertThat(starts()).containsExactly("2026-11-24T19:30", "2026-12-08T19:30");
        assertThat(lastSeriesRequest().exdates())
                .containsExactly(LocalDateTime.parse("2026-12-01T19:30").atZone(AMS));
    }
}
