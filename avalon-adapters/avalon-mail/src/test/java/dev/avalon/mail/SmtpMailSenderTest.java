package dev.avalon.mail;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.avalon.core.port.MailSender;
import dev.avalon.testkit.MutableClock;
import dev.avalon.testkit.contract.MailSenderContract;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.List;

@DisplayName("SmtpMailSender keeps the MailSender contract against a real SMTP server (GreenMail)")
class SmtpMailSenderTest extends MailSenderContract {

    @RegisterExtension
    static final GreenMailExtension SERVER = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

    private final MutableClock clock = MutableClock.at("2026-11-23T08:00:00+01:00");

    static SmtpConfig plain(int port) {
        return SmtpConfig.of("127.0.0.1").withPort(port).withSecurity(SmtpSecurity.NONE)
                .withTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(10));
    }

    @Override
    protected MailSender sender() {
        return new SmtpMailSender(plain(SERVER.getSmtp().getPort()), clock);
    }

    @Override
    protected List<DeliveredInvite> delivered() {
        return Received.distinct(List.of(SERVER.getReceivedMessages()));
    }
}
