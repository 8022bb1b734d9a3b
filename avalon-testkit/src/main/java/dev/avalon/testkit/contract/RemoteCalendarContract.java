package dev.avalon.testkit.contract;

import dev.avalon.core.port.RemoteCalendar;
import dev.avalon.core.port.RemoteCalendarException;
import dev.avalon.core.port.RemoteChanges;
import dev.avalon.core.port.RemoteEvent;
import dev.avalon.testkit.MutableClock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The behaviour every {@link RemoteCalendar} must have. An implementation's test extends this class,
 * opens an empty calendar and says how the user changes it remotely:
 *
 * <pre>{@code
 * class InMemoryRemoteCalendarTest extends RemoteCalendarContract {
 *     InMemoryRemoteCalendar remote;
 *
 *     protected RemoteCalendar newCalendar(Clock clock) {
 *         remote = new InMemoryRemoteCalendar(clock);
 *         return remote;
 *     }
 *
 *     protected RemoteUser user() {
 *         return new RemoteUser() { ... remote.userEdit(..), remote.userDelete(..), remote.expireSyncTokens() };
 *     }
 * }
 * }</pre>
 *
 * Rules the port leaves open are fixed here so every implementation agrees: an id that is not
 * lower-case base32hex of 5 to 1024 characters is refused with {@code BAD_REQUEST}; a stale ETag is a
 * {@code CONFLICT} that carries the event as re-read; updating a deleted event is {@code NOT_FOUND};
 * the first listing reports {@code fullSync = true}. One instance of a series is written under its
 * {@link RemoteEvent#instanceId} as an exception of the series, listed on its own (as Google lists
 * without {@code singleEvents}); an instance id that names no occurrence of a live series is
 * {@code NOT_FOUND}. {@code get} of a deleted event may be empty or answer it cancelled (Google keeps deleted
 * events a while).
 *
 * <p>The tests are grouped by theme in {@code @Nested} classes ({@code Insert}, {@code UpdateAndDelete},
 * {@code Get}, {@code Sync} and {@code Instances}); JUnit runs them for every subclass, as part of its own
 * test class, with the subclass's set-up.
 */
public abstract class RemoteCalendarContract {

    /** How the user changes the remote calendar behind Avalon's back. */
    public interface RemoteUser {
        /** Gives the event a new title, as the user would in the remote's own app. */
        void retitle(String remoteId, String title);

        /** Deletes the event remotely. */
        void delete(String remoteId);

        /** Expires every sync token issued so far (the remote then answers HTTP 410 or equivalent). */
        void expireSyncTokens();
    }

    private static final Instant NINE = Instant.parse("2026-11-23T08:00:00Z");

    /** The clock the calendar under test was opened with. */
    protected MutableClock clock;

    /** The calendar under test. */
    protected RemoteCalendar calendar;

    /** An empty calendar whose remote times come from {@code clock}. */
    protected abstract RemoteCalendar newCalendar(Clock clock);

    /** The user of the calendar opened by the last {@link #newCalendar}. */
    protected abstract RemoteUser user();

    @BeforeEach
    void openCalendar() {
        clock = MutableClock.at("2026-11-23T08:00:00+01:00");
        calendar = newCalendar(clock);
    }

    /** A timed event in Amsterdam with everything the port carries. */
    protected static RemoteEvent timed(String id, String title, Instant start) {
        return new RemoteEvent(id, null, null, title, "agenda: budget", "Room 4", start,
                start.plus(Duration.ofHours(1)), "Europe/Amsterdam", null, null, List.of(), null, null, false,
                List.of("anna@example.org", "bert@example.org"), "5",
                Map.of("avalonId", "evt-" + id, "domain", "VSB"), null);
    }

    private static RemoteEvent allDay(String id, LocalDate day) {
        return new RemoteEvent(id, null, null, "Holiday", "", "", null, null, null, day, day.plusDays(1),
                List.of(), null, null, false, List.of(), null, Map.of("avalonId", "evt-" + id), null);
    }

