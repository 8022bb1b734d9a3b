package dev.avalon.google;

import com.fasterxml.jackson.databind.JsonNode;
import dev.avalon.core.port.RemoteCalendar;
import dev.avalon.core.schema.JsonSchemas;
import dev.avalon.testkit.MutableClock;
import dev.avalon.testkit.brain.InMemoryBrainStore;
import dev.avalon.testkit.google.FakeCalendar;
import dev.avalon.testkit.google.FakeGoogleCalendarServer;
import dev.avalon.testkit.google.InjectedFailure;
import dev.avalon.testkit.calendar.ReachableOnlyWhileSyncing;
import dev.avalon.testkit.harness.AvalonHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("calendar.sync through GoogleCalendar against the loopback fake: single instances of a series, failed writes, stale ETags")
class GoogleCalendarSyncTest {

    private final MutableClock clock = MutableClock.at("2026-11-23T08:00:00+01:00");
    private FakeGoogleCalendarServer google;
    private AvalonHarness h;
    /** Between syncs the remote is not reached: these tests are about what calendar.sync writes. */
    private ReachableOnlyWhileSyncing gate;

    private FakeCalendar open(boolean singleEvents, WriteMode writeMode) {
        google = FakeGoogleCalendarServer.builder().clock(clock).pageSize(3).start();
        GoogleCalendar adapter = new GoogleCalendar(GoogleCalendarConfig.custom("primary",
                        FakeGoogleCalendarServer.CLIENT_ID, FakeGoogleCalendarServer.CLIENT_SECRET,
                        FakeGoogleCalendarServer.REFRESH_TOKEN)
                .baseUri(google.baseUri()).tokenUri(google.tokenUri()).singleEvents(singleEvents)
                .writeMode(writeMode).clock(clock).sleeper(delay -> { }).random(new Random(7)).build());
        gate = new ReachableOnlyWhileSyncing(adapter);
        h = AvalonHarness.on(new InMemoryBrainStore(), clock, b -> b.port(RemoteCalendar.class, gate));
        return google.calendar("primary");
    }

