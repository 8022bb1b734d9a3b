package dev.avalon.testkit.calendar;

import com.fasterxml.jackson.databind.JsonNode;
import dev.avalon.core.base.ErrorCode;
import dev.avalon.core.base.Violation;
import dev.avalon.core.audit.AuditFile;
import dev.avalon.core.json.Json;
import dev.avalon.core.port.AlertLevel;
import dev.avalon.core.port.InviteRenderer;
import dev.avalon.core.port.MailSender;
import dev.avalon.core.port.RemoteCalendar;
import dev.avalon.core.port.RemoteEvent;
import dev.avalon.testkit.MutableClock;
import dev.avalon.testkit.brain.InMemoryBrainStore;
import dev.avalon.testkit.harness.AvalonHarness;
import dev.avalon.testkit.invite.PlainInviteRenderer;
import dev.avalon.testkit.mail.RecordingMailSender;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("Calendar jobs run through the scheduler")
class CalendarJobsTest {

    private static final String VSB = """
            {"title":"Bestuur","start":"2026-11-24T19:30","end":"2026-11-24T21:00","domain":"VSB",
             "attendees":["secretaris@example.org","penning@example.org"]}""";

    private final RecordingMailSender mail = new RecordingMailSender();

    private AvalonHarness withMail() {
        return AvalonHarness.on(new InMemoryBrainStore(), MutableClock.at("2026-11-23T08:00:00+01:00"), b -> b
                .port(InviteRenderer.class, new PlainInviteRenderer()).port(MailSender.class, mail));
    }

    private static JsonNode tick(AvalonHarness h, String now) {
        return h.dispatch("system.tick", "{\"now\":\"" + now + "\"}").assertOk().data();
    }

    private static JsonNode outboxEntry(AvalonHarness h) {
        JsonNode invites = h.dispatch("calendar.outbox").assertOk().data().path("invites");
        assertThat(invites).hasSize(1);
        return invites.get(0);
    }

    private static void commitRefusedForInvites(AvalonHarness h) {
        String q = h.dispatch("brain.request_commit").assertOk().askId(0);
        assertThat(h.dispatch("question.answer", "{\"id\":\"" + q + "\",\"answer\":\"JA\"}")
                .assertRejected(ErrorCode.COMMIT_REFUSED).rejected().error().details())
                .extracting(Violation::problem).anyMatch(p -> p.startsWith("ICS_FAILURES_PENDING"));
    }

    /** Every audit entry in log order, across files. */
    private static List<JsonNode> auditEntries(AvalonHarness h) throws Exception {
        List<JsonNode> entries = new ArrayList<>();
        for (AuditFile f : h.avalon().brain().auditFiles()) {
            for (String line : new String(f.content(), StandardCharsets.UTF_8).split("\n")) {
                if (!line.isBlank()) {
                    entries.add(Json.parse(line));
                }
            }
        }
        entries.sort((a, b) -> Long.compare(a.path("seq").asLong(), b.path("seq").asLong()));
        return entries;
    }

    @Test
    @DisplayName("ics-retry on later ticks: retried with backoff, chained audit, DEAD with an IMPORTANT alert, commits refused meanwhile")
    void retryUntilDead() throws Exception {
        try (AvalonHarness h = withMail()) {
            tick(h, "2026-11-23T08:00:00+01:00");
            mail.failNextTransiently(100);
            JsonNode created = h.dispatch("calendar.create_event", VSB).assertOk().data();
            assertThat(created.path("invite").path("status").asText()).isEqualTo("PENDING");
            commitRefusedForInvites(h);

            assertThat(CalendarChecklistTest.find(tick(h, "2026-11-23T08:15:00+01:00"), "ics-retry")
                    .path("result").path("tried")).hasSize(1);
            assertThat(outboxEntry(h).path("attempts").asInt()).isEqualTo(2);
            assertThat(CalendarChecklistTest.find(tick(h, "2026-11-23T08:30:00+01:00"), "ics-retry")
                    .path("result").path("tried")).as("the doubled backoff has not passed").isEmpty();
            commitRefusedForInvites(h);
            tick(h, "2026-11-23T08:45:00+01:00");
            tick(h, "2026-11-23T09:45:00+01:00");
            assertThat(outboxEntry(h).path("status").asText()).isEqualTo("PENDING");
            // the harness wires no SheetRenderer, so Monday's scheduled weekclose fails with its own alert
            assertThat(h.alerts().at(AlertLevel.IMPORTANT)).filteredOn(a -> !a.code().equals("JOB_FAILED")).isEmpty();
            JsonNode last = CalendarChecklistTest.find(tick(h, "2026-11-23T11:45:00+01:00"), "ics-retry");
            assertThat(last.path("result").path("tried").get(0).path("status").asText()).isEqualTo("DEAD");

            JsonNode dead = outboxEntry(h);
            assertThat(dead.path("status").asText()).isEqualTo("DEAD");
            assertThat(dead.path("attempts").asInt()).isEqualTo(5);
            assertThat(mail.attempts()).isEqualTo(5);
            assertThat(mail.sent()).isEmpty();
            assertThat(h.alerts().at(AlertLevel.IMPORTANT)).filteredOn(a -> !a.code().equals("JOB_FAILED"))
                    .extracting(a -> a.code()).containsExactly("ICS_INVITE_DEAD");
            commitRefusedForInvites(h);

            List<JsonNode> entries = auditEntries(h);
            for (int i = 1; i < entries.size(); i++) {
                assertThat(entries.get(i).path("prev").asText()).isEqualTo(entries.get(i - 1).path("hash").asText());
            }
            List<String> invite = new ArrayList<>();
            entries.stream().filter(e -> e.path("type").asText().startsWith("calendar.invite_"))
                    .forEach(e -> invite.add(e.path("type").asText() + "#" + e.path("data").path("attempts").asInt()));
            assertThat(invite).containsExactly("calendar.invite_pending#1", "calendar.invite_pending#2",
                    "calendar.invite_pending#3", "calendar.invite_pending#4", "calendar.invite_dead#5");
            assertThat(h.dispatch("audit.verify").assertOk().data().path("intact").asBoolean()).isTrue();
        }
    }

