package dev.avalon.core.automation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.avalon.core.brain.Brain;
import dev.avalon.core.json.Json;
import dev.avalon.core.port.BrainPath;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The working state of the automations, {@code state/automations.json}: each automation's run
 * history (the last {@link #MAX_RUNS}), when its schedule was last checked, its condition's last
 * value, the workflow steps waiting for a retry, the dead-letter list and the outbox of mails and
 * webhooks. Immutable: every change returns a new state.
 */
public final class AutomationState {

    public static final BrainPath FILE = BrainPath.of("state/automations.json");
    public static final int MAX_RUNS = 50;
    public static final int MAX_DEAD = 200;

    private final ObjectNode json;

    private AutomationState(ObjectNode json) {
        this.json = json;
        for (String f : List.of("runs", "checked", "conditions", "deliveries")) {
            if (!json.path(f).isObject()) {
                json.putObject(f);
            }
        }
        for (String f : List.of("retries", "deadLetter", "outbox")) {
            if (!json.path(f).isArray()) {
                json.putArray(f);
            }
        }
    }

    public static AutomationState load(Brain brain) {
        return new AutomationState(brain.readJson(FILE).filter(JsonNode::isObject).map(n -> (ObjectNode) n.deepCopy())
                .orElseGet(Json::object));
    }

    public ObjectNode toJson() {
        return json.deepCopy();
    }

    /** Whether inbound webhook delivery {@code id} was taken at or after {@code since}. */
    public boolean delivered(String id, java.time.Instant since) {
        JsonNode at = json.path("deliveries").path(id);
        return at.isTextual() && !java.time.Instant.parse(at.textValue()).isBefore(since);
    }

    /**
     * This state with inbound delivery {@code id} taken at {@code at}; deliveries taken before
     * {@code since} are forgotten, since a call that old is refused by its timestamp anyway.
     */
    public AutomationState withDelivery(String id, java.time.Instant at, java.time.Instant since) {
        return edit(n -> {
            ObjectNode d = (ObjectNode) n.path("deliveries");
            List<String> old = new ArrayList<>();
            d.fields().forEachRemaining(f -> {
                if (java.time.Instant.parse(f.getValue().asText()).isBefore(since)) {
                    old.add(f.getKey());
                }
            });
            old.forEach(d::remove);
            d.put(id, at.toString());
        });
    }

    private AutomationState edit(java.util.function.Consumer<ObjectNode> change) {
        ObjectNode copy = json.deepCopy();
        change.accept(copy);
        return new AutomationState(copy);
    }

    /** The runs of {@code id}, newest last. */
    public List<JsonNode> runs(String id) {
        List<JsonNode> list = new ArrayList<>();
        json.path("runs").path(id).forEach(r -> list.add(r.deepCopy()));
        return list;
    }

    public AutomationState withRun(String id, JsonNode run) {
        return edit(n -> {
            ArrayNode runs = n.with("runs").withArray(id);
            runs.add(run.deepCopy());
            while (runs.size() > MAX_RUNS) {
                runs.remove(0);
            }
        });
    }

    public Optional<Instant> checked(String id) {
        JsonNode v = json.path("checked").path(id);
        return v.isTextual() ? Optional.of(Instant.parse(v.textValue())) : Optional.empty();
    }

    public AutomationState withChecked(String id, Instant at) {
        return edit(n -> n.with("checked").put(id, at.toString()));
    }

    public boolean lastCondition(String id) {
        return json.path("conditions").path(id).asBoolean(false);
    }

    public AutomationState withCondition(String id, boolean value) {
        return edit(n -> n.with("conditions").put(id, value));
    }

    public List<JsonNode> retries() {
        List<JsonNode> list = new ArrayList<>();
        json.path("retries").forEach(r -> list.add(r.deepCopy()));
        return list;
    }

    public AutomationState withRetry(JsonNode retry) {
        return edit(n -> {
            ArrayNode a = n.withArray("retries");
            removeById(a, retry.path("id").asText());
            a.add(retry.deepCopy());
        });
    }

    public AutomationState withoutRetry(String retryId) {
        return edit(n -> removeById(n.withArray("retries"), retryId));
    }

    public List<JsonNode> deadLetter() {
        List<JsonNode> list = new ArrayList<>();
        json.path("deadLetter").forEach(r -> list.add(r.deepCopy()));
        return list;
    }

    public AutomationState withDead(JsonNode dead) {
        return edit(n -> {
            ArrayNode a = n.withArray("deadLetter");
            a.add(dead.deepCopy());
            while (a.size() > MAX_DEAD) {
                a.remove(0);
            }
        });
    }

    public List<JsonNode> outbox() {
        List<JsonNode> list = new ArrayList<>();
        json.path("outbox").forEach(r -> list.add(r.deepCopy()));
        return list;
    }

    /** Adds or replaces (by {@code id}) an outbox entry. */
    public AutomationState withOutbox(JsonNode entry) {
        return edit(n -> {
            ArrayNode a = n.withArray("outbox");
            for (int i = 0; i < a.size(); i++) {
                if (a.get(i).path("id").asText().equals(entry.path("id").asText())) {
                    a.set(i, entry.deepCopy());
                    return;
                }
            }
            a.add(entry.deepCopy());
        });
    }

    private static void removeById(ArrayNode a, String id) {
        for (int i = a.size() - 1; i >= 0; i--) {
            if (a.get(i).path("id").asText().equals(id)) {
                a.remove(i);
            }
        }
    }
}
