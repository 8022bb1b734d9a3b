package dev.avalon.testkit.calendar;

import dev.avalon.core.port.RemoteCalendar;
import dev.avalon.core.port.RemoteCalendarException;
import dev.avalon.core.port.RemoteCalendarException.Kind;
import dev.avalon.core.port.RemoteChanges;
import dev.avalon.core.port.RemoteEvent;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

/**
 * A {@link RemoteCalendar} held in memory that keeps the port's contract: client-chosen ids, ETags,
 * sync tokens that list changes and deletions, and tokens that can be expired to force a full
 * listing. The {@code user…} methods change the calendar as the user would in the remote's own app.
 *
 * <pre>{@code
 * InMemoryRemoteCalendar remote = new InMemoryRemoteCalendar(clock);
 * RemoteChanges first = remote.changes(Optional.empty());
 * remote.userMove("evt00001", start.plusSeconds(3600), end.plusSeconds(3600));
 * RemoteChanges moved = remote.changes(Optional.of(first.nextSyncToken()));
 * }</pre>
 *
 * Thread-safe; every method is synchronised.
 */
public final class InMemoryRemoteCalendar implements RemoteCalendar {

    private static final Pattern ID = Pattern.compile("[a-v0-9]{5,1024}");

    private record Stored(RemoteEvent event, long version) {
    }

    private final Clock clock;
    private final Map<String, Stored> events = new LinkedHashMap<>();
    private long version;
    private long tokenGeneration;

