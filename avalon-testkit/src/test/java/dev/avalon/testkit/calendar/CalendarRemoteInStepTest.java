package dev.avalon.testkit.calendar;

import com.fasterxml.jackson.databind.JsonNode;
import dev.avalon.core.base.ErrorCode;
import dev.avalon.core.json.Json;
import dev.avalon.core.port.AlertLevel;
import dev.avalon.core.port.BrainPath;
import dev.avalon.core.port.InviteRenderer;
import dev.avalon.core.port.InviteRequest;
import dev.avalon.core.port.InviteRequest.InviteMethod;
import dev.avalon.core.port.MailSender;
import dev.avalon.core.port.RemoteCalendar;
import dev.avalon.core.port.RemoteCalendarException;
import dev.avalon.core.port.RemoteEvent;
import dev.avalon.testkit.MutableClock;
import dev.avalon.testkit.brain.InMemoryBrainStore;
import dev.avalon.testkit.harness.AvalonHarness;
import dev.avalon.testkit.invite.PlainInviteRenderer;
import dev.avalon.testkit.mail.RecordingMailSender;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("The calendar in step with the remote: changes written at once, remote events imported, remote edits re-invite")
class CalendarRemoteInStepTest {

    private static final ZoneId AMS = ZoneId.of("Europe/Amsterdam");
    private static final String OVERLEG = """
            {"title":"Overleg","start":"2026-11-24T10:00","end":"2026-11-24T11:00","domain":"WERK"}""";

    private final MutableClock clock = MutableClock.at("2026-11-23T08:00:00+01:00");
    private final InMemoryRemoteCalendar remote = new InMemoryRemoteCalendar(clock);
    private final PlainInviteRenderer renderer = new PlainInviteRenderer();
    private final RecordingMailSender mail = new RecordingMailSender();
    private final AvalonHarness h = AvalonHarness.on(new InMemoryBrainStore(), clock, b -> b
            .port(RemoteCalendar.class, remote).port(InviteRenderer.class, renderer).port(MailSender.class, mail));

    @AfterEach
    void close() {
        h.close();
    }

    private String remoteIdOf(String eventId) {
        return remote.liveEvents().stream().filter(e -> eventId.equals(e.privateProperties().get("avalonId")))
                .filter(e -> !e.isInstance()).findFirst().orElseThrow().remoteId();
    }

    private JsonNode outbox() {
        return file("state/outbox.json");
    }

    private JsonNode file(String path) {
        try {
            return Json.parse(h.store().read(BrainPath.of(path)).orElseThrow());
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new AssertionError(e);
        }
    }

    private JsonNode sync() {
        return h.dispatch("calendar.sync").assertOk().data();
    }

    private void tick() {
        h.dispatch("system.tick", "{\"now\":\"" + clock.instant() + "\"}").assertOk();
    }

    private static List<String> pushed(JsonNode result) {
        List<String> out = new ArrayList<>();
        result.path("pushed").forEach(p -> out.add(p.path("op").asText() + ":" + p.path("eventId").asText()));
        return out;
    }

    private void userAdds(String remoteId, String title, Instant start, Instant end, String colorId,
                          Map<String, String> properties, List<String> attendees) {
        remote.userAdd(new RemoteEvent(remoteId, null, null, title, "", "", start, end, "Europe/Amsterdam", null,
                null, List.of(), null, null, false, attendees, colorId, properties, start));
    }

    // ------------------------------------------------------------------ written at once

    @Test
    @DisplayName("create, update and cancel reach the remote at once, without a sync; the sync after them writes nothing")
    void changesAreWrittenAtOnce() {
        h.dispatch("calendar.create_event", OVERLEG).assertOk();
        String remoteId = remoteIdOf("EV-0001");
        assertThat(remote.event(remoteId).orElseThrow().title()).isEqualTo("Overleg");
        assertThat(outbox().path("remoteWrites")).as("delivered, so no longer queued").isEmpty();

        clock.advance(Duration.ofMinutes(5));
        h.dispatch("calendar.update_event", "{\"id\":\"EV-0001\",\"title\":\"Overleg bestuur\"}").assertOk();
        assertThat(remote.event(remoteId).orElseThrow().title()).isEqualTo("Overleg bestuur");
        JsonNode synced = sync();
        assertThat(pushed(synced)).as("what was written is not written twice").isEmpty();
        assertThat(synced.path("changes")).as("Avalon's own writes are no remote changes").isEmpty();

        h.dispatch("calendar.cancel_event", "{\"id\":\"EV-0001\"}").assertOk();
        assertThat(remote.event(remoteId).orElseThrow().cancelled()).isTrue();
        assertThat(pushed(sync())).isEmpty();
        assertThat(h.dispatch("system.validate").assertOk().data().path("problems")).isEmpty();
    }

