package dev.avalon.testkit.automation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.avalon.core.automation.AutomationFeature;
import dev.avalon.core.base.ErrorCode;
import dev.avalon.core.event.DomainEvent;
import dev.avalon.core.event.Subscription;
import dev.avalon.core.json.Json;
import dev.avalon.core.port.Alert;
import dev.avalon.core.port.ConditionLanguage;
import dev.avalon.core.port.MessageTemplates;
import dev.avalon.core.port.TextMailSender;
import dev.avalon.core.port.WebhookSecrets;
import dev.avalon.core.port.WebhookSender;
import dev.avalon.testkit.MutableClock;
import dev.avalon.testkit.brain.InMemoryBrainStore;
import dev.avalon.testkit.harness.AvalonHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

import static dev.avalon.testkit.harness.AvalonHarness.data;
import static org.assertj.core.api.Assertions.assertThat;

/** Every trigger and action kind of automations, through {@code Avalon.dispatch} and {@code tick}. */
class AutomationPipelineTest {

    static final byte[] SECRET = "s3cret-for-tests".getBytes(StandardCharsets.UTF_8);

    final RecordingTextMailSender mail = new RecordingTextMailSender();
    final RecordingWebhookSender hooks = new RecordingWebhookSender();
    final AvalonHarness h = AvalonHarness.on(new InMemoryBrainStore(), MutableClock.at("2026-11-23T08:00:00+01:00"),
            b -> b.port(ConditionLanguage.class, new SimpleConditionLanguage())
                    .port(MessageTemplates.class, new SimpleMessageTemplates())
                    .port(TextMailSender.class, mail).port(WebhookSender.class, hooks)
                    .port(WebhookSecrets.class, ref -> ref.equals("deploy") ? Optional.of(SECRET) : Optional.empty()));

    @AfterEach
    void close() {
        h.close();
    }

    static ObjectNode automation(String id, JsonNode trigger, JsonNode... actions) {
        ObjectNode a = data("id", id, "name", "Test " + id, "enabled", true, "trigger", trigger);
        for (JsonNode x : actions) {
            a.withArray("actions").add(x);
        }
        return a;
    }

    static ObjectNode onEvent(String pattern) {
        return data("type", "EVENT", "pattern", pattern);
    }

    static ObjectNode notify(String message) {
        return data("type", "NOTIFY", "level", "IMPORTANT", "title", "Note", "message", message);
    }

    static ObjectNode action(String action, JsonNode data) {
        return data("type", "ACTION", "action", action, "data", data);
    }

    void create(ObjectNode automation) {
        h.dispatch("automation.create", data("automation", automation)).assertOk();
    }

    List<Alert> alerts(String code) {
        return h.alerts().all().stream().filter(a -> a.code().equals(code)).toList();
    }

    JsonNode runs(String id) {
        return h.dispatch("automation.runs", data("id", id)).assertOk().data().path("runs");
    }

    ObjectNode reminder(String title) {
        return data("title", title, "due", "2026-11-24T09:00:00+01:00", "domein", "VSB");
    }

    @Test
    @DisplayName("EVENT + NOTIFY: a reminder.created event fills in the template and raises the alert")
    void eventNotify() {
        create(automation("on-reminder", onEvent("reminder.*"), notify("New reminder: {{event.data.reminder.title}}")));
        h.dispatch("reminder.create", reminder("Offerte versturen")).assertOk();
        assertThat(alerts("AUTOMATION_NOTICE")).singleElement()
                .satisfies(a -> assertThat(a.message()).isEqualTo("Note: New reminder: Offerte versturen"));
        JsonNode run = runs("on-reminder").get(0);
        assertThat(run.path("status").asText()).isEqualTo("OK");
        assertThat(run.path("event").asText()).isEqualTo("reminder.created");
    }

