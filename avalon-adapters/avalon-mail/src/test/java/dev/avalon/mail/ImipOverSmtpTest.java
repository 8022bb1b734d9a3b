package dev.avalon.mail;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.avalon.core.port.Invite;
import dev.avalon.core.port.InviteMail;
import dev.avalon.core.port.InviteRequest;
import dev.avalon.core.port.InviteRequest.InviteMethod;
import dev.avalon.testkit.MutableClock;
import jakarta.mail.BodyPart;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.MimeMessage;
import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.data.CalendarOutputter;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.Property;
import net.fortuna.ical4j.model.component.VEvent;
import net.fortuna.ical4j.model.parameter.PartStat;
import net.fortuna.ical4j.model.parameter.Role;
import net.fortuna.ical4j.model.parameter.Rsvp;
import net.fortuna.ical4j.model.property.Attendee;
import net.fortuna.ical4j.model.property.DtEnd;
import net.fortuna.ical4j.model.property.DtStamp;
import net.fortuna.ical4j.model.property.DtStart;
import net.fortuna.ical4j.model.property.Organizer;
import net.fortuna.ical4j.model.property.ProdId;
import net.fortuna.ical4j.model.property.Sequence;
import net.fortuna.ical4j.model.property.Summary;
import net.fortuna.ical4j.model.property.Uid;
import net.fortuna.ical4j.model.property.immutable.ImmutableMethod;
import net.fortuna.ical4j.model.property.immutable.ImmutableStatus;
import net.fortuna.ical4j.model.property.immutable.ImmutableVersion;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("An invitation, its update and its cancellation travel through SMTP as iMIP messages")
class ImipOverSmtpTest {

    @RegisterExtension
    static final GreenMailExtension SERVER = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

    private static final ZonedDateTime START = ZonedDateTime.of(2026, 11, 26, 13, 0, 0, 0, ZoneOffset.UTC);

    private final MutableClock clock = MutableClock.at("2026-11-23T08:00:00+01:00");

    /** An invitation written with ical4j itself, so the test does not depend on Avalon's renderer. */
    private static Invite invite(InviteMethod method, int sequence) throws Exception {
        InviteRequest request = new InviteRequest(method, "evt-7@avalon.test", sequence,
                Instant.parse("2026-11-23T07:00:00Z").plusSeconds(sequence), "organizer@example.org",
                List.of("bob@example.org", "carol@example.net"), "VSB board meeting", "", "",
                START.plusHours(sequence), START.plusHours(sequence + 1), null, null);
        Calendar calendar = new Calendar();
        calendar.add(new ProdId("-//Avalon//test//EN"));
        calendar.add(ImmutableVersion.VERSION_2_0);
        calendar.add(method == InviteMethod.CANCEL ? ImmutableMethod.CANCEL : ImmutableMethod.REQUEST);
        VEvent event = new VEvent(false);
        event.add(new Uid(request.uid()));
        event.add(new DtStamp(request.stamp()));
        event.add(new Sequence(sequence));
        event.add(new DtStart<>(request.start().toInstant()));
        event.add(new DtEnd<>(request.end().toInstant()));
        event.add(new Summary(request.summary()));
        event.add(new Organizer(URI.create("mailto:" + request.organizer())));
        for (String address : request.attendees()) {
            Attendee attendee = new Attendee(URI.create("mailto:" + address));
            attendee.add(Role.REQ_PARTICIPANT);
            attendee.add(PartStat.NEEDS_ACTION);
            attendee.add(Rsvp.TRUE);
            event.add(attendee);
        }
        if (method == InviteMethod.CANCEL) {
            event.add(ImmutableStatus.VEVENT_CANCELLED);
        }
        calendar.add(event);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new CalendarOutputter(true).output(calendar, out);
        return new Invite(request, out.toByteArray());
    }

    private static Calendar ical4j(byte[] bytes) throws Exception {
        return new CalendarBuilder().build(new ByteArrayInputStream(bytes));
    }