    @Test
    @DisplayName("a write the remote fails waits in the outbox with the invites' backoff and is made by a later delivery")
    void failedWriteIsRetriedWithBackoff() {
        remote.failNextWrites(RemoteCalendarException.Kind.UNAVAILABLE, 1);
        h.dispatch("calendar.create_event", OVERLEG).assertOk();
        assertThat(remote.liveEvents()).isEmpty();
        JsonNode waiting = outbox().path("remoteWrites").get(0);
        assertThat(waiting.path("eventId").asText()).isEqualTo("EV-0001");
        assertThat(waiting.path("status").asText()).isEqualTo("PENDING");
        assertThat(waiting.path("attempts").asInt()).isEqualTo(1);
        assertThat(waiting.path("nextAttemptAt").asText()).isEqualTo("2026-11-23T07:15:00Z");
        assertThat(waiting.path("lastError").asText()).startsWith("UNAVAILABLE");
        JsonNode listed = h.dispatch("calendar.outbox").assertOk().data();
        assertThat(listed.path("invites")).isEmpty();
        assertThat(listed.path("remoteWrites")).singleElement().satisfies(w -> {
            assertThat(w.path("eventId").asText()).isEqualTo("EV-0001");
            assertThat(w.path("status").asText()).isEqualTo("PENDING");
            assertThat(w.path("nextAttemptAt").asText()).isEqualTo("2026-11-23T08:15:00+01:00");
        });

        tick();
        assertThat(remote.liveEvents()).as("the backoff has not passed").isEmpty();
        clock.advance(Duration.ofMinutes(15));
        tick();
        assertThat(remote.event(remoteIdOf("EV-0001")).orElseThrow().title()).isEqualTo("Overleg");
        assertThat(outbox().path("remoteWrites")).isEmpty();
        assertThat(pushed(sync())).isEmpty();
    }

    @Test
    @DisplayName("a write no retry cures is dead at once with an IMPORTANT alert, does not hold commits, and the next change writes it")
    void deadWriteDoesNotBlockCommits() {
        remote.failNextWrites(RemoteCalendarException.Kind.BAD_REQUEST, 1);
        JsonNode created = h.dispatch("calendar.create_event", OVERLEG).assertOk().json();
        assertThat(created.path("alerts").toString()).contains("CALENDAR_REMOTE_WRITE_DEAD");
        assertThat(h.alerts().at(AlertLevel.IMPORTANT)).extracting(a -> a.code())
                .contains("CALENDAR_REMOTE_WRITE_DEAD");
        assertThat(outbox().path("remoteWrites").get(0).path("status").asText()).isEqualTo("DEAD");
        assertThat(h.dispatch("calendar.outbox", "{\"status\":\"DEAD\"}").assertOk().data().path("remoteWrites"))
                .singleElement().satisfies(w -> assertThat(w.path("lastError").asText()).startsWith("BAD_REQUEST"));
        assertThat(h.dispatch("system.validate").assertOk().data().path("problems"))
                .as("a dead remote write matches outbox.schema.json").isEmpty();

        String q = h.dispatch("brain.request_commit").assertOk().askId(0);
        h.dispatch("question.answer", "{\"id\":\"" + q + "\",\"answer\":\"JA\"}").assertOk();

        clock.advance(Duration.ofMinutes(1));
        h.dispatch("calendar.update_event", "{\"id\":\"EV-0001\",\"location\":\"Zaal 1\"}").assertOk();
        assertThat(remote.event(remoteIdOf("EV-0001")).orElseThrow().location()).isEqualTo("Zaal 1");
        assertThat(outbox().path("remoteWrites")).isEmpty();
    }