    @Test
    @DisplayName("a NOTIFY at level CRITICAL freezes the brain like every CRITICAL alert, and is kept for alert.list")
    void criticalNotifyFreezes() {
        ObjectNode critical = notify("Pipeline down");
        critical.put("level", "CRITICAL");
        create(automation("on-reminder-critical", onEvent("reminder.*"), critical));
        h.dispatch("reminder.create", reminder("Offerte versturen")).assertOk();
        assertThat(alerts("AUTOMATION_NOTICE")).singleElement()
                .satisfies(a -> assertThat(a.level()).isEqualTo(dev.avalon.core.port.AlertLevel.CRITICAL));
        assertThat(h.dispatch("governance.status").assertOk().data().path("state").asText()).isEqualTo("STATE_DR");
        JsonNode kept = h.dispatch("alert.list", data("level", "CRITICAL")).assertOk().data().path("alerts");
        assertThat(kept).singleElement().satisfies(a -> {
            assertThat(a.path("code").asText()).isEqualTo("AUTOMATION_NOTICE");
            assertThat(a.path("subject").asText()).isEqualTo("automation=on-reminder-critical");
        });
    }

    @Test
    @DisplayName("EVENT + condition + ACTION: the action runs through the pipeline as the automation, within its scopes")
    void eventAction() {
        ObjectNode a = automation("follow-up", onEvent("calendar.created"),
                action("reminder.create", data("title", "Prepare {{event.data.event.title}}", "due",
                        "2026-11-25T09:00:00+01:00", "domein", "VSB")));
        a.put("condition", "event.name == \"calendar.created\"");
        a.putArray("scopes").add("reminder:write");
        create(a);
        h.dispatch("calendar.create_event", data("title", "Bestuur", "start", "2026-11-26T10:00", "end",
                "2026-11-26T11:00", "domain", "VSB")).assertOk();
        JsonNode list = h.dispatch("reminder.list").assertOk().data();
        assertThat(list.toString()).contains("Prepare Bestuur");
        assertThat(runs("follow-up").get(0).path("actions").get(0).path("status").asText()).isEqualTo("OK");
    }

    @Test
    @DisplayName("an action's data may come as JSON text (a strict caller cannot send an open object); it is stored as the object")
    void dataAsJsonText() throws Exception {
        ObjectNode a = automation("follow-up-text", onEvent("calendar.created"), data("type", "ACTION",
                "action", "reminder.create", "data", "{\"title\":\"Prepare {{event.data.event.title}}\","
                        + "\"due\":\"2026-11-25T09:00:00+01:00\",\"domein\":\"VSB\"}"));
        a.putArray("scopes").add("reminder:write");
        create(a);
        String stored = new String(h.store().read(dev.avalon.core.port.BrainPath.of("automations/follow-up-text.json"))
                .orElseThrow(), StandardCharsets.UTF_8);
        assertThat(dev.avalon.core.json.Json.mapper().readTree(stored).path("actions").get(0).path("data").isObject())
                .isTrue();
        h.dispatch("calendar.create_event", data("title", "Bestuur", "start", "2026-11-26T10:00", "end",
                "2026-11-26T11:00", "domain", "VSB")).assertOk();
        assertThat(h.dispatch("reminder.list").assertOk().data().toString()).contains("Prepare Bestuur");

        ObjectNode bad = automation("bad-text", onEvent("calendar.created"), data("type", "ACTION",
                "action", "reminder.create", "data", "[1,2]"));
        h.dispatch("automation.create", data("automation", bad)).assertRejected(ErrorCode.VALIDATION_FAILED);
    }

    @Test
    @DisplayName("an ACTION outside the automation's scopes is refused by the pipeline and recorded")
    void outsideScopes() {
        create(automation("no-scope", onEvent("reminder.created"), action("logbook.add_daily_entry",
                data("date", "2026-11-23", "text", "x"))));
        h.dispatch("reminder.create", reminder("A")).assertOk();
        JsonNode step = runs("no-scope").get(0).path("actions").get(0);
        assertThat(step.path("status").asText()).isEqualTo("REFUSED");
        assertThat(step.path("code").asText()).isEqualTo("FORBIDDEN");
    }

    @Test
    @DisplayName("an automation may ask for consent but never give it: JA through an automation is refused, nothing committed")
    void neverConsents() {
        ObjectNode bad = automation("self-approve", onEvent("commit.requested"),
                action("question.answer", data("id", "{{event.data.questionId}}", "answer", "JA")));
        bad.putArray("scopes").add("question:answer");
        h.dispatch("automation.create", data("automation", bad)).assertRejected(ErrorCode.VALIDATION_FAILED);

        bad.remove("scopes");
        create(bad);
        int commits = h.snapshot().commits().size();
        var asked = h.dispatch("automation.request_commit").assertOk();
        String q = asked.data().path("questionId").asText();
        JsonNode step = runs("self-approve").get(0).path("actions").get(0);
        assertThat(step.path("status").asText()).isEqualTo("REFUSED");
        assertThat(step.path("code").asText()).isEqualTo("FORBIDDEN");
        assertThat(h.snapshot().commits()).as("no commit was made").hasSize(commits);
        assertThat(h.dispatch("question.list").assertOk().data().toString()).contains(q);
        // the user's own JA commits the automation
        h.answer(q, "JA").assertOk();
        assertThat(h.snapshot().commits()).hasSize(commits + 1);
    }