    /** A weekly stand-up in Amsterdam, four times from {@code first}, with everything the port carries. */
    protected static RemoteEvent weekly(String id, Instant first) {
        return new RemoteEvent(id, null, null, "Stand-up", "what is blocking", "Room 4", first,
                first.plus(Duration.ofMinutes(15)), "Europe/Amsterdam", null, null, List.of("RRULE:FREQ=WEEKLY;COUNT=4"),
                null, null, false, List.of("anna@example.org"), "5", Map.of("avalonId", "evt-" + id, "domain", "VSB"),
                null);
    }

    /**
     * The instance of {@code series} whose original start is {@code originalStart}, starting at {@code start}
     * (the series' length) under {@code title}, or cancelled.
     */
    protected static RemoteEvent instance(RemoteEvent series, Instant originalStart, Instant start, String title,
                                          boolean cancelled) {
        return new RemoteEvent(RemoteEvent.instanceId(series.remoteId(), originalStart, false), null, null, title,
                series.description(), series.location(), start, start.plus(Duration.between(series.start(),
                series.end())), series.zone(), null, null, List.of(), series.remoteId(), originalStart, cancelled,
                series.attendees(), series.colorId(), series.privateProperties(), null);
    }

    private static RemoteEvent retitled(RemoteEvent e, String title) {
        return new RemoteEvent(e.remoteId(), e.etag(), e.iCalUid(), title, e.description(), e.location(), e.start(),
                e.end(), e.zone(), e.startDate(), e.endDate(), e.recurrence(), e.recurringEventId(),
                e.originalStart(), e.cancelled(), e.attendees(), e.colorId(), e.privateProperties(), e.updated());
    }

    private static List<String> ids(RemoteChanges changes) {
        return changes.events().stream().map(RemoteEvent::remoteId).toList();
    }

    @Nested
    @DisplayName("insert")
    class Insert {

        @Test
        @DisplayName("an inserted timed event comes back as stored, with an ETag and every field kept")
        void insertKeepsEveryField() {
            RemoteEvent stored = calendar.insert(timed("abc00001", "Board meeting", NINE));

            assertThat(stored.etag()).isNotBlank();
            assertThat(stored.iCalUid()).isNotBlank();
            assertThat(stored.cancelled()).isFalse();
            assertThat(stored).usingRecursiveComparison()
                    .ignoringFields("etag", "iCalUid", "updated")
                    .isEqualTo(timed("abc00001", "Board meeting", NINE));
        }

        @Test
        @DisplayName("an all-day event keeps its dates and has no times")
        void allDayEventsKeepTheirDates() {
            RemoteEvent stored = calendar.insert(allDay("abc00002", LocalDate.parse("2026-12-24")));

            assertThat(stored.startDate()).isEqualTo(LocalDate.parse("2026-12-24"));
            assertThat(stored.endDate()).isEqualTo(LocalDate.parse("2026-12-25"));
            assertThat(stored.start()).isNull();
            assertThat(stored.end()).isNull();
        }

        @Test
        @DisplayName("a recurring master keeps its RRULE and EXDATE lines")
        void recurrenceIsKept() {
            RemoteEvent weekly = timed("abc00003", "Stand-up", NINE);
            List<String> rules = List.of("RRULE:FREQ=WEEKLY;BYDAY=MO;COUNT=10", "EXDATE;TZID=Europe/Amsterdam:20261207T090000");
            weekly = new RemoteEvent(weekly.remoteId(), null, null, weekly.title(), "", "", weekly.start(), weekly.end(),
                    weekly.zone(), null, null, rules, null, null, false, List.of(), null, Map.of(), null);

            assertThat(calendar.insert(weekly).recurrence()).isEqualTo(rules);
            assertThat(calendar.changes(Optional.empty()).events()).singleElement()
                    .satisfies(e -> assertThat(e.recurrence()).isEqualTo(rules));
        }

