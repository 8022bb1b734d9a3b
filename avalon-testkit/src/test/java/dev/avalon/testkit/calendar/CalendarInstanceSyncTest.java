package dev.avalon.testkit.calendar;

import com.fasterxml.jackson.databind.JsonNode;
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
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("calendar.sync writes single instances changed or cancelled here to the remote calendar")
class CalendarInstanceSyncTest {

    private static final String WEEKS = """
            {"from":"2026-11-23T00:00:00+01:00","to":"2026-12-21T00:00:00+01:00"}""";
    /** The original starts of the series' four instances (Tuesdays 19:30 in Amsterdam), in UTC. */
    private static final Instant NOV_24 = Instant.parse("2026-11-24T18:30:00Z");
    private static final Instant DEC_1 = Instant.parse("2026-12-01T18:30:00Z");
    private static final Instant DEC_8 = Instant.parse("2026-12-08T18:30:00Z");
    private static final Instant DEC_15 = Instant.parse("2026-12-15T18:30:00Z");

    private final MutableClock clock = MutableClock.at("2026-11-23T08:00:00+01:00");
    private final InMemoryRemoteCalendar remote = new InMemoryRemoteCalendar(clock);
    private final FlakyRemote flaky = new FlakyRemote(remote);
    private final AvalonHarness h = AvalonHarness.on(new InMemoryBrainStore(), clock,
            b -> b.port(RemoteCalendar.class, flaky));

    @AfterEach
    void close() {
        h.close();
    }

    /** A weekly board meeting on Tuesdays 19:30-21:00, four times. */
    private void series() {
        h.dispatch("calendar.create_event", """
                {"title":"Bestuur","start":"2026-11-24T19:30","end":"2026-11-24T21:00","domain":"WERK",
                 "recurrence":{"freq":"WEEKLY","count":4}}""").assertOk();
    }

    private String seriesId() {
        return remote.liveEvents().stream().filter(e -> "EV-0001".equals(e.privateProperties().get("avalonId")))
                .filter(e -> !e.isInstance()).findFirst().orElseThrow().remoteId();
    }

    /**
     * A sync with the remote reachable. Between syncs it is not (see {@link FlakyRemote}): each change's own
     * write fails and waits in the outbox, so what these tests see is the sync writing what the remote lacks.
     */
    private JsonNode sync() {
        clock.advance(Duration.ofMinutes(1));
        flaky.reachable = true;
        JsonNode result;
        try {
            result = h.dispatch("calendar.sync").assertOk().data();
        } finally {
            flaky.reachable = false;
        }
        clock.advance(Duration.ofMinutes(1));
        return result;
    }

    private static List<String> pushed(JsonNode result) {
        List<String> out = new ArrayList<>();
        result.path("pushed").forEach(p -> out.add(p.path("op").asText() + ":" + p.path("eventId").asText()
                + (p.has("instance") ? "@" + p.path("instance").asText() : "")));
        return out;
    }

    private static List<String> changes(JsonNode result) {
        List<String> out = new ArrayList<>();
        result.path("changes").forEach(c -> out.add(c.path("kind").asText() + ":" + c.path("eventId").asText("")
                + (c.has("instance") ? "@" + c.path("instance").asText() : "")
                + (c.has("from") ? " " + c.path("from").asText() + "->" + c.path("to").asText() : "")));
        return out;
    }

    private List<String> remoteStarts() {
        return remote.instances(seriesId()).stream().map(e -> e.start() + " " + e.title()
                + (e.location().isEmpty() ? "" : " @" + e.location())).toList();
    }

    private List<String> listed() {
        List<String> rows = new ArrayList<>();
        h.dispatch("calendar.list_events", WEEKS).assertOk().data().path("items").forEach(i -> rows.add(
                i.path("instance").asText() + " " + i.path("start").asText() + " " + i.path("title").asText()
                        + (i.path("changed").asBoolean() ? " changed" : "")));
        return rows;
    }