    @Test
    @DisplayName("loop protection: an automation whose action publishes what it listens to runs once more, then stops with an alert")
    void loopProtection() {
        ObjectNode loop = automation("echo", onEvent("reminder.created"),
                action("reminder.create", data("title", "echo of {{event.data.reminder.title}}", "due",
                        "2026-11-25T09:00:00+01:00", "domein", "VSB")));
        loop.putArray("scopes").add("reminder:write");
        create(loop);
        h.dispatch("reminder.create", reminder("seed")).assertOk();
        assertThat(runs("echo")).hasSize(2);
        assertThat(alerts("AUTOMATION_LOOP_STOPPED")).hasSize(1);
        String reminders = h.dispatch("reminder.list").assertOk().data().toString();
        assertThat(reminders).contains("echo of seed", "echo of echo of seed").doesNotContain("echo of echo of echo");
    }

    @Test
    @DisplayName("SCHEDULE: the automations job fires a cron slot once, late if the tick was missed, in the zone")
    void schedule() {
        create(automation("standup", data("type", "SCHEDULE", "cron", "0 9 * * 1-5", "zone", "Europe/Amsterdam"),
                notify("Stand-up")));
        h.tickTo("2026-11-23T08:30:00+01:00");
        assertThat(runs("standup")).isEmpty();
        h.tickTo("2026-11-23T09:00:00+01:00");
        assertThat(runs("standup")).hasSize(1);
        h.tickTo("2026-11-23T09:01:00+01:00");
        assertThat(runs("standup")).hasSize(1);
        // Saturday and Sunday pass without a firing; Monday's is missed until 11:00 and fires once, late
        h.tickTo("2026-11-28T12:00:00+01:00");
        int before = runs("standup").size();
        h.tickTo("2026-11-30T11:00:00+01:00");
        assertThat(runs("standup").size()).isEqualTo(before + 1);
        assertThat(runs("standup").get(before).path("trigger").asText()).isEqualTo("SCHEDULE");
    }

    @Test
    @DisplayName("CONDITION: checked on every tick, fires when it turns true and not again while it stays true")
    void condition() {
        create(automation("overdue", data("type", "CONDITION", "condition", "brain.overdueReminders > 0"),
                notify("{{brain.overdueReminders}} overdue")));
        h.dispatch("reminder.create", reminder("Late one")).assertOk();
        h.tickTo("2026-11-24T08:00:00+01:00");
        assertThat(runs("overdue")).isEmpty();
        h.tickTo("2026-11-24T10:00:00+01:00");
        assertThat(runs("overdue")).hasSize(1);
        assertThat(alerts("AUTOMATION_NOTICE").get(0).message()).contains("1 overdue");
        h.tickTo("2026-11-24T11:00:00+01:00");
        assertThat(runs("overdue")).hasSize(1);
    }

    static String sign(long ts, String body) {
        return HexFormat.of().formatHex(AutomationFeature.hmac(SECRET, ts + "." + body));
    }

    @Test
    @DisplayName("WEBHOOK: a verified signature within the replay window runs it with the body as data; others are refused")
    void webhook() {
        create(automation("deploy-hook", data("type", "WEBHOOK", "secretRef", "deploy"),
                notify("Deploy {{event.data.status}}")));
        long now = h.clock().instant().getEpochSecond();
        String body = "{\"status\":\"ok\"}";
        h.dispatch("automation.webhook", data("id", "deploy-hook", "timestamp", now, "body", body,
                "signature", sign(now, body))).assertOk();
        assertThat(alerts("AUTOMATION_NOTICE")).singleElement().satisfies(a -> assertThat(a.message()).endsWith("Deploy ok"));
        h.dispatch("automation.webhook", data("id", "deploy-hook", "timestamp", now, "body", body,
                "signature", sign(now, body + " "))).assertRejected(ErrorCode.FORBIDDEN);
        h.dispatch("automation.webhook", data("id", "deploy-hook", "timestamp", now - 600, "body", body,
                "signature", sign(now - 600, body))).assertRejected(ErrorCode.FORBIDDEN);
        assertThat(runs("deploy-hook")).hasSize(1);
    }

