package dev.avalon.testkit.calendar;

import com.fasterxml.jackson.databind.JsonNode;
import dev.avalon.core.base.ErrorCode;
import dev.avalon.core.base.Violation;
import dev.avalon.core.calendar.CalendarFeature;
import dev.avalon.core.json.Json;
import dev.avalon.core.port.AlertLevel;
import dev.avalon.core.port.InviteRenderer;
import dev.avalon.core.port.InviteRequest;
import dev.avalon.core.port.InviteRequest.InviteMethod;
import dev.avalon.core.port.MailSender;
import dev.avalon.core.schedule.ScheduledJob;
import dev.avalon.testkit.MutableClock;
import dev.avalon.testkit.brain.InMemoryBrainStore;
import dev.avalon.testkit.harness.AvalonHarness;
import dev.avalon.testkit.invite.PlainInviteRenderer;
import dev.avalon.testkit.mail.RecordingMailSender;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("Invites of domains that send them go through the outbox")
class CalendarInvitesTest {

    /** Refuses what a real renderer refuses: an RRULE with a RECURRENCE-ID, an invite without attendees. */
    private final PlainInviteRenderer renderer = new PlainInviteRenderer();
    private final RecordingMailSender mail = new RecordingMailSender();
    private final MutableClock clock = MutableClock.at("2026-11-23T08:00:00+01:00");
    private final AvalonHarness h = AvalonHarness.on(new InMemoryBrainStore(), clock, b -> b
            .port(InviteRenderer.class, renderer).port(MailSender.class, mail));

    @AfterEach
    void close() {
        h.close();
    }

    private static final String VSB = """
            {"title":"Bestuur","start":"2026-11-24T19:30","end":"2026-11-24T21:00","domain":"VSB",
             "attendees":["secretaris@example.org","penning@example.org"],
             "recurrence":{"freq":"WEEKLY","count":4}}""";

    @Test
    @DisplayName("create sends a REQUEST, a move sends SEQUENCE+1, one instance and the whole series get a CANCEL")
    void lifecycle() {
        JsonNode created = h.dispatch("calendar.create_event", VSB).assertOk().data();
        assertThat(created.path("invite").path("status").asText()).isEqualTo("SENT");
        assertThat(mail.sent()).hasSize(1);
        assertThat(mail.sent().get(0).mail().from()).isEqualTo("agenda@example.org");
        assertThat(mail.sent().get(0).mail().to()).containsExactly("secretaris@example.org", "penning@example.org");
        InviteRequest request = last();
        assertThat(request.method()).isEqualTo(InviteMethod.REQUEST);
        assertThat(request.sequence()).isZero();
        assertThat(request.rrule()).isEqualTo("FREQ=WEEKLY;COUNT=4");
        assertThat(request.recurrenceId()).isNull();

        h.dispatch("calendar.update_event", "{\"id\":\"EV-0001\",\"start\":\"2026-11-24T20:00\"}").assertOk();
        assertThat(last().method()).isEqualTo(InviteMethod.REQUEST);
        assertThat(last().sequence()).isEqualTo(1);

        h.dispatch("calendar.update_event", "{\"id\":\"EV-0001\",\"description\":\"agenda volgt\"}").assertOk();
        assertThat(mail.sent()).as("an insignificant change sends nothing").hasSize(2);

        h.dispatch("calendar.cancel_event", "{\"id\":\"EV-0001\",\"instance\":\"2026-12-01T20:00\"}").assertOk();
        InviteRequest instance = last();
        assertThat(instance.method()).isEqualTo(InviteMethod.CANCEL);
        assertThat(instance.sequence()).isEqualTo(2);
        assertThat(instance.recurrenceId()).isEqualTo(LocalDateTime.parse("2026-12-01T20:00")
                .atZone(ZoneId.of("Europe/Amsterdam")));
        assertThat(instance.rrule()).as("an instance invite carries no RRULE").isNull();

        h.dispatch("calendar.cancel_event", "{\"id\":\"EV-0001\"}").assertOk();
        InviteRequest series = last();
        assertThat(series.method()).isEqualTo(InviteMethod.CANCEL);
        assertThat(series.sequence()).isEqualTo(3);
        assertThat(series.recurrenceId()).isNull();
        assertThat(series.rrule()).isEqualTo("FREQ=WEEKLY;COUNT=4");

        JsonNode outbox = h.dispatch("calendar.outbox").assertOk().data().path("invites");
        assertThat(outbox).hasSize(4);
        outbox.forEach(i -> assertThat(i.path("status").asText()).isEqualTo("SENT"));
        assertThat(outbox.get(2).path("key").asText()).isEqualTo("ev-0001@avalon/2/CANCEL/2026-12-01T20:00");
    }