    @AfterEach
    void close() {
        if (h != null) {
            h.close();
        }
        if (google != null) {
            google.close();
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

    private static String seriesId(FakeCalendar primary) {
        return primary.liveEvents().stream().filter(e -> e.has("recurrence")).findFirst().orElseThrow()
                .path("id").asText();
    }

    @ParameterizedTest(name = "singleEvents={0}, {1}")
    @CsvSource({"false, PUT", "true, PATCH", "true, PUT"})
    @DisplayName("instances changed and cancelled in Avalon reach Google as instances; Avalon's own writes are not reported back, the user's are")
    void instancesRoundTrip(boolean singleEvents, WriteMode writeMode) {
        FakeCalendar primary = open(singleEvents, writeMode);
        h.dispatch("calendar.create_event", """
                {"title":"Bestuur","start":"2026-11-24T19:30","end":"2026-11-24T21:00","domain":"WERK",
                 "recurrence":{"freq":"WEEKLY","count":4}}""").assertOk();
        assertThat(entries(sync().path("pushed"), "op")).containsExactly("insert:EV-0001");
        String seriesId = seriesId(primary);
        String seriesEtag = primary.event(seriesId).orElseThrow().path("etag").asText();

        h.dispatch("calendar.update_event", """
                {"id":"EV-0001","instance":"2026-12-01T19:30","start":"2026-12-02T20:00","location":"Kantine"}""")
                .assertOk();
        h.dispatch("calendar.cancel_event", "{\"id\":\"EV-0001\",\"instance\":\"2026-12-15T19:30\"}").assertOk();
        JsonNode pushed = sync();

        assertThat(entries(pushed.path("pushed"), "op")).containsExactly(
                "update_instance:EV-0001@2026-12-01T19:30", "cancel_instance:EV-0001@2026-12-15T19:30");
        assertThat(entries(pushed.path("changes"), "kind")).isEmpty();
        assertThat(primary.instances(seriesId)).extracting(i -> i.path("start").path("dateTime").asText() + " "
                + i.path("location").asText("")).containsExactly("2026-11-24T19:30:00+01:00 ",
                "2026-12-02T20:00:00+01:00 Kantine", "2026-12-08T19:30:00+01:00 ");
        assertThat(primary.event(seriesId).orElseThrow().path("etag").asText())
                .as("the series itself is not written").isEqualTo(seriesEtag);

        JsonNode quiet = sync();
        assertThat(entries(quiet.path("pushed"), "op")).isEmpty();
        assertThat(entries(quiet.path("changes"), "kind")).isEmpty();

        primary.move(seriesId + "_20261208T183000Z", Instant.parse("2026-12-08T17:00:00Z"),
                Instant.parse("2026-12-08T18:30:00Z"));
        JsonNode moved = sync();
        assertThat(entries(moved.path("changes"), "kind")).containsExactly("moved:EV-0001@2026-12-08T19:30");
        assertThat(moved.path("changes").get(0).path("to").asText()).isEqualTo("2026-12-08T18:00");
        assertThat(entries(moved.path("pushed"), "op")).isEmpty();

        google.expireSyncTokens();
        JsonNode full = sync();
        assertThat(full.path("fullSync").asBoolean()).isTrue();
        assertThat(entries(full.path("changes"), "kind")).isEmpty();
        assertThat(entries(full.path("pushed"), "op")).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"PUT", "PATCH"})
    @DisplayName("with singleEvents the series' ETag goes stale when the user edits the series in Google: the 412 adopts Google's series, reports the title it replaced, and later updates go through")
    void staleSeriesEtagRecovers(WriteMode writeMode) {
        FakeCalendar primary = open(true, writeMode);
        h.dispatch("calendar.create_event", """
                {"title":"Bestuur","start":"2026-11-24T19:30","end":"2026-11-24T21:00","domain":"WERK",
                 "recurrence":{"freq":"WEEKLY","count":4}}""").assertOk();
        sync();
        String seriesId = seriesId(primary);
        primary.edit(seriesId, "{\"location\":\"Zaal 2\"}");
        h.dispatch("calendar.update_event", "{\"id\":\"EV-0001\",\"title\":\"Bestuursvergadering\"}").assertOk();

        JsonNode conflicted = sync();

        assertThat(entries(conflicted.path("changes"), "kind")).as("the listing carries the series as its instances")
                .hasSize(4).allMatch(c -> c.startsWith("edited:EV-0001@"));
        assertThat(conflicted.path("failures")).singleElement().satisfies(f -> {
            assertThat(f.path("op").asText()).isEqualTo("update");
            assertThat(f.path("kind").asText()).isEqualTo("CONFLICT");
            assertThat(f.path("resolution").asText()).isEqualTo("remote_adopted");
        });
        assertThat(conflicted.path("overridden")).singleElement().satisfies(o -> {
            assertThat(o.path("reason").asText()).isEqualTo("conflict");
            assertThat(o.path("fields").path("title").path("local").asText()).isEqualTo("Bestuursvergadering");
            assertThat(o.path("fields").path("title").path("remote").asText()).isEqualTo("Bestuur");
        });
        assertThat(primary.event(seriesId).orElseThrow().path("summary").asText()).isEqualTo("Bestuur");

        JsonNode next = sync();
        assertThat(next.path("failures")).isEmpty();
        assertThat(entries(next.path("pushed"), "op")).isEmpty();

        h.dispatch("calendar.update_event", "{\"id\":\"EV-0001\",\"title\":\"Bestuursvergadering\"}").assertOk();
        JsonNode again = sync();
        assertThat(again.path("failures")).as("the series' ETag was refreshed by the re-read").isEmpty();
        assertThat(entries(again.path("pushed"), "op")).contains("update:EV-0001");
        assertThat(primary.event(seriesId).orElseThrow().path("summary").asText()).isEqualTo("Bestuursvergadering");
        assertThat(primary.event(seriesId).orElseThrow().path("location").asText()).isEqualTo("Zaal 2");
    }

    @ParameterizedTest(name = "singleEvents={0}")
    @CsvSource({"false", "true"})
    @DisplayName("an update Google fails after every retry is reported and written by the next sync")
    void failedUpdateIsWrittenLater(boolean singleEvents) {
        FakeCalendar primary = open(singleEvents, WriteMode.PUT);
        h.dispatch("calendar.create_event", """
                {"title":"Overleg","start":"2026-11-24T10:00","end":"2026-11-24T11:00","domain":"WERK"}""").assertOk();
        sync();
        String id = primary.liveEvents().get(0).path("id").asText();
        h.dispatch("calendar.update_event", "{\"id\":\"EV-0001\",\"title\":\"Overleg bestuur\"}").assertOk();
        // the listing goes through; the PUT meets a 500 on its first try and on each of the 5 retries
        google.failNextWrites(InjectedFailure.serverError(), InjectedFailure.serverError(),
                InjectedFailure.serverError(), InjectedFailure.serverError(), InjectedFailure.serverError(),
                InjectedFailure.serverError());

        JsonNode failed = sync();

        assertThat(failed.path("failures")).singleElement().satisfies(f -> {
            assertThat(f.path("op").asText()).isEqualTo("update");
            assertThat(f.path("kind").asText()).isEqualTo("UNAVAILABLE");
        });
        assertThat(primary.event(id).orElseThrow().path("summary").asText()).isEqualTo("Overleg");

        JsonNode retried = sync();
        assertThat(retried.path("failures")).isEmpty();
        assertThat(entries(retried.path("pushed"), "op")).containsExactly("update:EV-0001");
        assertThat(primary.event(id).orElseThrow().path("summary").asText()).isEqualTo("Overleg bestuur");
    }
    @ParameterizedTest(name = "{0}")
    @CsvSource({"quotaExceeded, QUOTA_EXHAUSTED", "accessNotConfigured, NOT_CONFIGURED"})
    @DisplayName("a write Google refuses for a quota or the project's setup is reported with that kind at once, and written by a later sync")
    void refusedWriteReportedWithItsKind(String reason, String kind) {
        FakeCalendar primary = open(false, WriteMode.PATCH);
        h.dispatch("calendar.create_event", """
                {"title":"Overleg","start":"2026-11-24T10:00","end":"2026-11-24T11:00","domain":"WERK"}""").assertOk();
        google.failNextWrites(reason.equals("quotaExceeded") ? InjectedFailure.quotaExceeded()
                : InjectedFailure.accessNotConfigured());

        JsonNode failed = sync();

        assertThat(failed.path("failures")).singleElement().satisfies(f -> {
            assertThat(f.path("op").asText()).isEqualTo("insert");
            assertThat(f.path("kind").asText()).isEqualTo(kind);
        });
        JsonNode resultSchema = h.avalon().catalog().find("calendar.sync").orElseThrow().resultSchema();
        assertThat(JsonSchemas.validate(resultSchema, failed, "$.data")).as("the result keeps its schema").isEmpty();
        assertThat(primary.liveEvents()).isEmpty();
        assertThat(entries(sync().path("pushed"), "op")).containsExactly("insert:EV-0001");
        assertThat(primary.liveEvents()).hasSize(1);
    }
}