    @Test
    @DisplayName("moving one instance here moves that occurrence alone on the remote; a second sync pushes and reports nothing")
    void movedInstanceReachesTheRemote() {
        series();
        sync();
        String seriesId = seriesId();
        RemoteEvent seriesBefore = remote.event(seriesId).orElseThrow();
        h.dispatch("calendar.update_event", """
                {"id":"EV-0001","instance":"2026-12-01T19:30","start":"2026-12-02T20:00","location":"Kantine"}""")
                .assertOk();

        JsonNode result = sync();

        assertThat(pushed(result)).containsExactly("update_instance:EV-0001@2026-12-01T19:30");
        assertThat(changes(result)).isEmpty();
        assertThat(remote.event(seriesId)).as("the series itself is not written").contains(seriesBefore);
        assertThat(remoteStarts()).containsExactly(
                "2026-11-24T18:30:00Z Bestuur",
                "2026-12-02T19:00:00Z Bestuur @Kantine",
                "2026-12-08T18:30:00Z Bestuur",
                "2026-12-15T18:30:00Z Bestuur");
        RemoteEvent moved = remote.event(RemoteEvent.instanceId(seriesId, DEC_1, false)).orElseThrow();
        assertThat(moved.recurringEventId()).isEqualTo(seriesId);
        assertThat(moved.originalStart()).isEqualTo(DEC_1);
        assertThat(moved.end()).isEqualTo(Instant.parse("2026-12-02T20:30:00Z"));
        assertThat(moved.privateProperties()).containsEntry("avalonId", "EV-0001");

        JsonNode again = sync();
        assertThat(pushed(again)).isEmpty();
        assertThat(changes(again)).as("Avalon's own instance write is not a remote change").isEmpty();
        assertThat(h.dispatch("system.validate").assertOk().data().path("problems"))
                .as("the stored sync marks match calendar-events.schema.json").isEmpty();
    }

    @Test
    @DisplayName("a remote move of another instance is still reported and adopted, next to Avalon's own instance write")
    void remoteMoveOfAnotherInstanceIsReported() {
        series();
        sync();
        String seriesId = seriesId();
        h.dispatch("calendar.update_event", """
                {"id":"EV-0001","instance":"2026-12-01T19:30","title":"Bestuur (verzet)"}""").assertOk();
        assertThat(pushed(sync())).containsExactly("update_instance:EV-0001@2026-12-01T19:30");

        remote.userMoveInstance(seriesId, DEC_8, DEC_8.minus(Duration.ofMinutes(90)), DEC_8);
        remote.userCancelInstance(seriesId, DEC_15);
        JsonNode result = sync();

        assertThat(changes(result)).containsExactlyInAnyOrder(
                "moved:EV-0001@2026-12-08T19:30 2026-12-08T19:30->2026-12-08T18:00",
                "deleted:EV-0001@2026-12-15T19:30");
        assertThat(pushed(result)).as("what the user changed remotely is not written back").isEmpty();
        assertThat(listed()).containsExactly(
                "2026-11-24T19:30:00+01:00 2026-11-24T19:30:00+01:00 Bestuur",
                "2026-12-01T19:30:00+01:00 2026-12-01T19:30:00+01:00 Bestuur (verzet) changed",
                "2026-12-08T19:30:00+01:00 2026-12-08T18:00:00+01:00 Bestuur changed");
        JsonNode again = sync();
        assertThat(changes(again)).isEmpty();
        assertThat(pushed(again)).isEmpty();
    }

    @Test
    @DisplayName("cancelling one instance here cancels that occurrence remotely, not as an EXDATE of the series")
    void cancelledInstanceReachesTheRemote() {
        series();
        sync();
        String seriesId = seriesId();
        h.dispatch("calendar.cancel_event", "{\"id\":\"EV-0001\",\"instance\":\"2026-12-08T19:30\"}").assertOk();

        JsonNode result = sync();

        assertThat(pushed(result)).containsExactly("cancel_instance:EV-0001@2026-12-08T19:30");
        assertThat(remote.event(RemoteEvent.instanceId(seriesId, DEC_8, false)))
                .hasValueSatisfying(e -> assertThat(e.cancelled()).isTrue());
        assertThat(remote.instances(seriesId)).extracting(RemoteEvent::originalStart)
                .containsExactly(NOV_24, DEC_1, DEC_15);
        assertThat(remote.event(seriesId).orElseThrow().recurrence()).containsExactly("RRULE:FREQ=WEEKLY;COUNT=4");
        JsonNode again = sync();
        assertThat(changes(again)).isEmpty();
        assertThat(pushed(again)).isEmpty();
    }

    @Test
    @DisplayName("a series changed and cancelled in places before its first sync arrives whole: the series, then its instances")
    void firstSyncCarriesTheInstances() {
        series();
        h.dispatch("calendar.update_event", """
                {"id":"EV-0001","instance":"2026-12-01T19:30","start":"2026-12-01T20:00"}""").assertOk();
        h.dispatch("calendar.cancel_event", "{\"id\":\"EV-0001\",\"instance\":\"2026-12-15T19:30\"}").assertOk();

        JsonNode result = sync();

        assertThat(pushed(result)).containsExactly("insert:EV-0001", "update_instance:EV-0001@2026-12-01T19:30",
                "cancel_instance:EV-0001@2026-12-15T19:30");
        assertThat(remoteStarts()).containsExactly("2026-11-24T18:30:00Z Bestuur", "2026-12-01T19:00:00Z Bestuur",
                "2026-12-08T18:30:00Z Bestuur");
        assertThat(pushed(sync())).isEmpty();
    }

