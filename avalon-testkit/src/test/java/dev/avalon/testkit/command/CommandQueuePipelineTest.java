package dev.avalon.testkit.command;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.avalon.core.base.ErrorCode;
import dev.avalon.core.base.Violation;
import dev.avalon.core.command.CommandFeature;
import dev.avalon.core.event.Subscription;
import dev.avalon.core.json.Json;
import dev.avalon.core.port.Alert;
import dev.avalon.testkit.MutableClock;
import dev.avalon.testkit.brain.InMemoryBrainStore;
import dev.avalon.testkit.harness.AvalonHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static dev.avalon.testkit.harness.AvalonHarness.data;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The command queue through {@code Avalon.dispatch} and {@code tick}, every action called the way a
 * strict tool call sends it (every field present, null where the caller has nothing), on a manual clock.
 */
@DisplayName("Command queue: ACTION: lines, the whitelist, leases, completion and follow-ups")
class CommandQueuePipelineTest {

    final AvalonHarness h = AvalonHarness.on(new InMemoryBrainStore(), MutableClock.at("2026-11-23T08:00:00+01:00"),
            b -> { });
    final List<String> events = new ArrayList<>();

    @BeforeEach
    void whitelist() throws Exception {
        h.avalon().events().subscribe(Subscription.of("test", "command.*", e -> events.add(e.name())));
        JsonNode before = h.dispatch("behaviour.get", data("path", "commands")).assertOk().data().path("value");
        ObjectNode after = (ObjectNode) Json.parse("""
                {"maxAttempts": 2, "leaseSeconds": 300, "systems": {
                   "N8N": {"actions": {"SEND_EMAIL": {"params": {"to": "email", "subject": "string", "count": "int"},
                                                     "required": ["to"]}}},
                   "TELEGRAM": {"actions": {"NOTIFY": {"params": {"text": "string"}, "required": ["text"]}}}},
                 "followUps": [{"when": "N8N.SEND_EMAIL", "status": "COMPLETED",
                                "create": "ACTION: TELEGRAM.NOTIFY text=\\"Mail {{result.messageId}} to {{params.to}} sent\\""}]}
                """);
        ObjectNode patch = data("id", "P-CMD-1", "type", "MINOR", "path", "commands", "before", before, "after", after,
                "rationale", "n8n may send mail for me.", "riskLevel", "LOW", "source", "USER");
        String approval = h.dispatch("behaviour.propose_patch", data("patch", patch)).assertOk().askId(0);
        String consent = h.answer(approval, "JA").assertOk().askId(0);
        h.answer(consent, "JA").assertOk();
        assertThat(h.dispatch("behaviour.get", data("path", "commands")).assertOk().data().path("value").path("systems")
                .has("N8N")).isTrue();
    }

    @AfterEach
    void close() {
        h.close();
    }

    /** {@code action} as a strict caller sends it: every property of its data schema, null where not given. */
    AvalonHarness.Response strict(String action, ObjectNode given) {
        ObjectNode full = Json.object();
        h.avalon().catalog().find(action).orElseThrow().dataSchema().path("properties").fieldNames()
                .forEachRemaining(f -> full.set(f, given.has(f) ? given.get(f) : NullNode.getInstance()));
        assertThat(given.size()).as("only fields of the schema").isLessThanOrEqualTo(full.size());
        return h.dispatch(action, full);
    }

    JsonNode submit(String text) {
        return strict("command.submit", data("text", text)).assertOk().data();
    }

    JsonNode poll(String system, Integer leaseSeconds) {
        ObjectNode d = data("system", system);
        if (leaseSeconds != null) {
            d.put("leaseSeconds", leaseSeconds);
        }
        return strict("command.poll", d).assertOk().data().path("commands");
    }

    JsonNode list(String state) {
        ObjectNode d = Json.object();
        if (state != null) {
            d.put("state", state);
        }
        return strict("command.list", d).assertOk().data().path("commands");
    }

    List<Alert> alerts(String code) {
        return h.alerts().all().stream().filter(a -> a.code().equals(code)).toList();
    }

    @Test
    @DisplayName("the whitelist is governed behaviour: a patch naming an unknown parameter type fails the schema and changes nothing")
    void whitelistSchema() {
        JsonNode before = h.dispatch("behaviour.get", data("path", "commands")).assertOk().data().path("value");
        ObjectNode after = before.deepCopy();
        after.with("systems").putObject("SLACK").putObject("actions").putObject("POST").putObject("params")
                .put("text", "blob");
        ObjectNode patch = data("id", "P-CMD-2", "type", "MINOR", "path", "commands", "before", before, "after", after,
                "rationale", "Slack too.", "riskLevel", "LOW", "source", "USER");
        AvalonHarness.Response proposed = h.dispatch("behaviour.propose_patch", data("patch", patch));
        if (proposed.result() instanceof dev.avalon.core.action.ActionResult.Ok) {
            h.answer(proposed.askId(0), "JA");
        }
        assertThat(h.dispatch("behaviour.get", data("path", "commands")).assertOk().data().path("value")
                .path("systems").has("SLACK")).isFalse();
        strict("command.submit", data("text", "ACTION: SLACK.POST text=x")).assertRejected(ErrorCode.VALIDATION_FAILED);
    }

