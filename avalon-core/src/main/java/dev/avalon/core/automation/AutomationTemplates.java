package dev.avalon.core.automation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.avalon.core.json.Json;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * The built-in automation templates: deadline reminder, weekly summary, budget alert, streak
 * reminder, daily backup and stand-up reminder. Each has a domain, parameters with defaults, and
 * makes an ordinary automation that the user then owns like any other.
 */
public final class AutomationTemplates {

    /**
     * One template.
     *
     * @param name        its id, e.g. {@code budget-alert}
     * @param domain      the domain it belongs to (work, finance, personal, system)
     * @param description what the automation does
     * @param defaults    its parameters and their default values
     * @param make        the automation's JSON from the parameters (defaults filled in)
     */
    public record Template(String name, String domain, String description, Map<String, String> defaults,
                           Function<Map<String, String>, ObjectNode> make) {
        public Template {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(domain, "domain");
            Objects.requireNonNull(description, "description");
            defaults = Map.copyOf(defaults);
            Objects.requireNonNull(make, "make");
        }

        /** The automation's JSON, with {@code params} over the defaults. */
        public ObjectNode automation(String id, Map<String, String> params) {
            Map<String, String> p = new LinkedHashMap<>(defaults);
            p.putAll(params);
            ObjectNode n = make.apply(p);
            n.put("id", id);
            return n;
        }

        public ObjectNode toJson() {
            ObjectNode n = Json.object();
            n.put("name", name);
            n.put("domain", domain);
            n.put("description", description);
            ObjectNode d = n.putObject("defaults");
            new java.util.TreeMap<>(defaults).forEach(d::put);
            return n;
        }
    }

    private static final List<Template> ALL = List.of(
            new Template("deadline-reminder", "work",
                    "Notifies when reminders are past their deadline (a CONDITION checked every tick: it fires when"
                            + " the count of overdue reminders becomes non-zero).",
                    Map.of("level", "IMPORTANT"),
                    p -> automation("Deadline reminder", trigger("CONDITION", "condition", "brain.overdueReminders > 0"),
                            notify(p.get("level"), "Deadline passed",
                                    "{{brain.overdueReminders}} reminder(s) are past their deadline."))),
            new Template("weekly-summary", "work",
                    "Every Sunday at 18:00 asks the model for a summary of the week (an AGENT_TASK question).",
                    Map.of("cron", "0 18 * * SUN"),
                    p -> automation("Weekly summary", schedule(p.get("cron")), agent(
                            "Write a short summary of the week ending {{now.date}}: logbook, calendar, reminders"
                                    + " and finance."))),
            new Template("budget-alert", "finance",
                    "Notifies when a spend leaves a pot with at least `percent` % of the money put into it used.",
                    Map.of("percent", "80"),
                    p -> {
                        ObjectNode n = automation("Budget alert", trigger("EVENT", "pattern", "finance.spent"),
                                notify("IMPORTANT", "Budget alert",
                                        "Pot {{event.data.pot}} has used {{event.data.usedPercent}} % of its money"
                                                + " (balance {{event.data.balance}})."));
                        n.put("condition", "event.data.usedPercent >= " + Long.parseLong(p.get("percent")));
                        return n;
                    }),
            new Template("streak-reminder", "personal",
                    "Every evening at 20:00 reminds you to keep your logbook streak going.",
                    Map.of("cron", "0 20 * * *"),
                    p -> automation("Streak reminder", schedule(p.get("cron")), notify("INFO", "Keep your streak",
                            "Record today's logbook entry ({{now.date}}) to keep your streak."))),
            new Template("daily-backup", "system",
                    "Every night at 03:00 runs `action` (by default the audit verification) as a workflow with"
                            + " retries, and says so.",
                    Map.of("cron", "0 3 * * *", "action", "audit.verify", "scope", "audit:read"),
                    p -> {
                        ObjectNode n = automation("Daily backup", schedule(p.get("cron")));
                        ObjectNode w = n.withArray("actions").addObject();
                        w.put("type", "WORKFLOW");
                        w.putArray("steps").addObject().put("action", p.get("action")).putObject("data");
                        w.put("attempts", 3);
                        w.put("backoffSeconds", 300);
                        n.withArray("actions").add(notify("INFO", "Daily backup",
                                "The nightly check of {{now.date}} ran."));
                        n.putArray("scopes").add(p.get("scope"));
                        return n;
                    }),
            new Template("standup-reminder", "work",
                    "On weekdays at 09:00 reminds you of the stand-up.",
                    Map.of("cron", "0 9 * * 1-5", "message", "Stand-up in 15 minutes."),
                    p -> automation("Stand-up reminder", schedule(p.get("cron")), notify("INFO", "Stand-up",
                            p.get("message")))));

    private AutomationTemplates() {
    }

    public static List<Template> all() {
        return ALL;
    }

    public static Optional<Template> find(String name) {
        return ALL.stream().filter(t -> t.name().equals(name)).findFirst();
    }

    private static ObjectNode automation(String name, ObjectNode trigger, JsonNode... actions) {
        ObjectNode n = Json.object();
        n.put("id", "x");
        n.put("name", name);
        n.put("enabled", true);
        n.set("trigger", trigger);
        ArrayNode a = n.putArray("actions");
        for (JsonNode x : actions) {
            a.add(x);
        }
        return n;
    }

    private static ObjectNode trigger(String type, String field, String value) {
        ObjectNode t = Json.object();
        t.put("type", type);
        t.put(field, value);
        return t;
    }

    private static ObjectNode schedule(String cron) {
        return trigger("SCHEDULE", "cron", cron);
    }

    private static ObjectNode notify(String level, String title, String message) {
        ObjectNode n = Json.object();
        n.put("type", "NOTIFY");
        n.put("level", level);
        n.put("title", title);
        n.put("message", message);
        return n;
    }

    private static ObjectNode agent(String prompt) {
        ObjectNode n = Json.object();
        n.put("type", "AGENT_TASK");
        n.put("prompt", prompt);
        return n;
    }
}
