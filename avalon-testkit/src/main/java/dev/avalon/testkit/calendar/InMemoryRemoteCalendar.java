package dev.avalon.testkit.calendar;

import dev.avalon.core.port.RemoteCalendar;
import dev.avalon.core.port.RemoteCalendarException;
import dev.avalon.core.port.RemoteCalendarException.Kind;
import dev.avalon.core.port.RemoteChanges;
import dev.avalon.core.port.RemoteEvent;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
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
 * <p>Recurring events behave as in Google Calendar listed without {@code singleEvents}: a series is one
 * event; an instance is addressed by its {@link RemoteEvent#instanceId} (the series' rule is expanded by
 * {@link RecurringSeries}), and writing one stores an exception of the series next to it, listed on its
 * own, cancelled ones included even in a full listing while their series lives. An unchanged instance
 * carries its series' ETag; {@link #instances} shows a series as the remote's app does.
 * {@link #failNextWrites} makes writes fail, to exercise what a caller does when the remote is down.
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

    /** One instance of a live series: the series, its expansion, the instance's original start and id. */
    private record InstanceRef(RemoteEvent series, RecurringSeries rule, LocalDateTime originalStart, String id) {
    }

    private final Clock clock;
    private final Map<String, Stored> events = new LinkedHashMap<>();
    private long version;
    private long tokenGeneration;
    private Kind failingKind = Kind.UNAVAILABLE;
    private int failingWrites;

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
            RemoteEvent e = stored.event();
            // as Google lists without singleEvents: cancelled instances of a live series stay in the listing
            if (!e.cancelled() || (e.isInstance() && liveSeries(e.recurringEventId()).isPresent())) {
                all.add(e);
            }
        }
        return new RemoteChanges(all, token(), true);
    }

    @Override
    public synchronized Optional<RemoteEvent> get(String remoteId) {
        Objects.requireNonNull(remoteId, "remoteId");
        Stored stored = events.get(remoteId);
        if (stored != null) {
            return Optional.of(stored.event());
        }
        return instanceRef(remoteId).map(this::current);
    }

    @Override
    public synchronized RemoteEvent insert(RemoteEvent event) {
        Objects.requireNonNull(event, "event");
        injectedFailure();
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
        injectedFailure();
        Optional<InstanceRef> instance = instanceRef(event.remoteId());
        if (instance.isPresent()) {
            // an instance whose ETag was never seen is written under the one it has now
            if (etag != null) {
                checkEtag(current(instance.get()), etag);
            }
            return storeInstance(instance.get(), event);
        }
        Stored existing = live(event.remoteId());
        checkEtag(existing.event(), etag);
        return store(withUid(event, existing.event().iCalUid()));
    }

    @Override
    public synchronized void delete(String remoteId, String etag) {
        Objects.requireNonNull(remoteId, "remoteId");
        injectedFailure();
        Optional<InstanceRef> instance = instanceRef(remoteId);
        if (instance.isPresent()) {
            RemoteEvent current = current(instance.get());
            if (!current.cancelled()) {
                checkEtag(current, etag);
                storeInstance(instance.get(), cancelled(current));
            }
            return;
        }
        Stored existing = events.get(remoteId);
        if (existing == null || existing.event().cancelled()) {
            return;
        }
        checkEtag(existing.event(), etag);
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

    /**
     * The user changes one occurrence of a series in any way {@code edit} says (given the occurrence as it
     * stands), which stores it as an exception of the series.
     *
     * @param originalStart the start the series' rule gives the occurrence
     */
    public synchronized RemoteEvent userEditInstance(String seriesId, Instant originalStart,
                                                     UnaryOperator<RemoteEvent> edit) {
        InstanceRef ref = instanceAt(seriesId, originalStart);
        return storeInstance(ref, edit.apply(current(ref)));
    }

    /** The user moves one occurrence of a timed series. */
    public synchronized RemoteEvent userMoveInstance(String seriesId, Instant originalStart, Instant start,
                                                     Instant end) {
        return userEditInstance(seriesId, originalStart, e -> new RemoteEvent(e.remoteId(), e.etag(), e.iCalUid(),
                e.title(), e.description(), e.location(), start, end, e.zone(), null, null, List.of(),
                e.recurringEventId(), e.originalStart(), false, e.attendees(), e.colorId(), e.privateProperties(),
                e.updated()));
    }

    /** The user deletes one occurrence of a series; it stays as a cancelled instance. */
    public synchronized void userCancelInstance(String seriesId, Instant originalStart) {
        InstanceRef ref = instanceAt(seriesId, originalStart);
        storeInstance(ref, cancelled(current(ref)));
    }

    /** The user deletes an event. */
    public synchronized void userDelete(String remoteId) {
        Stored existing = live(remoteId);
        store(cancelled(existing.event()));
    }

    /**
     * Makes the next {@code writes} writes (insert, update or delete, an instance's included) fail with
     * {@code kind} and change nothing, as a remote that is down or refuses would; reads are not affected.
     */
    public synchronized void failNextWrites(Kind kind, int writes) {
        Objects.requireNonNull(kind, "kind");
        if (writes < 0) {
            throw new IllegalArgumentException("writes must be at least 0");
        }
        failingKind = kind;
        failingWrites = writes;
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

    /**
     * The occurrences of series {@code seriesId} as the remote's app shows them, in order of their original
     * start: changed ones as changed, cancelled ones left out; empty for a series that is not live.
     */
    public synchronized List<RemoteEvent> instances(String seriesId) {
        Objects.requireNonNull(seriesId, "seriesId");
        List<RemoteEvent> out = new ArrayList<>();
        liveSeries(seriesId).ifPresent(rule -> {
            RemoteEvent series = events.get(seriesId).event();
            for (LocalDateTime original : rule.originalStarts()) {
                RemoteEvent e = current(new InstanceRef(series, rule, original, rule.instanceId(original)));
                if (!e.cancelled()) {
                    out.add(e);
                }
            }
        });
        return out;
    }

    // ---------------------------------------------------------------- internals

    private void injectedFailure() {
        if (failingWrites > 0) {
            failingWrites--;
            throw new RemoteCalendarException(failingKind, "injected " + failingKind + " (" + failingWrites
                    + " more to come)");
        }
    }

    private Stored live(String remoteId) {
        Stored existing = events.get(remoteId);
        if (existing == null || existing.event().cancelled()) {
            throw new RemoteCalendarException(Kind.NOT_FOUND, "no event " + remoteId);
        }
        return existing;
    }

    private void checkEtag(RemoteEvent existing, String etag) {
        if (!Objects.equals(existing.etag(), etag)) {
            throw RemoteCalendarException.conflict("event " + existing.remoteId()
                    + " changed remotely (ETag " + etag + " is stale)", existing);
        }
    }

    /** The expansion of {@code seriesId} if it is a live recurring event whose rule can be expanded. */
    private Optional<RecurringSeries> liveSeries(String seriesId) {
        Stored stored = events.get(seriesId);
        if (stored == null || stored.event().cancelled() || stored.event().isInstance()) {
            return Optional.empty();
        }
        RemoteEvent e = stored.event();
        if (e.start() != null) {
            ZoneId zone = e.zone() == null ? ZoneOffset.UTC : ZoneId.of(e.zone());
            return RecurringSeries.of(seriesId, e.recurrence(), LocalDateTime.ofInstant(e.start(), zone),
                    LocalDateTime.ofInstant(e.end(), zone), zone, false);
        }
        return RecurringSeries.of(seriesId, e.recurrence(), e.startDate().atStartOfDay(),
                e.endDate().atStartOfDay(), ZoneOffset.UTC, true);
    }

    /** The instance {@code id} names, if it names one of a live series. */
    private Optional<InstanceRef> instanceRef(String id) {
        return RecurringSeries.seriesIdOf(id).flatMap(seriesId -> liveSeries(seriesId).flatMap(rule ->
                rule.originalStartOf(id).map(original ->
                        new InstanceRef(events.get(seriesId).event(), rule, original, id))));
    }

    private InstanceRef instanceAt(String seriesId, Instant originalStart) {
        RecurringSeries rule = liveSeries(Objects.requireNonNull(seriesId, "seriesId")).orElseThrow(
                () -> new IllegalArgumentException("no live series " + seriesId));
        LocalDateTime original = rule.local(Objects.requireNonNull(originalStart, "originalStart"));
        if (!rule.has(original)) {
            throw new IllegalArgumentException("series " + seriesId + " has no instance at " + originalStart);
        }
        return new InstanceRef(events.get(seriesId).event(), rule, original, rule.instanceId(original));
    }

    /** The instance as it stands: its stored exception, or as the series' rule makes it (with the series' ETag). */
    private RemoteEvent current(InstanceRef ref) {
        Stored exception = events.get(ref.id());
        if (exception != null) {
            return exception.event();
        }
        RemoteEvent s = ref.series();
        LocalDateTime original = ref.originalStart();
        LocalDateTime end = original.plus(ref.rule().length());
        boolean allDay = ref.rule().allDay();
        return new RemoteEvent(ref.id(), s.etag(), s.iCalUid(), s.title(), s.description(), s.location(),
                allDay ? null : ref.rule().instant(original), allDay ? null : ref.rule().instant(end), s.zone(),
                allDay ? original.toLocalDate() : null, allDay ? end.toLocalDate() : null, List.of(), s.remoteId(),
                ref.rule().instant(original), false, s.attendees(), s.colorId(), s.privateProperties(), s.updated());
    }

    /** Stores {@code given} as the exception of {@code ref}'s series at its original start; the series stays. */
    private RemoteEvent storeInstance(InstanceRef ref, RemoteEvent given) {
        // a cancellation may come without times; the instance keeps the ones it has
        RemoteEvent times = given.start() != null || given.startDate() != null ? given : current(ref);
        return store(new RemoteEvent(ref.id(), null, ref.series().iCalUid(), given.title(), given.description(),
                given.location(), times.start(), times.end(), times.zone(), times.startDate(), times.endDate(),
                List.of(), ref.series().remoteId(), ref.rule().instant(ref.originalStart()), given.cancelled(),
                given.attendees(), given.colorId(), given.privateProperties(), null));
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
