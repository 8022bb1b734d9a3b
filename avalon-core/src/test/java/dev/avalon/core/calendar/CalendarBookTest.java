package dev.avalon.core.calendar;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("CalendarBook records per event which version the remote calendar holds")
class CalendarBookTest {

    private static final Instant CREATED = Instant.parse("2026-11-20T09:00:00Z");
    private static final Instant SYNCED = Instant.parse("2026-11-22T06:00:00Z");

    private static CalendarEvent event(String id, String remoteId, Instant updatedAt) {
        return new CalendarEvent(id, id.toLowerCase(Locale.ROOT) + "@avalon", remoteId, remoteId == null ? null : "\"1\"",
                "Overleg", false, LocalDateTime.parse("2026-11-24T10:00"), LocalDateTime.parse("2026-11-24T11:00"),
                ZoneId.of("Europe/Amsterdam"), "WERK", "", "", List.of(), null, Set.of(), EventMode.FREE, 0,
                EventStatus.CONFIRMED, List.of(), CREATED, updatedAt);
    }

    @Test
    @DisplayName("the remote version survives a round trip through JSON; a change after it makes the event due")
    void roundTrip() {
        CalendarEvent pushed = event("EV-0001", "abc00001", CREATED).withRemoteVersion(CREATED);
        CalendarBook book = new CalendarBook(List.of(pushed), "token", SYNCED);

        CalendarEvent back = CalendarBook.fromJson(book.toJson()).find("EV-0001").orElseThrow();

        assertThat(back.remoteVersion()).isEqualTo(CREATED);
        assertThat(back.changedSinceRemote()).isFalse();
        assertThat(back.withStatus(EventStatus.COMPLETED, CREATED).changedSinceRemote())
                .as("a change stamped in the same tick is still a change").isTrue();
    }

    @Test
    @DisplayName("a book stored before events had a remote version reads as the last sync said: changed after it means due")
    void bookWithoutRemoteVersions() {
        ObjectNode stored = new CalendarBook(List.of(event("EV-0001", "abc00001", CREATED),
                event("EV-0002", "abc00002", SYNCED.plusSeconds(60)), event("EV-0003", null, CREATED)), "token", SYNCED)
                .toJson();

        CalendarBook book = CalendarBook.fromJson(stored);

        assertThat(book.find("EV-0001").orElseThrow().changedSinceRemote()).isFalse();
        assertThat(book.find("EV-0002").orElseThrow().changedSinceRemote()).isTrue();
        assertThat(book.find("EV-0003").orElseThrow().remoteVersion()).as("never pushed").isNull();
    }
}
