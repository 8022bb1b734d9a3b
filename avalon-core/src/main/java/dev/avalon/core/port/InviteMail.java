package dev.avalon.core.port;

import java.util.List;
import java.util.Objects;

/**
 * One invitation e-mail.
 *
 * @param from    sender address (the organizer)
 * @param to      recipient addresses
 * @param subject subject line
 * @param text    the readable text part
 * @param invite  the calendar part, sent inline ({@code text/calendar; method=…}) and as {@code invite.ics}
 */
public record InviteMail(String from, List<String> to, String subject, String text, Invite invite) {
    public InviteMail {
        Objects.requireNonNull(from, "from");
        to = List.copyOf(to);
        if (to.isEmpty()) {
            throw new IllegalArgumentException("an invitation needs at least one recipient");
        }
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(invite, "invite");
    }
}