    @Test
    @DisplayName("a dead write is cleared by the sync that writes the event")
    void syncClearsADeadWrite() {
        remote.failNextWrites(RemoteCalendarException.Kind.BAD_REQUEST, 1);
        h.dispatch("calendar.create_event", OVERLEG).assertOk();
        assertThat(outbox().path("remoteWrites")).hasSize(1);
        assertThat(pushed(sync())).containsExactly("insert:EV-0001");
        assertThat(outbox().path("remoteWrites")).isEmpty();
        assertThat(remote.liveEvents()).hasSize(1);
    }

    @Test
    @DisplayName("a write that meets the user's remote edit adopts the remote version, as the sync would, and says so with an INFO alert")
    void conflictOnDelivery() {
        h.dispatch("calendar.create_event", OVERLEG).assertOk();
        String remoteId = remoteIdOf("EV-0001");
        remote.userMove(remoteId, Instant.parse("2026-11-24T13:00:00Z"), Instant.parse("2026-11-24T14:00:00Z"));
        clock.advance(Duration.ofMinutes(1));

        JsonNode updated = h.dispatch("calendar.update_event", "{\"id\":\"EV-0001\",\"title\":\"Overleg bestuur\"}")
                .assertOk().json();

        assertThat(updated.path("alerts").toString()).contains("CALENDAR_REMOTE_CONFLICT").contains("remote_adopted");
        JsonNode item = h.dispatch("calendar.list_events", """
                {"from":"2026-11-24T00:00:00+01:00","to":"2026-11-25T00:00:00+01:00"}""").assertOk().data()
                .path("items").get(0);
        assertThat(item.path("start").asText()).isEqualTo("2026-11-24T14:00:00+01:00");
        assertThat(remote.event(remoteId).orElseThrow().start()).isEqualTo(Instant.parse("2026-11-24T13:00:00Z"));
        assertThat(outbox().path("remoteWrites")).isEmpty();
        JsonNode synced = sync();
        assertThat(pushed(synced)).isEmpty();
        assertThat(synced.path("failures")).isEmpty();
    }

    @Test
    @DisplayName("without a remote calendar nothing is queued for one")
    void nothingQueuedWithoutARemote() {
        try (AvalonHarness bare = AvalonHarness.inMemory()) {
            bare.dispatch("calendar.create_event", OVERLEG).assertOk();
            assertThat(bare.store().read(BrainPath.of("state/outbox.json"))).isEmpty();
        }
    }

    // ------------------------------------------------------------------ imported

    @Test
    @DisplayName("the sync imports events made remotely: domain from Avalon's property, else the colour, else calendar.importDomain")
    void importsRemoteEvents() {
        userAdds("borrel1", "Borrel", Instant.parse("2026-11-24T16:00:00Z"), Instant.parse("2026-11-24T18:00:00Z"),
                null, Map.of(), List.of());
        userAdds("tandarts1", "Tandarts", Instant.parse("2026-11-25T09:00:00Z"),
                Instant.parse("2026-11-25T09:30:00Z"), "6", Map.of(), List.of());
        userAdds("belasting1", "Belasting", Instant.parse("2026-11-26T09:00:00Z"),
                Instant.parse("2026-11-26T10:00:00Z"), "6", Map.of("domain", "FINANCIEN"), List.of());

        JsonNode result = sync();

        List<String> added = new ArrayList<>();
        result.path("changes").forEach(c -> added.add(c.path("kind").asText() + " " + c.path("eventId").asText()
                + " " + c.path("remoteId").asText() + " " + c.path("domain").asText() + " "
                + c.path("imported").asBoolean()));
        assertThat(added).containsExactlyInAnyOrder("added EV-0001 borrel1 PRIVE true",
                "added EV-0002 tandarts1 GEZONDHEID true", "added EV-0003 belasting1 FINANCIEN true");
        assertThat(pushed(result)).as("the remote holds them already").isEmpty();
        JsonNode stored = file("state/calendar/events.json");
        assertThat(stored.path("events").get(0).path("origin").asText()).isEqualTo("REMOTE");
        assertThat(stored.path("events").get(0).path("remoteId").asText()).isEqualTo("borrel1");
        assertThat(stored.path("events").get(0).path("etag").asText())
                .isEqualTo(remote.event("borrel1").orElseThrow().etag());
        assertThat(h.dispatch("system.validate").assertOk().data().path("problems")).isEmpty();

        JsonNode again = sync();
        assertThat(again.path("changes")).isEmpty();
        assertThat(pushed(again)).isEmpty();
    }

