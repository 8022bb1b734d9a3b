package dev.avalon.testkit.calendar;

import com.fasterxml.jackson.databind.JsonNode;
import dev.avalon.core.action.ActionContext;
import dev.avalon.core.action.ActionRequest;
import dev.avalon.core.action.Caller;
import dev.avalon.core.action.ErrorCode;
import dev.avalon.core.action.Outcome;
import dev.avalon.core.action.RequestMeta;
import dev.avalon.core.action.Violation;
import dev.avalon.core.brain.Brain;
import dev.avalon.core.calendar.CalendarFeature;
import dev.avalon.core.json.Json;
import dev.avalon.core.port.AlertLevel;
import dev.avalon.core.port.InviteRenderer;
import dev.avalon.core.port.MailSender;
import dev.avalon.core.port.Ports;
import dev.avalon.core.schedule.JobRun;
import dev.avalon.core.schedule.ScheduledJob;
import dev.avalon.testkit.MutableClock;
import dev.avalon.testkit.SequentialIds;
import dev.avalon.testkit.brain.InMemoryBrainStore;
import dev.avalon.testkit.harness.AvalonHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.ZoneId;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("Invites of domains that send them go through the outbox")
class CalendarInvitesTest {

    private final CalendarDoubles.RecordingMail mail = new CalendarDoubles.RecordingMail();
    private final InMemoryBrainStore store = new InMemoryBrainStore();
    private final MutableClock clock = MutableClock.at("2026-11-23T08:00:00+01:00");
    private final AvalonHarness h = AvalonHarness.on(store, clock, b -> b
            .port(InviteRenderer.class, new CalendarDoubles.TextRenderer()).port(MailSender.class, mail));

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
        assertThat(mail.sent).hasSize(1);
        assertThat(mail.sent.get(0).from()).isEqualTo("agenda@example.org");
        assertThat(mail.sent.get(0).to()).containsExactly("secretaris@example.org", "penning@example.org");
        assertThat(mail.lastText()).contains("METHOD:REQUEST", "SEQUENCE:0", "RRULE:FREQ=WEEKLY;COUNT=4");

        h.dispatch("calendar.update_event", "{\"id\":\"EV-0001\",\"start\":\"2026-11-24T20:00\"}").assertOk();
        assertThat(mail.lastText()).contains("METHOD:REQUEST", "SEQUENCE:1");

        h.dispatch("calendar.update_event", "{\"id\":\"EV-0001\",\"description\":\"agenda volgt\"}").assertOk();
        assertThat(mail.sent).as("an insignificant change sends nothing").hasSize(2);

        h.dispatch("calendar.cancel_event", "{\"id\":\"EV-0001\",\"instance\":\"2026-12-01T20:00\"}").assertOk();
        assertThat(mail.lastText()).contains("METHOD:CANCEL", "SEQUENCE:2", "RECURRENCE-ID:2026-12-01T20:00+01:00");

        h.dispatch("calendar.cancel_event", "{\"id\":\"EV-0001\"}").assertOk();
        assertThat(mail.lastText()).contains("METHOD:CANCEL", "SEQUENCE:3", "RECURRENCE-ID:null");