    @Test
    @DisplayName("a remote change of an instance wins over a change here not written yet, and is reported")
    void remoteChangeWinsOverAnUnwrittenOne() {
        series();
        sync();
        remote.userMoveInstance(seriesId(), DEC_1, DEC_1.plus(Duration.ofHours(1)), DEC_1.plus(Duration.ofHours(2)));
        h.dispatch("calendar.update_event", """
                {"id":"EV-0001","instance":"2026-12-01T19:30","title":"Lokaal"}""").assertOk();

        JsonNode result = sync();

        assertThat(changes(result)).containsExactly("moved:EV-0001@2026-12-01T19:30 2026-12-01T19:30->2026-12-01T20:30");
        assertThat(pushed(result)).isEmpty();
        assertThat(listed()).contains("2026-12-01T19:30:00+01:00 2026-12-01T20:30:00+01:00 Bestuur changed");
    }

    @Test
    @DisplayName("after an expired token the full listing reports none of Avalon's own instance writes")
    void fullResyncKeepsQuiet() {
        series();
        sync();
        h.dispatch("calendar.update_event", """
                {"id":"EV-0001","instance":"2026-12-01T19:30","start":"2026-12-01T18:00"}""").assertOk();
        h.dispatch("calendar.cancel_event", "{\"id\":\"EV-0001\",\"instance\":\"2026-12-08T19:30\"}").assertOk();
        sync();
        remote.expireSyncTokens();

        JsonNode result = sync();

        assertThat(result.path("fullSync").asBoolean()).isTrue();
        assertThat(changes(result)).isEmpty();
        assertThat(pushed(result)).isEmpty();
    }

    @Test
    @DisplayName("after the series itself is written, its changed and cancelled instances are written again with it")
    void seriesUpdateRewritesItsInstances() {
        series();
        sync();
        String seriesId = seriesId();
        h.dispatch("calendar.update_event", """
                {"id":"EV-0001","instance":"2026-12-01T19:30","start":"2026-12-01T18:00"}""").assertOk();
        h.dispatch("calendar.cancel_event", "{\"id\":\"EV-0001\",\"instance\":\"2026-12-08T19:30\"}").assertOk();
        sync();
        h.dispatch("calendar.update_event", "{\"id\":\"EV-0001\",\"title\":\"Bestuursvergadering\"}").assertOk();

        JsonNode result = sync();

        assertThat(pushed(result)).containsExactly("update:EV-0001", "update_instance:EV-0001@2026-12-01T19:30",
                "cancel_instance:EV-0001@2026-12-08T19:30");
        assertThat(remoteStarts()).containsExactly("2026-11-24T18:30:00Z Bestuursvergadering",
                "2026-12-01T17:00:00Z Bestuur", "2026-12-15T18:30:00Z Bestuursvergadering");
        assertThat(remote.event(seriesId).orElseThrow().title()).isEqualTo("Bestuursvergadering");
        JsonNode again = sync();
        assertThat(pushed(again)).isEmpty();
        assertThat(changes(again)).isEmpty();
    }

    @Test
    @DisplayName("an occurrence an EXDATE already removed counts as cancelled; once the series is written without it, the cancellation goes out as an instance")
    void exdateOfAnEarlierVersion() {
        series();
        sync();
        String seriesId = seriesId();
        // as a series pushed when cancellations still travelled as EXDATE lines
        remote.userEdit(seriesId, e -> new RemoteEvent(e.remoteId(), e.etag(), e.iCalUid(), e.title(),
                e.description(), e.location(), e.start(), e.end(), e.zone(), null, null,
                List.of(e.recurrence().get(0), "EXDATE;TZID=Europe/Amsterdam:20261208T193000"), null, null, false,
                e.attendees(), e.colorId(), e.privateProperties(), e.updated()));
        h.dispatch("calendar.cancel_event", "{\"id\":\"EV-0001\",\"instance\":\"2026-12-08T19:30\"}").assertOk();

        JsonNode quiet = sync();

        assertThat(changes(quiet)).isEmpty();
        assertThat(pushed(quiet)).as("nothing to cancel: the occurrence is not there").isEmpty();
        assertThat(quiet.path("failures")).isEmpty();
        assertThat(remote.instances(seriesId)).extracting(RemoteEvent::originalStart)
                .containsExactly(NOV_24, DEC_1, DEC_15);

        h.dispatch("calendar.update_event", "{\"id\":\"EV-0001\",\"location\":\"Clubhuis\"}").assertOk();
        JsonNode rewritten = sync();

        assertThat(pushed(rewritten)).containsExactly("update:EV-0001", "cancel_instance:EV-0001@2026-12-08T19:30");
        assertThat(remote.event(seriesId).orElseThrow().recurrence()).containsExactly("RRULE:FREQ=WEEKLY;COUNT=4");
        assertThat(remote.instances(seriesId)).extracting(RemoteEvent::originalStart)
                .containsExactly(NOV_24, DEC_1, DEC_15);
    }