        @Test
        @DisplayName("inserting an id the remote already holds returns the existing event and makes no duplicate")
        void insertIsIdempotent() {
            RemoteEvent first = calendar.insert(timed("abc00004", "Board meeting", NINE));

            RemoteEvent again = calendar.insert(timed("abc00004", "Board meeting (retried)", NINE));

            assertThat(again.title()).isEqualTo("Board meeting");
            assertThat(again.etag()).isEqualTo(first.etag());
            assertThat(ids(calendar.changes(Optional.empty()))).containsExactly("abc00004");
        }

        @Test
        @DisplayName("an id that is not lower-case base32hex of 5 to 1024 characters is a BAD_REQUEST and stores nothing")
        void badIdsAreRefused() {
            for (String bad : List.of("abc", "ABCDEF", "abcdwxyz", "abc-def-1")) {
                assertThatThrownBy(() -> calendar.insert(timed(bad, "x", NINE)))
                        .isInstanceOfSatisfying(RemoteCalendarException.class,
                                e -> assertThat(e.kind()).isEqualTo(RemoteCalendarException.Kind.BAD_REQUEST));
            }
            assertThat(calendar.changes(Optional.empty()).events()).isEmpty();
        }
    }

    @Nested
    @DisplayName("update and delete")
    class UpdateAndDelete {

        @Test
        @DisplayName("an update with the current ETag replaces the event and gives it a new ETag")
        void updateWithCurrentEtag() {
            RemoteEvent stored = calendar.insert(timed("abc00005", "Board meeting", NINE));

            RemoteEvent moved = timed("abc00005", "Board meeting (moved)", NINE.plus(Duration.ofHours(2)));
            RemoteEvent updated = calendar.update(moved, stored.etag());

            assertThat(updated.etag()).isNotEqualTo(stored.etag());
            assertThat(updated.title()).isEqualTo("Board meeting (moved)");
            assertThat(updated.start()).isEqualTo(NINE.plus(Duration.ofHours(2)));
            assertThat(calendar.changes(Optional.empty()).events()).singleElement()
                    .satisfies(e -> assertThat(e.title()).isEqualTo("Board meeting (moved)"));
        }

        @Test
        @DisplayName("an update with a stale ETag is a CONFLICT carrying the remote's version, and changes nothing")
        void staleUpdateIsAConflict() {
            RemoteEvent stored = calendar.insert(timed("abc00006", "Board meeting", NINE));
            user().retitle("abc00006", "Board meeting (user's title)");

            assertThatThrownBy(() -> calendar.update(retitled(stored, "Avalon's title"), stored.etag()))
                    .isInstanceOfSatisfying(RemoteCalendarException.class, e -> {
                        assertThat(e.kind()).isEqualTo(RemoteCalendarException.Kind.CONFLICT);
                        assertThat(e.current()).hasValueSatisfying(
                                current -> assertThat(current.title()).isEqualTo("Board meeting (user's title)"));
                    });
            assertThat(calendar.changes(Optional.empty()).events()).singleElement()
                    .satisfies(e -> assertThat(e.title()).isEqualTo("Board meeting (user's title)"));
        }

        @Test
        @DisplayName("updating an event that was deleted is NOT_FOUND")
        void updatingADeletedEventIsNotFound() {
            RemoteEvent stored = calendar.insert(timed("abc00007", "Board meeting", NINE));
            calendar.delete("abc00007", stored.etag());

            assertThatThrownBy(() -> calendar.update(stored, stored.etag()))
                    .isInstanceOfSatisfying(RemoteCalendarException.class,
                            e -> assertThat(e.kind()).isEqualTo(RemoteCalendarException.Kind.NOT_FOUND));
        }

        @Test
        @DisplayName("a delete with the current ETag removes the event; deleting it again is not an error")
        void deleteThenDeleteAgain() {
            RemoteEvent stored = calendar.insert(timed("abc00008", "Board meeting", NINE));

            calendar.delete("abc00008", stored.etag());
            calendar.delete("abc00008", stored.etag());

            assertThat(calendar.changes(Optional.empty()).events()).isEmpty();
        }

