package dev.avalon.mail;

import dev.avalon.core.port.InviteMail;
import dev.avalon.core.port.InviteRequest;
import dev.avalon.core.port.MailDeliveryException;
import jakarta.activation.DataHandler;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.util.ByteArrayDataSource;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

/**
 * Builds the one message shape both senders deliver:
 * <pre>
 * multipart/mixed
 *   multipart/alternative
 *     text/plain; charset=UTF-8
 *     text/calendar; method=REQUEST|CANCEL; charset=UTF-8
 *   application/ics; name=invite.ics   (attachment invite.ics)
 * </pre>
 * The Message-ID is derived from the invitation and its recipients, so sending the same invitation
 * again (a retry) carries the same Message-ID and receivers can recognise the duplicate.
 */
final class ImipMessage {

    static final String ATTACHMENT_NAME = "invite.ics";

    private ImipMessage() {
    }

    /**
     * The message for {@code mail}, dated {@code date}.
     *
     * @throws MailDeliveryException (permanent) when an address or the subject cannot be sent as given
     */
    static MimeMessage of(Session session, InviteMail mail, Instant date) {
        List<String> problems = new ArrayList<>();
        InternetAddress from = address("from", mail.from(), problems);
        List<InternetAddress> to = new ArrayList<>();
        for (int i = 0; i < mail.to().size(); i++) {
            to.add(address("to[" + i + "]", mail.to().get(i), problems));
        }
        if (mail.subject().indexOf('\r') >= 0 || mail.subject().indexOf('\n') >= 0) {
            problems.add("subject: contains a line break");
        }
        if (!problems.isEmpty()) {
            throw new MailDeliveryException("refused: " + String.join("; ", problems), false, null);
        }
        String method = mail.invite().request().method().name();
        byte[] calendar = mail.invite().icalendar();
        String messageId = messageId(mail, from.getAddress());
        try {
            MimeMessage message = new FixedIdMessage(session, messageId);
            message.setFrom(from);
            message.setRecipients(Message.RecipientType.TO, to.toArray(InternetAddress[]::new));
            message.setSubject(mail.subject(), "UTF-8");
            message.setSentDate(Date.from(date));

            MimeBodyPart text = new MimeBodyPart();
            // MIME text is canonically CR LF; writing it so makes the file and the SMTP copy the same
            text.setText(mail.text().replace("\r\n", "\n").replace('\r', '\n').replace("\n", "\r\n"), "UTF-8", "plain");
            MimeBodyPart inline = new MimeBodyPart();
            String calendarType = "text/calendar; method=" + method + "; charset=UTF-8";
            inline.setDataHandler(new DataHandler(new ByteArrayDataSource(calendar, calendarType)));
            inline.setHeader("Content-Type", calendarType);
            MimeMultipart alternative = new MimeMultipart("alternative");
            alternative.addBodyPart(text);
            alternative.addBodyPart(inline);
            MimeBodyPart alternativePart = new MimeBodyPart();
            alternativePart.setContent(alternative);

            MimeBodyPart attachment = new MimeBodyPart();
            String attachmentType = "application/ics; name=" + ATTACHMENT_NAME;
            attachment.setDataHandler(new DataHandler(new ByteArrayDataSource(calendar, attachmentType)));
            attachment.setHeader("Content-Type", attachmentType);
            attachment.setDisposition(Part.ATTACHMENT);
            attachment.setFileName(ATTACHMENT_NAME);

            MimeMultipart mixed = new MimeMultipart("mixed");
            mixed.addBodyPart(alternativePart);
            mixed.addBodyPart(attachment);
            message.setContent(mixed);
            message.saveChanges();
            return message;
        } catch (MessagingException e) {
            throw new MailDeliveryException("the message could not be built: " + e.getMessage(), false, e);
        }
    }

    /** Only a bare address ({@code local@domain}) is accepted: no display name, no second address, no header. */
    private static InternetAddress address(String field, String value, List<String> problems) {
        try {
            InternetAddress address = new InternetAddress(value, true);
            address.validate();
            if (!address.getAddress().equals(value) || value.indexOf('@') < 1) {
                problems.add(field + ": not a plain e-mail address: " + printable(value));
            }
            return address;
        } catch (AddressException e) {
            problems.add(field + ": not an e-mail address: " + printable(value));
            return null;
        }
    }

    private static String messageId(InviteMail mail, String from) {
        InviteRequest request = mail.invite().request();
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
        digest.update(mail.invite().icalendar());
        for (String recipient : mail.to()) {
            digest.update((recipient.toLowerCase(Locale.ROOT) + "\n").getBytes(StandardCharsets.UTF_8));
        }
        digest.update(mail.subject().getBytes(StandardCharsets.UTF_8));
        String hash = HexFormat.of().formatHex(digest.digest(), 0, 12);
        String domain = from.substring(from.lastIndexOf('@') + 1);
        return "<" + hash + "." + request.sequence() + "." + request.method().name().toLowerCase(Locale.ROOT)
                + ".avalon@" + domain + ">";
    }

    private static String printable(String value) {
        return value.replaceAll("\\p{Cntrl}", "?");
    }

    /** A message that keeps the Message-ID it was given instead of making a new one on every save. */
    private static final class FixedIdMessage extends MimeMessage {
        private final String messageId;

        FixedIdMessage(Session session, String messageId) {
            super(session);
            this.messageId = messageId;
        }

        @Override
        protected void updateMessageID() throws MessagingException {
            setHeader("Message-ID", messageId);
        }
    }
}