    @Test
    @DisplayName("an imported event is busy time for free slots and AUTO_PLAN, and sends no invitation")
    void importedEventsAreBusy() {
        userAdds("lunch1", "Lunch", Instant.parse("2026-11-24T11:00:00Z"), Instant.parse("2026-11-24T13:00:00Z"),
                null, Map.of("domain", "VSB"), List.of("gast@example.org"));
        assertThat(slotsOverlapLunch()).as("before the sync the lunch is unknown here").isTrue();

        sync();

        assertThat(slotsOverlapLunch()).as("after it, the lunch is busy").isFalse();
        h.dispatch("calendar.create_event", """
                {"title":"Focus","start":"2026-11-24T12:30","end":"2026-11-24T13:30","domain":"WERK","mode":"AUTO_PLAN"}""")
                .assertRejected(dev.avalon.core.calendar.CalendarFeature.CALENDAR_CONFLICT);
        assertThat(mail.sent()).as("importing invites nobody").isEmpty();
        assertThat(h.dispatch("calendar.outbox").assertOk().data().path("invites")).isEmpty();
    }

    @Test
    @DisplayName("a remote series with an end is imported with its rule, EXDATEs and cancelled occurrences; one without an end is reported, not imported")
    void importsARemoteSeries() {
        remote.userAdd(new RemoteEvent("yoga1", null, null, "Yoga", "", "", Instant.parse("2026-11-23T18:00:00Z"),
                Instant.parse("2026-11-23T19:00:00Z"), "Europe/Amsterdam", null, null,
                List.of("RRULE:FREQ=WEEKLY;COUNT=3", "EXDATE;TZID=Europe/Amsterdam:20261130T190000"), null, null,
                false, List.of(), null, Map.of(), null));
        remote.userAdd(new RemoteEvent("koor1", null, null, "Koor", "", "", Instant.parse("2026-11-25T19:00:00Z"),
                Instant.parse("2026-11-25T20:00:00Z"), "Europe/Amsterdam", null, null,
                List.of("RRULE:FREQ=WEEKLY"), null, null, false, List.of(), null, Map.of(), null));
        remote.userAdd(new RemoteEvent("pilates1", null, null, "Pilates", "", "",
                Instant.parse("2026-11-25T18:00:00Z"), Instant.parse("2026-11-25T19:00:00Z"), "Europe/Amsterdam",
                null, null, List.of("RRULE:FREQ=WEEKLY;COUNT=2"), null, null, false, List.of(), null, Map.of(),
                null));
        remote.userCancelInstance("pilates1", Instant.parse("2026-12-02T18:00:00Z"));

        JsonNode result = sync();

        JsonNode koor = result.path("changes").findParents("remoteId").stream()
                .filter(c -> c.path("remoteId").asText().equals("koor1")).findFirst().orElseThrow();
        assertThat(koor.path("imported").asBoolean()).isFalse();
        assertThat(koor.path("reason").asText()).contains("no end");
        List<String> starts = new ArrayList<>();
        h.dispatch("calendar.list_events", """
                {"from":"2026-11-23T00:00:00+01:00","to":"2026-12-31T00:00:00+01:00"}""").assertOk().data()
                .path("items").forEach(i -> starts.add(i.path("title").asText() + " " + i.path("start").asText()));
        assertThat(starts).containsExactly("Yoga 2026-11-23T19:00:00+01:00", "Pilates 2026-11-25T19:00:00+01:00",
                "Yoga 2026-12-07T19:00:00+01:00");
        List<String> kinds = new ArrayList<>();
        result.path("changes").forEach(c -> kinds.add(c.path("kind").asText()));
        assertThat(kinds).as("a cancelled occurrence of an imported series is part of the import")
                .containsOnly("added");
        assertThat(pushed(result)).as("the cancelled dates are held remotely already").isEmpty();
        assertThat(sync().path("changes")).isEmpty();
    }

