package dev.avalon.core.automation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.avalon.core.base.ErrorCode;
import dev.avalon.core.base.Refusal;
import dev.avalon.core.base.Violation;
import dev.avalon.core.event.EventPattern;
import dev.avalon.core.json.Json;
import dev.avalon.core.port.AlertLevel;
import dev.avalon.core.port.BrainPath;
import dev.avalon.core.port.ConditionLanguage;
import dev.avalon.core.schema.JsonSchemas;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * An automation the user owns, kept in {@code automations/<id>.json} (schema
 * {@code schema/automation.schema.json}): a trigger, an optional condition, the actions, the scopes
 * its ACTION steps may use, and whether it is enabled.
 *
 * @param id        safe name, also the file name
 * @param name      for people
 * @param enabled   a disabled automation is kept but never runs (a dry run still shows what it would do)
 * @param trigger   what starts it
 * @param condition an expression that must hold for it to run, if any
 * @param scopes    the scopes its ACTION and WORKFLOW steps run with; never those that answer
 *                  questions, change governance or change automations ({@link Automations#FORBIDDEN_SCOPES})
 * @param actions   what it does, in order
 * @param json      the stored form
 */
public record Automation(String id, String name, boolean enabled, Trigger trigger, Optional<String> condition,
                         Set<String> scopes, List<AutomationAction> actions, JsonNode json) {

    public static final String FOLDER = "automations";
    private static final JsonSchemas.Compiled SCHEMA =
            JsonSchemas.compile(JsonSchemas.resource("schema/automation.schema.json"));

    public Automation {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(trigger, "trigger");
        Objects.requireNonNull(condition, "condition");
        scopes = Set.copyOf(scopes);
        actions = List.copyOf(actions);
        json = Objects.requireNonNull(json, "json").deepCopy();
    }

    /** Where an automation with this id is kept. */
    public static BrainPath path(String id) {
        return BrainPath.of(FOLDER + "/" + id + ".json");
    }

    public BrainPath path() {
        return path(id);
    }

    /** This automation enabled or disabled. */
    public Automation withEnabled(boolean value) {
        ObjectNode n = (ObjectNode) json.deepCopy();
        n.put("enabled", value);
        return new Automation(id, name, value, trigger, condition, scopes, actions, n);
    }

    /**
     * Reads and checks an automation: the schema, then the pattern, cron and zone, the scopes, and the
     * conditions compiled with {@code language} (every problem at once).
     *
     * @param root        where the violations point, e.g. {@code $.data.automation}
     * @param defaultZone the zone of a SCHEDULE trigger that names none
     * @param language    the condition language, empty when the host wired none (a condition is then refused)
     * @throws Refusal VALIDATION_FAILED with every violation, or PORT_MISSING
     */
    public static Automation fromJson(JsonNode n, String root, ZoneId defaultZone, Optional<ConditionLanguage> language) {
        List<Violation> violations = new ArrayList<>(SCHEMA.validate(n, root));
        if (!violations.isEmpty()) {
            throw new Refusal(ErrorCode.VALIDATION_FAILED, "not a valid automation: " + violations.get(0).path() + " "
                    + violations.get(0).problem(), violations);
        }
        requireFields(n.get("trigger"), root + ".trigger", TRIGGER_FIELDS, violations);
        for (int i = 0; i < n.get("actions").size(); i++) {
            JsonNode a = n.get("actions").get(i);
            String at = root + ".actions[" + i + "]";
            requireFields(a, at, ACTION_FIELDS, violations);
            List<JsonNode> calls = new ArrayList<>();
            if (a.has("action")) {
                calls.add(a);
            }
            a.path("steps").forEach(calls::add);
            for (JsonNode c : calls) {
                if (!dev.avalon.core.action.ActionDefinition.NAME.matcher(c.path("action").asText()).matches()) {
                    violations.add(new Violation(at + ".action", "is not an action name, e.g. reminder.create"));
                }
            }
            if (a.has("url") && !a.get("url").asText().matches("https://\\S{1,2000}")) {
                violations.add(new Violation(at + ".url", "must be an https:// address without spaces"));
            }
        }
        if (!violations.isEmpty()) {
            throw new Refusal(ErrorCode.VALIDATION_FAILED, "not a valid automation: " + violations.get(0).path() + " "
                    + violations.get(0).problem(), violations);
        }
        Trigger trigger = trigger(n.get("trigger"), root + ".trigger", defaultZone, violations);
        List<String> conditions = new ArrayList<>();
        if (n.hasNonNull("condition")) {
            conditions.add(n.get("condition").textValue());
        }
        if (trigger instanceof Trigger.OnCondition c) {
            conditions.add(c.condition());
        }
        if (!conditions.isEmpty() && language.isEmpty()) {
            throw new Refusal(ErrorCode.PORT_MISSING, "conditions need a condition language (the ConditionLanguage"
                    + " port, e.g. avalon-cel); none is wired", List.of(new Violation(root + ".condition",
                    "cannot be checked without the ConditionLanguage port")));
        }
        for (String c : conditions) {
            try {
                language.get().compile(c);
            } catch (ConditionLanguage.ConditionException e) {
                violations.add(new Violation(root + ".condition", e.getMessage()));
            }
        }
        Set<String> scopes = new LinkedHashSet<>();
        n.path("scopes").forEach(s -> scopes.add(s.textValue()));
        for (String s : scopes) {
            if (Automations.forbidden(s)) {
                violations.add(new Violation(root + ".scopes", s + " is never given to an automation: it may ask,"
                        + " never answer, commit or change governance or automations"));
            }
        }
        List<AutomationAction> actions = new ArrayList<>();
        for (JsonNode a : n.get("actions")) {
            actions.add(action(a));
        }
        if (!violations.isEmpty()) {
            throw new Refusal(ErrorCode.VALIDATION_FAILED, "not a valid automation: " + violations.get(0).path() + " "
                    + violations.get(0).problem(), violations);
        }
        return new Automation(n.get("id").textValue(), n.get("name").textValue(), n.get("enabled").booleanValue(),
                trigger, Optional.ofNullable(n.get("condition")).map(JsonNode::textValue), scopes, actions, n);
    }

    /** The fields each trigger and action type needs; the schema says their shape, this which are required. */
    private static final java.util.Map<String, List<String>> TRIGGER_FIELDS = java.util.Map.of("EVENT", List.of("pattern"),
            "SCHEDULE", List.of("cron"), "WEBHOOK", List.of("secretRef"), "CONDITION", List.of("condition"),
            "MANUAL", List.of());
    private static final java.util.Map<String, List<String>> ACTION_FIELDS = java.util.Map.of("ACTION", List.of("action"),
            "NOTIFY", List.of("message"), "EMAIL", List.of("to", "subject", "body"), "WEBHOOK", List.of("url", "body"),
            "AGENT_TASK", List.of("prompt"), "WORKFLOW", List.of("steps"));

    private static void requireFields(JsonNode n, String path, java.util.Map<String, List<String>> fields,
                                      List<Violation> violations) {
        String type = n.get("type").textValue();
        for (String f : fields.get(type)) {
            if (!n.hasNonNull(f)) {
                violations.add(new Violation(path + "." + f, "is required for " + type));
            }
        }
    }

    private static Trigger trigger(JsonNode t, String path, ZoneId defaultZone, List<Violation> violations) {
        switch (t.get("type").textValue()) {
            case "EVENT" -> {
                String p = t.get("pattern").textValue();
                if (!EventPattern.isValid(p)) {
                    violations.add(new Violation(path + ".pattern", "is not an event pattern: segments of a-z, 0-9,"
                            + " _, * (one segment) or ** (any) joined by dots, e.g. calendar.* or *.created"));
                    return new Trigger.Manual();
                }
                return new Trigger.OnEvent(EventPattern.of(p));
            }
            case "SCHEDULE" -> {
                ZoneId zone = defaultZone;
                if (t.hasNonNull("zone")) {
                    try {
                        zone = ZoneId.of(t.get("zone").textValue());
                    } catch (DateTimeException e) {
                        violations.add(new Violation(path + ".zone", "is not a time zone, e.g. Europe/Amsterdam"));
                    }
                }
                try {
                    return new Trigger.OnSchedule(Cron.parse(t.get("cron").textValue(), zone));
                } catch (IllegalArgumentException e) {
                    violations.add(new Violation(path + ".cron", e.getMessage()));
                    return new Trigger.Manual();
                }
            }
            case "WEBHOOK" -> {
                return new Trigger.OnWebhook(t.get("secretRef").textValue());
            }
            case "CONDITION" -> {
                return new Trigger.OnCondition(t.get("condition").textValue());
            }
            default -> {
                return new Trigger.Manual();
            }
        }
    }

    private static AutomationAction action(JsonNode a) {
        return switch (a.get("type").textValue()) {
            case "ACTION" -> run(a);
            case "NOTIFY" -> new AutomationAction.Notify(AlertLevel.valueOf(a.path("level").asText("INFO")),
                    a.path("title").asText(""), a.get("message").textValue());
            case "EMAIL" -> {
                List<String> to = new ArrayList<>();
                a.get("to").forEach(x -> to.add(x.textValue()));
                yield new AutomationAction.Email(to, a.get("subject").textValue(), a.get("body").textValue());
            }
            case "WEBHOOK" -> new AutomationAction.Webhook(a.get("url").textValue(), a.get("body").textValue());
            case "AGENT_TASK" -> new AutomationAction.AgentTask(a.get("prompt").textValue());
            default -> {
                List<AutomationAction.RunAction> steps = new ArrayList<>();
                a.get("steps").forEach(s -> steps.add(run(s)));
                yield new AutomationAction.Workflow(steps, a.path("attempts").asInt(3), a.path("backoffSeconds")
                        .asLong(60));
            }
        };
    }

    private static AutomationAction.RunAction run(JsonNode a) {
        return new AutomationAction.RunAction(a.get("action").textValue(),
                a.hasNonNull("data") ? a.get("data") : Json.object());
    }
}
