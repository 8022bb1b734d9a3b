package dev.avalon.mail;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.avalon.core.port.MailDeliveryException;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@DisplayName("SmtpTextMailSender delivers automations' plain text mails to a real SMTP server (GreenMail)")
class SmtpTextMailSenderTest {

    @RegisterExtension
    static final GreenMailExtension SERVER = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

    final Clock clock = Clock.fixed(Instant.parse("2026-11-23T08:00:00Z"), ZoneOffset.UTC);

    SmtpTextMailSender sender() {
        return new SmtpTextMailSender(SmtpConfig.of("127.0.0.1").withSecurity(SmtpSecurity.NONE)
                .withPort(SERVER.getSmtp().getPort()), "agenda@example.org", clock);
    }

    @Test
    @DisplayName("one UTF-8 text message from the configured sender to every recipient; its Message-ID is returned")
    void sends() throws Exception {
        String id = sender().send(List.of("jan@example.org", "anne@example.org"), "Budget op 80 %",
                "Het potje boodschappen is voor 80 % op — let op.");
        MimeMessage[] received = SERVER.getReceivedMessages();
        assertThat(received).hasSize(2);
        assertThat(received[0].getMessageID()).isEqualTo(id);
        assertThat(received[0].getFrom()[0].toString()).isEqualTo("agenda@example.org");
        assertThat(received[0].getSubject()).isEqualTo("Budget op 80 %");
        assertThat(received[0].getContentType()).contains("text/plain").containsIgnoringCase("utf-8");
        assertThat(received[0].getContent().toString()).contains("80 % op — let op.");
    }

    @Test
    @DisplayName("a recipient that is not a plain address fails for good, before any connection")
    void badAddress() {
        assertThatThrownBy(() -> sender().send(List.of("Jan <jan@example.org>, x"), "s", "t"))
                .isInstanceOfSatisfying(MailDeliveryException.class, e -> assertThat(e.transientFailure()).isFalse());
        assertThat(SERVER.getReceivedMessages()).isEmpty();
    }

    @Test
    @DisplayName("no server listening is a transient failure the outbox retries")
    void noServer() {
        SmtpTextMailSender nowhere = new SmtpTextMailSender(SmtpConfig.of("127.0.0.1").withSecurity(SmtpSecurity.NONE)
                .withPort(1), "agenda@example.org", clock);
        assertThatThrownBy(() -> nowhere.send(List.of("jan@example.org"), "s", "t"))
                .isInstanceOfSatisfying(MailDeliveryException.class, e -> assertThat(e.transientFailure()).isTrue());
    }
}
