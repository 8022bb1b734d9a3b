package dev.avalon.ics;

import biweekly.Biweekly;
import com.fasterxml.jackson.databind.JsonNode;
import dev.avalon.core.base.ErrorCode;
import dev.avalon.core.base.Violation;
import dev.avalon.core.port.BrainPath;
import dev.avalon.core.port.Invite;
import dev.avalon.core.port.InviteRenderer;
import dev.avalon.core.port.InviteRequest;
import dev.avalon.core.port.MailSender;
import dev.avalon.testkit.MutableClock;
import dev.avalon.testkit.brain.InMemoryBrainStore;
import dev.avalon.testkit.harness.AvalonHarness;
import dev.avalon.testkit.mail.RecordingMailSender;
import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.model.Parameter;
import net.fortuna.ical4j.model.Property;
import net.fortuna.ical4j.model.component.VEvent;
import net.fortuna.ical4j.model.property.Attendee;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("An attendee given with a display name keeps it, from create_event to the invite's CN and back")
class AttendeeNameTest {

    private final Ical4jInviteRenderer renderer = new Ical4jInviteRenderer();
    private final RecordingMailSender mail = new RecordingMailSender();
    private final AvalonHarness h = AvalonHarness.on(new InMemoryBrainStore(), MutableClock.at("2026-11-23T08:00:00+01:00"),
            b -> b.port(InviteRenderer.class, renderer).port(MailSender.class, mail));

    @AfterEach
    void close() {
        h.close();
    }

    @Test
    @DisplayName("create_event → outbox → invite: CN written (quoted when it holds , ; :), parsed back, mail to the bare address")
    void roundTrip() throws Exception {
        JsonNode event = h.dispatch("calendar.create_event", """
                {"title":"Bestuur","start":"2026-11-24T19:30","end":"2026-11-24T21:00","domain":"VSB",
                 "attendees":["Jan Jansen <jan@example.org>","\\"Jansen, Piet\\" <piet@example.org>",
                              "  \\"Kees de Vries\\"   <kees@example.org> ","secretaris@example.org"]}""")
                .assertOk().data().path("event");

        assertThat(event.path("attendees")).extracting(JsonNode::asText).containsExactly("Jan Jansen <jan@example.org>",
                "\"Jansen, Piet\" <piet@example.org>", "Kees de Vries <kees@example.org>", "secretaris@example.org");
        assertThat(mail.sent()).hasSize(1);
        assertThat(mail.sent().get(0).mail().to()).as("the mail goes to the addresses")
                .containsExactly("jan@example.org", "piet@example.org", "kees@example.org", "secretaris@example.org");

        Invite invite = mail.sent().get(0).mail().invite();
        String unfolded = invite.text().replace("\r\n ", "");
        assertThat(unfolded).contains("ATTENDEE;CN=Jan Jansen;", "ATTENDEE;CN=\"Jansen, Piet\";",
                "ATTENDEE;CN=Kees de Vries;", ":mailto:jan@example.org\r\n");
        assertThat(unfolded).containsPattern("ATTENDEE;ROLE=REQ-PARTICIPANT;[^\\r]*:mailto:secretaris@example.org\r\n");

        VEvent parsed = new CalendarBuilder().build(new ByteArrayInputStream(invite.icalendar()))
                .<VEvent>getComponents("VEVENT").get(0);
        assertThat(parsed.<Attendee>getProperties(Property.ATTENDEE))
                .extracting(a -> a.getParameter(Parameter.CN).map(Parameter::getValue).orElse(""))
                .containsExactly("Jan Jansen", "Jansen, Piet", "Kees de Vries", "");
        assertThat(Biweekly.parse(invite.text()).first().getEvents().get(0).getAttendees())
                .extracting(biweekly.property.Attendee::getCommonName)
                .containsExactly("Jan Jansen", "Jansen, Piet", "Kees de Vries", null);
        assertThat(renderer.parse(invite.icalendar()).attendees()).containsExactly("Jan Jansen <jan@example.org>",
                "\"Jansen, Piet\" <piet@example.org>", "Kees de Vries <kees@example.org>", "secretaris@example.org");
        InviteOctets.assertFoldedByOctets(invite.icalendar());
    }

    @Test
    @DisplayName("a brain from before names were kept (bare addresses) still reads, validates and invites as before")
    void oldBrainsStillRead() {
        h.dispatch("calendar.create_event", """
                {"title":"Bestuur","start":"2026-11-24T19:30","end":"2026-11-24T21:00","domain":"VSB",
                 "attendees":["secretaris@example.org"]}""").assertOk();
        String stored = new String(h.store().read(BrainPath.of("state/calendar/events.json")).orElseThrow(),
                StandardCharsets.UTF_8);

        assertThat(stored).contains("\"secretaris@example.org\"").doesNotContain("<");
        assertThat(h.dispatch("system.validate").assertOk().data().path("problems")).isEmpty();
        assertThat(mail.sent().get(0).mail().invite().text()).contains("ATTENDEE;ROLE=REQ-PARTICIPANT");
    }

    @Test
    @DisplayName("a name Avalon cannot keep, or the same address twice under two names, is refused naming the attendee")
    void refused() {
        for (String bad : List.of("Jan <jan@example.org", "<jan@example.org>", "\"Jan \\\\\"x\\\\\" J\" <jan@example.org>",
                "Jan <Jansen> <jan@example.org>", "Jan Jansen <not an address>")) {
            String data = "{\"title\":\"X\",\"start\":\"2026-11-24T19:30\",\"end\":\"2026-11-24T21:00\",\"domain\":\"VSB\","
                    + "\"attendees\":[\"ok@example.org\"," + com.fasterxml.jackson.databind.node.TextNode.valueOf(bad) + "]}";
            List<Violation> details = h.dispatch("calendar.create_event", data).assertRejected(ErrorCode.VALIDATION_FAILED)
                    .rejected().error().details();
            assertThat(details).as(bad).extracting(Violation::path).containsExactly("$.data.attendees[1]");
        }
        List<Violation> twice = h.dispatch("calendar.create_event", """
                {"title":"X","start":"2026-11-24T19:30","end":"2026-11-24T21:00","domain":"VSB",
                 "attendees":["Jan <jan@example.org>","J. Jansen <JAN@example.org>"]}""")
                .assertRejected(ErrorCode.VALIDATION_FAILED).rejected().error().details();
        assertThat(twice).extracting(Violation::problem).containsExactly("is listed twice");
    }

    @Test
    @DisplayName("the renderer writes CN for a named attendee and refuses an attendee that is not a mailbox")
    void renderer() {
        InviteRequest request = InviteRendererContractRequests.withAttendees(List.of("Ünal Öztürk <unal@example.org>", "x@example.org"));
        Invite invite = renderer.render(request);

        assertThat(invite.text().replace("\r\n ", "")).contains("ATTENDEE;CN=\"Ünal Öztürk\";");
        assertThat(renderer.parse(invite.icalendar()).attendees()).containsExactly("\"Ünal Öztürk\" <unal@example.org>",
                "x@example.org");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> renderer.render(
                        InviteRendererContractRequests.withAttendees(List.of("Jan <jan@example.org>; evil@example.org"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("attendees[0]");
    }
}
