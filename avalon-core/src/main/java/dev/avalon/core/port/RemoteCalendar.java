package dev.avalon.core.port;

import java.util.Optional;

/**
 * A calendar outside Avalon that the user also edits (Google Calendar). Avalon keeps its own events
 * in the brain and mirrors them here; {@link #changes} tells what the user changed remotely.
 *
 * <p>Contract (checked by {@code RemoteCalendarContract} in avalon-testkit):
 * <ul>
 *   <li>{@link #insert} with an id the remote already holds returns the existing event instead of a
 *       duplicate, so a retried create is safe.</li>
 *   <li>{@link #update} and {@link #delete} take the ETag last seen; a stale one throws
 *       {@link RemoteCalendarException} of kind {@code CONFLICT} and changes nothing.</li>
 *   <li>{@link #get} answers the event as it stands now, with the ETag a following write must carry.</li>
 *   <li>{@link #changes} without a token is a full listing (every page); with a token, only what
 *       changed since, deletions included as cancelled events. An expired token makes the
 *       implementation fall back to a full listing and say so with {@code fullSync = true}.</li>
 *   <li>One instance of a series is written with {@link #update} under its {@link RemoteEvent#instanceId}
 *       whether or not the remote stored it before: it becomes an exception of the series (moved,
 *       retitled, or cancelled when {@code cancelled}), the series and its other instances stay as they
 *       are, and the exception shows in the next incremental listing with its series and original start.
 *       An id that names no instance of a live series is {@code NOT_FOUND}.</li>
 * </ul>
 */
public interface RemoteCalendar {

    /** Every event (token empty) or the changes since {@code syncToken}, with the token for next time. */
    RemoteChanges changes(Optional<String> syncToken);

    /**
     * The event {@code remoteId} names as the remote holds it now, with its current ETag; for the
     * {@link RemoteEvent#instanceId} of a live series, that instance as it stands (changed or as the rule
     * makes it). Empty when the remote holds no such event; a deleted event is empty or comes back
     * {@code cancelled}. How a caller catches up with an event whose ETag it no longer knows.
     */
    Optional<RemoteEvent> get(String remoteId);

    /** Creates {@code event} under its client-chosen {@code remoteId}; returns it as stored (with ETag). */
    RemoteEvent insert(RemoteEvent event);

    /**
     * Replaces the event with {@code event.remoteId()} if its ETag is still {@code etag}. For an instance
     * of a series ({@link RemoteEvent#isInstance()}), {@code etag} may be {@code null} when its ETag was
     * never seen: the instance is then written under the ETag it has now, so the write stays conditional.
     */
    RemoteEvent update(RemoteEvent event, String etag);

    /** Deletes the event if its ETag is still {@code etag}; deleting a deleted event is not an error. */
    void delete(String remoteId, String etag);
}