    /** An empty calendar that stamps {@code updated} from {@code clock}. */
    public InMemoryRemoteCalendar(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public synchronized RemoteChanges changes(Optional<String> syncToken) {
        Objects.requireNonNull(syncToken, "syncToken");
        if (syncToken.isPresent()) {
            Optional<Long> since = parseToken(syncToken.get());
            if (since.isPresent()) {
                List<RemoteEvent> changed = new ArrayList<>();
                for (Stored stored : events.values()) {
                    if (stored.version() > since.get()) {
                        changed.add(stored.event());
                    }
                }
                return new RemoteChanges(changed, token(), false);
            }
        }
        List<RemoteEvent> all = new ArrayList<>();
        for (Stored stored : events.values()) {
            if (!stored.event().cancelled()) {
                all.add(stored.event());
            }
        }
        return new RemoteChanges(all, token(), true);
    }

    @Override
    public synchronized RemoteEvent insert(RemoteEvent event) {
        Objects.requireNonNull(event, "event");
        if (!ID.matcher(event.remoteId()).matches()) {
            throw new RemoteCalendarException(Kind.BAD_REQUEST,
                    "remote id must be lower-case base32hex of 5 to 1024 characters: " + event.remoteId());
        }
        Stored existing = events.get(event.remoteId());
        if (existing != null) {
            return existing.event();
        }
        String uid = event.iCalUid() == null ? event.remoteId() + "@avalon.test" : event.iCalUid();
        return store(withUid(event, uid));
    }

    @Override
    public synchronized RemoteEvent update(RemoteEvent event, String etag) {
        Objects.requireNonNull(event, "event");
        Stored existing = live(event.remoteId());
        checkEtag(existing, etag);
        return store(withUid(event, existing.event().iCalUid()));
    }

    @Override
    public synchronized void delete(String remoteId, String etag) {
        Objects.requireNonNull(remoteId, "remoteId");
        Stored existing = events.get(remoteId);
        if (existing == null || existing.event().cancelled()) {
            return;
        }
        checkEtag(existing, etag);
        store(cancelled(existing.event()));
    }

    // ---------------------------------------------------------------- acting as the user

    /** The user adds an event in the remote's own app (any id, even one Avalon would not choose). */
    public synchronized RemoteEvent userAdd(RemoteEvent event) {
        Objects.requireNonNull(event, "event");
        if (events.containsKey(event.remoteId())) {
            throw new IllegalArgumentException("event exists: " + event.remoteId());
        }
        return store(withUid(event, event.iCalUid() == null ? event.remoteId() + "@avalon.test" : event.iCalUid()));
    }

    /** The user moves a timed event. */
    public synchronized RemoteEvent userMove(String remoteId, Instant start, Instant end) {
        return userEdit(remoteId, e -> new RemoteEvent(e.remoteId(), e.etag(), e.iCalUid(), e.title(),
                e.description(), e.location(), start, end, e.zone(), null, null, e.recurrence(),
                e.recurringEventId(), e.originalStart(), false, e.attendees(), e.colorId(),
                e.privateProperties(), e.updated()));
    }

    /** The user edits an event in any way {@code edit} says. */
    public synchronized RemoteEvent userEdit(String remoteId, UnaryOperator<RemoteEvent> edit) {
        Stored existing = live(remoteId);
        return store(withUid(edit.apply(existing.event()), existing.event().iCalUid()));
    }

    /** The user deletes an event. */
    public synchronized void userDelete(String remoteId) {
        Stored existing = live(remoteId);
        store(cancelled(existing.event()));
    }

    /** Makes every sync token issued so far expire, as the remote does after a while. */
    public synchronized void expireSyncTokens() {
        tokenGeneration++;
    }

    /** The event as stored now (cancelled ones included), if it ever existed. */
    public synchronized Optional<RemoteEvent> event(String remoteId) {
        return Optional.ofNullable(events.get(remoteId)).map(Stored::event);
    }

    /** Every event not deleted, in insertion order. */
    public synchronized List<RemoteEvent> liveEvents() {
        return events.values().stream().map(Stored::event).filter(e -> !e.cancelled()).toList();
    }

    // ---------------------------------------------------------------- internals

    private Stored live(String remoteId) {
        Stored existing = events.get(remoteId);
        if (existing == null || existing.event().cancelled()) {
            throw new RemoteCalendarException(Kind.NOT_FOUND, "no event " + remoteId);
        }
        return existing;
    }

    private void checkEtag(Stored existing, String etag) {
        if (!Objects.equals(existing.event().etag(), etag)) {
            throw RemoteCalendarException.conflict("event " + existing.event().remoteId()
                    + " changed remotely (ETag " + etag + " is stale)", existing.event());
        }
    }

    private RemoteEvent store(RemoteEvent event) {
        version++;
        RemoteEvent stamped = new RemoteEvent(event.remoteId(), "\"" + version + "\"", event.iCalUid(), event.title(),
                event.description(), event.location(), event.start(), event.end(), event.zone(), event.startDate(),
                event.endDate(), event.recurrence(), event.recurringEventId(), event.originalStart(),
                event.cancelled(), event.attendees(), event.colorId(), event.privateProperties(), clock.instant());
        events.put(stamped.remoteId(), new Stored(stamped, version));
        return stamped;
    }

    private static RemoteEvent withUid(RemoteEvent e, String uid) {
        return new RemoteEvent(e.remoteId(), e.etag(), uid, e.title(), e.description(), e.location(), e.start(),
                e.end(), e.zone(), e.startDate(), e.endDate(), e.recurrence(), e.recurringEventId(),
                e.originalStart(), e.cancelled(), e.attendees(), e.colorId(), e.privateProperties(), e.updated());
    }

    private static RemoteEvent cancelled(RemoteEvent e) {
        return new RemoteEvent(e.remoteId(), e.etag(), e.iCalUid(), e.title(), e.description(), e.location(),
                e.start(), e.end(), e.zone(), e.startDate(), e.endDate(), e.recurrence(), e.recurringEventId(),
                e.originalStart(), true, e.attendees(), e.colorId(), e.privateProperties(), e.updated());
    }

    private String token() {
        return "g" + tokenGeneration + "v" + version;
    }

    private Optional<Long> parseToken(String token) {
        int v = token.indexOf('v');
        if (!token.startsWith("g") || v < 0) {
            return Optional.empty();
        }
        try {
            long generation = Long.parseLong(token.substring(1, v));
            long since = Long.parseLong(token.substring(v + 1));
            return generation == tokenGeneration ? Optional.of(since) : Optional.empty();
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