    @Test
    @DisplayName("every ACTION: line of a reply becomes one PENDING command; the same reply again is the same commands")
    void submitReply() {
        String reply = "Ik regel het.\nACTION: N8N.SEND_EMAIL to=jan@example.org subject=\"Offerte Q4\" count=2\n"
                + "En ik laat het weten.\nACTION: NOTIFY text=klaar\n";
        JsonNode first = submit(reply);
        assertThat(first.path("queued")).hasSize(2);
        JsonNode mail = first.path("queued").get(0);
        assertThat(mail.path("system").asText()).isEqualTo("N8N");
        assertThat(mail.path("state").asText()).isEqualTo("PENDING");
        assertThat(mail.path("params").path("count").isIntegralNumber()).isTrue();
        assertThat(mail.path("params").path("count").asInt()).isEqualTo(2);
        assertThat(mail.path("createdAt").asText()).isEqualTo("2026-11-23T08:00:00+01:00");
        assertThat(mail.path("leaseUntil").isNull()).isTrue();
        assertThat(first.path("queued").get(1).path("system").asText()).as("the whitelist names NOTIFY's system")
                .isEqualTo("TELEGRAM");
        JsonNode again = submit(reply);
        assertThat(again.path("queued")).isEmpty();
        assertThat(again.path("duplicates")).extracting(n -> n.path("id").asText())
                .containsExactly(mail.path("id").asText(), first.path("queued").get(1).path("id").asText());
        assertThat(list(null)).hasSize(2);
        assertThat(events).containsExactly("command.queued", "command.queued");
    }

    @Test
    @DisplayName("a line the whitelist does not take queues nothing: VALIDATION_FAILED names the line and what is allowed")
    void refused() {
        AvalonHarness.Response r = strict("command.submit", data("text",
                "ACTION: N8N.SEND_EMAIL to=jan@example.org\nACTION: N8N.DELETE_ALL\nACTION: SLACK.POST text=x"))
                .assertRejected(ErrorCode.VALIDATION_FAILED);
        List<Violation> details = r.rejected().error().details();
        assertThat(details).extracting(Violation::problem)
                .anySatisfy(p -> assertThat(p).contains("line 2 \"ACTION: N8N.DELETE_ALL\"").contains("allowed: SEND_EMAIL"))
                .anySatisfy(p -> assertThat(p).contains("line 3").contains("system SLACK is not whitelisted")
                        .contains("N8N, TELEGRAM"));
        assertThat(list(null)).as("nothing queued, not even the good line").isEmpty();
        strict("command.submit", data("system", "N8N", "action", "SEND_EMAIL", "params", "{\"to\":\"niet-een-adres\"}"))
                .assertRejected(ErrorCode.VALIDATION_FAILED);
    }

    @Test
    @DisplayName("the lease expires under the manual clock: PENDING again on the tick, failed with an alert when attempts run out")
    void leaseExpiry() {
        String id = strict("command.submit", data("system", "N8N", "action", "SEND_EMAIL", "params",
                data("to", "jan@example.org"))).assertOk().data().path("queued").get(0).path("id").asText();
        JsonNode leased = poll("N8N", 60);
        assertThat(leased).singleElement().satisfies(c -> {
            assertThat(c.path("id").asText()).isEqualTo(id);
            assertThat(c.path("state").asText()).isEqualTo("PROCESSING");
            assertThat(c.path("attempts").asInt()).isEqualTo(1);
            assertThat(c.path("leaseUntil").asText()).isEqualTo("2026-11-23T08:01:00+01:00");
        });
        assertThat(poll("N8N", 60)).as("a leased command is not handed out twice").isEmpty();

        h.tickTo(h.clock().instant().plus(Duration.ofSeconds(59)));
        assertThat(list("PROCESSING")).hasSize(1);
        h.tickTo(h.clock().instant().plus(Duration.ofSeconds(1)));
        assertThat(list("PENDING")).singleElement().satisfies(c -> {
            assertThat(c.path("attempts").asInt()).isEqualTo(1);
            assertThat(c.path("error").asText()).contains("lease ran out");
        });

        assertThat(poll("N8N", 60)).singleElement().satisfies(c -> assertThat(c.path("attempts").asInt()).isEqualTo(2));
        h.clock().advance(Duration.ofMinutes(5));
        assertThat(poll("N8N", 60)).as("the poll takes the lease back and has nothing to give").isEmpty();
        assertThat(list("FAILED")).singleElement().satisfies(c -> assertThat(c.path("error").asText())
                .contains("no attempts left"));
        assertThat(alerts("COMMAND_FAILED")).singleElement()
                .satisfies(a -> assertThat(a.details()).containsEntry("subject", "command=" + id));
        assertThat(events).containsExactly("command.queued", "command.processing", "command.lease_expired",
                "command.processing", "command.lease_expired", "command.failed");
    }

