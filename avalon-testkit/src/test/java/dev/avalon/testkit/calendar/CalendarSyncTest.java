package dev.avalon.testkit.calendar;

import com.fasterxml.jackson.databind.JsonNode;
import dev.avalon.core.base.ErrorCode;
import dev.avalon.core.port.RemoteCalendar;
import dev.avalon.core.port.RemoteCalendarException;
import dev.avalon.core.port.RemoteChanges;
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
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("calendar.sync against a remote calendar")
class CalendarSyncTest {

    private final MutableClock clock = MutableClock.at("2026-11-23T08:00:00+01:00");
    private final InMemoryRemoteCalendar remote = new InMemoryRemoteCalendar(clock);
    private final RacingRemote racing = new RacingRemote(remote);
    private final AvalonHarness h = AvalonHarness.on(new InMemoryBrainStore(), clock,
            b -> b.port(RemoteCalendar.class, racing));

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

    /**
     * A sync with the remote reachable. Between syncs it is not (see {@link RacingRemote}): each change's own
     * write fails and waits in the outbox, so what these tests see is the sync writing what the remote lacks.
     */
    private JsonNode sync() {
        racing.reachable = true;
        try {
            return h.dispatch("calendar.sync").assertOk().data();
        } finally {
            racing.reachable = false;
        }
    }

    private List<String> listed() {
        List<String> rows = new ArrayList<>();
        h.dispatch("calendar.list_events", """
                {"from":"2026-11-23T00:00:00+01:00","to":"2026-11-30T00:00:00+01:00"}""").assertOk().data()
                .path("items").forEach(i -> rows.add(i.path("eventId").asText() + " " + i.path("start").asText()
                        + " " + i.path("title").asText()));
        return rows;
    }