        JsonNode outbox = h.dispatch("calendar.outbox").assertOk().data().path("invites");
        assertThat(outbox).hasSize(4);
        outbox.forEach(i -> assertThat(i.path("status").asText()).isEqualTo("SENT"));
        assertThat(outbox.get(2).path("key").asText()).isEqualTo("ev-0001@avalon/2/CANCEL/2026-12-01T20:00");
    }

    @Test
    @DisplayName("a domain without invites and bad input send nothing")
    void nothingSent() {
        h.dispatch("calendar.create_event", """
                {"title":"Werk","start":"2026-11-24T10:00","end":"2026-11-24T11:00","domain":"WERK",
                 "attendees":["collega@example.org"]}""").assertOk();
        h.dispatch("calendar.create_event", VSB.replace("penning@example.org", "not-an-address"))
                .assertRejected(ErrorCode.VALIDATION_FAILED);
        assertThat(mail.sent).isEmpty();
        assertThat(h.dispatch("calendar.outbox").assertOk().data().path("invites")).isEmpty();
    }

    @Test
    @DisplayName("a failed send stays pending, commits are refused, the retry job sends it later")
    void failedSendIsRetried() {
        mail.failuresLeft = 1;
        JsonNode created = h.dispatch("calendar.create_event", VSB).assertOk().data();
        assertThat(created.path("invite").path("status").asText()).isEqualTo("PENDING");
        assertThat(created.path("invite").path("nextAttemptAt").asText()).isEqualTo("2026-11-23T07:15:00Z");

        String q = h.dispatch("brain.request_commit").assertOk().askId(0);
        var refused = h.dispatch("question.answer", "{\"id\":\"" + q + "\",\"answer\":\"JA\"}")
                .assertRejected(ErrorCode.COMMIT_REFUSED).rejected();
        assertThat(refused.error().details()).extracting(Violation::problem)
                .anyMatch(p -> p.startsWith("ICS_FAILURES_PENDING"));

        // too early: the backoff has not passed
        apply(runRetry());
        assertThat(mail.sent).isEmpty();
        clock.advance(Duration.ofMinutes(15));
        Outcome run = runRetry();
        apply(run);
        assertThat(mail.sent).hasSize(1);
        assertThat(h.dispatch("calendar.outbox").assertOk().data().path("invites").get(0).path("status").asText())
                .isEqualTo("SENT");
        String again = h.dispatch("brain.request_commit").assertOk().askId(0);
        h.dispatch("question.answer", "{\"id\":\"" + again + "\",\"answer\":\"JA\"}").assertOk();
    }

    @Test
    @DisplayName("after the allowed attempts an invite is dead with an IMPORTANT alert; outbox_retry revives it")
    void deadLetter() {
        mail.failuresLeft = 100;
        h.dispatch("calendar.create_event", VSB).assertOk();
        java.util.List<dev.avalon.core.port.Alert> alerts = new java.util.ArrayList<>();
        for (int i = 0; i < 6; i++) {
            clock.advance(Duration.ofHours(5));
            Outcome run = runRetry();
            apply(run);
            alerts.addAll(run.alerts());
        }
        JsonNode invite = h.dispatch("calendar.outbox", "{\"status\":\"DEAD\"}").assertOk().data().path("invites")
                .get(0);
        assertThat(invite.path("attempts").asInt()).isEqualTo(5);
        assertThat(alerts).hasSize(1).anyMatch(a -> a.level() == AlertLevel.IMPORTANT
                && a.code().equals("ICS_INVITE_DEAD"));
        mail.failuresLeft = 0;
        JsonNode retried = h.dispatch("calendar.outbox_retry", "{\"id\":\"" + invite.path("id").asText() + "\"}")
                .assertOk().data();
        assertThat(retried.path("invite").path("status").asText()).isEqualTo("SENT");
        h.dispatch("calendar.outbox_retry", "{\"id\":\"" + invite.path("id").asText() + "\"}")
                .assertRejected(ErrorCode.VALIDATION_FAILED);
        h.dispatch("calendar.outbox_retry", "{\"id\":\"INV-9999\"}").assertRejected(ErrorCode.NOT_FOUND);
    }

    @Test
    @DisplayName("a permanent failure is dead at once")
    void permanentFailure() {
        mail.failuresLeft = 1;
        mail.transientFailure = false;
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

    /** Runs the retry job's body the way the scheduler would, on the harness's brain. */
    private Outcome runRetry() {
        ActionRequest request = new ActionRequest("system.job", Json.object(), RequestMeta.EMPTY);
        ActionContext ctx = new ActionContext(request, Caller.owner(), "T-job", clock.instant(), clock,
                ZoneId.of("Europe/Amsterdam"), new Brain(store), new SequentialIds(),
                Ports.none().with(InviteRenderer.class, new CalendarDoubles.TextRenderer())
                        .with(MailSender.class, mail), Duration.ofDays(7));
        return job().body().run(ctx, new JobRun(CalendarFeature.RETRY_JOB, clock.instant(), false));
    }

    private void apply(Outcome outcome) {
        store.apply(outcome.writes());
    }

}
