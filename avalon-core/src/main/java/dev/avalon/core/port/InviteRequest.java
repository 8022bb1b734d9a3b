package dev.avalon.core.port;

import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Objects;

/**
 * What an invitation says.
 *
 * @param method       REQUEST (create, update) or CANCEL
 * @param uid          stable per event
 * @param sequence     raised on every significant change
 * @param stamp        DTSTAMP: when this version was made
 * @param organizer    the organizer's e-mail address
 * @param attendees    e-mail addresses (PARTSTAT=NEEDS-ACTION, RSVP=TRUE), each alone or with a display name
 *                     as {@code Jan Jansen <jan@example.org>} (written as CN)
 * @param summary      the title
 * @param description  may be empty
 * @param location     may be empty
 * @param start        start with its zone (a VTIMEZONE is written for it)
 * @param end          end with its zone
 * @param rrule        the RRULE value of a recurring event (e.g. {@code FREQ=WEEKLY;BYDAY=MO;COUNT=4}), or {@code null}
 * @param recurrenceId the original start of the one instance this invite changes or cancels, or {@code null}
 * @param uninvite     a CANCEL that removes only {@code attendees} from an event that goes on for the
 *                     others: RFC 5546 §3.2.5 says such a CANCEL carries no STATUS, where a CANCEL of the
 *                     event itself carries STATUS:CANCELLED
 */
public record InviteRequest(InviteMethod method, String uid, int sequence, Instant stamp, String organizer,
                            List<String> attendees, String summary, String description, String location,
                            ZonedDateTime start, ZonedDateTime end, String rrule, ZonedDateTime recurrenceId,
                            boolean uninvite) {

    /** An invitation to, or a cancellation of, the event (or instance) for all of {@code attendees}. */
    public InviteRequest(InviteMethod method, String uid, int sequence, Instant stamp, String organizer,
                         List<String> attendees, String summary, String description, String location,
                         ZonedDateTime start, ZonedDateTime end, String rrule, ZonedDateTime recurrenceId) {
        this(method, uid, sequence, stamp, organizer, attendees, summary, description, location, start, end, rrule,
                recurrenceId, false);
    }

    public InviteRequest {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(uid, "uid");
        if (sequence < 0) {
            throw new IllegalArgumentException("sequence must be >= 0");
        }
        Objects.requireNonNull(stamp, "stamp");
        Objects.requireNonNull(organizer, "organizer");
        attendees = List.copyOf(attendees);
        Objects.requireNonNull(summary, "summary");
        description = description == null ? "" : description;
        location = location == null ? "" : location;
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
        if (uninvite && method != InviteMethod.CANCEL) {
            throw new IllegalArgumentException("only a CANCEL can uninvite attendees");
        }
    }

    /** The iTIP method. */
    public enum InviteMethod { REQUEST, CANCEL }
}