    @Test
    @DisplayName("removing an attendee sends that attendee alone a CANCEL and the rest the REQUEST, each under its own key")
    void removedAttendeeGetsACancel() {
        h.dispatch("calendar.create_event", VSB.replace("\"penning@example.org\"",
                "\"penning@example.org\",\"voorzitter@example.org\"")).assertOk();
        mail.clear();

        JsonNode updated = h.dispatch("calendar.update_event", """
                {"id":"EV-0001","attendees":["secretaris@example.org","Penning@example.org"]}""").assertOk().data();

        assertThat(updated.path("invite").path("method").asText()).isEqualTo("REQUEST");
        assertThat(updated.path("uninvite").path("method").asText()).isEqualTo("CANCEL");
        assertThat(updated.path("uninvite").path("status").asText()).isEqualTo("SENT");
        assertThat(mail.sent()).hasSize(2);
        var request = mail.sent().get(0).mail();
        var cancel = mail.sent().get(1).mail();
        assertThat(request.to()).containsExactly("secretaris@example.org", "Penning@example.org");
        assertThat(cancel.to()).as("an address that only changed case was not removed")
                .containsExactly("voorzitter@example.org");
        InviteRequest sentRequest = renderer.parse(request.invite().icalendar());
        InviteRequest sentCancel = renderer.parse(cancel.invite().icalendar());
        assertThat(sentRequest.method()).isEqualTo(InviteMethod.REQUEST);
        assertThat(sentCancel.method()).isEqualTo(InviteMethod.CANCEL);
        assertThat(sentCancel.attendees()).containsExactly("voorzitter@example.org");
        assertThat(sentCancel.uid()).isEqualTo(sentRequest.uid()).isEqualTo("ev-0001@avalon");
        assertThat(sentCancel.sequence()).isEqualTo(sentRequest.sequence()).isEqualTo(1);
        assertThat(sentCancel.recurrenceId()).as("the whole series is gone for the removed attendee").isNull();
        assertThat(sentCancel.rrule()).isEqualTo("FREQ=WEEKLY;COUNT=4");
        assertThat(cancel.invite().text()).contains("METHOD:CANCEL");
        assertThat(sentCancel.uninvite()).as("RFC 5546 §3.2.5: uninviting carries no STATUS").isTrue();
        assertThat(cancel.invite().text()).doesNotContain("STATUS");
        assertThat(sentRequest.uninvite()).isFalse();

        JsonNode outbox = h.dispatch("calendar.outbox").assertOk().data().path("invites");
        List<String> keys = new ArrayList<>();
        outbox.forEach(i -> keys.add(i.path("key").asText() + " " + i.path("status").asText()));
        assertThat(keys).containsExactly("ev-0001@avalon/0/REQUEST SENT", "ev-0001@avalon/1/REQUEST SENT",
                "ev-0001@avalon/1/CANCEL/removed SENT");
        assertThat(h.dispatch("system.validate").assertOk().data().path("problems"))
                .as("the outbox matches outbox.schema.json").isEmpty();
    }

    @Test
    @DisplayName("removing every attendee sends the CANCEL alone; a CANCEL that fails waits in the outbox and is retried")
    void everyAttendeeRemoved() {
        h.dispatch("calendar.create_event", VSB).assertOk();
        mail.clear();
        mail.failNextTransiently(1);

        JsonNode updated = h.dispatch("calendar.update_event", """
                {"id":"EV-0001","attendees":[]}""").assertOk().data();

        assertThat(updated.has("invite")).as("nobody is left to send a REQUEST to").isFalse();
        assertThat(updated.path("uninvite").path("status").asText()).isEqualTo("PENDING");
        tick();
        clock.advance(Duration.ofMinutes(15));
        tick();
        assertThat(mail.sent()).singleElement().satisfies(m -> {
            assertThat(m.mail().to()).containsExactly("secretaris@example.org", "penning@example.org");
            assertThat(renderer.parse(m.mail().invite().icalendar()).method()).isEqualTo(InviteMethod.CANCEL);
        });
    }