    @Test
    @DisplayName("completion: only a PROCESSING command; the result comes as JSON text; the follow-up is queued, filled from it")
    void completeAndFollowUp() {
        submit("ACTION: N8N.SEND_EMAIL to=jan@example.org subject=Offerte");
        String id = list(null).get(0).path("id").asText();
        strict("command.complete", data("id", id, "status", "COMPLETED"))
                .assertRejected(CommandFeature.COMMAND_NOT_PROCESSING);
        strict("command.complete", data("id", "CMD-404", "status", "COMPLETED")).assertRejected(ErrorCode.NOT_FOUND);
        poll("N8N", null);
        JsonNode done = strict("command.complete", data("id", id, "status", "COMPLETED", "result",
                "{\"messageId\":\"m 42\"}")).assertOk().data();
        assertThat(done.path("command").path("state").asText()).isEqualTo("COMPLETED");
        assertThat(done.path("command").path("result").path("messageId").asText()).isEqualTo("m 42");
        assertThat(done.path("followUps")).singleElement().satisfies(f -> {
            assertThat(f.path("system").asText()).isEqualTo("TELEGRAM");
            assertThat(f.path("params").path("text").asText()).isEqualTo("Mail m 42 to jan@example.org sent");
            assertThat(f.path("followUpOf").asText()).isEqualTo(id);
        });
        strict("command.complete", data("id", id, "status", "COMPLETED"))
                .assertRejected(CommandFeature.COMMAND_NOT_PROCESSING);
        assertThat(list("PENDING")).singleElement().satisfies(c -> assertThat(c.path("system").asText())
                .isEqualTo("TELEGRAM"));
        assertThat(events).containsExactly("command.queued", "command.processing", "command.completed",
                "command.queued");
    }

    @Test
    @DisplayName("a failure with retry goes back to PENDING while attempts are left; without, it is FAILED")
    void failWithRetry() {
        submit("ACTION: NOTIFY text=hallo");
        String id = poll("TELEGRAM", null).get(0).path("id").asText();
        strict("command.complete", data("id", id, "status", "FAILED")).assertRejected(ErrorCode.VALIDATION_FAILED);
        assertThat(strict("command.complete", data("id", id, "status", "FAILED", "error", "503", "retry", true))
                .assertOk().data().path("command").path("state").asText()).isEqualTo("PENDING");
        poll("TELEGRAM", null);
        assertThat(strict("command.complete", data("id", id, "status", "FAILED", "error", "503", "retry", true))
                .assertOk().data().path("command").path("state").asText()).as("two attempts were all").isEqualTo("FAILED");
    }

    @Test
    @DisplayName("ACTION: lines in a calendar event's description and in saved minutes are queued after their unit")
    void calendarAndMinutes() {
        strict("calendar.create_event", data("title", "Offerte", "start", "2026-11-26T10:00", "end", "2026-11-26T11:00",
                "domain", "VSB", "description", "Na afloop:\nACTION: N8N.SEND_EMAIL to=jan@example.org subject=Offerte"))
                .assertOk();
        assertThat(list(null)).singleElement().satisfies(c -> {
            assertThat(c.path("source").asText()).startsWith("calendar:EV-");
            assertThat(c.path("action").asText()).isEqualTo("SEND_EMAIL");
        });
        strict("notulen.save", data("project", "vsb-bestuur", "date", "2026-11-23", "title", "Bestuur",
                "markdown", "# Bestuur\n\n- Besluit: mail Jan.\n\nACTION: NOTIFY text=\"Notulen staan klaar\"\n"
                        + "ACTION: N8N.SEND_EMAIL cc=x\n")).assertOk();
        assertThat(list(null)).hasSize(2).last().satisfies(c -> {
            assertThat(c.path("source").asText()).startsWith("minutes:");
            assertThat(c.path("params").path("text").asText()).isEqualTo("Notulen staan klaar");
        });
        assertThat(alerts("COMMAND_REFUSED")).singleElement().satisfies(a -> assertThat(a.message())
                .contains("ACTION: N8N.SEND_EMAIL cc=x").contains("cc is not whitelisted"));
        // the same event saved again queues its line once
        String eventId = list(null).get(0).path("source").asText().substring("calendar:".length());
        strict("calendar.update_event", data("id", eventId, "title", "Offerte (verzet)")).assertOk();
        assertThat(list(null)).hasSize(2);
    }
}
