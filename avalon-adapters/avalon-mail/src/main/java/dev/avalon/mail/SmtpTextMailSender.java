package dev.avalon.mail;

import dev.avalon.core.port.MailDeliveryException;
import dev.avalon.core.port.TextMailSender;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Objects;

/**
 * Sends the plain text mails of automations (their EMAIL actions) over SMTP with Angus Mail, through
 * the same server settings as {@link SmtpMailSender}: one {@code text/plain; charset=UTF-8} message
 * from {@code from} to every recipient, one connection per message, all recipients or none. Failures
 * are classified as for invitations: transient for no connection, timeouts and SMTP 4xx; permanent
 * for 5xx, a refused login and addresses that are not plain e-mail addresses.
 *
 * <pre>{@code
 * TextMailSender mail = new SmtpTextMailSender(SmtpConfig.of("smtp.example.org"), "agenda@example.org", clock);
 * }</pre>
 *
 * Thread-safe.
 */
public final class SmtpTextMailSender implements TextMailSender {

    private static final Logger LOG = LoggerFactory.getLogger(SmtpTextMailSender.class);

    private final SmtpConfig config;
    private final InternetAddress from;
    private final Clock clock;
    private final Session session;

    /**
     * @param config the server
     * @param from   the sender of every mail, a plain e-mail address
     * @param clock  dates the messages
     * @throws IllegalArgumentException when {@code from} is not a plain e-mail address
     */
    public SmtpTextMailSender(SmtpConfig config, String from, Clock clock) {
        this.config = Objects.requireNonNull(config, "config");
        this.clock = Objects.requireNonNull(clock, "clock");
        try {
            this.from = new InternetAddress(Objects.requireNonNull(from, "from"), true);
        } catch (AddressException e) {
            throw new IllegalArgumentException("not an e-mail address: '" + from + "'");
        }
        this.session = Session.getInstance(SmtpMailSender.properties(config));
    }

    @Override
    public String send(List<String> to, String subject, String text) {
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(text, "text");
        List<InternetAddress> recipients = new ArrayList<>();
        for (String address : to) {
            try {
                recipients.add(new InternetAddress(address, true));
            } catch (AddressException e) {
                throw new MailDeliveryException("not an e-mail address: '" + address + "'", false, e);
            }
        }
        if (recipients.isEmpty()) {
            throw new MailDeliveryException("a mail needs at least one recipient", false, null);
        }
        try {
            MimeMessage message = new MimeMessage(session);
            message.setFrom(from);
            message.setRecipients(Message.RecipientType.TO, recipients.toArray(InternetAddress[]::new));
            message.setSubject(subject, StandardCharsets.UTF_8.name());
            message.setSentDate(Date.from(clock.instant()));
            message.setText(text, StandardCharsets.UTF_8.name());
            message.saveChanges();
            try (Transport transport = session.getTransport(SmtpMailSender.protocol(config))) {
                transport.connect(config.host(), config.port(), config.username(), config.password());
                transport.sendMessage(message, message.getAllRecipients());
            }
            String messageId = message.getMessageID();
            LOG.debug("sent a text mail to {} recipient(s) as {}", recipients.size(), messageId);
            return messageId;
        } catch (MessagingException e) {
            MailDeliveryException failure = DeliveryFailures.classify(e);
            LOG.warn("sending a text mail failed ({}): {}", failure.transientFailure() ? "transient" : "permanent",
                    e.getMessage());
            throw failure;
        }
    }

    @Override
    public String toString() {
        return "SmtpTextMailSender[" + config + ", from=" + from + "]";
    }
}
