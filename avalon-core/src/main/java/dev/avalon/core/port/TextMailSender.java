package dev.avalon.core.port;

import java.util.List;

/**
 * Sends a plain text mail for an automation's EMAIL action (invitations go through {@link MailSender}).
 * Called from the automations' outbox after the unit that queued the mail is durable; a failure
 * throws {@link MailDeliveryException} saying whether a retry may help.
 */
public interface TextMailSender {

    /** Delivers the mail; returns its Message-ID. */
    String send(List<String> to, String subject, String text);
}