    /** Whether a free slot of 24 November meets the lunch made remotely, 12:00-14:00 local. */
    private boolean slotsOverlapLunch() {
        JsonNode slots = h.dispatch("calendar.free_slots", """
                {"from":"2026-11-24T09:00:00+01:00","to":"2026-11-24T17:30:00+01:00","durationMinutes":60,"limit":20}""")
                .assertOk().data().path("slots");
        boolean overlap = false;
        for (JsonNode s : slots) {
            Instant start = java.time.OffsetDateTime.parse(s.path("start").asText()).toInstant();
            Instant end = java.time.OffsetDateTime.parse(s.path("end").asText()).toInstant();
            overlap |= end.isAfter(Instant.parse("2026-11-24T11:00:00Z"))
                    && start.isBefore(Instant.parse("2026-11-24T13:00:00Z"));
        }
        return overlap;
    }

    // ------------------------------------------------------------------ re-invited

    @Test
    @DisplayName("a remote move of an invite-domain event is adopted and re-invites its attendees with SEQUENCE+1")
    void remoteEditReinvites() {
        h.dispatch("calendar.create_event", """
                {"title":"Bestuur","start":"2026-11-24T19:30","end":"2026-11-24T21:00","domain":"VSB",
                 "attendees":["secretaris@example.org"]}""").assertOk();
        assertThat(mail.sent()).hasSize(1);
        remote.userMove(remoteIdOf("EV-0001"), Instant.parse("2026-11-24T19:00:00Z"),
                Instant.parse("2026-11-24T20:30:00Z"));

        JsonNode result = sync();

        assertThat(result.path("reinvited")).singleElement()
                .satisfies(i -> assertThat(i.path("sequence").asInt()).isEqualTo(1));
        assertThat(mail.sent()).hasSize(2);
        InviteRequest request = renderer.parse(mail.sent().get(1).mail().invite().icalendar());
        assertThat(request.method()).isEqualTo(InviteMethod.REQUEST);
        assertThat(request.sequence()).isEqualTo(1);
        assertThat(request.start()).isEqualTo(LocalDateTime.parse("2026-11-24T20:00").atZone(AMS));
        assertThat(request.attendees()).containsExactly("secretaris@example.org");
        assertThat(pushed(result)).as("the remote holds the move already").isEmpty();
        assertThat(sync().path("reinvited")).as("once per edit").isEmpty();
    }

    @Test
    @DisplayName("a remote deletion of an invite-domain event cancels it here and sends its attendees a CANCEL with SEQUENCE+1, once")
    void remoteDeletionCancelsForTheAttendees() {
        h.dispatch("calendar.create_event", """
                {"title":"Bestuur","start":"2026-11-24T19:30","end":"2026-11-24T21:00","domain":"VSB",
                 "attendees":["secretaris@example.org"]}""").assertOk();
        assertThat(mail.sent()).hasSize(1);
        remote.userDelete(remoteIdOf("EV-0001"));

        JsonNode result = sync();

        assertThat(result.path("changes")).anySatisfy(c -> assertThat(c.path("kind").asText()).isEqualTo("deleted"));
        assertThat(result.path("reinvited")).singleElement()
                .satisfies(i -> assertThat(i.path("sequence").asInt()).isEqualTo(1));
        assertThat(mail.sent()).hasSize(2);
        InviteRequest cancel = renderer.parse(mail.sent().get(1).mail().invite().icalendar());
        assertThat(cancel.method()).isEqualTo(InviteMethod.CANCEL);
        assertThat(cancel.sequence()).isEqualTo(1);
        assertThat(cancel.attendees()).containsExactly("secretaris@example.org");
        assertThat(new String(h.store().read(dev.avalon.core.port.BrainPath.of("state/calendar/events.json"))
                .orElseThrow(), java.nio.charset.StandardCharsets.UTF_8)).contains("CANCELLED");
        assertThat(sync().path("reinvited")).as("once").isEmpty();
        assertThat(mail.sent()).hasSize(2);
    }

