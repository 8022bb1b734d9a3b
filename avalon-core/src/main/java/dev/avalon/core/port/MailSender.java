package dev.avalon.core.port;

/**
 * Sends invitation mail (iMIP, RFC 6047): a readable text part and the {@code text/calendar} part.
 *
 * <p>Contract (checked by {@code MailSenderContract} in avalon-testkit): a message is delivered
 * whole or not at all; a failure throws {@link MailDeliveryException} saying whether a retry may help.
 */
public interface MailSender {

    /** Delivers {@code mail}; returns the Message-ID it was sent with. */
    String send(InviteMail mail);
}