    @Test
    @DisplayName("REQUEST, REQUEST with SEQUENCE+1 and CANCEL arrive with the iMIP structure and a calendar ical4j reads and validates")
    void requestUpdateCancel() throws Exception {
        SmtpMailSender sender = new SmtpMailSender(SmtpMailSenderTest.plain(SERVER.getSmtp().getPort()), clock);
        List<Invite> invites = List.of(invite(InviteMethod.REQUEST, 0), invite(InviteMethod.REQUEST, 1),
                invite(InviteMethod.CANCEL, 2));
        for (Invite invite : invites) {
            sender.send(new InviteMail("organizer@example.org", invite.request().attendees(),
                    invite.request().method() + ": VSB board meeting", "See the invitation.", invite));
        }

        // one copy per recipient, three different Message-IDs
        MimeMessage[] received = SERVER.getReceivedMessages();
        assertThat(received).hasSize(6);
        java.util.Map<String, MimeMessage> byId = new java.util.LinkedHashMap<>();
        for (MimeMessage message : received) {
            byId.putIfAbsent(message.getMessageID(), message);
        }
        List<MimeMessage> messages = List.copyOf(byId.values());
        assertThat(messages).hasSize(3);
        for (int i = 0; i < 3; i++) {
            MimeMessage message = messages.get(i);
            String method = i < 2 ? "REQUEST" : "CANCEL";

            assertThat(new ContentType(message.getContentType()).getBaseType()).isEqualTo("multipart/mixed");
            Multipart mixed = (Multipart) message.getContent();
            assertThat(mixed.getCount()).isEqualTo(2);
            assertThat(new ContentType(mixed.getBodyPart(0).getContentType()).getBaseType()).isEqualTo("multipart/alternative");
            Multipart alternative = (Multipart) mixed.getBodyPart(0).getContent();
            assertThat(alternative.getCount()).isEqualTo(2);
            ContentType plain = new ContentType(alternative.getBodyPart(0).getContentType());
            assertThat(plain.getBaseType()).isEqualTo("text/plain");
            assertThat(plain.getParameter("charset")).isEqualToIgnoringCase("UTF-8");
            BodyPart inline = alternative.getBodyPart(1);
            ContentType calendarType = new ContentType(inline.getContentType());
            assertThat(calendarType.getBaseType()).isEqualTo("text/calendar");
            assertThat(calendarType.getParameter("method")).isEqualTo(method);
            assertThat(calendarType.getParameter("charset")).isEqualToIgnoringCase("UTF-8");
            BodyPart attachment = mixed.getBodyPart(1);
            assertThat(new ContentType(attachment.getContentType()).getBaseType()).isEqualTo("application/ics");
            assertThat(attachment.getDisposition()).isEqualTo(Part.ATTACHMENT);
            assertThat(attachment.getFileName()).isEqualTo("invite.ics");
            assertThat(Received.bytes(attachment)).isEqualTo(Received.bytes(inline));

            Calendar calendar = ical4j(Received.bytes(inline));
            assertThat(calendar.validate().hasErrors()).isFalse();
            assertThat(calendar.getProperty(Property.METHOD).orElseThrow().getValue()).isEqualTo(method);
            VEvent event = calendar.<VEvent>getComponents("VEVENT").get(0);
            assertThat(event.getProperty(Property.UID).orElseThrow().getValue()).isEqualTo("evt-7@avalon.test");
            assertThat(event.getProperty(Property.SEQUENCE).orElseThrow().getValue()).isEqualTo(Integer.toString(i));
            assertThat(event.getProperty(Property.STATUS).map(Property::getValue)).isEqualTo(
                    i < 2 ? java.util.Optional.empty() : java.util.Optional.of("CANCELLED"));
        }
    }

    @Test
    @DisplayName("The message is dated by the sender's clock and comes from the organizer")
    void datedAndFrom() throws Exception {
        new SmtpMailSender(SmtpMailSenderTest.plain(SERVER.getSmtp().getPort()), clock).send(new InviteMail(
                "organizer@example.org", List.of("bob@example.org"), "Invitation", "text", invite(InviteMethod.REQUEST, 0)));

        MimeMessage message = SERVER.getReceivedMessages()[0];

        assertThat(message.getSentDate().toInstant()).isEqualTo(Instant.parse("2026-11-23T07:00:00Z"));
        assertThat(message.getFrom()[0].toString()).isEqualTo("organizer@example.org");
    }
}