    @Test
    @DisplayName("a remote move of one instance of an invite-domain series re-invites that instance with SEQUENCE+1")
    void remoteInstanceEditReinvites() {
        h.dispatch("calendar.create_event", """
                {"title":"Bestuur","start":"2026-11-24T19:30","end":"2026-11-24T21:00","domain":"VSB",
                 "attendees":["secretaris@example.org"],"recurrence":{"freq":"WEEKLY","count":4}}""").assertOk();
        remote.userMoveInstance(remoteIdOf("EV-0001"), Instant.parse("2026-12-01T18:30:00Z"),
                Instant.parse("2026-12-02T18:30:00Z"), Instant.parse("2026-12-02T20:00:00Z"));

        sync();

        InviteRequest request = renderer.parse(mail.sent().get(mail.sent().size() - 1).mail().invite().icalendar());
        assertThat(request.method()).isEqualTo(InviteMethod.REQUEST);
        assertThat(request.sequence()).isEqualTo(1);
        assertThat(request.recurrenceId()).isEqualTo(LocalDateTime.parse("2026-12-01T19:30").atZone(AMS));
        assertThat(request.start()).isEqualTo(LocalDateTime.parse("2026-12-02T19:30").atZone(AMS));
    }

    @Test
    @DisplayName("a change here that meets the user's remote move adopts the move and re-invites the attendees with the version that stands")
    void conflictReinvites() {
        h.dispatch("calendar.create_event", """
                {"title":"Bestuur","start":"2026-11-24T19:30","end":"2026-11-24T21:00","domain":"VSB",
                 "attendees":["secretaris@example.org"]}""").assertOk();
        remote.userMove(remoteIdOf("EV-0001"), Instant.parse("2026-11-24T19:00:00Z"),
                Instant.parse("2026-11-24T20:30:00Z"));
        clock.advance(Duration.ofMinutes(1));

        JsonNode updated = h.dispatch("calendar.update_event", "{\"id\":\"EV-0001\",\"title\":\"Bestuur (ALV)\"}")
                .assertOk().json();

        assertThat(updated.path("alerts").toString()).contains("CALENDAR_REMOTE_CONFLICT");
        InviteRequest last = renderer.parse(mail.sent().get(mail.sent().size() - 1).mail().invite().icalendar());
        assertThat(last.sequence()).as("after the REQUEST of the change here, SEQUENCE 1").isEqualTo(2);
        assertThat(last.summary()).isEqualTo("Bestuur");
        assertThat(last.start()).isEqualTo(LocalDateTime.parse("2026-11-24T20:00").atZone(AMS));
    }

    @Test
    @DisplayName("a remote edit of an event of a domain that sends no invitations re-invites nobody")
    void noReinviteOutsideInviteDomains() {
        h.dispatch("calendar.create_event", """
                {"title":"Overleg","start":"2026-11-24T10:00","end":"2026-11-24T11:00","domain":"WERK",
                 "attendees":["collega@example.org"]}""").assertOk();
        remote.userMove(remoteIdOf("EV-0001"), Instant.parse("2026-11-24T13:00:00Z"),
                Instant.parse("2026-11-24T14:00:00Z"));
        JsonNode result = sync();
        assertThat(result.path("changes").get(0).path("kind").asText()).isEqualTo("moved");
        assertThat(result.has("reinvited")).isFalse();
        assertThat(mail.sent()).isEmpty();
    }

    @Test
    @DisplayName("a refused AUTO_PLAN create queues no remote write")
    void refusalQueuesNothing() {
        h.dispatch("calendar.create_event", OVERLEG).assertOk();
        h.dispatch("calendar.create_event", """
                {"title":"Dubbel","start":"2026-11-24T10:30","end":"2026-11-24T11:30","domain":"WERK","mode":"AUTO_PLAN"}""")
                .assertRejected(dev.avalon.core.calendar.CalendarFeature.CALENDAR_CONFLICT);
        assertThat(remote.liveEvents()).hasSize(1);
        h.dispatch("calendar.update_event", "{\"id\":\"EV-9999\",\"title\":\"x\"}").assertRejected(ErrorCode.NOT_FOUND);
        assertThat(file("state/outbox.json").path("remoteWrites")).isEmpty();
    }
}
