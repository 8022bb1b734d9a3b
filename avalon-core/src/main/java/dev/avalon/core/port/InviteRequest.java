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
 * @param exdates      for a REQUEST of a whole series: the original starts of its cancelled instances (EXDATE)
 * @param instances    for a REQUEST of a whole series: its changed instances, each written as a VEVENT of
 *                     its own with RECURRENCE-ID, as RFC 5546 §3.2.2 expects of an organizer, so a client
 *                     that replaces the series with this REQUEST keeps what was cancelled and changed
 */
public record InviteRequest(InviteMethod method, String uid, int sequence, Instant stamp, String organizer,
                            List<String> attendees, String summary, String description, String location,
                            ZonedDateTime start, ZonedDateTime end, String rrule, ZonedDateTime recurrenceId,
                            boolean uninvite, List<ZonedDateTime> exdates, List<Instance> instances) {

    /** One invitation without exceptions of a series. */
    public InviteRequest(InviteMethod method, String uid, int sequence, Instant stamp, String organizer,
                         List<String> attendees, String summary, String description, String location,
                         ZonedDateTime start, ZonedDateTime end, String rrule, ZonedDateTime recurrenceId,
                         boolean uninvite) {
        this(method, uid, sequence, stamp, organizer, attendees, summary, description, location, start, end, rrule,
                recurrenceId, uninvite, List.of(), List.of());
    }

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
        exdates = List.copyOf(exdates);
        instances = List.copyOf(instances);
        if ((!exdates.isEmpty() || !instances.isEmpty()) && (rrule == null || recurrenceId != null)) {
            throw new IllegalArgumentException("exceptions belong to an invitation of a whole series");
        }
    }

    /**
     * A changed instance of a series.
     *
     * @param recurrenceId the start the rule gives it (RECURRENCE-ID)
     * @param start        its own start
     * @param end          its own end
     * @param summary      its title
     * @param description  may be empty
     * @param location     may be empty
     */
    public record Instance(ZonedDateTime recurrenceId, ZonedDateTime start, ZonedDateTime end, String summary,
                           String description, String location) {
        public Instance {
            Objects.requireNonNull(recurrenceId, "recurrenceId");
            Objects.requireNonNull(start, "start");
            Objects.requireNonNull(end, "end");
            Objects.requireNonNull(summary, "summary");
            description = description == null ? "" : description;
            location = location == null ? "" : location;
        }
    }

    /** The iTIP method. */
    public enum InviteMethod { REQUEST, CANCEL }
}
