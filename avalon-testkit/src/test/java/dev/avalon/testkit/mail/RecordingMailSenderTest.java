package dev.avalon.testkit.mail;

import dev.avalon.core.port.InviteMail;
import dev.avalon.core.port.InviteRequest.InviteMethod;
import dev.avalon.core.port.MailDeliveryException;
import dev.avalon.core.port.MailSender;
import dev.avalon.testkit.contract.MailSenderContract;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@DisplayName("RecordingMailSender keeps the MailSender contract and fails on demand")
class RecordingMailSenderTest extends MailSenderContract {

    private final RecordingMailSender sender = new RecordingMailSender();

    @Override
    protected MailSender sender() {
        return sender;
    }

    @Override
    protected List<DeliveredInvite> delivered() {
        return sender.sent().stream().map(s -> new DeliveredInvite(s.messageId(), s.mail().from(), s.mail().to(),
                s.mail().subject(), s.mail().text(), s.mail().invite().request().method().name(),
                s.mail().invite().icalendar())).toList();
    }

    @Test
    @DisplayName("Told to fail twice transiently and once permanently, it throws so and then delivers again")
    void failsOnDemand() {
        InviteMail mail = mail(invite(InviteMethod.REQUEST, 0, "Planning"), "Invitation: Planning", "text");
        sender.failNextTransiently(2);
        sender.failNextPermanently(1);

        for (boolean expectedTransient : new boolean[] {true, true, false}) {
            assertThatThrownBy(() -> sender.send(mail))
                    .isInstanceOfSatisfying(MailDeliveryException.class,
                            e -> assertThat(e.transientFailure()).isEqualTo(expectedTransient));
        }
        assertThat(sender.sent()).isEmpty();

        sender.send(mail);

        assertThat(sender.sent()).hasSize(1);
        assertThat(sender.attempts()).isEqualTo(4);
    }

    @Test
    @DisplayName("A negative failure count is refused, and clear forgets mail and planned failures")
    void clearAndBadCount() {
        assertThatThrownBy(() -> sender.failNextTransiently(-1)).isInstanceOf(IllegalArgumentException.class);
        sender.failNextPermanently(1);
        sender.clear();

        sender.send(mail(invite(InviteMethod.REQUEST, 0, "Planning"), "Invitation: Planning", "text"));

        assertThat(sender.sent()).hasSize(1);
        assertThat(sender.attempts()).isEqualTo(1);
    }
}
