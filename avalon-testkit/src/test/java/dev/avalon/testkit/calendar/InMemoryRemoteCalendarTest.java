package dev.avalon.testkit.calendar;

import dev.avalon.core.port.RemoteCalendar;
import dev.avalon.core.port.RemoteCalendarException;
import dev.avalon.core.port.RemoteChanges;
import dev.avalon.core.port.RemoteEvent;
import dev.avalon.testkit.contract.RemoteCalendarContract;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@DisplayName("InMemoryRemoteCalendar keeps the RemoteCalendar contract")
class InMemoryRemoteCalendarTest extends RemoteCalendarContract {

    private InMemoryRemoteCalendar remote;

    @Override
    protected RemoteCalendar newCalendar(Clock clock) {
        remote = new InMemoryRemoteCalendar(clock);
        return remote;
    }

    @Override
    protected RemoteUser user() {
        return new RemoteUser() {
            @Override
            public void retitle(String remoteId, String title) {
                remote.userEdit(remoteId, e -> new RemoteEvent(e.remoteId(), e.etag(), e.iCalUid(), title,
                        e.description(), e.location(), e.start(), e.end(), e.zone(), e.startDate(), e.endDate(),
                        e.recurrence(), e.recurringEventId(), e.originalStart(), false, e.attendees(), e.colorId(),
                        e.privateProperties(), e.updated()));
            }

            @Override
            public void delete(String remoteId) {
                remote.userDelete(remoteId);
            }

            @Override
            public void expireSyncTokens() {
                remote.expireSyncTokens();
            }
        };
    }

    @Test
    @DisplayName("a move by the user shows in the next incremental listing with the new times and the update time")
    void userMoveIsListed() {
        Instant nine = Instant.parse("2026-11-23T08:00:00Z");
        calendar.insert(timed("mov00001", "Dentist", nine));
        RemoteChanges first = calendar.changes(Optional.empty());
        clock.advance(Duration.ofHours(1));

        remote.userMove("mov00001", nine.plus(Duration.ofDays(1)), nine.plus(Duration.ofDays(1)).plusSeconds(1800));

        assertThat(calendar.changes(Optional.of(first.nextSyncToken())).events()).singleElement().satisfies(e -> {
            assertThat(e.start()).isEqualTo(nine.plus(Duration.ofDays(1)));
            assertThat(e.updated()).isEqualTo(clock.instant());
        });
        assertThat(remote.liveEvents()).hasSize(1);
    }

    @Test
    @DisplayName("failNextWrites fails that many writes with the kind given and changes nothing; reads go on")
    void injectedWriteFailures() {
        Instant nine = Instant.parse("2026-11-23T08:00:00Z");
        RemoteEvent stored = calendar.insert(timed("flk00001", "Dentist", nine));
        remote.failNextWrites(RemoteCalendarException.Kind.UNAVAILABLE, 2);

        assertThatThrownBy(() -> calendar.update(stored, stored.etag()))
                .isInstanceOfSatisfying(RemoteCalendarException.class,
                        e -> assertThat(e.kind()).isEqualTo(RemoteCalendarException.Kind.UNAVAILABLE));
        assertThatThrownBy(() -> calendar.insert(timed("flk00002", "Lunch", nine)))
                .isInstanceOf(RemoteCalendarException.class);
        assertThat(calendar.get("flk00001")).contains(stored);
        assertThat(calendar.changes(Optional.empty()).events()).extracting(RemoteEvent::remoteId)
                .containsExactly("flk00001");

        calendar.delete("flk00001", stored.etag());
        assertThat(remote.liveEvents()).isEmpty();
    }

    @Test
    @DisplayName("an event the user adds is listed, cancelled ones are kept for lookup but not live")
    void userAddAndDelete() {
        RemoteEvent added = remote.userAdd(new RemoteEvent("useradded1", null, null, "Lunch", "", "",
                Instant.parse("2026-11-24T11:00:00Z"), Instant.parse("2026-11-24T12:00:00Z"), "UTC", null, null,
                List.of(), null, null, false, List.of(), null, Map.of(), null));
        remote.userDelete(added.remoteId());

        assertThat(remote.event("useradded1")).hasValueSatisfying(e -> assertThat(e.cancelled()).isTrue());
        assertThat(remote.liveEvents()).isEmpty();
    }
}
