package dev.avalon.core.port;

/**
 * Renders iTIP invitations (RFC 5546) as iCalendar text and parses iCalendar back.
 *
 * <p>Contract (checked by {@code InviteRendererContract} in avalon-testkit): the same request renders
 * the same bytes; {@code parse(render(r))} gives back the request's method, UID, SEQUENCE, summary,
 * times, attendees and recurrence id; text can never inject a property; an invalid request throws
 * {@link IllegalArgumentException} naming the field.
 */
public interface InviteRenderer {

    /** The invitation as a VCALENDAR (UTF-8, CRLF lines), validated before it is returned. */
    Invite render(InviteRequest request);

    /** Parses one VCALENDAR with one VEVENT back into the fields of a request. */
    InviteRequest parse(byte[] icalendar);
}
