package dev.avalon.core.automation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.avalon.core.action.ActionContext;
import dev.avalon.core.action.FolderCommitRequest;
import dev.avalon.core.action.ActionDefinition;
import dev.avalon.core.action.Outcome;
import dev.avalon.core.action.QuestionResolver;
import dev.avalon.core.audit.AuditRecord;
import dev.avalon.core.base.ErrorCode;
import dev.avalon.core.base.Refusal;
import dev.avalon.core.base.Violation;
import dev.avalon.core.brain.Brain;
import dev.avalon.core.brain.BrainValidation;
import dev.avalon.core.event.DomainEvent;
import dev.avalon.core.feature.Feature;
import dev.avalon.core.json.CanonicalJson;
import dev.avalon.core.json.Json;
import dev.avalon.core.port.ConditionLanguage;
import dev.avalon.core.port.MailDeliveryException;
import dev.avalon.core.port.MessageTemplates;
import dev.avalon.core.port.Ports;
import dev.avalon.core.port.TextMailSender;
import dev.avalon.core.port.WebhookSecrets;
import dev.avalon.core.port.WebhookSender;
import dev.avalon.core.question.QuestionKind;
import dev.avalon.core.question.QuestionStatus;

import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Automations the user owns: the {@code automation.*} actions, the check of SCHEDULE and CONDITION
 * triggers and due workflow retries on every tick ({@link #check}), the outbox of
 * EMAIL and WEBHOOK actions, and AGENT_TASK questions. Running an automation needs the action
 * pipeline and happens in the kernel, which hears {@code automation.requested} and the matching
 * events on the bus.
 */
public final class AutomationFeature implements Feature {

    /** A question for the model to take up, asked by an AGENT_TASK action. */
    public static final QuestionKind AGENT_TASK = QuestionKind.of("AGENT_TASK");

    /** How far an inbound webhook's timestamp may be from now. */
    public static final Duration REPLAY_WINDOW = Duration.ofMinutes(5);

    /** Attempts of an outbox entry before it is dead. */
    public static final int OUTBOX_ATTEMPTS = 5;

    @Override
    public String name() {
        return "automation";
    }

    @Override
    public List<ActionDefinition> actions() {
        return List.of(
                ActionDefinition.fromResource("automation.create", ctx -> save(ctx, ctx.data().get("automation"), false)),
                ActionDefinition.fromResource("automation.update", ctx -> save(ctx, ctx.data().get("automation"), true)),
                ActionDefinition.fromResource("automation.enable", ctx -> enable(ctx, true)),
                ActionDefinition.fromResource("automation.disable", ctx -> enable(ctx, false)),
                ActionDefinition.fromResource("automation.list", AutomationFeature::list),
                ActionDefinition.fromResource("automation.runs", AutomationFeature::runs),
                ActionDefinition.fromResource("automation.test", AutomationFeature::test),
                ActionDefinition.fromResource("automation.run", AutomationFeature::run),
                ActionDefinition.fromResource("automation.webhook", AutomationFeature::webhook),
                ActionDefinition.fromResource("automation.templates", AutomationFeature::templates),
                ActionDefinition.fromResource("automation.create_from_template", AutomationFeature::fromTemplate),
                ActionDefinition.fromResource("automation.request_commit", AutomationFeature::requestCommit));
    }

    @Override
    public List<QuestionKind> questionKinds() {
        return List.of(AGENT_TASK);
    }

    @Override
    public Map<QuestionKind, QuestionResolver> resolvers() {
        return Map.of(AGENT_TASK, (ctx, q, answer) -> {
            ObjectNode audit = Json.object();
            audit.put("questionId", q.id());
            audit.put("answer", answer);
            return Outcome.builder().close(q.closed(QuestionStatus.ANSWERED, answer, ctx.now()))
                    .audit(new AuditRecord("automation.agent_task_answered", ctx.actor(), ctx.traceId(), audit)).build();
        });
    }

    @Override
    public Map<String, BrainValidation.FileValidator> validators(Brain brain, Ports ports) {
        return Map.of(Automation.FOLDER + "/", (path, content) -> {
            try {
                Automation a = Automation.fromJson(Json.parse(content), path.value(),
                        java.time.ZoneId.of("UTC"), ports.find(ConditionLanguage.class));
                if (!Automation.path(a.id()).equals(path)) {
                    return List.of(new Violation(path.value(), "holds automation " + a.id() + "; its file is "
                            + Automation.path(a.id())));
                }
                return List.of();
            } catch (Refusal r) {
                return r.error().details().isEmpty() ? List.of(new Violation(path.value(), r.error().message()))
                        : r.error().details();
            } catch (java.io.IOException e) {
                return List.of(new Violation(path.value(), "is not JSON"));
            }
        });
    }

    // ------------------------------------------------------------------ actions

    private static Optional<ConditionLanguage> language(ActionContext ctx) {
        return ctx.port(ConditionLanguage.class);
    }

    private static Outcome save(ActionContext ctx, JsonNode json, boolean replace) {
        Automation a = Automation.fromJson(JsonText.automation(json, "$.data.automation"), "$.data.automation",
                ctx.zone(), language(ctx));
        boolean exists = ctx.brain().read(a.path()).isPresent();
        if (exists != replace) {
            throw new Refusal(ErrorCode.VALIDATION_FAILED, replace ? "no automation " + a.id()
                    : "automation " + a.id() + " exists already", new Violation("$.data.automation.id", replace
                    ? "no automation with this id; create it with automation.create"
                    : "is taken; change it with automation.update or choose another id"));
        }
        return write(ctx, a, replace ? "updated" : "created");
    }

    private static Outcome write(ActionContext ctx, Automation a, String change) {
        byte[] bytes = Json.pretty(a.json());
        ObjectNode audit = Json.object();
        audit.put("automation", a.id());
        audit.put("change", change);
        audit.put("enabled", a.enabled());
        audit.put("trigger", a.trigger().type());
        audit.put("sha256", CanonicalJson.sha256Hex(bytes));
        ObjectNode result = Json.object();
        result.put("id", a.id());
        result.put("path", a.path().value());
        result.put("enabled", a.enabled());
        result.put("change", change);
        return Outcome.builder(result).write(a.path(), bytes)
                .audit(new AuditRecord("automation.saved", ctx.actor(), ctx.traceId(), audit)).build();
    }

    private static Outcome enable(ActionContext ctx, boolean value) {
        Automation a = find(ctx);
        return write(ctx, a.withEnabled(value), value ? "enabled" : "disabled");
    }

    private static Automation find(ActionContext ctx) {
        return Automations.find(ctx.brain(), ctx.data().get("id").textValue(), ctx.zone(), language(ctx), "$.data.id");
    }

    private static Outcome list(ActionContext ctx) {
        AutomationState state = AutomationState.load(ctx.brain());
        ObjectNode result = Json.object();
        ArrayNode list = result.putArray("automations");
        for (Automation a : Automations.all(ctx.brain(), ctx.zone(), language(ctx))) {
            ObjectNode n = list.addObject();
            n.put("id", a.id());
            n.put("name", a.name());
            n.put("enabled", a.enabled());
            n.put("trigger", a.trigger().type());
            List<JsonNode> runs = state.runs(a.id());
            if (!runs.isEmpty()) {
                n.set("lastRun", runs.get(runs.size() - 1));
            }
        }
        return Outcome.of(result);
    }

    private static Outcome runs(ActionContext ctx) {
        Automation a = find(ctx);
        AutomationState state = AutomationState.load(ctx.brain());
        int limit = ctx.data().path("limit").asInt(AutomationState.MAX_RUNS);
        List<JsonNode> all = state.runs(a.id());
        ObjectNode result = Json.object();
        result.put("id", a.id());
        ArrayNode runs = result.putArray("runs");
        all.subList(Math.max(0, all.size() - limit), all.size()).forEach(runs::add);
        ArrayNode dead = result.putArray("deadLetter");
        state.deadLetter().stream().filter(d -> d.path("automation").asText().equals(a.id())).forEach(dead::add);
        ArrayNode retries = result.putArray("retries");
        state.retries().stream().filter(d -> d.path("automation").asText().equals(a.id())).forEach(retries::add);
        return Outcome.of(result);
    }

    /** A dry run: what the automation would do for a sample event, changing nothing. */
    private static Outcome test(ActionContext ctx) {
        JsonNode d = ctx.data();
        if (!d.has("automation") && !d.has("id")) {
            throw new Refusal(ErrorCode.VALIDATION_FAILED, "name the automation to test",
                    new Violation("$.data", "give id (a stored automation) or automation (one to try)"));
        }
        Automation a = d.has("automation")
                ? Automation.fromJson(JsonText.automation(d.get("automation"), "$.data.automation"),
                "$.data.automation", ctx.zone(), language(ctx)) : find(ctx);
        JsonNode sample = d.path("event");
        String name = sample.path("name").asText("automation.requested");
        DomainEvent event = new DomainEvent(name, JsonText.object(sample.get("data"), "$.data.event.data"), ctx.now());
        ObjectNode result = Json.object();
        result.put("id", a.id());
        result.put("enabled", a.enabled());
        result.put("trigger", a.trigger().type());
        boolean matches = !(a.trigger() instanceof Trigger.OnEvent e) || e.pattern().matches(name);
        result.put("triggerMatches", matches);
        Map<String, Object> facts = a.trigger() instanceof Trigger.OnEvent
                ? Facts.of(a, event, ctx.now(), ctx.zone()) : withEvent(Facts.ofBrain(a, ctx.brain(), ctx.now(),
                ctx.zone()), Facts.of(a, event, ctx.now(), ctx.zone()));
        try {
            Plan plan = Plan.of(a, facts, language(ctx), ctx.port(MessageTemplates.class));
            result.put("conditionHolds", plan.conditionHolds());
            result.put("wouldRun", a.enabled() && matches && plan.conditionHolds());
            result.set("actions", plan.toJson().get("actions"));
        } catch (ConditionLanguage.ConditionException | MessageTemplates.TemplateException e) {
            result.put("conditionHolds", false);
            result.put("wouldRun", false);
            result.putArray("actions");
            result.put("problem", e.getMessage());
        }
        return Outcome.of(result);
    }

    /** The brain facts with the event of {@code other}. */
    public static Map<String, Object> withEvent(Map<String, Object> brainFacts, Map<String, Object> other) {
        Map<String, Object> m = new LinkedHashMap<>(brainFacts);
        m.put("event", other.get("event"));
        return m;
    }

    private static Outcome run(ActionContext ctx) {
        Automation a = find(ctx);
        if (!a.enabled()) {
            throw new Refusal(ErrorCode.VALIDATION_FAILED, "automation " + a.id() + " is disabled",
                    new Violation("$.data.id", "is disabled; enable it with automation.enable"));
        }
        JsonNode data = JsonText.object(ctx.data().get("data"), "$.data.data");
        ObjectNode result = Json.object();
        result.put("id", a.id());
        result.put("requested", true);
        return Outcome.builder(result).event(requested(a.id(), "MANUAL", data, ctx.now())).build();
    }

    /** The event that asks the kernel to run an automation. */
    public static DomainEvent requested(String id, String trigger, JsonNode data, Instant at) {
        ObjectNode e = Json.object();
        e.put("automation", id);
        e.put("trigger", trigger);
        e.set("data", data.deepCopy());
        return new DomainEvent("automation.requested", e, at);
    }

    /**
     * An inbound webhook: {@code signature} is the hex HMAC-SHA256 of {@code timestamp + "." + body}
     * under the secret the host keeps for the trigger's {@code secretRef}; the timestamp must be within
     * {@link #REPLAY_WINDOW} of now.
     */
    private static Outcome webhook(ActionContext ctx) {
        Automation a = find(ctx);
        if (!(a.trigger() instanceof Trigger.OnWebhook hook)) {
            throw new Refusal(ErrorCode.VALIDATION_FAILED, "automation " + a.id() + " has no WEBHOOK trigger",
                    new Violation("$.data.id", "is triggered by " + a.trigger().type()));
        }
        byte[] secret = ctx.port(WebhookSecrets.class).flatMap(s -> s.secret(hook.secretRef()))
                .orElseThrow(() -> new Refusal(ErrorCode.FORBIDDEN, "no secret is kept for this webhook",
                        new Violation("$.data.signature", "cannot be verified: the host keeps no secret "
                                + hook.secretRef())));
        long timestamp = ctx.data().get("timestamp").longValue();
        String body = ctx.data().get("body").textValue();
        Instant at = Instant.ofEpochSecond(timestamp);
        if (Duration.between(at, ctx.now()).abs().compareTo(REPLAY_WINDOW) > 0) {
            throw new Refusal(ErrorCode.FORBIDDEN, "the webhook's timestamp is outside the replay window",
                    new Violation("$.data.timestamp", "is more than " + REPLAY_WINDOW.toMinutes() + " minutes from now"));
        }
        byte[] expected = WebhookSignature.hmac(secret, timestamp + "." + body);
        byte[] given;
        try {
            given = HexFormat.of().parseHex(ctx.data().get("signature").textValue());
        } catch (IllegalArgumentException e) {
            given = new byte[0];
        }
        if (!MessageDigest.isEqual(expected, given)) {
            throw new Refusal(ErrorCode.FORBIDDEN, "the webhook's signature does not verify",
                    new Violation("$.data.signature", "is not the HMAC-SHA256 of timestamp.body under the secret"));
        }
        if (!a.enabled()) {
            throw new Refusal(ErrorCode.VALIDATION_FAILED, "automation " + a.id() + " is disabled",
                    new Violation("$.data.id", "is disabled"));
        }
        // a signed call captured and sent again within the window is refused by its delivery id
        AutomationState state = AutomationState.load(ctx.brain());
        String delivery = ctx.data().hasNonNull("deliveryId") ? a.id() + "/" + ctx.data().get("deliveryId").textValue()
                : null;
        if (delivery != null && state.delivered(delivery, ctx.now().minus(REPLAY_WINDOW))) {
            throw new Refusal(ErrorCode.FORBIDDEN, "a replay of webhook delivery "
                    + ctx.data().get("deliveryId").textValue(), new Violation("$.data.deliveryId",
                    "was taken already; a sender retries with a new timestamp and signature, never the same call"));
        }
        JsonNode data;
        try {
            data = Json.parse(body);
        } catch (java.io.IOException e) {
            data = null;
        }
        if (data == null || !data.isObject()) {
            ObjectNode text = Json.object();
            text.put("text", body);
            data = text;
        }
        ObjectNode result = Json.object();
        result.put("id", a.id());
        result.put("requested", true);
        Outcome.Builder out = Outcome.builder(result).event(requested(a.id(), "WEBHOOK", data, ctx.now()));
        if (delivery != null) {
            out.writeJson(AutomationState.FILE, state.withDelivery(delivery, ctx.now(),
                    ctx.now().minus(REPLAY_WINDOW)).toJson());
        }
        return out.build();
    }

    /** HMAC-SHA256 of {@code text} (UTF-8) under {@code secret}; see {@link WebhookSignature}. */
    public static byte[] hmac(byte[] secret, String text) {
        return WebhookSignature.hmac(secret, text);
    }

    private static Outcome templates(ActionContext ctx) {
        String domain = ctx.data().path("domain").asText(null);
        ObjectNode result = Json.object();
        ArrayNode list = result.putArray("templates");
        AutomationTemplates.all().stream().filter(t -> domain == null || t.domain().equals(domain))
                .forEach(t -> list.add(t.toJson()));
        return Outcome.of(result);
    }

    private static Outcome fromTemplate(ActionContext ctx) {
        String name = ctx.data().get("template").textValue();
        AutomationTemplates.Template t = AutomationTemplates.find(name).orElseThrow(() -> new Refusal(
                ErrorCode.NOT_FOUND, "no template " + name, new Violation("$.data.template",
                "no such template; see automation.templates")));
        Map<String, String> params = new LinkedHashMap<>();
        List<Violation> unknown = new ArrayList<>();
        JsonText.object(ctx.data().get("params"), "$.data.params").fields().forEachRemaining(f -> {
            if (!t.defaults().containsKey(f.getKey())) {
                unknown.add(new Violation("$.data.params." + f.getKey(), "is not a parameter of " + name
                        + "; it takes " + new java.util.TreeSet<>(t.defaults().keySet())));
            }
            params.put(f.getKey(), f.getValue().asText());
        });
        if (!unknown.isEmpty()) {
            throw new Refusal(ErrorCode.VALIDATION_FAILED, "unknown template parameters", unknown);
        }
        String id = ctx.data().path("id").asText(name);
        ObjectNode json;
        try {
            json = t.automation(id, params);
        } catch (NumberFormatException e) {
            throw new Refusal(ErrorCode.VALIDATION_FAILED, "a parameter is not a number",
                    new Violation("$.data.params", e.getMessage()));
        }
        if (ctx.data().has("enabled")) {
            json.put("enabled", ctx.data().get("enabled").booleanValue());
        }
        Automation a = Automation.fromJson(json, "$.data.params", ctx.zone(), language(ctx));
        if (ctx.brain().read(a.path()).isPresent()) {
            throw new Refusal(ErrorCode.VALIDATION_FAILED, "automation " + a.id() + " exists already",
                    new Violation("$.data.id", "is taken; give another id"));
        }
        return write(ctx, a, "created");
    }

    private static Outcome requestCommit(ActionContext ctx) {
        return FolderCommitRequest.of(ctx, Automation.FOLDER, "automations", "automations", Json.object());
    }

    // ------------------------------------------------------------------ tick

    /**
     * The check the kernel makes on every tick (outside disaster recovery): a SCHEDULE automation whose
     * cron fired since it was last checked is requested (missed firings once, late); a CONDITION
     * automation whose condition turned true is requested; a workflow step whose retry is due is
     * requested again. It is not a scheduler job, so a host's tick report lists only the engines' jobs.
     */
    public static Outcome check(ActionContext ctx) {
        Instant now = ctx.now();
        AutomationState state = AutomationState.load(ctx.brain());
        AutomationState before = state;
        Outcome.Builder out = Outcome.builder();
        for (Automation a : Automations.all(ctx.brain(), ctx.zone(), language(ctx))) {
            if (!a.enabled()) {
                continue;
            }
            if (a.trigger() instanceof Trigger.OnSchedule s) {
                Optional<Instant> last = state.checked(a.id());
                if (last.isEmpty()) {
                    state = state.withChecked(a.id(), now);
                } else if (s.cron().firesBetween(last.get(), now)) {
                    ObjectNode data = Json.object();
                    data.put("slot", s.cron().next(last.get()).orElseThrow().toString());
                    out.event(requested(a.id(), "SCHEDULE", data, now));
                    state = state.withChecked(a.id(), now);
                }
            } else if (a.trigger() instanceof Trigger.OnCondition c && language(ctx).isPresent()) {
                boolean holds;
                try {
                    holds = language(ctx).get().compile(c.condition())
                            .evaluate(Facts.ofBrain(a, ctx.brain(), now, ctx.zone()));
                } catch (ConditionLanguage.ConditionException e) {
                    holds = false;
                }
                if (holds && !state.lastCondition(a.id())) {
                    out.event(requested(a.id(), "CONDITION", Json.object(), now));
                }
                if (holds != state.lastCondition(a.id())) {
                    state = state.withCondition(a.id(), holds);
                }
            }
        }
        for (JsonNode retry : state.retries()) {
            if (!Instant.parse(retry.path("nextAt").asText()).isAfter(now)) {
                ObjectNode data = Json.object();
                data.put("retry", retry.path("id").asText());
                out.event(requested(retry.path("automation").asText(), "RETRY", data, now));
            }
        }
        if (!state.toJson().equals(before.toJson())) {
            out.writeJson(AutomationState.FILE, state.toJson());
        }
        return out.build();
    }

    // ------------------------------------------------------------------ outbox

    /** Sends the due EMAIL and WEBHOOK entries of the outbox, with backoff; dead after {@link #OUTBOX_ATTEMPTS}. */
    @Override
    public Optional<Outcome> deliver(ActionContext ctx, JsonNode answer) {
        AutomationState state = AutomationState.load(ctx.brain());
        Outcome.Builder out = Outcome.builder(answer);
        boolean any = false;
        for (JsonNode entry : state.outbox()) {
            if (!"PENDING".equals(entry.path("status").asText())
                    || Instant.parse(entry.path("nextAt").asText()).isAfter(ctx.now())) {
                continue;
            }
            any = true;
            ObjectNode next = (ObjectNode) entry.deepCopy();
            int attempts = entry.path("attempts").asInt() + 1;
            next.put("attempts", attempts);
            try {
                if ("EMAIL".equals(entry.path("type").asText())) {
                    TextMailSender mail = ctx.port(TextMailSender.class).orElseThrow(() ->
                            new MailDeliveryException("no TextMailSender port is wired", false, null));
                    List<String> to = new ArrayList<>();
                    entry.path("to").forEach(x -> to.add(x.asText()));
                    next.put("messageId", mail.send(to, entry.path("subject").asText(), entry.path("body").asText()));
                } else {
                    WebhookSender sender = ctx.port(WebhookSender.class).orElseThrow(() ->
                            new WebhookSender.WebhookException("no WebhookSender port is wired", false));
                    next.put("httpStatus", sender.send(entry.path("url").asText(), entry.path("body").asText(),
                            entry.path("id").asText()));
                }
                next.put("status", "SENT");
            } catch (MailDeliveryException | WebhookSender.WebhookException e) {
                boolean retry = (e instanceof MailDeliveryException m ? m.transientFailure()
                        : ((WebhookSender.WebhookException) e).transientFailure()) && attempts < OUTBOX_ATTEMPTS;
                next.put("status", retry ? "PENDING" : "DEAD");
                next.put("lastError", String.valueOf(e.getMessage()));
                next.put("nextAt", ctx.now().plusSeconds(60L << Math.min(attempts - 1, 10)).toString());
            }
            state = state.withOutbox(next);
            ObjectNode audit = Json.object();
            audit.put("id", next.path("id").asText());
            audit.put("automation", next.path("automation").asText());
            audit.put("type", next.path("type").asText());
            audit.put("status", next.path("status").asText());
            out.audit(new AuditRecord("automation.delivered", ctx.actor(), ctx.traceId(), audit));
        }
        if (!any) {
            return Optional.empty();
        }
        return Optional.of(out.writeJson(AutomationState.FILE, state.toJson()).build());
    }
}