    private static List<String> ops(JsonNode result) {
        List<String> out = new ArrayList<>();
        result.path("pushed").forEach(p -> out.add(p.path("op").asText() + ":" + p.path("eventId").asText()));
        return out;
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
        assertThat(kinds(result)).containsExactlyInAnyOrder("moved:EV-0001", "deleted:EV-0002", "added:EV-0004",
                "deleted:EV-0003@2026-12-01T19:00");
        JsonNode moved = result.path("changes").findParents("kind").stream()
                .filter(c -> c.path("kind").asText().equals("moved")).findFirst().orElseThrow();
        assertThat(moved.path("from").asText()).isEqualTo("2026-11-24T10:00");
        assertThat(moved.path("to").asText()).isEqualTo("2026-11-24T14:00");

        JsonNode list = h.dispatch("calendar.list_events", """
                {"from":"2026-11-23T00:00:00+01:00","to":"2026-12-31T00:00:00+01:00"}""").assertOk().data();
        List<String> rows = new ArrayList<>();
        list.path("items").forEach(i -> rows.add(i.path("eventId").asText() + " " + i.path("start").asText()));
        assertThat(rows).contains("EV-0001 2026-11-24T14:00:00+01:00").noneMatch(r -> r.startsWith("EV-0002"))
                .doesNotContain("EV-0003 2026-12-01T19:00:00+01:00");
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

    @Test
    @DisplayName("an update the remote fails is reported, stays to be pushed, and reaches the remote with the next sync")
    void failedUpdateIsPushedLater() {
        h.dispatch("calendar.create_event", """
                {"title":"Overleg","start":"2026-11-24T10:00","end":"2026-11-24T11:00","domain":"WERK"}""").assertOk();
        h.dispatch("calendar.create_event", """
                {"title":"Tandarts","start":"2026-11-25T10:00","end":"2026-11-25T10:30","domain":"GEZONDHEID"}""")
                .assertOk();
        sync();
        String remoteId = remoteIdOf("EV-0001");
        clock.advance(Duration.ofMinutes(5));
        h.dispatch("calendar.update_event", "{\"id\":\"EV-0001\",\"title\":\"Overleg bestuur\"}").assertOk();
        h.dispatch("calendar.update_event", "{\"id\":\"EV-0002\",\"location\":\"Centrum\"}").assertOk();
        remote.failNextWrites(RemoteCalendarException.Kind.UNAVAILABLE, 1);
        clock.advance(Duration.ofMinutes(1));

        JsonNode failed = sync();

        assertThat(failed.path("failures")).singleElement().satisfies(f -> {
            assertThat(f.path("eventId").asText()).isEqualTo("EV-0001");
            assertThat(f.path("op").asText()).isEqualTo("update");
            assertThat(f.path("kind").asText()).isEqualTo("UNAVAILABLE");
        });
        assertThat(ops(failed)).as("one failed push does not hold the others back").containsExactly("update:EV-0002");
        assertThat(remote.event(remoteId).orElseThrow().title()).isEqualTo("Overleg");
        clock.advance(Duration.ofHours(1));

        JsonNode retried = sync();

        assertThat(ops(retried)).containsExactly("update:EV-0001");
        assertThat(retried.path("failures")).isEmpty();
        assertThat(remote.event(remoteId).orElseThrow().title()).isEqualTo("Overleg bestuur");
        JsonNode quiet = sync();
        assertThat(ops(quiet)).isEmpty();
        assertThat(kinds(quiet)).isEmpty();
        assertThat(h.dispatch("system.validate").assertOk().data().path("problems"))
                .as("the stored remote versions match calendar-events.schema.json").isEmpty();
    }

    @Test
    @DisplayName("a write that meets a stale ETag adopts the remote version and its ETag, says which change here it replaced, and the next sync proceeds")
    void conflictAdoptsTheRemoteVersion() {
        h.dispatch("calendar.create_event", """
                {"title":"Overleg","start":"2026-11-24T10:00","end":"2026-11-24T11:00","domain":"WERK"}""").assertOk();
        sync();
        String remoteId = remoteIdOf("EV-0001");
        h.dispatch("calendar.update_event", "{\"id\":\"EV-0001\",\"title\":\"Overleg bestuur\"}").assertOk();
        // the user moves the event in the remote's app while Avalon syncs: after its listing, before its write
        racing.afterNextListing(() -> remote.userMove(remoteId, Instant.parse("2026-11-24T13:00:00Z"),
                Instant.parse("2026-11-24T14:00:00Z")));

        JsonNode conflicted = sync();

        assertThat(conflicted.path("failures")).singleElement().satisfies(f -> {
            assertThat(f.path("eventId").asText()).isEqualTo("EV-0001");
            assertThat(f.path("op").asText()).isEqualTo("update");
            assertThat(f.path("kind").asText()).isEqualTo("CONFLICT");
            assertThat(f.path("resolution").asText()).isEqualTo("remote_adopted");
        });
        assertThat(conflicted.path("overridden")).singleElement().satisfies(o -> {
            assertThat(o.path("eventId").asText()).isEqualTo("EV-0001");
            assertThat(o.path("reason").asText()).isEqualTo("conflict");
            assertThat(o.path("fields").path("title").path("local").asText()).isEqualTo("Overleg bestuur");
            assertThat(o.path("fields").path("title").path("remote").asText()).isEqualTo("Overleg");
            assertThat(o.path("fields").path("start").path("local").asText()).isEqualTo("2026-11-24T10:00");
            assertThat(o.path("fields").path("start").path("remote").asText()).isEqualTo("2026-11-24T14:00");
        });
        assertThat(remote.event(remoteId).orElseThrow().title()).as("the remote version is not overwritten")
                .isEqualTo("Overleg");
        assertThat(listed()).containsExactly("EV-0001 2026-11-24T14:00:00+01:00 Overleg");

        JsonNode next = sync();
        assertThat(next.path("failures")).isEmpty();
        assertThat(ops(next)).isEmpty();
        assertThat(kinds(next)).as("the user's move was adopted already").isEmpty();

        h.dispatch("calendar.update_event", "{\"id\":\"EV-0001\",\"title\":\"Overleg bestuur\"}").assertOk();
        JsonNode again = sync();
        assertThat(again.path("failures")).as("the ETag was refreshed").isEmpty();
        assertThat(ops(again)).containsExactly("update:EV-0001");
        assertThat(remote.event(remoteId).orElseThrow().title()).isEqualTo("Overleg bestuur");
    }

    @Test
    @DisplayName("a cancellation that meets a stale ETag is kept: the next sync deletes the event under the fresh ETag")
    void conflictKeepsACancellation() {
        h.dispatch("calendar.create_event", """
                {"title":"Overleg","start":"2026-11-24T10:00","end":"2026-11-24T11:00","domain":"WERK"}""").assertOk();
        sync();
        String remoteId = remoteIdOf("EV-0001");
        h.dispatch("calendar.cancel_event", "{\"id\":\"EV-0001\"}").assertOk();
        racing.afterNextListing(() -> remote.userMove(remoteId, Instant.parse("2026-11-24T13:00:00Z"),
                Instant.parse("2026-11-24T14:00:00Z")));

        JsonNode conflicted = sync();

        assertThat(conflicted.path("failures")).singleElement().satisfies(f -> {
            assertThat(f.path("op").asText()).isEqualTo("delete");
            assertThat(f.path("kind").asText()).isEqualTo("CONFLICT");
            assertThat(f.path("resolution").asText()).isEqualTo("cancellation_kept");
        });
        assertThat(conflicted.path("overridden")).isEmpty();
        JsonNode next = sync();
        assertThat(ops(next)).containsExactly("delete:EV-0001");
        assertThat(next.path("failures")).isEmpty();
        assertThat(remote.event(remoteId).orElseThrow().cancelled()).isTrue();
    }

    @Test
    @DisplayName("a remote edit that arrives before a change here was written wins, and the change here is reported as overridden")
    void remoteEditOverridesAnUnwrittenChange() {
        h.dispatch("calendar.create_event", """
                {"title":"Overleg","start":"2026-11-24T10:00","end":"2026-11-24T11:00","domain":"WERK"}""").assertOk();
        sync();
        String remoteId = remoteIdOf("EV-0001");
        h.dispatch("calendar.update_event", """
                {"id":"EV-0001","title":"Overleg bestuur","attendees":["secretaris@example.org"]}""").assertOk();
        remote.failNextWrites(RemoteCalendarException.Kind.UNAVAILABLE, 1);
        assertThat(sync().path("failures")).hasSize(1);
        remote.userEdit(remoteId, e -> new RemoteEvent(e.remoteId(), e.etag(), e.iCalUid(), e.title(),
                e.description(), "Zaal 2", e.start(), e.end(), e.zone(), null, null, e.recurrence(), null, null,
                false, e.attendees(), e.colorId(), e.privateProperties(), e.updated()));

        JsonNode result = sync();

        assertThat(kinds(result)).containsExactly("edited:EV-0001");
        assertThat(result.path("overridden")).singleElement().satisfies(o -> {
            assertThat(o.path("reason").asText()).isEqualTo("remote_change");
            assertThat(o.path("title").asText()).isEqualTo("Overleg bestuur");
            assertThat(o.path("fields").path("title").path("local").asText()).isEqualTo("Overleg bestuur");
            assertThat(o.path("fields").path("title").path("remote").asText()).isEqualTo("Overleg");
            assertThat(o.path("fields").path("location").path("remote").asText()).isEqualTo("Zaal 2");
        });
        assertThat(ops(result)).as("the attendees, which the remote version does not replace, still go out")
                .containsExactly("update:EV-0001");
        RemoteEvent held = remote.event(remoteId).orElseThrow();
        assertThat(held.title()).isEqualTo("Overleg");
        assertThat(held.location()).isEqualTo("Zaal 2");
        assertThat(held.attendees()).containsExactly("secretaris@example.org");
        assertThat(ops(sync())).isEmpty();
    }

    @Test
    @DisplayName("a change made in the same clock tick as the sync that pushed the event is still pushed")
    void changeInTheSameTickIsPushed() {
        h.dispatch("calendar.create_event", """
                {"title":"Overleg","start":"2026-11-24T10:00","end":"2026-11-24T11:00","domain":"WERK"}""").assertOk();
        assertThat(ops(sync())).containsExactly("insert:EV-0001");
        h.dispatch("calendar.update_event", "{\"id\":\"EV-0001\",\"title\":\"Overleg bestuur\"}").assertOk();

        assertThat(ops(sync())).containsExactly("update:EV-0001");
        assertThat(remote.event(remoteIdOf("EV-0001")).orElseThrow().title()).isEqualTo("Overleg bestuur");
    }

    /**
     * The in-memory remote, where an edit of the user's can land right after Avalon has listed the changes, and
     * which refuses writes as unavailable while {@code reachable} is off (a host offline between syncs).
     */
    private static final class RacingRemote implements RemoteCalendar {
        private final RemoteCalendar delegate;
        private Runnable afterListing;
        private boolean reachable;

        private void reach() {
            if (!reachable) {
                throw new RemoteCalendarException(RemoteCalendarException.Kind.UNAVAILABLE, "offline");
            }
        }

        RacingRemote(RemoteCalendar delegate) {
            this.delegate = delegate;
        }

        void afterNextListing(Runnable edit) {
            afterListing = edit;
        }

        @Override
        public RemoteChanges changes(Optional<String> syncToken) {
            RemoteChanges listed = delegate.changes(syncToken);
            if (afterListing != null) {
                afterListing.run();
                afterListing = null;
            }
            return listed;
        }

        @Override
        public Optional<RemoteEvent> get(String remoteId) {
            return delegate.get(remoteId);
        }

        @Override
        public RemoteEvent insert(RemoteEvent event) {
            reach();
            return delegate.insert(event);
        }

        @Override
        public RemoteEvent update(RemoteEvent event, String etag) {
            reach();
            return delegate.update(event, etag);
        }

        @Override
        public void delete(String remoteId, String etag) {
            reach();
            delegate.delete(remoteId, etag);
        }
    }
}