        @Test
        @DisplayName("a delete with a stale ETag is a CONFLICT and the event stays")
        void staleDeleteIsAConflict() {
            RemoteEvent stored = calendar.insert(timed("abc00009", "Board meeting", NINE));
            user().retitle("abc00009", "Moved by the user");

            assertThatThrownBy(() -> calendar.delete("abc00009", stored.etag()))
                    .isInstanceOfSatisfying(RemoteCalendarException.class,
                            e -> assertThat(e.kind()).isEqualTo(RemoteCalendarException.Kind.CONFLICT));
            assertThat(ids(calendar.changes(Optional.empty()))).containsExactly("abc00009");
        }
    }

    @Nested
    @DisplayName("reading one event")
    class Get {

        @Test
        @DisplayName("get answers an event as it stands now, with the ETag the next write needs; an id never stored is empty")
        void getAnswersTheCurrentVersion() {
            RemoteEvent stored = calendar.insert(timed("get00001", "Board meeting", NINE));

            assertThat(calendar.get("get00001")).hasValueSatisfying(e -> {
                assertThat(e.etag()).isEqualTo(stored.etag());
                assertThat(e.title()).isEqualTo("Board meeting");
                assertThat(e.start()).isEqualTo(NINE);
                assertThat(e.privateProperties()).containsEntry("avalonId", "evt-get00001");
            });
            user().retitle("get00001", "Board meeting (user's title)");

            RemoteEvent current = calendar.get("get00001").orElseThrow();
            assertThat(current.title()).isEqualTo("Board meeting (user's title)");
            assertThat(current.etag()).isNotEqualTo(stored.etag());
            assertThat(calendar.update(retitled(current, "Avalon's title"), current.etag()).title())
                    .as("the ETag read is the one a write is accepted under").isEqualTo("Avalon's title");
            assertThat(calendar.get("get00099")).isEmpty();
        }

        @Test
        @DisplayName("get of an instance id answers that occurrence as it stands; a deleted event is empty or cancelled")
        void getOfAnInstanceAndOfADeletedEvent() {
            RemoteEvent series = calendar.insert(weekly("get00002", NINE));
            Instant second = NINE.plus(Duration.ofDays(7));
            Instant third = NINE.plus(Duration.ofDays(14));
            calendar.update(instance(series, third, third.plusSeconds(3600), "Stand-up (moved)", false), null);

            assertThat(calendar.get(RemoteEvent.instanceId("get00002", second, false))).hasValueSatisfying(e -> {
                assertThat(e.recurringEventId()).isEqualTo("get00002");
                assertThat(e.originalStart()).isEqualTo(second);
                assertThat(e.start()).isEqualTo(second);
                assertThat(e.title()).isEqualTo("Stand-up");
                assertThat(e.cancelled()).isFalse();
            });
            assertThat(calendar.get(RemoteEvent.instanceId("get00002", third, false))).hasValueSatisfying(e -> {
                assertThat(e.start()).isEqualTo(third.plusSeconds(3600));
                assertThat(e.title()).isEqualTo("Stand-up (moved)");
            });

            calendar.delete("get00002", calendar.get("get00002").orElseThrow().etag());
            assertThat(calendar.get("get00002")).satisfiesAnyOf(
                    e -> assertThat(e).isEmpty(),
                    e -> assertThat(e).hasValueSatisfying(d -> assertThat(d.cancelled()).isTrue()));
        }
    }

    @Nested
    @DisplayName("listing changes")
    class Sync {

        @Test
        @DisplayName("the first listing is a full sync of every event, however many pages it takes")
        void firstListingIsFull() {
            List<String> inserted = IntStream.range(0, 12).mapToObj(i -> "lst%05d".formatted(i)).toList();
            inserted.forEach(id -> calendar.insert(timed(id, "Event " + id, NINE)));

            RemoteChanges all = calendar.changes(Optional.empty());

            assertThat(all.fullSync()).isTrue();
            assertThat(all.nextSyncToken()).isNotBlank();
            assertThat(ids(all)).containsExactlyInAnyOrderElementsOf(inserted);
        }

