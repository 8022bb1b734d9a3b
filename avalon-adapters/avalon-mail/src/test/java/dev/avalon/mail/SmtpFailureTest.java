package dev.avalon.mail;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.avalon.core.port.InviteMail;
import dev.avalon.core.port.InviteRequest;
import dev.avalon.core.port.InviteRequest.InviteMethod;
import dev.avalon.core.port.MailDeliveryException;
import dev.avalon.testkit.MutableClock;
import dev.avalon.testkit.invite.PlainInviteRenderer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@DisplayName("SMTP failures are transient when a retry may help and permanent when it will not")
class SmtpFailureTest {

    @RegisterExtension
    static final GreenMailExtension SERVER = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort())
            .withConfiguration(GreenMailConfiguration.aConfig().withUser("organizer@example.org", "avalon", "right"));

    private final MutableClock clock = MutableClock.at("2026-11-23T08:00:00+01:00");

    private static InviteMail mail() {
        ZonedDateTime start = ZonedDateTime.of(2026, 11, 26, 13, 0, 0, 0, ZoneOffset.UTC);
        InviteRequest request = new InviteRequest(InviteMethod.REQUEST, "evt-9@avalon.test", 0,
                Instant.parse("2026-11-23T07:00:00Z"), "organizer@example.org", List.of("bob@example.org"),
                "Planning", "", "", start, start.plusHours(1), null, null);
        return new InviteMail("organizer@example.org", List.of("bob@example.org"), "Invitation", "text",
                new PlainInviteRenderer().render(request));
    }

    private SmtpMailSender sender(int port) {
        return new SmtpMailSender(SmtpMailSenderTest.plain(port), clock);
    }

    private static void assertFailure(Runnable send, boolean transientFailure) {
        assertThatThrownBy(send::run).isInstanceOfSatisfying(MailDeliveryException.class,
                e -> assertThat(e.transientFailure()).as(e.getMessage()).isEqualTo(transientFailure));
    }

    @Test
    @DisplayName("A refused connection is transient")
    void connectionRefused() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }

        assertFailure(() -> sender(port).send(mail()), true);
    }

    @Test
    @DisplayName("A 4xx answer to a recipient is transient")
    void answer4xx() throws Exception {
        try (ScriptedSmtpServer server = ScriptedSmtpServer.answeringRcpt("451 4.3.0 try again later")) {
            assertFailure(() -> sender(server.port()).send(mail()), true);
        }
    }

    @Test
    @DisplayName("A 5xx answer to a recipient is permanent")
    void answer5xx() throws Exception {
        try (ScriptedSmtpServer server = ScriptedSmtpServer.answeringRcpt("550 5.1.1 no such user")) {
            assertFailure(() -> sender(server.port()).send(mail()), false);
        }
    }

    @Test
    @DisplayName("A server that never answers times out, which is transient")
    void timeout() throws Exception {
        try (ScriptedSmtpServer server = ScriptedSmtpServer.silent()) {
            SmtpConfig impatient = SmtpMailSenderTest.plain(server.port())
                    .withTimeouts(Duration.ofSeconds(2), Duration.ofMillis(300), Duration.ofMillis(300));

            assertFailure(() -> new SmtpMailSender(impatient, clock).send(mail()), true);
        }
    }

    @Test
    @DisplayName("A refused login is permanent and nothing is delivered; the right login delivers")
    void login() {
        int port = SERVER.getSmtp().getPort();
        SmtpConfig wrong = SmtpMailSenderTest.plain(port).withLogin("avalon", "wrong");
        SmtpConfig right = SmtpMailSenderTest.plain(port).withLogin("avalon", "right");

        assertFailure(() -> new SmtpMailSender(wrong, clock).send(mail()), false);
        assertThat(SERVER.getReceivedMessages()).isEmpty();

        new SmtpMailSender(right, clock).send(mail());
        assertThat(SERVER.getReceivedMessages()).hasSize(1);
    }

    @Test
    @DisplayName("A configuration lists every problem, and never shows the password")
    void configuration() {
        assertThatThrownBy(() -> new SmtpConfig(" ", 0, SmtpSecurity.SSL, "user", null,
                Duration.ZERO, Duration.ofSeconds(1), Duration.ofSeconds(1), null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("host").hasMessageContaining("port")
                .hasMessageContaining("password").hasMessageContaining("timeouts");
        SmtpConfig config = SmtpConfig.of("smtp.example.org").withLogin("avalon", "s3cret");

        assertThat(config.port()).isEqualTo(587);
        assertThat(config.security()).isEqualTo(SmtpSecurity.STARTTLS);
        assertThat(config.toString()).contains("smtp.example.org", "avalon").doesNotContain("s3cret");
        assertThat(new SmtpMailSender(config, clock).toString()).doesNotContain("s3cret");
    }
}
