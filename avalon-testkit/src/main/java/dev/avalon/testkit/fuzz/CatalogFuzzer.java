package dev.avalon.testkit.fuzz;

import com.fasterxml.jackson.databind.JsonNode;
import dev.avalon.core.action.ActionCatalog;
import dev.avalon.core.action.ActionDefinition;
import dev.avalon.core.json.CanonicalJson;
import dev.avalon.core.json.Json;
import dev.avalon.testkit.fuzz.HostileValue.Target;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Tuple;
import net.jqwik.api.Tuple.Tuple2;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Requests for every action of a catalogue, generated from each action's {@code data} schema, in the
 * three {@link Mix mixes}. Requests are raw envelope text as a front end sends it; high-risk actions
 * carry {@code meta.confirm: true} except where the envelope is the hostile part.
 *
 * <pre>{@code
 * CatalogFuzzer fuzzer = CatalogFuzzer.of(avalon.catalog(), FieldHints.none()
 *         .name("domein", Arbitraries.of("VSB", "WERK")));
 * Arbitrary<FuzzRequest> requests = fuzzer.requests();            // every mix, every action
 * Arbitrary<FuzzRequest> valid = fuzzer.valid("logbook.add_daily_entry");
 * String raw = valid.sample().resolve(bindings);                   // placeholders filled in
 * }</pre>
 *
 * Immutable; the arbitraries may be shared.
 */
public final class CatalogFuzzer {

    /** Shapes of the envelope itself that a front end might send by mistake or on purpose. */
    private static final List<String> ENVELOPE_KINDS = List.of("unknown-data-field", "unknown-envelope-field",
            "unknown-meta-field", "data-null", "data-array", "data-string", "data-missing", "data-and-payload",
            "duplicate-data-key", "duplicate-field", "action-null", "action-upper-case", "action-unknown",
            "envelope-array", "trailing-garbage", "byte-order-mark", "idempotency-key-lone-surrogate",
            "idempotency-key-long", "trace-id-control-characters", "confirm-as-string", "actor-bidi",
            "data-deep-nesting");

    private final Map<String, ActionDefinition> actions;
    private final FieldHints hints;
    private final Map<String, Integer> weights;

    private CatalogFuzzer(Map<String, ActionDefinition> actions, FieldHints hints, Map<String, Integer> weights) {
        this.actions = actions;
        this.hints = hints;
        this.weights = Map.copyOf(weights);
    }

    /** A fuzzer over every action of {@code catalog}. */
    public static CatalogFuzzer of(ActionCatalog catalog, FieldHints hints) {
        return of(catalog.all(), hints);
    }

    /** A fuzzer over {@code definitions}. */
    public static CatalogFuzzer of(Collection<ActionDefinition> definitions, FieldHints hints) {
        Map<String, ActionDefinition> byName = new LinkedHashMap<>();
        definitions.stream().sorted(java.util.Comparator.comparing(ActionDefinition::name))
                .forEach(d -> byName.put(d.name(), d));
        return new CatalogFuzzer(byName, Objects.requireNonNull(hints, "hints"), Map.of());
    }

    /** This fuzzer with {@code action} drawn {@code weight} times as often as an action of weight 1. */
    public CatalogFuzzer weight(String action, int weight) {
        requireAction(action);
        if (weight < 0) {
            throw new IllegalArgumentException("weight must not be negative: " + weight);
        }
        Map<String, Integer> copy = new HashMap<>(weights);
        copy.put(action, weight);
        return new CatalogFuzzer(actions, hints, copy);
    }

    /** The action names, sorted. */
    public List<String> actions() {
        return List.copyOf(actions.keySet());
    }

    /** Requests of every action in every mix: half valid, a fifth boundary, the rest hostile. */
    public Arbitrary<FuzzRequest> requests() {
        return Arbitraries.frequencyOf(Tuple.of(5, requests(Mix.VALID)), Tuple.of(2, requests(Mix.BOUNDARY)),
                Tuple.of(3, requests(Mix.HOSTILE)));
    }

