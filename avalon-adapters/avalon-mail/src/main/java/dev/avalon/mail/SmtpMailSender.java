package dev.avalon.mail;

import dev.avalon.core.port.InviteMail;
import dev.avalon.core.port.MailDeliveryException;
import dev.avalon.core.port.MailSender;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.MimeMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.Objects;
import java.util.Properties;

/**
 * Sends invitations over SMTP with Angus Mail, as iMIP messages ({@code multipart/mixed} of a
 * {@code multipart/alternative} with the text and the {@code text/calendar; method=…} part, and
 * {@code invite.ics} attached).
 *
 * <p>One connection per message; a message goes to all its recipients or to none (partial sending is
 * off, so one refused recipient fails the whole message). Failures are {@link MailDeliveryException}s:
 * transient for no connection, timeouts and SMTP 4xx answers; permanent for SMTP 5xx answers, a
 * refused login and addresses that are not plain e-mail addresses.
 *
 * <pre>{@code
 * MailSender mail = new SmtpMailSender(SmtpConfig.of("smtp.example.org").withLogin(user, secret), clock);
 * String messageId = mail.send(inviteMail);
 * }</pre>
 *
 * Thread-safe.
 */
public final class SmtpMailSender implements MailSender {

    private static final Logger LOG = LoggerFactory.getLogger(SmtpMailSender.class);

    private final SmtpConfig config;
    private final Clock clock;
    private final Session session;

    /** A sender delivering through {@code config}; {@code clock} dates the messages. */
    public SmtpMailSender(SmtpConfig config, Clock clock) {
        this.config = Objects.requireNonNull(config, "config");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.session = Session.getInstance(properties(config));
    }

    @Override
    public String send(InviteMail mail) {
        Objects.requireNonNull(mail, "mail");
        MimeMessage message = ImipMessage.of(session, mail, clock.instant());
        try (Transport transport = session.getTransport(protocol(config))) {
            transport.connect(config.host(), config.port(), config.username(), config.password());
            transport.sendMessage(message, message.getAllRecipients());
            String messageId = message.getMessageID();
            LOG.debug("sent {} {} to {} recipient(s) as {}", mail.invite().request().method(),
                    mail.invite().request().uid(), mail.to().size(), messageId);
            return messageId;
        } catch (MessagingException e) {
            MailDeliveryException failure = DeliveryFailures.classify(e);
            LOG.warn("sending {} {} failed ({}): {}", mail.invite().request().method(), mail.invite().request().uid(),
                    failure.transientFailure() ? "transient" : "permanent", e.getMessage());
            throw failure;
        }
    }

    /** The configuration, without the password. */
    public SmtpConfig config() {
        return config;
    }

    static String protocol(SmtpConfig config) {
        return config.security() == SmtpSecurity.SSL ? "smtps" : "smtp";
    }

    static Properties properties(SmtpConfig config) {
        String p = "mail." + protocol(config) + ".";
        Properties properties = new Properties();
        properties.setProperty(p + "host", config.host());
        properties.setProperty(p + "port", Integer.toString(config.port()));
        properties.setProperty(p + "auth", Boolean.toString(config.authenticates()));
        properties.setProperty(p + "connectiontimeout", Long.toString(config.connectTimeout().toMillis()));
        properties.setProperty(p + "timeout", Long.toString(config.readTimeout().toMillis()));
        properties.setProperty(p + "writetimeout", Long.toString(config.writeTimeout().toMillis()));
        properties.setProperty(p + "sendpartial", "false");
        if (config.security() == SmtpSecurity.STARTTLS) {
            properties.setProperty(p + "starttls.enable", "true");
            properties.setProperty(p + "starttls.required", "true");
        }
        if (config.security() != SmtpSecurity.NONE) {
            properties.setProperty(p + "ssl.checkserveridentity", "true");
            if (config.trustedHosts() != null) {
                properties.setProperty(p + "ssl.trust", config.trustedHosts());
            }
        }
        // the envelope sender is the message's From (the organizer), so bounces reach the organizer
        return properties;
    }

    @Override
    public String toString() {
        return "SmtpMailSender[" + config + "]";
    }
}
