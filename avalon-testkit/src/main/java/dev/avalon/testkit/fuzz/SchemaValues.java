package dev.avalon.testkit.fuzz;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.avalon.core.json.CanonicalJson;
import dev.avalon.core.json.Json;
import dev.avalon.core.time.DateTimeInput;
import dev.avalon.testkit.fuzz.Bindings.TimeShape;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Values for one action's {@code data} schema: valid trees, the slots of a tree, and the boundary
 * values of a slot. Supports what the catalogue uses: type, properties, required, additionalProperties,
 * enum, const/not, pattern, format date and date-time, minimum/maximum, minLength/maxLength, items,
 * maxItems, uniqueItems, maxProperties, and an allOf of if/then conditions that rule fields out; a
 * schema without a type (a patch's {@code before}) gets small
 * scalars.
 */
final class SchemaValues {

    static final String LOCAL_DATE_TIME = "^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}(:[0-9]{2})?$";
    private static final Pattern WEEK = Pattern.compile("^\\^(\\\\d|\\[0-9\\])\\{4\\}-W(\\\\d|\\[0-9\\])\\{2\\}\\$$");
    private static final String NO_CONTROLS = "^[^\\u0000-\\u001F\\u007F]*$";
    private static final int DAY = 24 * 60;

    /** Hand-written valid strings for the patterns of the catalogue that are not dates. */
    private static final Map<String, Arbitrary<String>> PATTERNS = Map.of(
            "^[A-Za-z0-9_-]+(\\.[A-Za-z0-9_-]+)*$", Arbitraries.of("reminderEscalationRules.threshold",
                    "calendar.bufferMinutes", "dailyLog.time", "finance.currency", "domains.VSB.colour", "x_y-1.z"),
            "^[A-Za-z0-9._-]{1,64}$", Arbitraries.strings().withChars("ABCXYZabc0123456789._-").ofMinLength(1)
                    .ofMaxLength(12).map(s -> "F-" + s),
            "^[a-z0-9][a-z0-9-]{0,47}$", Arbitraries.of("bestuur", "weekstart", "sport-1", "a", "x-y-z"),
            "^[0-9]{1,9}$", Arbitraries.integers().between(0, 40).map(String::valueOf),
            "^[A-Z][A-Z0-9_]{0,63}$", Arbitraries.of("N8N", "TELEGRAM", "SEND_EMAIL", "NOTIFY", "X_1"),
            "^[0-9a-f]{7,40}$", Arbitraries.strings().withChars("0123456789abcdef").ofMinLength(7).ofMaxLength(40));

    private final String action;
    private final FieldHints hints;
    private final JsonNode example;

    SchemaValues(String action, FieldHints hints, JsonNode example) {
        this.action = action;
        this.hints = hints;
        this.example = example;
    }

    // ------------------------------------------------------------------ valid values

    Arbitrary<JsonNode> valid(JsonNode schema, String pointer) {
        Optional<Arbitrary<JsonNode>> hint = hints.lookup(action, pointer);
        if (hint.isPresent()) {
            return hint.get();
        }
        if (schema.has("enum")) {
            List<JsonNode> values = new ArrayList<>();
            schema.get("enum").forEach(values::add);
            return Arbitraries.of(values);
        }
        if (schema.has("const")) {
            return Arbitraries.just(schema.get("const"));
        }
        if (schema.path("anyOf").isArray() && !schema.has("type")) {
            // a map-shaped field (map or pairs), or question.answer's data per question kind: any alternative
            List<Arbitrary<JsonNode>> alternatives = new ArrayList<>();
            schema.get("anyOf").forEach(a -> alternatives.add(valid(a, pointer)));
            return Arbitraries.oneOf(alternatives);
        }
        Arbitrary<JsonNode> values = switch (type(schema)) {
            case "object" -> object(schema, pointer);
            case "array" -> array(schema, pointer);
            case "string" -> string(schema, pointer).map(TextNode::valueOf);
            case "integer" -> integer(schema);
            case "number" -> Arbitraries.bigDecimals().between(BigDecimal.ZERO, BigDecimal.valueOf(100)).ofScale(1)
                    .map(DecimalNode::valueOf);
            case "boolean" -> Arbitraries.of(BooleanNode.TRUE, BooleanNode.FALSE);
            default -> exampleAt(pointer).map(Arbitraries::just)
                    .orElseGet(() -> Arbitraries.of(LongNode.valueOf(2), TextNode.valueOf("x"))).map(n -> n);
        };
        JsonNode not = schema.path("not").path("const");
        // by value: a generated long 0 is not equal to the schema's int 0 as JsonNodes, yet it is the const
        return not.isMissingNode() ? values : values.filter(v -> v.isNumber() && not.isNumber()
                ? v.decimalValue().compareTo(not.decimalValue()) != 0 : !v.equals(not));
    }

    private Arbitrary<JsonNode> object(JsonNode schema, String pointer) {
        JsonNode properties = schema.path("properties");
        List<String> required = new ArrayList<>();
        schema.path("required").forEach(r -> required.add(r.asText()));
        List<String> names = new ArrayList<>();
        List<Arbitrary<JsonNode>> parts = new ArrayList<>();
        properties.fieldNames().forEachRemaining(name -> {
            Arbitrary<JsonNode> value = valid(properties.get(name), pointer + "/" + name);
            names.add(name);
            boolean always = required.contains(name) || hints.hasOwnHint(action, pointer + "/" + name);
            parts.add(always ? value : value.injectNull(0.5));
        });
        JsonNode additional = schema.path("additionalProperties");
        if (properties.isEmpty() && additional.isObject()) {
            int max = Math.min(schema.path("maxProperties").asInt(3), 3);
            Arbitrary<JsonNode> value = valid(additional, pointer + "/*");
            return Arbitraries.maps(Arbitraries.of("a", "b", "c", "d"), value).ofMaxSize(max).map(map -> {
                ObjectNode node = Json.object();
                map.forEach(node::set);
                return node;
            });
        }
        Arbitrary<JsonNode> generated = parts.isEmpty() ? Arbitraries.just(Json.object())
                : Combinators.combine(parts).as(values -> {
                    ObjectNode node = Json.object();
                    for (int i = 0; i < names.size(); i++) {
                        if (values.get(i) != null && !values.get(i).isMissingNode()) {
                            node.set(names.get(i), values.get(i));
                        }
                    }
                    return node;
                });
        Optional<Arbitrary<JsonNode>> laidOver = hints.togetherAt(action, pointer);
        if (laidOver.isEmpty()) {
            return generated.map(node -> withoutRuledOut(schema, node));
        }
        return Combinators.combine(generated, laidOver.get()).as((node, over) -> {
            ObjectNode merged = ((ObjectNode) node).deepCopy();
            over.fields().forEachRemaining(e -> {
                if (e.getValue().isMissingNode()) {
                    merged.remove(e.getKey());
                } else {
                    merged.set(e.getKey(), e.getValue());
                }
            });
            return withoutRuledOut(schema, merged);
        });
    }

    /**
     * {@code node} without the fields a condition of {@code schema} rules out: each {@code allOf} entry
     * {@code {"if": {"properties": {f: {"enum"|"const": …}}}, "then": {"properties": {g: {"not": {}}}}}}
     * whose {@code if} the node meets removes every such {@code g}.
     */
    private static JsonNode withoutRuledOut(JsonNode schema, JsonNode node) {
        if (!schema.has("allOf") || !node.isObject()) {
            return node;
        }
        ObjectNode out = ((ObjectNode) node).deepCopy();
        for (JsonNode condition : schema.path("allOf")) {
            if (!condition.has("if") || !meets(condition.path("if"), out)) {
                continue;
            }
            condition.path("then").path("properties").fields().forEachRemaining(f -> {
                if (f.getValue().path("not").isObject() && f.getValue().path("not").isEmpty()) {
                    out.remove(f.getKey());
                }
            });
        }
        return out;
    }

    private static boolean meets(JsonNode condition, JsonNode node) {
        boolean[] all = {true};
        condition.path("properties").fields().forEachRemaining(f -> {
            JsonNode value = node.get(f.getKey());
            if (value == null) {
                return;
            }
            JsonNode allowed = f.getValue();
            boolean ok = allowed.has("const") ? allowed.get("const").equals(value)
                    : !allowed.has("enum") || java.util.stream.StreamSupport.stream(allowed.get("enum").spliterator(), false)
                    .anyMatch(value::equals);
            all[0] &= ok;
        });
        return all[0];
    }

    private Arbitrary<JsonNode> array(JsonNode schema, String pointer) {
        int min = schema.path("minItems").asInt(0);
        int max = Math.max(min, Math.min(schema.path("maxItems").asInt(3), 3));
        var list = valid(schema.path("items"), pointer + "/[]").list().ofMinSize(min).ofMaxSize(max);
        return (schema.path("uniqueItems").asBoolean(false) ? list.uniqueElements() : list).map(items -> {
            ArrayNode node = Json.nodes().arrayNode();
            items.forEach(node::add);
            return node;
        });
    }

    private Arbitrary<String> string(JsonNode schema, String pointer) {
        String format = schema.path("format").asText("");
        String pattern = schema.path("pattern").asText("");
        if (format.equals("date")) {
            return Arbitraries.integers().between(-3, 30).map(d -> Placeholders.time((long) d * DAY, TimeShape.DATE));
        }
        if (format.equals("date-time")) {
            return futureMinutes().map(m -> Placeholders.time(m, TimeShape.OFFSET));
        }
        if (pattern.equals(LOCAL_DATE_TIME)) {
            return futureMinutes().map(m -> Placeholders.time(m, TimeShape.LOCAL));
        }
        if (pattern.equals(DateTimeInput.PATTERN)) {
            // the one date-time convention takes both forms
            return Arbitraries.oneOf(futureMinutes().map(m -> Placeholders.time(m, TimeShape.OFFSET)),
                    futureMinutes().map(m -> Placeholders.time(m, TimeShape.LOCAL)));
        }
        if (WEEK.matcher(pattern).matches() || isWeek(pointer, schema)) {
            return Arbitraries.integers().between(0, 4).map(w -> Placeholders.time(-7L * DAY * w, TimeShape.WEEK));
        }
        Arbitrary<String> known = PATTERNS.get(pattern);
        if (known != null) {
            return known;
        }
        if (!pattern.isEmpty() && !pattern.equals(NO_CONTROLS)) {
            Optional<JsonNode> fromExample = exampleAt(pointer).filter(JsonNode::isTextual);
            if (fromExample.isPresent()) {
                return Arbitraries.just(fromExample.get().asText());
            }
            Pattern compiled = Pattern.compile(pattern);
            return text(schema).filter(100, s -> compiled.matcher(s).find());
        }
        return text(schema);
    }

    private static Arbitrary<String> text(JsonNode schema) {
        int min = Math.max(1, schema.path("minLength").asInt(0));
        int max = Math.max(min, Math.min(schema.path("maxLength").asInt(24), 24));
        return Arbitraries.strings().withChars("abcdefghijklmnopqrstuvwxyz ABCDEZ0123456789éëüß-")
                .ofMinLength(min).ofMaxLength(max).filter(s -> !s.isBlank() && s.strip().equals(s));
    }

    /** From 90 minutes to a month ahead in quarter hours: past any notice the engines ask for. */
    private static Arbitrary<Long> futureMinutes() {
        return Arbitraries.longs().between(6, 30 * 24 * 4).map(q -> q * 15);
    }

    private static Arbitrary<JsonNode> integer(JsonNode schema) {
        long min = schema.path("minimum").asLong(0);
        long max = schema.has("maximum") ? schema.get("maximum").asLong() : min + 100;
        return Arbitraries.longs().between(min, max).map(LongNode::valueOf);
    }

    private static String type(JsonNode schema) {
        JsonNode type = schema.path("type");
        if (type.isArray()) {
            for (JsonNode t : type) {
                if (!t.asText().equals("null")) {
                    return t.asText();
                }
            }
        }
        return type.asText("");
    }

    private static boolean isWeek(String pointer, JsonNode schema) {
        return pointer.endsWith("/week") || schema.path("description").asText("").startsWith("ISO week");
    }

    private static boolean isAmount(JsonNode schema) {
        return schema.path("description").asText("").startsWith("decimal string");
    }

    private Optional<JsonNode> exampleAt(String pointer) {
        JsonNode node = example;
        for (String step : pointer.substring(1).split("/")) {
            if (step.isEmpty()) {
                continue;
            }
            node = step.equals("[]") ? node.path(0) : node.path(step);
        }
        return node.isMissingNode() || node.isNull() ? Optional.empty() : Optional.of(node);
    }

    // ------------------------------------------------------------------ slots

    /** Every slot of {@code data} under {@code schema}: each allowed property, there or not, and array elements. */
    static List<Slot> slots(JsonNode schema, JsonNode data) {
        List<Slot> slots = new ArrayList<>();
        collect(schema, data, "", new ArrayList<>(), slots);
        return slots;
    }

    private static void collect(JsonNode schema, JsonNode node, String pointer, List<Object> steps, List<Slot> out) {
        if (node.isObject()) {
            JsonNode properties = schema.path("properties");
            List<String> names = new ArrayList<>();
            properties.fieldNames().forEachRemaining(names::add);
            if (schema.path("additionalProperties").isObject()) {
                node.fieldNames().forEachRemaining(n -> {
                    if (!names.contains(n)) {
                        names.add(n);
                    }
                });
            }
            for (String name : names) {
                JsonNode child = properties.has(name) ? properties.get(name) : schema.path("additionalProperties");
                String childPointer = pointer + "/" + (properties.has(name) ? name : "*");
                List<Object> childSteps = new ArrayList<>(steps);
                childSteps.add(name);
                out.add(new Slot(childPointer, child, childSteps));
                if (node.has(name)) {
                    collect(child, node.get(name), childPointer, childSteps, out);
                }
            }
        } else if (node.isArray() && !node.isEmpty()) {
            List<Object> childSteps = new ArrayList<>(steps);
            childSteps.add(0);
            out.add(new Slot(pointer + "/[]", schema.path("items"), childSteps));
            collect(schema.path("items"), node.get(0), pointer + "/[]", childSteps, out);
        }
    }

    /** {@code data} as raw text with the value at {@code slot} replaced by {@code raw}. */
    static String render(JsonNode data, Slot slot, String raw) {
        String sentinel = "@@fuzz-slot@@";
        JsonNode copy = data.deepCopy();
        JsonNode parent = copy;
        List<Object> steps = slot.steps();
        for (int i = 0; i < steps.size() - 1; i++) {
            parent = steps.get(i) instanceof Integer index ? parent.get(index) : parent.get((String) steps.get(i));
        }
        Object last = steps.get(steps.size() - 1);
        if (last instanceof Integer index) {
            ((ArrayNode) parent).set(index, TextNode.valueOf(sentinel));
        } else {
            ((ObjectNode) parent).set((String) last, TextNode.valueOf(sentinel));
        }
        return CanonicalJson.string(copy).replace("\"" + sentinel + "\"", raw);
    }

    // ------------------------------------------------------------------ boundary values

    /** The edge values of {@code slot}'s schema, most of them still within it. */
    Arbitrary<LabeledValue> boundaries(Slot slot) {
        JsonNode schema = slot.schema();
        List<LabeledValue> values = new ArrayList<>();
        String format = schema.path("format").asText("");
        String pattern = schema.path("pattern").asText("");
        switch (type(schema)) {
            case "integer" -> {
                if (schema.has("minimum")) {
                    long min = schema.get("minimum").asLong();
                    values.add(new LabeledValue("min", String.valueOf(min)));
                    values.add(new LabeledValue("below-min", String.valueOf(min - 1)));
                } else {
                    values.add(new LabeledValue("zero", "0"));
                    values.add(new LabeledValue("int-min", String.valueOf(Integer.MIN_VALUE)));
                }
                if (schema.has("maximum")) {
                    long max = schema.get("maximum").asLong();
                    values.add(new LabeledValue("max", String.valueOf(max)));
                    values.add(new LabeledValue("above-max", String.valueOf(max + 1)));
                } else {
                    values.add(new LabeledValue("int-max", String.valueOf(Integer.MAX_VALUE)));
                    values.add(new LabeledValue("above-int-max", String.valueOf(Integer.MAX_VALUE + 1L)));
                }
            }
            case "number" -> {
                values.add(new LabeledValue("zero", "0"));
                values.add(new LabeledValue("hundred", "100"));
                values.add(new LabeledValue("above-hundred", "100.01"));
                values.add(new LabeledValue("smallest-cent", "0.01"));
            }
            case "array" -> {
                values.add(new LabeledValue("empty-array", "[]"));
                if (schema.has("maxItems")) {
                    int max = schema.get("maxItems").asInt();
                    return Arbitraries.oneOf(Arbitraries.of(values), fullArray(slot, max, "max-items"),
                            fullArray(slot, max + 1, "above-max-items"));
                }
            }
            case "string" -> {
                if (format.equals("date")) {
                    dates(values);
                } else if (format.equals("date-time")) {
                    dateTimes(values);
                } else if (pattern.equals(LOCAL_DATE_TIME)) {
                    localDateTimes(values);
                } else if (pattern.equals(DateTimeInput.PATTERN)) {
                    dateTimes(values);
                    List<LabeledValue> local = new ArrayList<>();
                    localDateTimes(local);
                    local.forEach(v -> values.add(new LabeledValue("local-" + v.label(), v.raw())));
                } else if (WEEK.matcher(pattern).matches() || isWeek(slot.pointer(), schema)) {
                    weeks(values);
                } else if (isAmount(schema)) {
                    amounts(values);
                } else if (!schema.has("enum")) {
                    lengths(schema, values);
                }
            }
            default -> { }
        }
        if (schema.has("enum")) {
            JsonNode options = schema.get("enum");
            values.add(new LabeledValue("enum-first", CanonicalJson.string(options.get(0))));
            values.add(new LabeledValue("enum-last", CanonicalJson.string(options.get(options.size() - 1))));
            values.add(new LabeledValue("enum-lower-case", CanonicalJson.string(
                    TextNode.valueOf(options.get(0).asText().toLowerCase(java.util.Locale.ROOT)))));
        }
        if (values.isEmpty()) {
            values.add(new LabeledValue("absent-made-explicit-null", "null"));
        }
        return Arbitraries.of(values);
    }

    private Arbitrary<LabeledValue> fullArray(Slot slot, int size, String label) {
        JsonNode items = slot.schema().path("items");
        var list = valid(items, slot.pointer() + "/[]").list().ofSize(size);
        // one more than maxItems may have to repeat an item: an enum of seven days has no eight distinct ones
        boolean unique = slot.schema().path("uniqueItems").asBoolean(false) && size <= slot.schema().path("maxItems").asInt();
        return (unique ? list.uniqueElements() : list)
                .map(elements -> {
                    ArrayNode node = Json.nodes().arrayNode();
                    elements.forEach(node::add);
                    return new LabeledValue(label, CanonicalJson.string(node));
                });
    }

    private static void lengths(JsonNode schema, List<LabeledValue> values) {
        int min = schema.path("minLength").asInt(0);
        values.add(min == 0 ? new LabeledValue("empty", "\"\"")
                : new LabeledValue("min-length", quoted("m".repeat(min))));
        if (min > 0) {
            values.add(new LabeledValue("below-min-length", quoted("m".repeat(min - 1))));
        }
        if (schema.has("maxLength")) {
            int max = schema.get("maxLength").asInt();
            values.add(new LabeledValue("max-length", quoted("w".repeat(max))));
            values.add(new LabeledValue("above-max-length", quoted("w".repeat(max + 1))));
            // counted in code points by the schema, in UTF-16 units by String.length()
            values.add(new LabeledValue("max-length-astral", quoted("\uD83D\uDCC5".repeat(max))));
        }
    }

    private static void dates(List<LabeledValue> values) {
        values.add(new LabeledValue("leap-day", "\"2028-02-29\""));
        values.add(new LabeledValue("no-leap-day", "\"2027-02-29\""));
        values.add(new LabeledValue("dst-start-day", "\"2026-03-29\""));
        values.add(new LabeledValue("dst-end-day", "\"2026-10-25\""));
        values.add(new LabeledValue("year-end", "\"2026-12-31\""));
        values.add(new LabeledValue("year-start", "\"2027-01-01\""));
        values.add(new LabeledValue("year-1900", "\"1900-01-01\""));
        values.add(new LabeledValue("year-2200", "\"2200-12-31\""));
    }

    private static void dateTimes(List<LabeledValue> values) {
        values.add(new LabeledValue("dst-gap", "\"2027-03-28T02:30:00+01:00\""));
        values.add(new LabeledValue("dst-overlap", "\"2027-10-31T02:30:00+02:00\""));
        values.add(new LabeledValue("leap-day", "\"2028-02-29T12:00:00+01:00\""));
        values.add(new LabeledValue("year-end", "\"2026-12-31T23:59:59+01:00\""));
        values.add(new LabeledValue("utc-z", "\"2026-12-01T08:00:00Z\""));
        values.add(new LabeledValue("fractional-seconds", "\"2026-12-01T08:00:00.123456789+01:00\""));
        values.add(new LabeledValue("year-1900", "\"1900-01-01T00:00:00Z\""));
        values.add(new LabeledValue("year-2200", "\"2200-12-31T23:59:59+01:00\""));
    }

    private static void localDateTimes(List<LabeledValue> values) {
        values.add(new LabeledValue("dst-gap", "\"2027-03-28T02:30\""));
        values.add(new LabeledValue("dst-overlap", "\"2027-10-31T02:30\""));
        values.add(new LabeledValue("leap-day", "\"2028-02-29T10:00\""));
        values.add(new LabeledValue("year-end", "\"2026-12-31T23:59:59\""));
        values.add(new LabeledValue("midnight", "\"2026-12-01T00:00\""));
        values.add(new LabeledValue("year-1900", "\"1900-01-01T00:00\""));
        values.add(new LabeledValue("year-2200", "\"2200-12-31T23:59\""));
    }

    private static void weeks(List<LabeledValue> values) {
        values.add(new LabeledValue("week-53", "\"2026-W53\""));
        values.add(new LabeledValue("week-53-2020", "\"2020-W53\""));
        values.add(new LabeledValue("no-week-53", "\"2027-W53\""));
        values.add(new LabeledValue("week-00", "\"2026-W00\""));
        values.add(new LabeledValue("week-01", "\"2027-W01\""));
        values.add(new LabeledValue("year-1900", "\"1900-W01\""));
        values.add(new LabeledValue("year-2200", "\"2200-W52\""));
    }

    private static void amounts(List<LabeledValue> values) {
        values.add(new LabeledValue("zero-amount", "\"0.00\""));
        values.add(new LabeledValue("one-cent", "\"0.01\""));
        values.add(new LabeledValue("no-decimals", "\"7\""));
        values.add(new LabeledValue("one-decimal", "\"7.5\""));
        values.add(new LabeledValue("max-income", "\"100000.00\""));
        values.add(new LabeledValue("above-max-income", "\"100000.01\""));
        values.add(new LabeledValue("max-length-amount", quoted("9".repeat(29) + ".00")));
    }

    private static String quoted(String text) {
        return CanonicalJson.string(TextNode.valueOf(text));
    }
}
