package dev.avalon.testkit.fuzz;

import com.fasterxml.jackson.databind.JsonNode;
import dev.avalon.core.json.Json;
import com.fasterxml.jackson.databind.node.MissingNode;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Values for the {@link Mix#VALID} mix where a schema alone cannot say what the engines accept: the
 * domains of behaviour.avl, the pots of the ledger, an id that exists. A hint for one field of one
 * action ({@link #field}) wins over a hint for every property of that name ({@link #name}); without a
 * hint the value comes from the schema. Immutable.
 *
 * <p>Pointers name a property from the action's {@code data}, array elements as {@code []}:
 * {@code /patch/path}, {@code /attendees/[]}, {@code /recurrence/count}.
 */
public final class FieldHints {

    private final Map<String, Arbitrary<JsonNode>> byField;
    private final Map<String, Arbitrary<JsonNode>> byName;
    private final Map<String, Arbitrary<JsonNode>> together;

    private FieldHints(Map<String, Arbitrary<JsonNode>> byField, Map<String, Arbitrary<JsonNode>> byName,
                       Map<String, Arbitrary<JsonNode>> together) {
        this.byField = Map.copyOf(byField);
        this.byName = Map.copyOf(byName);
        this.together = Map.copyOf(together);
    }

    /** No hints: every value comes from the schema. */
    public static FieldHints none() {
        return new FieldHints(Map.of(), Map.of(), Map.of());
    }

    /**
     * These hints and {@code fields} (a map, or an object) laid over the object at {@code pointer} of
     * {@code action} ({@code ""} for {@code data} itself): for fields that only make sense together, such
     * as a start and an end one hour apart. The other fields still come from the schema.
     */
    public FieldHints together(String action, String pointer, Arbitrary<?> fields) {
        Map<String, Arbitrary<JsonNode>> copy = new HashMap<>(together);
        copy.put(Objects.requireNonNull(action, "action") + " " + Objects.requireNonNull(pointer, "pointer"),
                asJson(fields));
        return new FieldHints(byField, byName, copy);
    }

    /** The fields laid over the object at {@code pointer} of {@code action}, if any. */
    public Optional<Arbitrary<JsonNode>> togetherAt(String action, String pointer) {
        return Optional.ofNullable(together.get(action + " " + pointer));
    }

    /** These hints and {@code values} for {@code pointer} of {@code action}; values become JSON with Avalon's mapper. */
    public FieldHints field(String action, String pointer, Arbitrary<?> values) {
        Map<String, Arbitrary<JsonNode>> copy = new HashMap<>(byField);
        copy.put(Objects.requireNonNull(action, "action") + " " + Objects.requireNonNull(pointer, "pointer"),
                asJson(values));
        return new FieldHints(copy, byName, together);
    }

    /** These hints and {@code pointer} of {@code action} always left out (an optional field that would conflict). */
    public FieldHints absent(String action, String pointer) {
        return field(action, pointer, Arbitraries.just(MissingNode.getInstance()));
    }

    /** These hints and {@code values} for every property called {@code name}, in any action. */
    public FieldHints name(String name, Arbitrary<?> values) {
        Map<String, Arbitrary<JsonNode>> copy = new HashMap<>(byName);
        copy.put(Objects.requireNonNull(name, "name"), asJson(values));
        return new FieldHints(byField, copy, together);
    }

    /** The hint for {@code pointer} of {@code action}, if any. */
    public Optional<Arbitrary<JsonNode>> lookup(String action, String pointer) {
        Arbitrary<JsonNode> exact = byField.get(action + " " + pointer);
        if (exact != null) {
            return Optional.of(exact);
        }
        String name = pointer.substring(pointer.lastIndexOf('/') + 1);
        return Optional.ofNullable(byName.get(name));
    }

    /**
     * Whether {@code pointer} of {@code action} has a hint of its own; such a field is generated as
     * the hint says, present or {@link #absent}, while a field hinted only {@link #name by name} stays
     * optional where its schema makes it optional.
     */
    public boolean hasOwnHint(String action, String pointer) {
        return byField.containsKey(action + " " + pointer);
    }

    private static Arbitrary<JsonNode> asJson(Arbitrary<?> values) {
        return Objects.requireNonNull(values, "values")
                .map(v -> v instanceof JsonNode node ? node.deepCopy() : Json.valueToTree(v));
    }
}