    @Test
    @DisplayName("an instance of an all-day series is addressed by its day; a second sync is quiet")
    void allDayInstance() {
        h.dispatch("calendar.create_event", """
                {"title":"Thuiswerken","startDate":"2026-11-25",
                 "domain":"WERK","recurrence":{"freq":"WEEKLY","count":3}}""").assertOk();
        sync();
        String seriesId = seriesId();
        h.dispatch("calendar.update_event", """
                {"id":"EV-0001","instance":"2026-12-02T00:00","title":"Op kantoor"}""").assertOk();
        h.dispatch("calendar.cancel_event", "{\"id\":\"EV-0001\",\"instance\":\"2026-12-09T00:00\"}").assertOk();

        JsonNode result = sync();

        assertThat(pushed(result)).containsExactly("update_instance:EV-0001@2026-12-02T00:00",
                "cancel_instance:EV-0001@2026-12-09T00:00");
        assertThat(remote.event(seriesId + "_20261202")).hasValueSatisfying(e -> {
            assertThat(e.title()).isEqualTo("Op kantoor");
            assertThat(e.startDate()).hasToString("2026-12-02");
            assertThat(e.endDate()).hasToString("2026-12-03");
            assertThat(e.originalStart()).isEqualTo(Instant.parse("2026-12-02T00:00:00Z"));
        });
        assertThat(remote.instances(seriesId)).extracting(RemoteEvent::title)
                .containsExactly("Thuiswerken", "Op kantoor");
        JsonNode again = sync();
        assertThat(changes(again)).isEmpty();
        assertThat(pushed(again)).isEmpty();
    }

    @Test
    @DisplayName("an instance write that fails is reported with its instance and written by the next sync")
    void failedInstanceWriteIsRetried() {
        series();
        sync();
        h.dispatch("calendar.update_event", """
                {"id":"EV-0001","instance":"2026-12-01T19:30","start":"2026-12-01T18:00"}""").assertOk();
        flaky.failNextInstanceWrite();

        JsonNode failed = sync();

        assertThat(pushed(failed)).isEmpty();
        assertThat(failed.path("failures")).singleElement().satisfies(f -> {
            assertThat(f.path("eventId").asText()).isEqualTo("EV-0001");
            assertThat(f.path("instance").asText()).isEqualTo("2026-12-01T19:30");
            assertThat(f.path("kind").asText()).isEqualTo("UNAVAILABLE");
        });
        assertThat(pushed(sync())).containsExactly("update_instance:EV-0001@2026-12-01T19:30");
        assertThat(remoteStarts()).contains("2026-12-01T17:00:00Z Bestuur");
    }

    /** The in-memory remote, answering the next instance write with UNAVAILABLE when told to. */
    /** Fails the next instance write when asked, and every write while {@code reachable} is off. */
    private static final class FlakyRemote implements RemoteCalendar {
        private final RemoteCalendar delegate;
        private boolean failInstance;
        private boolean reachable;

        private void reach() {
            if (!reachable) {
                throw new RemoteCalendarException(RemoteCalendarException.Kind.UNAVAILABLE, "offline");
            }
        }

        FlakyRemote(RemoteCalendar delegate) {
            this.delegate = delegate;
        }

        void failNextInstanceWrite() {
            failInstance = true;
        }

        @Override
        public RemoteChanges changes(Optional<String> syncToken) {
            return delegate.changes(syncToken);
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
            if (event.isInstance() && failInstance) {
                failInstance = false;
                throw new RemoteCalendarException(RemoteCalendarException.Kind.UNAVAILABLE, "the remote is down");
            }
            return delegate.update(event, etag);
        }

        @Override
        public void delete(String remoteId, String etag) {
            reach();
            delegate.delete(remoteId, etag);
        }
    }
}