    @Test
    @DisplayName("a domain without invites and bad input send nothing")
    void nothingSent() {
        h.dispatch("calendar.create_event", """
                {"title":"Werk","start":"2026-11-24T10:00","end":"2026-11-24T11:00","domain":"WERK",
                 "attendees":["collega@example.org"]}""").assertOk();
        h.dispatch("calendar.create_event", VSB.replace("penning@example.org", "not-an-address"))
                .assertRejected(ErrorCode.VALIDATION_FAILED);
        assertThat(mail.attempts()).isZero();
        assertThat(h.dispatch("calendar.outbox").assertOk().data().path("invites")).isEmpty();
    }

    @Test
    @DisplayName("a failed send stays pending, commits are refused, the retry job sends it on a later tick")
    void failedSendIsRetried() {
        mail.failNextTransiently(1);
        JsonNode created = h.dispatch("calendar.create_event", VSB).assertOk().data();
        assertThat(created.path("invite").path("status").asText()).isEqualTo("PENDING");
        assertThat(created.path("invite").path("nextAttemptAt").asText()).isEqualTo("2026-11-23T08:15:00+01:00");

        String q = h.dispatch("brain.request_commit").assertOk().askId(0);
        var refused = h.dispatch("question.answer", "{\"id\":\"" + q + "\",\"answer\":\"JA\"}")
                .assertRejected(ErrorCode.COMMIT_REFUSED).rejected();
        assertThat(refused.error().details()).extracting(Violation::problem)
                .anyMatch(p -> p.startsWith("ICS_FAILURES_PENDING"));

        // too early: the 08:00 slot runs, but the backoff has not passed
        tick();
        assertThat(mail.sent()).isEmpty();
        clock.advance(Duration.ofMinutes(15));
        tick();
        assertThat(mail.sent()).hasSize(1);
        assertThat(h.dispatch("calendar.outbox").assertOk().data().path("invites").get(0).path("status").asText())
                .isEqualTo("SENT");
        String again = h.dispatch("brain.request_commit").assertOk().askId(0);
        h.dispatch("question.answer", "{\"id\":\"" + again + "\",\"answer\":\"JA\"}").assertOk();
    }

    @Test
    @DisplayName("after the allowed attempts an invite is dead with an IMPORTANT alert; outbox_retry revives it")
    void deadLetter() {
        tick();
        mail.failNextTransiently(100);
        h.dispatch("calendar.create_event", VSB).assertOk();
        for (int i = 0; i < 6; i++) {
            clock.advance(Duration.ofHours(5));
            tick();
        }
        JsonNode invite = h.dispatch("calendar.outbox", "{\"status\":\"DEAD\"}").assertOk().data().path("invites")
                .get(0);
        assertThat(invite.path("attempts").asInt()).isEqualTo(5);
        // the harness wires no SheetRenderer, so Monday's scheduled weekclose fails with its own alert
        assertThat(h.alerts().at(AlertLevel.IMPORTANT)).filteredOn(a -> !a.code().equals("JOB_FAILED"))
                .hasSize(1).allMatch(a -> a.code().equals("ICS_INVITE_DEAD"));
        mail.clear();
        JsonNode retried = h.dispatch("calendar.outbox_retry", "{\"id\":\"" + invite.path("id").asText() + "\"}")
                .assertOk().data();
        assertThat(retried.path("invite").path("status").asText()).isEqualTo("SENT");
        h.dispatch("calendar.outbox_retry", "{\"id\":\"" + invite.path("id").asText() + "\"}")
                .assertRejected(ErrorCode.VALIDATION_FAILED);
        h.dispatch("calendar.outbox_retry", "{\"id\":\"INV-9999\"}").assertRejected(ErrorCode.NOT_FOUND);
    }