    /** Requests of every action in {@code mix}, each action as often as its weight says. */
    public Arbitrary<FuzzRequest> requests(Mix mix) {
        List<Tuple2<Integer, Arbitrary<FuzzRequest>>> choices = new ArrayList<>();
        for (String action : actions.keySet()) {
            int weight = weights.getOrDefault(action, 1);
            if (weight > 0) {
                choices.add(Tuple.of(weight, requests(action, mix)));
            }
        }
        return Arbitraries.frequencyOf(choices);
    }

    /** Requests of {@code action} in {@code mix}. */
    public Arbitrary<FuzzRequest> requests(String action, Mix mix) {
        return switch (mix) {
            case VALID -> valid(action);
            case BOUNDARY -> boundary(action);
            case HOSTILE -> hostile(action);
        };
    }

    /** Requests of {@code action} whose values are all within its schema (and its hints). */
    public Arbitrary<FuzzRequest> valid(String action) {
        ActionDefinition definition = requireAction(action);
        return data(definition).map(d -> new FuzzRequest(action, Mix.VALID, "valid",
                envelope(definition, CanonicalJson.string(d))));
    }

    /** Requests of {@code action} with one value at an edge of its schema. */
    public Arbitrary<FuzzRequest> boundary(String action) {
        ActionDefinition definition = requireAction(action);
        SchemaValues values = values(definition);
        return data(definition).flatMap(d -> {
            List<Slot> slots = SchemaValues.slots(definition.dataSchema(), d);
            if (slots.isEmpty()) {
                return Arbitraries.just(new FuzzRequest(action, Mix.BOUNDARY, "boundary:no-fields",
                        envelope(definition, CanonicalJson.string(d))));
            }
            return Arbitraries.of(slots).flatMap(slot -> values.boundaries(slot).map(v -> new FuzzRequest(action,
                    Mix.BOUNDARY, "boundary:" + v.label() + "@" + slot.pointer(),
                    envelope(definition, SchemaValues.render(d, slot, v.raw())))));
        });
    }

    /** Requests of {@code action} with one hostile value, or a hostile envelope around valid data. */
    public Arbitrary<FuzzRequest> hostile(String action) {
        ActionDefinition definition = requireAction(action);
        Arbitrary<FuzzRequest> inSlot = data(definition).flatMap(d -> {
            List<Slot> slots = SchemaValues.slots(definition.dataSchema(), d);
            if (slots.isEmpty()) {
                return envelopeHostile(definition, d);
            }
            return Arbitraries.of(slots).flatMap(slot -> hostileFor(slot).map(v -> new FuzzRequest(action,
                    Mix.HOSTILE, "hostile:" + v.label() + "@" + slot.pointer(),
                    envelope(definition, SchemaValues.render(d, slot, v.raw())))));
        });
        Arbitrary<FuzzRequest> around = data(definition).flatMap(d -> envelopeHostile(definition, d));
        return Arbitraries.frequencyOf(Tuple.of(3, inSlot), Tuple.of(1, around));
    }

    private static Arbitrary<HostileValue> hostileFor(Slot slot) {
        String type = slot.schema().path("type").asText("");
        Target aimed = switch (type) {
            case "integer", "number" -> Target.NUMBER;
            case "string" -> Target.STRING;
            default -> slot.schema().has("enum") ? Target.STRING : Target.ANY;
        };
        if (aimed == Target.ANY) {
            return Arbitraries.of(HostileValue.values());
        }
        return Arbitraries.frequencyOf(Tuple.of(3, Arbitraries.of(HostileValue.aimedAt(aimed))),
                Tuple.of(1, Arbitraries.of(HostileValue.aimedAt(Target.ANY))));
    }

