package dev.avalon.testkit.calendar;

import com.fasterxml.jackson.databind.JsonNode;
import dev.avalon.core.action.ErrorCode;
import dev.avalon.core.port.RemoteCalendar;
import dev.avalon.core.port.RemoteEvent;
import dev.avalon.testkit.MutableClock;
import dev.avalon.testkit.brain.InMemoryBrainStore;
import dev.avalon.testkit.harness.AvalonHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("calendar.sync against a remote calendar")
class CalendarSyncTest {

    private final MutableClock clock = MutableClock.at("2026-11-23T08:00:00+01:00");
    private final InMemoryRemoteCalendar remote = new InMemoryRemoteCalendar(clock);
    private final AvalonHarness h = AvalonHarness.on(new InMemoryBrainStore(), clock,
            b -> b.port(RemoteCalendar.class, remote));

    @AfterEach
    void close() {
        h.close();
    }

    private String remoteIdOf(String eventId) {
        return remote.liveEvents().stream().filter(e -> eventId.equals(e.privateProperties().get("avalonId")))
                .findFirst().orElseThrow().remoteId();
    }

    private void userAdds(String remoteId, String title, Instant start, Instant end) {
        remote.userAdd(new RemoteEvent(remoteId, null, null, title, "", "", start, end, "Europe/Amsterdam", null, null,
                List.of(), null, null, false, List.of(), null, Map.of(), start));
    }

    /** The user cancels one instance of a series: the remote keeps a cancelled exception event. */
    private void userCancelsInstance(String masterId, Instant originalStart, Instant end) {
        remote.userAdd(new RemoteEvent(masterId + "_" + originalStart.getEpochSecond(), null, null, "", "", "",
                originalStart, end, "Europe/Amsterdam", null, null, List.of(), masterId, originalStart, true, List.of(),
                null, Map.of(), originalStart));
    }

    private JsonNode sync() {
        return h.dispatch("calendar.sync").assertOk().data();
    }

    private List<String> kinds(JsonNode result) {
        List<String> out = new ArrayList<>();
        result.path("changes").forEach(c -> out.add(c.path("kind").asText() + ":" + c.path("eventId").asText("")
                + (c.has("instance") ? "@" + c.path("instance").asText() : "")));
        return out;
    }

    @Test
    @DisplayName("without a remote calendar the action is refused and nothing changes")
    void noPort() {
        try (AvalonHarness bare = AvalonHarness.inMemory()) {
            var before = bare.snapshot();
            bare.dispatch("calendar.sync").assertRejected(ErrorCode.PORT_MISSING);
            assertThat(bare.snapshot()).isEqualTo(before);
        }
    }

    @Test
    @DisplayName("first sync inserts with client-chosen base32hex ids, Avalon's id, domain and colour")
    void firstSyncPushes() {
        h.dispatch("calendar.create_event", """
                {"title":"Overleg","start":"2026-11-24T10:00","end":"2026-11-24T11:00","domain":"WERK"}""").assertOk();
        JsonNode result = sync();
        assertThat(result.path("fullSync").asBoolean()).isTrue();
        assertThat(result.path("pushed").get(0).path("op").asText()).isEqualTo("insert");
        RemoteEvent pushed = remote.liveEvents().get(0);
        assertThat(pushed.remoteId()).matches("[0-9a-v]{5,1024}");
        assertThat(pushed.privateProperties()).containsEntry("avalonId", "EV-0001").containsEntry("domain", "WERK");
        assertThat(pushed.colorId()).isEqualTo("2");
        assertThat(pushed.start()).isEqualTo(Instant.parse("2026-11-24T09:00:00Z"));
        assertThat(kinds(sync())).isEmpty();
        assertThat(remote.liveEvents()).hasSize(1);
    }