    @Test
    @DisplayName("a dead invite that blocks commits is discarded with a reason (audited); the refusal says how; commits go through")
    void discardUnblocksCommits() {
        mail.failNextPermanently(1);
        h.dispatch("calendar.create_event", VSB).assertOk();
        JsonNode invite = h.dispatch("calendar.outbox", "{\"status\":\"DEAD\"}").assertOk().data().path("invites").get(0);
        String q = h.dispatch("brain.request_commit").assertOk().askId(0);
        var refused = h.dispatch("question.answer", "{\"id\":\"" + q + "\",\"answer\":\"JA\"}")
                .assertRejected(ErrorCode.COMMIT_REFUSED);
        assertThat(refused.json().toString()).contains("calendar.outbox_discard");
        h.dispatch("calendar.outbox_discard", "{\"id\":\"" + invite.path("id").asText() + "\"}")
                .assertRejected(ErrorCode.VALIDATION_FAILED);
        JsonNode discarded = h.dispatch("calendar.outbox_discard", "{\"id\":\"" + invite.path("id").asText()
                + "\",\"reason\":\"adres bestaat niet\"}").assertOk().data();
        assertThat(discarded.path("undelivered").asInt()).isZero();
        assertThat(h.dispatch("calendar.outbox").assertOk().data().path("invites")).isEmpty();
        assertThat(new String(h.store().read(dev.avalon.core.port.BrainPath.of("audit/2026.jsonl")).orElseThrow(),
                java.nio.charset.StandardCharsets.UTF_8)).contains("calendar.invite_discarded").contains("adres bestaat niet");
        String again = h.dispatch("brain.request_commit").assertOk().askId(0);
        h.dispatch("question.answer", "{\"id\":\"" + again + "\",\"answer\":\"JA\"}").assertOk();
        h.dispatch("calendar.outbox_discard", "{\"id\":\"INV-9999\",\"reason\":\"x\"}")
                .assertRejected(ErrorCode.NOT_FOUND);
    }

    @Test
    @DisplayName("a permanent failure is dead at once")
    void permanentFailure() {
        mail.failNextPermanently(1);
        JsonNode created = h.dispatch("calendar.create_event", VSB).assertOk().json();
        assertThat(h.dispatch("calendar.outbox").assertOk().data().path("invites").get(0).path("status").asText())
                .isEqualTo("DEAD");
        assertThat(created.path("alerts").toString()).contains("ICS_INVITE_DEAD");
    }

    @Test
    @DisplayName("without mail ports the invite waits in the outbox and blocks commits")
    void withoutPorts() {
        try (AvalonHarness bare = AvalonHarness.inMemory()) {
            JsonNode created = bare.dispatch("calendar.create_event", VSB).assertOk().data();
            assertThat(created.path("invite").path("status").asText()).isEqualTo("PENDING");
            assertThat(created.path("invite").path("attempts").asInt()).isZero();
            String q = bare.dispatch("brain.request_commit").assertOk().askId(0);
            bare.dispatch("question.answer", "{\"id\":\"" + q + "\",\"answer\":\"JA\"}")
                    .assertRejected(ErrorCode.COMMIT_REFUSED);
        }
    }

    @Test
    @DisplayName("the feature registers the ics-retry job every 15 minutes")
    void jobRegistered() {
        ScheduledJob job = job();
        assertThat(job.timing().schedule(Json.object()))
                .isEqualTo(new dev.avalon.core.schedule.Schedule.Every(Duration.ofMinutes(15)));
    }

    private static ScheduledJob job() {
        return new CalendarFeature().jobs().stream().filter(j -> j.name().equals(CalendarFeature.RETRY_JOB))
                .findFirst().orElseThrow();
    }

    /** The scheduler's tick at the clock's current time, as a host's timer would run it. */
    private void tick() {
        h.dispatch("system.tick", "{\"now\":\"" + clock.instant() + "\"}").assertOk();
    }

    /** The last invite sent, read back through the renderer. */
    private InviteRequest last() {
        return renderer.parse(mail.sent().get(mail.sent().size() - 1).mail().invite().icalendar());
    }
}
