package dev.avalon.core.port;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An event as the remote calendar holds it. Timed events have {@code start}/{@code end} and a
 * {@code zone}; all-day events have {@code startDate}/{@code endDate} (end exclusive) instead.
 *
 * @param remoteId          the remote's id (Avalon chooses it on insert: lower-case base32hex, 5–1024 chars)
 * @param etag              the version the remote last reported, {@code null} before insert
 * @param iCalUid           the iCalendar UID, stable for the event's life
 * @param title             summary
 * @param description       may be empty
 * @param location          may be empty
 * @param start             timed start, or {@code null} for all-day
 * @param end               timed end (exclusive), or {@code null} for all-day
 * @param zone              IANA zone of a timed event, or {@code null}
 * @param startDate         all-day first day, or {@code null}
 * @param endDate           all-day day after the last, or {@code null}
 * @param recurrence        RRULE/EXDATE lines of a recurring master, empty otherwise
 * @param recurringEventId  the master's remote id when this is one instance of a series, else {@code null}
 * @param originalStart     the instance's original start when this is an instance, else {@code null}; for an
 *                          all-day series the original day's midnight in UTC
 * @param cancelled         true for a deleted event or a cancelled instance
 * @param attendees         e-mail addresses
 * @param colorId           the remote's colour id, or {@code null}
 * @param privateProperties key/value pairs only Avalon reads (its own id, the domain)
 * @param updated           when the remote last changed it, or {@code null}
 */
public record RemoteEvent(String remoteId, String etag, String iCalUid, String title, String description,
                          String location, Instant start, Instant end, String zone, LocalDate startDate,
                          LocalDate endDate, List<String> recurrence, String recurringEventId, Instant originalStart,
                          boolean cancelled, List<String> attendees, String colorId,
                          Map<String, String> privateProperties, Instant updated) {

    private static final DateTimeFormatter INSTANCE_TIME =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter INSTANCE_DAY = DateTimeFormatter.ofPattern("yyyyMMdd").withZone(ZoneOffset.UTC);

    public RemoteEvent {
        Objects.requireNonNull(remoteId, "remoteId");
        title = title == null ? "" : title;
        description = description == null ? "" : description;
        location = location == null ? "" : location;
        recurrence = recurrence == null ? List.of() : List.copyOf(recurrence);
        attendees = attendees == null ? List.of() : List.copyOf(attendees);
        privateProperties = privateProperties == null ? Map.of() : Map.copyOf(privateProperties);
        if (!cancelled && (start == null) == (startDate == null)) {
            throw new IllegalArgumentException("an event is either timed (start/end) or all-day (startDate/endDate)");
        }
    }

    /** The same event with another ETag (as the remote reports after a write). */
    public RemoteEvent withEtag(String value) {
        return new RemoteEvent(remoteId, value, iCalUid, title, description, location, start, end, zone, startDate,
                endDate, recurrence, recurringEventId, originalStart, cancelled, attendees, colorId,
                privateProperties, updated);
    }

    /**
     * The id of one instance of a series as the port names it (every implementation of the port does): the
     * series' id, an underscore and the original start in UTC in basic format, {@code abc123_20261126T130000Z};
     * for an all-day series the original day, {@code abc123_20261126}. Google is seen to name instances so but
     * does not document it; an adapter whose remote names them otherwise maps between the two.
     *
     * @param seriesId      the series' remote id
     * @param originalStart the start the series' rule gives the instance (for all-day: the day's UTC midnight)
     * @param allDay        whether the series is all-day
     */
    public static String instanceId(String seriesId, Instant originalStart, boolean allDay) {
        Objects.requireNonNull(seriesId, "seriesId");
        Objects.requireNonNull(originalStart, "originalStart");
        return seriesId + "_" + (allDay ? INSTANCE_DAY : INSTANCE_TIME).format(originalStart);
    }

    /** Whether this is one instance of a recurring series. */
    public boolean isInstance() {
        return recurringEventId != null;
    }
}