    @Test
    @DisplayName("reports what the user moved, deleted and added remotely, including one cancelled instance")
    void reportsRemoteChanges() {
        h.dispatch("calendar.create_event", """
                {"title":"Overleg","start":"2026-11-24T10:00","end":"2026-11-24T11:00","domain":"WERK"}""").assertOk();
        h.dispatch("calendar.create_event", """
                {"title":"Tandarts","start":"2026-11-25T10:00","end":"2026-11-25T10:30","domain":"GEZONDHEID"}""")
                .assertOk();
        h.dispatch("calendar.create_event", """
                {"title":"Training","start":"2026-11-24T19:00","end":"2026-11-24T20:00","domain":"PRIVE",
                 "recurrence":{"freq":"WEEKLY","count":4}}""").assertOk();
        sync();
        remote.userMove(remoteIdOf("EV-0001"), Instant.parse("2026-11-24T13:00:00Z"),
                Instant.parse("2026-11-24T14:00:00Z"));
        remote.userDelete(remoteIdOf("EV-0002"));
        userAdds("extern1", "Borrel", Instant.parse("2026-11-27T16:00:00Z"), Instant.parse("2026-11-27T18:00:00Z"));
        userCancelsInstance(remoteIdOf("EV-0003"), Instant.parse("2026-12-01T18:00:00Z"),
                Instant.parse("2026-12-01T19:00:00Z"));
        clock.advance(Duration.ofHours(1));

        JsonNode result = sync();
        assertThat(result.path("fullSync").asBoolean()).isFalse();
        assertThat(kinds(result)).containsExactlyInAnyOrder("moved:EV-0001", "deleted:EV-0002", "added:",
                "deleted:EV-0003@2026-12-01T19:00");
        JsonNode moved = result.path("changes").findParents("kind").stream()
                .filter(c -> c.path("kind").asText().equals("moved")).findFirst().orElseThrow();
        assertThat(moved.path("from").asText()).isEqualTo("2026-11-24T10:00");
        assertThat(moved.path("to").asText()).isEqualTo("2026-11-24T14:00");

        JsonNode list = h.dispatch("calendar.list_events", """
                {"from":"2026-11-23T00:00:00+01:00","to":"2026-12-31T00:00:00+01:00"}""").assertOk().data();
        List<String> rows = new ArrayList<>();
        list.path("items").forEach(i -> rows.add(i.path("eventId").asText() + " " + i.path("start").asText()));
        assertThat(rows).contains("EV-0001 2026-11-24T14:00+01:00").noneMatch(r -> r.startsWith("EV-0002"))
                .doesNotContain("EV-0003 2026-12-01T19:00+01:00");
        assertThat(kinds(sync())).as("a second sync reports nothing new").isEmpty();
    }

    @Test
    @DisplayName("a local change after a sync is pushed as an update with the ETag last seen")
    void pushesLocalUpdate() {
        h.dispatch("calendar.create_event", """
                {"title":"Overleg","start":"2026-11-24T10:00","end":"2026-11-24T11:00","domain":"WERK"}""").assertOk();
        sync();
        String remoteId = remoteIdOf("EV-0001");
        clock.advance(Duration.ofMinutes(5));
        h.dispatch("calendar.update_event", "{\"id\":\"EV-0001\",\"title\":\"Overleg bestuur\"}").assertOk();
        JsonNode result = sync();
        assertThat(result.path("pushed").get(0).path("op").asText()).isEqualTo("update");
        assertThat(remote.event(remoteId).orElseThrow().title()).isEqualTo("Overleg bestuur");
        h.dispatch("calendar.cancel_event", "{\"id\":\"EV-0001\"}").assertOk();
        assertThat(sync().path("pushed").get(0).path("op").asText()).isEqualTo("delete");
        assertThat(remote.event(remoteId).orElseThrow().cancelled()).isTrue();
    }

    @Test
    @DisplayName("a full resync reconciles deletions that happened while the token was invalid")
    void fullSyncReconciles() {
        h.dispatch("calendar.create_event", """
                {"title":"Overleg","start":"2026-11-24T10:00","end":"2026-11-24T11:00","domain":"WERK"}""").assertOk();
        sync();
        String remoteId = remoteIdOf("EV-0001");
        remote.userDelete(remoteId);
        remote.expireSyncTokens();
        JsonNode result = sync();
        assertThat(result.path("fullSync").asBoolean()).isTrue();
        assertThat(kinds(result)).containsExactly("deleted:EV-0001");
        assertThat(h.dispatch("calendar.list_events", """
                {"from":"2026-11-23T00:00:00+01:00","to":"2026-11-30T00:00:00+01:00"}""").assertOk().data()
                .path("total").asInt()).isZero();
    }
}
