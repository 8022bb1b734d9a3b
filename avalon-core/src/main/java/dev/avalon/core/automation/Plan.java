package dev.avalon.core.automation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.avalon.core.json.Json;
import dev.avalon.core.port.ConditionLanguage;
import dev.avalon.core.port.MessageTemplates;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What one run of an automation would do for given facts: whether its condition holds and each
 * action with its templates filled in. Pure; {@code automation.test} answers with it, and a real
 * run carries it out.
 *
 * @param conditionHolds whether the condition holds (true without one)
 * @param steps          each action's type and rendered detail, in order
 */
public record Plan(boolean conditionHolds, List<Step> steps) {

    public Plan {
        steps = List.copyOf(steps);
    }

    /**
     * One rendered action.
     *
     * @param action the action as the automation says it
     * @param detail its rendered fields: ACTION {@code action, data}; NOTIFY {@code level, title,
     *               message}; EMAIL {@code to, subject, body}; WEBHOOK {@code url, body}; AGENT_TASK
     *               {@code prompt}; WORKFLOW {@code steps, attempts, backoffSeconds}
     */
    public record Step(AutomationAction action, ObjectNode detail) {
        public Step {
            detail = detail.deepCopy();
        }

        @Override
        public ObjectNode detail() {
            return detail.deepCopy();
        }
    }

    /**
     * The plan of {@code automation} for {@code facts}.
     *
     * @throws ConditionLanguage.ConditionException when the condition cannot be evaluated
     * @throws MessageTemplates.TemplateException when a template cannot be rendered
     */
    public static Plan of(Automation automation, Map<String, Object> facts, Optional<ConditionLanguage> language,
                          Optional<MessageTemplates> templates) {
        boolean holds = automation.condition().map(c -> language.orElseThrow(() ->
                new ConditionLanguage.ConditionException("no condition language is wired")).compile(c).evaluate(facts))
                .orElse(true);
        List<Step> steps = new ArrayList<>();
        if (holds) {
            for (AutomationAction a : automation.actions()) {
                steps.add(new Step(a, render(a, facts, templates)));
            }
        }
        return new Plan(holds, steps);
    }

    public ObjectNode toJson() {
        ObjectNode n = Json.object();
        n.put("conditionHolds", conditionHolds);
        ArrayNode list = n.putArray("actions");
        steps.forEach(s -> list.add(s.detail()));
        return n;
    }

    private static ObjectNode render(AutomationAction a, Map<String, Object> facts, Optional<MessageTemplates> t) {
        ObjectNode d = Json.object();
        d.put("type", a.type());
        if (a instanceof AutomationAction.RunAction r) {
            d.put("action", r.action());
            d.set("data", data(r.data(), facts, t));
        } else if (a instanceof AutomationAction.Notify n) {
            d.put("level", n.level().name());
            d.put("title", text(n.title(), facts, t));
            d.put("message", text(n.message(), facts, t));
        } else if (a instanceof AutomationAction.Email e) {
            ArrayNode to = d.putArray("to");
            e.to().forEach(to::add);
            d.put("subject", text(e.subject(), facts, t));
            d.put("body", text(e.body(), facts, t));
        } else if (a instanceof AutomationAction.Webhook w) {
            d.put("url", w.url());
            d.put("body", text(w.body(), facts, t));
        } else if (a instanceof AutomationAction.AgentTask g) {
            d.put("prompt", text(g.prompt(), facts, t));
        } else if (a instanceof AutomationAction.Workflow w) {
            ArrayNode steps = d.putArray("steps");
            for (AutomationAction.RunAction r : w.steps()) {
                ObjectNode s = steps.addObject();
                s.put("action", r.action());
                s.set("data", data(r.data(), facts, t));
            }
            d.put("attempts", w.attempts());
            d.put("backoffSeconds", w.backoffSeconds());
        }
        return d;
    }

    /** Text without {@code {{}}} needs no template engine; text with it does. */
    private static String text(String template, Map<String, Object> facts, Optional<MessageTemplates> t) {
        if (!template.contains("{{")) {
            return template;
        }
        return t.orElseThrow(() -> new MessageTemplates.TemplateException("templates need the MessageTemplates port"
                + " (e.g. avalon-mustache); none is wired")).render(template, facts);
    }

    private static JsonNode data(JsonNode data, Map<String, Object> facts, Optional<MessageTemplates> t) {
        if (data.isTextual()) {
            return TextNode.valueOf(text(data.textValue(), facts, t));
        }
        if (data.isObject()) {
            ObjectNode o = Json.object();
            Iterator<Map.Entry<String, JsonNode>> it = data.fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> f = it.next();
                o.set(f.getKey(), data(f.getValue(), facts, t));
            }
            return o;
        }
        if (data.isArray()) {
            ArrayNode a = Json.mapper().createArrayNode();
            data.forEach(x -> a.add(data(x, facts, t)));
            return a;
        }
        return data.deepCopy();
    }
}
