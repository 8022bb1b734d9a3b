package dev.avalon.testkit.calendar;

import dev.avalon.core.port.RemoteCalendar;
import dev.avalon.core.port.RemoteCalendarException;
import dev.avalon.core.port.RemoteChanges;
import dev.avalon.core.port.RemoteEvent;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A small remote calendar double: a map, a change log per version, and helpers that act as the user. */
final class InMemoryRemote implements RemoteCalendar {

    final Map<String, RemoteEvent> events = new LinkedHashMap<>();
    private final Map<String, Integer> changedAt = new LinkedHashMap<>();
    private int version;
    boolean tokensExpired;

    @Override
    public RemoteChanges changes(Optional<String> syncToken) {
        if (syncToken.isEmpty() || tokensExpired) {
            tokensExpired = false;
            List<RemoteEvent> live = events.values().stream().filter(e -> !e.cancelled()).toList();
            return new RemoteChanges(live, "t" + version, true);
        }
        int since = Integer.parseInt(syncToken.get().substring(1));
        List<RemoteEvent> changed = new ArrayList<>();
        changedAt.forEach((id, v) -> {
            if (v > since) {
                changed.add(events.get(id));
            }
        });
        return new RemoteChanges(changed, "t" + version, false);
    }

    @Override
    public RemoteEvent insert(RemoteEvent event) {
        RemoteEvent existing = events.get(event.remoteId());
        if (existing != null) {
            return existing;
        }
        return store(event);
    }

    @Override
    public RemoteEvent update(RemoteEvent event, String etag) {
        RemoteEvent current = events.get(event.remoteId());
        if (current == null) {
            throw new RemoteCalendarException(RemoteCalendarException.Kind.NOT_FOUND, event.remoteId());
        }
        if (!current.etag().equals(etag)) {
            throw new RemoteCalendarException(RemoteCalendarException.Kind.CONFLICT, "stale etag " + etag);
        }
        return store(event);
    }

    @Override
    public void delete(String remoteId, String etag) {
        RemoteEvent current = events.get(remoteId);
        if (current == null || current.cancelled()) {
            return;
        }
        if (!current.etag().equals(etag)) {
            throw new RemoteCalendarException(RemoteCalendarException.Kind.CONFLICT, "stale etag " + etag);
        }
        store(cancelled(current));
    }

    private RemoteEvent store(RemoteEvent event) {
        version++;
        RemoteEvent stored = event.withEtag("e" + version);
        events.put(stored.remoteId(), stored);
        changedAt.remove(stored.remoteId());
        changedAt.put(stored.remoteId(), version);
        return stored;
    }

    private static RemoteEvent cancelled(RemoteEvent e) {
        return new RemoteEvent(e.remoteId(), e.etag(), e.iCalUid(), e.title(), e.description(), e.location(),
                e.start(), e.end(), e.zone(), e.startDate(), e.endDate(), e.recurrence(), e.recurringEventId(),
                e.originalStart(), true, e.attendees(), e.colorId(), e.privateProperties(), e.updated());
    }

    /** The user drags an event to another time. */
    void userMoves(String remoteId, Instant start, Instant end) {
        RemoteEvent e = events.get(remoteId);
        store(new RemoteEvent(e.remoteId(), e.etag(), e.iCalUid(), e.title(), e.description(), e.location(), start,
                end, e.zone(), null, null, e.recurrence(), null, null, false, e.attendees(), e.colorId(),
                e.privateProperties(), start));
    }

    void userDeletes(String remoteId) {
        store(cancelled(events.get(remoteId)));
    }

    /** Gone without a trace, as after a token expiry on the real service. */
    void purge(String remoteId) {
        events.remove(remoteId);
        changedAt.remove(remoteId);
    }

    void userAdds(String remoteId, String title, Instant start, Instant end) {
        store(new RemoteEvent(remoteId, null, remoteId + "@google", title, "", "", start, end, "Europe/Amsterdam",
                null, null, List.of(), null, null, false, List.of(), null, Map.of(), start));
    }

    void userCancelsInstance(String masterId, Instant originalStart, Instant end) {
        store(new RemoteEvent(masterId + "_" + originalStart.getEpochSecond(), null, null, "", "", "", originalStart,
                end, "Europe/Amsterdam", null, null, List.of(), masterId, originalStart, true, List.of(), null,
                Map.of(), originalStart));
    }
}
