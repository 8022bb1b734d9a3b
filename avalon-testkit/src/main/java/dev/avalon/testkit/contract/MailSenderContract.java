package dev.avalon.testkit.contract;

import dev.avalon.core.port.Invite;
import dev.avalon.core.port.InviteMail;
import dev.avalon.core.port.InviteRequest;
import dev.avalon.core.port.InviteRequest.InviteMethod;
import dev.avalon.core.port.MailDeliveryException;
import dev.avalon.core.port.MailSender;
import dev.avalon.testkit.invite.PlainInviteRenderer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The behaviour every {@link MailSender} must have. An implementation's test extends this class,
 * returns the sender under test and tells what arrived at the other end:
 *
 * <pre>{@code
 * class SmtpMailSenderTest extends MailSenderContract {
 *     protected MailSender sender() { return new SmtpMailSender(config, clock); }
 *     protected List<DeliveredInvite> delivered() { ... read the test SMTP server's mailboxes ... }
 * }
 * }</pre>
 *
 * Rules the port leaves open are fixed here: {@code send} returns the Message-ID the mail arrives
 * with; two different invitations get different Message-IDs; a sender, a recipient that is not a plain
 * e-mail address or a subject with a line break is a permanent failure and nothing is delivered; the text
 * may arrive with CR LF line breaks.
 *
 * <p>The tests are grouped by theme in {@code @Nested} classes ({@code Delivery} and {@code Refusals});
 * JUnit runs them for every subclass, as part of its own test class, with the subclass's set-up.
 */
public abstract class MailSenderContract {

    /** One mail as the receiving side saw it; one entry per message, however many recipients it had. */
    public record DeliveredInvite(String messageId, String from, List<String> to, String subject, String text,
                                  String method, byte[] calendar) {
        public DeliveredInvite {
            Objects.requireNonNull(messageId, "messageId");
            to = List.copyOf(to);
            calendar = calendar.clone();
        }

        @Override
        public byte[] calendar() {
            return calendar.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof DeliveredInvite d && messageId.equals(d.messageId) && from.equals(d.from)
                    && to.equals(d.to) && subject.equals(d.subject) && text.equals(d.text)
                    && method.equals(d.method) && Arrays.equals(calendar, d.calendar);
        }

        @Override
        public int hashCode() {
            return Objects.hash(messageId, from, to, subject, text, method, Arrays.hashCode(calendar));
        }

        @Override
        public String toString() {
            return "DeliveredInvite[" + messageId + " " + method + " from " + from + " to " + to + ": " + subject + "]";
        }
    }

    /** The sender under test; may be a new one on each call, all delivering to the same place. */
    protected abstract MailSender sender();

    /** Every message delivered since the test began, oldest first. */
    protected abstract List<DeliveredInvite> delivered();

    /** Renders the invitations the tests send; a real renderer may be used instead. */
    protected Invite render(InviteRequest request) {
        return new PlainInviteRenderer().render(request);
    }

    protected static InviteRequest invite(InviteMethod method, int sequence, String summary) {
        ZonedDateTime start = ZonedDateTime.of(2026, 11, 26, 14, 0, 0, 0, ZoneId.of("Europe/Amsterdam"));
        return new InviteRequest(method, "evt-42@avalon.test", sequence, Instant.parse("2026-11-23T07:00:00Z"),
                "organizer@example.org", List.of("bob@example.org", "carol@example.net"), summary,
                "Agenda follows", "Town hall", start, start.plusHours(1), null, null);
    }

    /** Text line breaks as LF: MIME text travels with CR LF, a recording fake keeps what it was given. */
    protected static String lf(String text) {
        return text.replace("\r\n", "\n");
    }

    protected InviteMail mail(InviteRequest request, String subject, String text) {
        return new InviteMail(request.organizer(), request.attendees(), subject, text, render(request));
    }

    @Nested
    @DisplayName("delivery")
    class Delivery {

        @Test
        @DisplayName("A mail is delivered whole: sender, recipients, subject, text and the calendar bytes with its method")
        void deliversWhole() {
            InviteMail mail = mail(invite(InviteMethod.REQUEST, 0, "VSB board meeting"), "Invitation: VSB board meeting",
                    "You are invited.\nThursday 26 November, 14:00.");

            String messageId = sender().send(mail);

            assertThat(messageId).isNotBlank();
            List<DeliveredInvite> delivered = delivered();
            assertThat(delivered).hasSize(1);
            DeliveredInvite got = delivered.get(0);
            assertThat(got.messageId()).isEqualTo(messageId);
            assertThat(got.from()).isEqualTo("organizer@example.org");
            assertThat(got.to()).containsExactlyInAnyOrder("bob@example.org", "carol@example.net");
            assertThat(got.subject()).isEqualTo("Invitation: VSB board meeting");
            assertThat(lf(got.text())).isEqualTo("You are invited.\nThursday 26 November, 14:00.");
            assertThat(got.method()).isEqualTo("REQUEST");
            assertThat(got.calendar()).isEqualTo(mail.invite().icalendar());
        }

        @Test
        @DisplayName("Non-ASCII subject, text and calendar arrive unchanged")
        void nonAsciiArrives() {
            InviteMail mail = mail(invite(InviteMethod.REQUEST, 0, "Overleg café ☕ 日本"), "Uitnodiging: Overleg café ☕ 日本",
                    "Tot donderdag — groeten, Zoë 😀");

            sender().send(mail);

            DeliveredInvite got = delivered().get(0);
            assertThat(got.subject()).isEqualTo("Uitnodiging: Overleg café ☕ 日本");
            assertThat(got.text()).isEqualTo("Tot donderdag — groeten, Zoë 😀");
            assertThat(got.calendar()).isEqualTo(mail.invite().icalendar());
        }

        @Test
        @DisplayName("A request, an update and a cancel arrive as three messages with their methods and different Message-IDs")
        void requestUpdateCancel() {
            String first = sender().send(mail(invite(InviteMethod.REQUEST, 0, "Planning"), "Invitation: Planning", "New."));
            String second = sender().send(mail(invite(InviteMethod.REQUEST, 1, "Planning"), "Updated: Planning", "Moved."));
            String third = sender().send(mail(invite(InviteMethod.CANCEL, 2, "Planning"), "Cancelled: Planning", "Off."));

            assertThat(List.of(first, second, third)).doesNotHaveDuplicates();
            assertThat(delivered()).extracting(DeliveredInvite::method).containsExactly("REQUEST", "REQUEST", "CANCEL");
            assertThat(delivered()).extracting(DeliveredInvite::messageId).containsExactly(first, second, third);
        }
    }

    @Nested
    @DisplayName("permanent failures")
    class Refusals {

        @Test
        @DisplayName("A recipient that is not an e-mail address is a permanent failure and nothing is delivered")
        void badRecipientIsPermanent() {
            InviteRequest request = invite(InviteMethod.REQUEST, 0, "Planning");
            InviteMail mail = new InviteMail(request.organizer(), List.of("bob@example.org", "not an address"),
                    "Invitation", "text", render(request));

            MailDeliveryException failure = catchThrowableOfType(MailDeliveryException.class, () -> sender().send(mail));

            assertThat(failure).isNotNull();
            assertThat(failure.transientFailure()).isFalse();
            assertThat(delivered()).isEmpty();
        }

        @Test
        @DisplayName("A sender address with a header smuggled in is a permanent failure and nothing is delivered")
        void badSenderIsPermanent() {
            InviteRequest request = invite(InviteMethod.REQUEST, 0, "Planning");
            InviteMail mail = new InviteMail("organizer@example.org>\r\nBcc: eve@example.org", request.attendees(),
                    "Invitation", "text", render(request));

            MailDeliveryException failure = catchThrowableOfType(MailDeliveryException.class, () -> sender().send(mail));

            assertThat(failure).isNotNull();
            assertThat(failure.transientFailure()).isFalse();
            assertThat(delivered()).isEmpty();
        }

        @Test
        @DisplayName("A subject with a line break (a header injection) is a permanent failure and nothing is delivered")
        void subjectWithLineBreakIsPermanent() {
            InviteMail mail = mail(invite(InviteMethod.REQUEST, 0, "Planning"), "Invitation\r\nBcc: eve@example.org", "text");

            MailDeliveryException failure = catchThrowableOfType(MailDeliveryException.class, () -> sender().send(mail));

            assertThat(failure).isNotNull();
            assertThat(failure.transientFailure()).isFalse();
            assertThat(delivered()).isEmpty();
        }
    }
}