        @Test
        @DisplayName("with a token, only what changed since is listed, and nothing when nothing changed")
        void incrementalListsOnlyChanges() {
            calendar.insert(timed("inc00001", "One", NINE));
            calendar.insert(timed("inc00002", "Two", NINE));
            RemoteChanges first = calendar.changes(Optional.empty());

            RemoteChanges none = calendar.changes(Optional.of(first.nextSyncToken()));
            assertThat(none.fullSync()).isFalse();
            assertThat(none.events()).isEmpty();

            clock.advance(Duration.ofMinutes(5));
            user().retitle("inc00002", "Two (edited)");
            calendar.insert(timed("inc00003", "Three", NINE));
            RemoteChanges changed = calendar.changes(Optional.of(none.nextSyncToken()));

            assertThat(changed.fullSync()).isFalse();
            assertThat(ids(changed)).containsExactlyInAnyOrder("inc00002", "inc00003");
            assertThat(changed.events()).filteredOn(e -> e.remoteId().equals("inc00002")).singleElement()
                    .satisfies(e -> assertThat(e.title()).isEqualTo("Two (edited)"));
        }

        @Test
        @DisplayName("a remote deletion shows up in the next incremental listing as a cancelled event")
        void deletionsAreListedAsCancelled() {
            calendar.insert(timed("del00001", "One", NINE));
            RemoteChanges first = calendar.changes(Optional.empty());

            user().delete("del00001");
            RemoteChanges changed = calendar.changes(Optional.of(first.nextSyncToken()));

            assertThat(changed.events()).singleElement().satisfies(e -> {
                assertThat(e.remoteId()).isEqualTo("del00001");
                assertThat(e.cancelled()).isTrue();
            });
        }

        @Test
        @DisplayName("an expired token falls back to a full listing that says so, without the events deleted in the gap")
        void expiredTokenFallsBackToFullSync() {
            calendar.insert(timed("gap00001", "Stays", NINE));
            calendar.insert(timed("gap00002", "Deleted in the gap", NINE));
            RemoteChanges first = calendar.changes(Optional.empty());

            user().delete("gap00002");
            user().expireSyncTokens();
            RemoteChanges resync = calendar.changes(Optional.of(first.nextSyncToken()));

            assertThat(resync.fullSync()).isTrue();
            assertThat(ids(resync)).containsExactly("gap00001");
            RemoteChanges after = calendar.changes(Optional.of(resync.nextSyncToken()));
            assertThat(after.fullSync()).isFalse();
            assertThat(after.events()).isEmpty();
        }
    }

    @Nested
    @DisplayName("instances of a series")
    class Instances {

        @Test
        @DisplayName("writing one instance of a series moves that occurrence alone: an exception under its instance id, the series as it was")
        void instanceWriteMovesOneOccurrence() {
            RemoteEvent series = calendar.insert(weekly("ser00001", NINE));
            Instant second = NINE.plus(Duration.ofDays(7));

            RemoteEvent moved = calendar.update(instance(series, second, second.plus(Duration.ofHours(2)),
                    "Stand-up (moved)", false), null);

            assertThat(moved.remoteId()).isEqualTo("ser00001_20261130T080000Z");
            assertThat(moved.etag()).isNotBlank();
            assertThat(moved.recurringEventId()).isEqualTo("ser00001");
            assertThat(moved.originalStart()).isEqualTo(second);
            assertThat(moved.start()).isEqualTo(second.plus(Duration.ofHours(2)));
            assertThat(moved.end()).isEqualTo(second.plus(Duration.ofHours(2)).plus(Duration.ofMinutes(15)));
            assertThat(moved.title()).isEqualTo("Stand-up (moved)");
            assertThat(moved.cancelled()).isFalse();
            List<RemoteEvent> listed = calendar.changes(Optional.empty()).events();
            assertThat(listed).filteredOn(e -> e.remoteId().equals("ser00001")).singleElement().satisfies(e -> {
                assertThat(e.title()).isEqualTo("Stand-up");
                assertThat(e.start()).isEqualTo(NINE);
                assertThat(e.recurrence()).isEqualTo(series.recurrence());
            });
            assertThat(listed).filteredOn(e -> e.remoteId().equals(moved.remoteId())).singleElement().satisfies(e -> {
                assertThat(e.start()).isEqualTo(second.plus(Duration.ofHours(2)));
                assertThat(e.recurringEventId()).isEqualTo("ser00001");
                assertThat(e.originalStart()).isEqualTo(second);
            });
        }

