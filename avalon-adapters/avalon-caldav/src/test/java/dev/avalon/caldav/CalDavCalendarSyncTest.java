package dev.avalon.caldav;

import com.fasterxml.jackson.databind.JsonNode;
import dev.avalon.core.port.RemoteCalendar;
import dev.avalon.core.port.RemoteEvent;
import dev.avalon.testkit.MutableClock;
import dev.avalon.testkit.brain.InMemoryBrainStore;
import dev.avalon.testkit.calendar.ReachableOnlyWhileSyncing;
import dev.avalon.testkit.harness.AvalonHarness;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("calendar.sync through CalDavCalendar against Radicale: a series and its instances, the user's moves, a refused token")
class CalDavCalendarSyncTest {

    private static RadicaleServer radicale;
    private static int calendars;

    private final MutableClock clock = MutableClock.at("2026-11-23T08:00:00+01:00");
    private CalDavCalendar adapter;
    private AvalonHarness h;
    /** Between syncs the remote is not reached: these tests are about what calendar.sync writes. */
    private ReachableOnlyWhileSyncing gate;
    private URI collection;

    @BeforeAll
    static void startRadicale() throws Exception {
        if (CalDavServer.installed("radicale")) {
            radicale = new RadicaleServer();
        }
    }

    @AfterAll
    static void stopRadicale() throws Exception {
        if (radicale != null) {
            radicale.close();
        }
    }

    @BeforeEach
    void open() {
        CalDavServer.assumeStarted(radicale, "radicale");
        collection = radicale.newCalendar("sync" + (++calendars));
        adapter = new CalDavCalendar(CalDavConfig.custom(collection).login(RadicaleServer.USER, RadicaleServer.PASSWORD)
                .clock(clock).sleeper(delay -> { }).random(new Random(7)).build());
        adapter.createCalendar("Avalon");
        gate = new ReachableOnlyWhileSyncing(adapter);
        h = AvalonHarness.on(new InMemoryBrainStore(), clock, b -> b.port(RemoteCalendar.class, gate));
    }

    @AfterEach
    void close() {
        if (h != null) {
            h.close();
        }
    }

    private JsonNode sync() {
        clock.advance(Duration.ofMinutes(1));
        JsonNode result = gate.whileSyncing(() -> h.dispatch("calendar.sync").assertOk().data());
        clock.advance(Duration.ofMinutes(1));
        return result;
    }

    private static List<String> entries(JsonNode list, String kind) {
        List<String> out = new ArrayList<>();
        list.forEach(n -> out.add(n.path(kind).asText() + ":" + n.path("eventId").asText()
                + (n.has("instance") ? "@" + n.path("instance").asText() : "")));
        return out;
    }

    @Test
    @DisplayName("instances changed and cancelled in Avalon arrive as overrides; Avalon's own writes are not reported back, the user's move is")
    void instancesRoundTrip() throws Exception {
        h.dispatch("calendar.create_event", """
                {"title":"Bestuur","start":"2026-11-24T19:30","end":"2026-11-24T21:00","domain":"WERK",
                 "recurrence":{"freq":"WEEKLY","count":4}}""").assertOk();
        assertThat(entries(sync().path("pushed"), "op")).containsExactly("insert:EV-0001");
        RemoteEvent series = adapter.changes(Optional.empty()).events().get(0);

        h.dispatch("calendar.update_event", """
                {"id":"EV-0001","instance":"2026-12-01T19:30","start":"2026-12-02T20:00","location":"Kantine"}""")
                .assertOk();
        h.dispatch("calendar.cancel_event", "{\"id\":\"EV-0001\",\"instance\":\"2026-12-15T19:30\"}").assertOk();
        JsonNode pushed = sync();

        assertThat(entries(pushed.path("pushed"), "op")).containsExactly(
                "update_instance:EV-0001@2026-12-01T19:30", "cancel_instance:EV-0001@2026-12-15T19:30");
        assertThat(entries(pushed.path("changes"), "kind")).isEmpty();
        assertThat(adapter.get(series.remoteId() + "_20261201T183000Z")).hasValueSatisfying(e -> {
            assertThat(e.start()).isEqualTo(Instant.parse("2026-12-02T19:00:00Z"));
            assertThat(e.location()).isEqualTo("Kantine");
        });
        assertThat(adapter.get(series.remoteId() + "_20261215T183000Z"))
                .hasValueSatisfying(e -> assertThat(e.cancelled()).isTrue());

        JsonNode quiet = sync();
        assertThat(entries(quiet.path("pushed"), "op")).isEmpty();
        assertThat(entries(quiet.path("changes"), "kind")).isEmpty();

        RemoteEvent third = adapter.get(series.remoteId() + "_20261208T183000Z").orElseThrow();
        adapter.update(new RemoteEvent(third.remoteId(), null, null, third.title(), third.description(),
                third.location(), Instant.parse("2026-12-08T17:00:00Z"), Instant.parse("2026-12-08T18:30:00Z"),
                third.zone(), null, null, List.of(), third.recurringEventId(), third.originalStart(), false,
                third.attendees(), third.colorId(), third.privateProperties(), null), third.etag());
        JsonNode moved = sync();
        assertThat(entries(moved.path("changes"), "kind")).containsExactly("moved:EV-0001@2026-12-08T19:30");
        assertThat(moved.path("changes").get(0).path("to").asText()).isEqualTo("2026-12-08T18:00");
        assertThat(entries(moved.path("pushed"), "op")).isEmpty();

        // Radicale answers a token naming the state it is in without its cache: the user changes something first
        RemoteEvent first = adapter.get(series.remoteId() + "_20261124T183000Z").orElseThrow();
        adapter.update(new RemoteEvent(first.remoteId(), null, null, first.title(), first.description(),
                first.location(), Instant.parse("2026-11-24T19:00:00Z"), Instant.parse("2026-11-24T20:30:00Z"),
                first.zone(), null, null, List.of(), first.recurringEventId(), first.originalStart(), false,
                first.attendees(), first.colorId(), first.privateProperties(), null), null);
        radicale.expireSyncTokens(collection);
        JsonNode full = sync();
        assertThat(full.path("fullSync").asBoolean()).isTrue();
        assertThat(entries(full.path("changes"), "kind")).containsExactly("moved:EV-0001@2026-11-24T19:30");
        assertThat(entries(full.path("pushed"), "op")).isEmpty();

        JsonNode after = sync();
        assertThat(after.path("fullSync").asBoolean()).isFalse();
        assertThat(entries(after.path("changes"), "kind")).isEmpty();
        assertThat(entries(after.path("pushed"), "op")).isEmpty();
    }
}