    @Test
    @DisplayName("WEBHOOK: the same delivery id twice within the window is a replay and refused; a new id runs again")
    void webhookReplayRefusedById() {
        create(automation("deploy-hook", data("type", "WEBHOOK", "secretRef", "deploy"),
                notify("Deploy {{event.data.status}}")));
        long now = h.clock().instant().getEpochSecond();
        String body = "{\"status\":\"ok\"}";
        h.dispatch("automation.webhook", data("id", "deploy-hook", "timestamp", now, "body", body,
                "signature", sign(now, body), "deliveryId", "evt_1")).assertOk();
        var replay = h.dispatch("automation.webhook", data("id", "deploy-hook", "timestamp", now, "body", body,
                "signature", sign(now, body), "deliveryId", "evt_1"));
        replay.assertRejected(ErrorCode.FORBIDDEN);
        assertThat(replay.json().toString()).contains("$.data.deliveryId");
        h.dispatch("automation.webhook", data("id", "deploy-hook", "timestamp", now, "body", body,
                "signature", sign(now, body), "deliveryId", "evt_2")).assertOk();
        assertThat(runs("deploy-hook")).hasSize(2);
    }

    @Test
    @DisplayName("MANUAL + EMAIL + WEBHOOK: queued in the outbox after the run is durable, sent, retried with backoff")
    void manualEmailWebhook() {
        create(automation("report", data("type", "MANUAL"),
                data("type", "EMAIL", "to", List.of("jan@example.org"), "subject", "Report {{now.date}}",
                        "body", "Hello {{event.data.who}}"),
                data("type", "WEBHOOK", "url", "https://hooks.example.org/x", "body", "{\"who\":\"{{event.data.who}}\"}")));
        hooks.failNext(1);
        h.dispatch("automation.run", data("id", "report", "data", data("who", "Anne"))).assertOk();
        assertThat(mail.sent()).singleElement().satisfies(m -> {
            assertThat(m.subject()).isEqualTo("Report 2026-11-23");
            assertThat(m.text()).isEqualTo("Hello Anne");
        });
        assertThat(hooks.calls()).isEmpty();
        h.tickTo("2026-11-23T08:02:00+01:00");
        assertThat(hooks.calls()).singleElement().satisfies(c -> assertThat(c.body()).isEqualTo("{\"who\":\"Anne\"}"));
    }

    @Test
    @DisplayName("AGENT_TASK: a question for the model, answered like any question")
    void agentTask() {
        create(automation("summary", data("type", "MANUAL"), data("type", "AGENT_TASK", "prompt",
                "Summarise the week ending {{now.date}}")));
        h.dispatch("automation.run", data("id", "summary")).assertOk();
        JsonNode questions = h.dispatch("question.list").assertOk().data();
        assertThat(questions.toString()).contains("AGENT_TASK", "Summarise the week ending 2026-11-23");
        String id = runs("summary").get(0).path("actions").get(0).path("questionId").asText();
        h.answer(id, "DONE").assertOk();
    }