        @Test
        @DisplayName("an instance written cancelled drops that occurrence; the next incremental listing carries it cancelled with its series and original start")
        void cancelledInstanceIsListed() {
            RemoteEvent series = calendar.insert(weekly("ser00002", NINE));
            RemoteChanges first = calendar.changes(Optional.empty());
            Instant third = NINE.plus(Duration.ofDays(14));

            RemoteEvent cancelled = calendar.update(instance(series, third, third, "Stand-up", true), null);

            assertThat(cancelled.cancelled()).isTrue();
            RemoteChanges changed = calendar.changes(Optional.of(first.nextSyncToken()));
            assertThat(changed.events()).filteredOn(e -> e.remoteId().equals("ser00002_20261207T080000Z"))
                    .singleElement().satisfies(e -> {
                        assertThat(e.cancelled()).isTrue();
                        assertThat(e.recurringEventId()).isEqualTo("ser00002");
                        assertThat(e.originalStart()).isEqualTo(third);
                    });
        }

        @Test
        @DisplayName("an instance can be written again with the ETag it was given; a stale one is a CONFLICT carrying the instance as re-read")
        void instanceEtags() {
            RemoteEvent series = calendar.insert(weekly("ser00003", NINE));
            Instant second = NINE.plus(Duration.ofDays(7));
            RemoteEvent once = calendar.update(instance(series, second, second.plusSeconds(3600), "Once", false), null);

            RemoteEvent twice = calendar.update(instance(series, second, second.plusSeconds(7200), "Twice", false),
                    once.etag());
            assertThat(twice.etag()).isNotEqualTo(once.etag());
            assertThat(twice.title()).isEqualTo("Twice");

            user().retitle(twice.remoteId(), "The user's title");
            assertThatThrownBy(() -> calendar.update(instance(series, second, second, "Avalon's title", false),
                    twice.etag()))
                    .isInstanceOfSatisfying(RemoteCalendarException.class, e -> {
                        assertThat(e.kind()).isEqualTo(RemoteCalendarException.Kind.CONFLICT);
                        assertThat(e.current()).hasValueSatisfying(
                                current -> assertThat(current.title()).isEqualTo("The user's title"));
                    });
        }

        @Test
        @DisplayName("an instance id that names no occurrence of a live series is NOT_FOUND and stores nothing")
        void noSuchInstance() {
            RemoteEvent series = calendar.insert(weekly("ser00004", NINE));
            Instant noOccurrence = NINE.plus(Duration.ofDays(1));
            Instant afterTheLast = NINE.plus(Duration.ofDays(28));
            Instant second = NINE.plus(Duration.ofDays(7));

            for (Instant original : List.of(noOccurrence, afterTheLast)) {
                assertThatThrownBy(() -> calendar.update(instance(series, original, original, "x", false), null))
                        .isInstanceOfSatisfying(RemoteCalendarException.class,
                                e -> assertThat(e.kind()).isEqualTo(RemoteCalendarException.Kind.NOT_FOUND));
            }
            assertThat(ids(calendar.changes(Optional.empty()))).containsExactly("ser00004");

            calendar.delete("ser00004", series.etag());
            assertThatThrownBy(() -> calendar.update(instance(series, second, second, "x", false), null))
                    .isInstanceOfSatisfying(RemoteCalendarException.class,
                            e -> assertThat(e.kind()).isEqualTo(RemoteCalendarException.Kind.NOT_FOUND));
        }
    }
}