    private Arbitrary<FuzzRequest> envelopeHostile(ActionDefinition definition, JsonNode data) {
        String action = definition.name();
        String d = CanonicalJson.string(data);
        String confirm = definition.highRisk() ? ",\"meta\":{\"confirm\":true}" : "";
        String name = CanonicalJson.string(Json.nodes().textNode(action));
        return Arbitraries.of(ENVELOPE_KINDS).map(kind -> {
            String raw = switch (kind) {
                case "unknown-data-field" -> envelope(definition, d.equals("{}") ? "{\"zzz\":1}"
                        : "{\"zzz\":1," + d.substring(1));
                case "unknown-envelope-field" -> "{\"action\":" + name + ",\"data\":" + d + confirm + ",\"zzz\":1}";
                case "unknown-meta-field" -> "{\"action\":" + name + ",\"data\":" + d
                        + ",\"meta\":{\"zzz\":true" + (definition.highRisk() ? ",\"confirm\":true" : "") + "}}";
                case "data-null" -> "{\"action\":" + name + ",\"data\":null" + confirm + "}";
                case "data-array" -> "{\"action\":" + name + ",\"data\":[" + d + "]" + confirm + "}";
                case "data-string" -> "{\"action\":" + name + ",\"data\":" + CanonicalJson.string(
                        Json.nodes().textNode(d)) + confirm + "}";
                case "data-missing" -> "{\"action\":" + name + confirm + "}";
                case "data-and-payload" -> "{\"action\":" + name + ",\"data\":" + d + ",\"payload\":{}" + confirm + "}";
                case "duplicate-data-key" -> "{\"action\":" + name + ",\"data\":" + d + ",\"data\":{}" + confirm + "}";
                case "duplicate-field" -> d.equals("{}") ? envelope(definition, "{\"a\":1,\"a\":2}")
                        : envelope(definition, "{" + d.substring(1, d.indexOf(':') + 1) + "null," + d.substring(1));
                case "action-null" -> "{\"action\":null,\"data\":" + d + confirm + "}";
                case "action-upper-case" -> "{\"action\":" + name.toUpperCase(java.util.Locale.ROOT) + ",\"data\":"
                        + d + confirm + "}";
                case "action-unknown" -> "{\"action\":\"" + action.replace('.', '_') + ".x\",\"data\":" + d + "}";
                case "envelope-array" -> "[" + envelope(definition, d) + "]";
                case "trailing-garbage" -> envelope(definition, d) + "x";
                case "byte-order-mark" -> "\uFEFF" + envelope(definition, d);
                case "idempotency-key-lone-surrogate" -> withMeta(name, d, definition, "\"idempotencyKey\":\"k\\ud800\"");
                case "idempotency-key-long" -> withMeta(name, d, definition,
                        "\"idempotencyKey\":\"" + "k".repeat(5_000) + "\"");
                case "trace-id-control-characters" -> withMeta(name, d, definition, "\"traceId\":\"t\\u0000\\n\\u001b\"");
                case "confirm-as-string" -> "{\"action\":" + name + ",\"data\":" + d + ",\"meta\":{\"confirm\":\"true\"}}";
                case "actor-bidi" -> withMeta(name, d, definition, "\"actor\":\"\\u202eowner\"");
                default -> "{\"action\":" + name + ",\"data\":" + "{\"a\":[".repeat(2_000) + "]}".repeat(2_000)
                        + confirm + "}";
            };
            return new FuzzRequest(action, Mix.HOSTILE, "hostile:" + kind, raw);
        });
    }

    private static String withMeta(String name, String data, ActionDefinition definition, String member) {
        return "{\"action\":" + name + ",\"data\":" + data + ",\"meta\":{" + member
                + (definition.highRisk() ? ",\"confirm\":true" : "") + "}}";
    }

    private static String envelope(ActionDefinition definition, String data) {
        return "{\"action\":" + CanonicalJson.string(Json.nodes().textNode(definition.name())) + ",\"data\":" + data
                + (definition.highRisk() ? ",\"meta\":{\"confirm\":true}" : "") + "}";
    }

    private Arbitrary<JsonNode> data(ActionDefinition definition) {
        return values(definition).valid(definition.dataSchema(), "");
    }

    private SchemaValues values(ActionDefinition definition) {
        return new SchemaValues(definition.name(), hints, definition.example());
    }

    private ActionDefinition requireAction(String action) {
        ActionDefinition definition = actions.get(Objects.requireNonNull(action, "action"));
        if (definition == null) {
            throw new IllegalArgumentException("no action " + action + " in the catalogue: " + actions.keySet());
        }
        return definition;
    }
}