    @Test
    @DisplayName("a transient failure is sent by the next due tick, after which commits go through")
    void retriedOnLaterTick() {
        try (AvalonHarness h = withMail()) {
            tick(h, "2026-11-23T08:00:00+01:00");
            mail.failNextTransiently(1);
            h.dispatch("calendar.create_event", VSB).assertOk();
            commitRefusedForInvites(h);
            tick(h, "2026-11-23T08:15:00+01:00");
            assertThat(outboxEntry(h).path("status").asText()).isEqualTo("SENT");
            assertThat(mail.sent()).hasSize(1);
            String q = h.dispatch("brain.request_commit").assertOk().askId(0);
            h.dispatch("question.answer", "{\"id\":\"" + q + "\",\"answer\":\"JA\"}").assertOk();
        }
    }

    @Test
    @DisplayName("without a remote calendar the daily calendar-sync job does nothing and says so")
    void syncJobWithoutRemote() {
        try (AvalonHarness h = AvalonHarness.inMemory()) {
            tick(h, "2026-11-23T08:00:00+01:00");
            h.dispatch("calendar.create_event", VSB).assertOk();
            var before = h.store().read(dev.avalon.core.port.BrainPath.of("state/calendar/events.json"));
            JsonNode run = CalendarChecklistTest.find(tick(h, "2026-11-24T06:00:00+01:00"), "calendar-sync");
            assertThat(run.path("ok").asBoolean()).isTrue();
            assertThat(run.path("result").path("skipped").asBoolean()).isTrue();
            assertThat(run.path("result").path("reason").asText()).contains("no remote calendar");
            assertThat(h.store().read(dev.avalon.core.port.BrainPath.of("state/calendar/events.json")).orElseThrow())
                    .isEqualTo(before.orElseThrow());
        }
    }

    @Test
    @DisplayName("with a remote calendar an event is written at once, the daily job has nothing left to push, and it reports the user's remote move with an INFO alert")
    void syncJobWithRemote() {
        MutableClock clock = MutableClock.at("2026-11-23T08:00:00+01:00");
        InMemoryRemoteCalendar remote = new InMemoryRemoteCalendar(clock);
        try (AvalonHarness h = AvalonHarness.on(new InMemoryBrainStore(), clock,
                b -> b.port(RemoteCalendar.class, remote))) {
            tick(h, "2026-11-23T08:00:00+01:00");
            h.dispatch("calendar.create_event", """
                    {"title":"Overleg","start":"2026-11-25T10:00","end":"2026-11-25T11:00","domain":"WERK"}""")
                    .assertOk();
            assertThat(remote.liveEvents()).as("written when it was made").hasSize(1);
            JsonNode first = CalendarChecklistTest.find(tick(h, "2026-11-24T06:00:00+01:00"), "calendar-sync");
            assertThat(first.path("result").path("pushed")).isEmpty();
            assertThat(h.alerts().at(AlertLevel.INFO)).noneMatch(a -> a.code().equals("CALENDAR_REMOTE_CHANGES"));

            RemoteEvent pushed = remote.liveEvents().get(0);
            remote.userMove(pushed.remoteId(), Instant.parse("2026-11-25T13:00:00Z"),
                    Instant.parse("2026-11-25T14:00:00Z"));
            JsonNode second = CalendarChecklistTest.find(tick(h, "2026-11-25T06:00:00+01:00"), "calendar-sync");
            assertThat(second.path("result").path("changes").get(0).path("kind").asText()).isEqualTo("moved");
            assertThat(h.alerts().at(AlertLevel.INFO)).extracting(a -> a.code()).contains("CALENDAR_REMOTE_CHANGES");
            assertThat(h.dispatch("system.validate").assertOk().data().path("valid").asBoolean()).isTrue();
        }
    }
}
