package dev.avalon.core.port;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * A rendered invitation.
 *
 * @param request    what it says
 * @param icalendar  the VCALENDAR text, UTF-8
 */
public record Invite(InviteRequest request, byte[] icalendar) {
    public Invite {
        Objects.requireNonNull(request, "request");
        icalendar = Objects.requireNonNull(icalendar, "icalendar").clone();
    }

    @Override
    public byte[] icalendar() {
        return icalendar.clone();
    }

    /** The text, for logs and tests. */
    public String text() {
        return new String(icalendar, StandardCharsets.UTF_8);
    }
}
