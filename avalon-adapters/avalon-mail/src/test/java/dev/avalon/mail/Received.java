package dev.avalon.mail;

import dev.avalon.testkit.contract.MailSenderContract.DeliveredInvite;
import jakarta.mail.Address;
import jakarta.mail.BodyPart;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads arrived messages back into what the contract compares. */
final class Received {

    private Received() {
    }

    /** One entry per Message-ID, in arrival order (a server keeps one copy per recipient). */
    static List<DeliveredInvite> distinct(List<MimeMessage> messages) {
        Map<String, DeliveredInvite> byId = new LinkedHashMap<>();
        for (MimeMessage message : messages) {
            DeliveredInvite invite = read(message);
            byId.putIfAbsent(invite.messageId(), invite);
        }
        return List.copyOf(byId.values());
    }

    static DeliveredInvite read(MimeMessage message) {
        try {
            Multipart mixed = (Multipart) message.getContent();
            Multipart alternative = (Multipart) mixed.getBodyPart(0).getContent();
            BodyPart text = alternative.getBodyPart(0);
            BodyPart calendar = alternative.getBodyPart(1);
            return new DeliveredInvite(message.getMessageID(),
                    ((InternetAddress) message.getFrom()[0]).getAddress(),
                    Arrays.stream(message.getRecipients(Message.RecipientType.TO)).map(Received::plain).toList(),
                    message.getSubject(),
                    (String) text.getContent(),
                    new ContentType(calendar.getContentType()).getParameter("method"),
                    bytes(calendar));
        } catch (MessagingException | IOException e) {
            throw new AssertionError("not an invitation message", e);
        }
    }

    static byte[] bytes(BodyPart part) throws MessagingException, IOException {
        try (InputStream in = part.getInputStream()) {
            return in.readAllBytes();
        }
    }

    private static String plain(Address address) {
        return ((InternetAddress) address).getAddress();
    }
}
