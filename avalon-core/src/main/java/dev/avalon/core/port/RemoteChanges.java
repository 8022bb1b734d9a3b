package dev.avalon.core.port;

import java.util.List;
import java.util.Objects;

/**
 * An answer of {@link RemoteCalendar#changes}.
 *
 * @param events        every event (full sync) or every changed one, cancelled ones included
 * @param nextSyncToken the token for the next incremental call
 * @param fullSync      true when {@code events} is the whole calendar (first sync, or the token had expired):
 *                      an event Avalon knows that is absent here was deleted remotely
 */
public record RemoteChanges(List<RemoteEvent> events, String nextSyncToken, boolean fullSync) {
    public RemoteChanges {
        events = List.copyOf(events);
        Objects.requireNonNull(nextSyncToken, "nextSyncToken");
    }
}