    @Test
    @DisplayName("WORKFLOW: a refused step is retried with backoff and succeeds; one that keeps failing goes to the dead-letter list")
    void workflow() {
        ObjectNode step = data("action", "notulen.extract_action_points", "data",
                data("project", "bestuur", "file", "2026-11-23-overleg.md"));
        ObjectNode wf = data("type", "WORKFLOW", "steps", List.of(step), "attempts", 3, "backoffSeconds", 60);
        ObjectNode a = automation("wf", data("type", "MANUAL"), wf);
        a.putArray("scopes").add("notulen:read");
        create(a);
        h.dispatch("automation.run", data("id", "wf")).assertOk();
        assertThat(runs("wf").get(0).path("actions").get(0).path("status").asText()).isEqualTo("RETRYING");
        h.dispatch("notulen.save", data("project", "bestuur", "date", "2026-11-23", "title", "Overleg",
                "markdown", "- [ ] iets @anne")).assertOk();
        h.tickTo("2026-11-23T08:00:30+01:00");
        assertThat(runs("wf")).hasSize(1).as("not before its backoff");
        h.tickTo("2026-11-23T08:02:00+01:00");
        JsonNode retried = runs("wf").get(1);
        assertThat(retried.path("trigger").asText()).isEqualTo("RETRY");
        assertThat(retried.path("status").asText()).isEqualTo("OK");

        ObjectNode never = data("action", "notulen.extract_action_points", "data",
                data("project", "bestuur", "file", "2099-01-01-nooit.md"));
        ObjectNode dead = automation("dead", data("type", "MANUAL"),
                data("type", "WORKFLOW", "steps", List.of(never), "attempts", 2, "backoffSeconds", 60));
        dead.putArray("scopes").add("notulen:read");
        create(dead);
        h.dispatch("automation.run", data("id", "dead")).assertOk();
        h.tickTo("2026-11-23T08:05:00+01:00");
        JsonNode all = h.dispatch("automation.runs", data("id", "dead")).assertOk().data();
        assertThat(all.path("deadLetter")).hasSize(1);
        assertThat(all.path("retries")).isEmpty();
        assertThat(alerts("AUTOMATION_DEAD_LETTER")).hasSize(1);
    }

    @Test
    @DisplayName("automation.test is a dry run: what would happen for a sample event, nothing changed")
    void dryRun() {
        ObjectNode a = automation("budget", onEvent("finance.spent"), notify("Pot {{event.data.pot}} at {{event.data.usedPercent}} %"));
        a.put("condition", "event.data.usedPercent >= 80");
        create(a);
        var before = h.snapshot();
        JsonNode yes = h.dispatch("automation.test", data("id", "budget", "event", data("name", "finance.spent",
                "data", data("pot", "boodschappen", "usedPercent", 85)))).assertOk().data();
        assertThat(yes.path("wouldRun").asBoolean()).isTrue();
        assertThat(yes.path("actions").get(0).path("message").asText()).isEqualTo("Pot boodschappen at 85 %");
        JsonNode no = h.dispatch("automation.test", data("id", "budget", "event", data("name", "finance.spent",
                "data", data("pot", "boodschappen", "usedPercent", 20)))).assertOk().data();
        assertThat(no.path("wouldRun").asBoolean()).isFalse();
        JsonNode other = h.dispatch("automation.test", data("id", "budget", "event", data("name", "reminder.created",
                "data", data("usedPercent", 99)))).assertOk().data();
        assertThat(other.path("triggerMatches").asBoolean()).isFalse();
        h.assertUnchangedSince(before);
        assertThat(alerts("AUTOMATION_NOTICE")).isEmpty();
    }

    @Test
    @DisplayName("a disabled automation does not run; enabled again, it does")
    void enableDisable() {
        create(automation("toggle", onEvent("reminder.created"), notify("x")));
        h.dispatch("automation.disable", data("id", "toggle")).assertOk();
        h.dispatch("reminder.create", reminder("A")).assertOk();
        assertThat(runs("toggle")).isEmpty();
        h.dispatch("automation.enable", data("id", "toggle")).assertOk();
        h.dispatch("reminder.create", reminder("B")).assertOk();
        assertThat(runs("toggle")).hasSize(1);
    }

    @Test
    @DisplayName("the bus: engines' events arrive in order with their data; a failing subscriber is an alert in the answer")
    void busFromEngines() {
        List<DomainEvent> heard = new ArrayList<>();
        h.avalon().events().subscribe(Subscription.of("test", "**", heard::add));
        h.avalon().events().subscribe(Subscription.of("broken", "finance.*", e -> {
            throw new IllegalStateException("broken subscriber");
        }));
        h.dispatch("reminder.create", reminder("A")).assertOk();
        h.dispatch("finance.register_income", "{\"amount\":\"100.00\",\"date\":\"2026-11-23\",\"source\":\"salaris\","
                + "\"note\":\"nov\"}").assertOk().assertThat().raisedAlert("EVENT_SUBSCRIBER_FAILED");
        assertThat(heard.stream().map(DomainEvent::name)).containsSubsequence("reminder.created", "finance.income");
        assertThat(heard.stream().filter(e -> e.name().equals("reminder.created")).findFirst().orElseThrow().data()
                .path("reminder").path("title").asText()).isEqualTo("A");
    }
}
