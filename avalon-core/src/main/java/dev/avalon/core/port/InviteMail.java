package dev.avalon.core.port;

import dev.avalon.core.base.Mailbox;

import java.util.List;
import java.util.Objects;

/**
 * One invitation e-mail.
 *
 * @param from    sender address (the organizer)
 * @param to      recipient addresses; an attendee kept with a display name ({@code Jan Jansen <jan@example.org>})
 *                is addressed by its address alone, the name being the invitation's to carry (CN)
 * @param subject subject line
 * @param text    the readable text part
 * @param invite  the calendar part, sent inline ({@code text/calendar; method=…}) and as {@code invite.ics}
 */
public record InviteMail(String from, List<String> to, String subject, String text, Invite invite) {
    public InviteMail {
        Objects.requireNonNull(from, "from");
        to = to.stream().map(InviteMail::address).toList();
        if (to.isEmpty()) {
            throw new IllegalArgumentException("an invitation needs at least one recipient");
        }
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(invite, "invite");
    }

    /** The address of {@code recipient}; text that is not a mailbox stays as it is, for the sender to refuse. */
    private static String address(String recipient) {
        return Mailbox.parse(Objects.requireNonNull(recipient, "to")).map(Mailbox::address).orElse(recipient);
    }
}
