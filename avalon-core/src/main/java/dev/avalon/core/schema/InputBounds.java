package dev.avalon.core.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.avalon.core.base.UserText;
import dev.avalon.core.base.Violation;
import dev.avalon.core.json.NumberBounds;
import dev.avalon.core.time.DateTimeInput;
import dev.avalon.core.time.IsoWeek;
import dev.avalon.core.time.SupportedDates;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The checks on a request's {@code data} that JSON Schema cannot express, made once in the pipeline
 * next to schema validation, guided by the action's schema:
 * <ul>
 *   <li>every number anywhere is within {@link NumberBounds};</li>
 *   <li>an {@code integer} field holds an integral literal ({@code 3}, not {@code 3.0} or {@code 3e0})
 *       within the field's {@code minimum}/{@code maximum}, or the {@code int} range when it has none;</li>
 *   <li>a {@code date}, {@code date-time}, {@link DateTimeInput} date-time, local date-time or ISO-week field lies within
 *       {@link SupportedDates} and exists (no 2026-02-30, no 2026-W54);</li>
 *   <li>a patterned field does not end in a line break (a regex {@code $} lets one through);</li>
 *   <li>a name field ({@link #NAME_FIELDS}), and each key of a map whose keys the caller chooses (the
 *       pots of a split), is free of control, zero-width and bidi characters and is passed on in
 *       Unicode NFC.</li>
 * </ul>
 */
public final class InputBounds {

    /** Properties whose strings are names or titles a user reads and compares. */
    public static final Set<String> NAME_FIELDS = Set.of("title", "name", "project", "activiteit", "domein",
            "domain", "task", "source", "pot", "from", "to", "location", "checklist");

    /** Example values used in hints, by kind of field. */
    public static final String DATE_EXAMPLE = "2026-11-16";
    public static final String DATE_TIME_EXAMPLE = "2026-11-17T10:00:00+01:00";
    public static final String LOCAL_DATE_TIME_EXAMPLE = "2026-11-17T10:00";
    public static final String WEEK_EXAMPLE = "2026-W47";

    private static final java.util.regex.Pattern WEEK_SHAPE = java.util.regex.Pattern.compile("[0-9]{4}-W[0-9]{2}");
    private static final BigInteger INT_MIN = BigInteger.valueOf(Integer.MIN_VALUE);
    private static final BigInteger INT_MAX = BigInteger.valueOf(Integer.MAX_VALUE);

    private InputBounds() {
    }

    /**
     * The outcome of a check.
     *
     * @param data       the data with name fields in NFC (the same tree when nothing changed)
     * @param violations every problem found, each naming its field
     */
    public record Checked(JsonNode data, List<Violation> violations) {
        public Checked {
            Objects.requireNonNull(data, "data");
            violations = List.copyOf(violations);
        }
    }

    /** Checks {@code data} against {@code schema}; paths start at {@code rootPath}. */
    public static Checked check(JsonNode schema, JsonNode data, String rootPath) {
        List<Violation> out = new ArrayList<>();
        JsonNode copy = data.deepCopy();
        JsonNode checked = walk(schema, copy, rootPath, null, out);
        return new Checked(checked, out);
    }

    /** What kind of value a schema asks for, for hints; empty when it is nothing special. */
    static Kind kindOf(JsonNode schema) {
        if (schema == null || !schema.isObject()) {
            return Kind.OTHER;
        }
        String format = schema.path("format").asText("");
        String pattern = schema.path("pattern").asText("");
        if ("date".equals(format)) {
            return Kind.DATE;
        }
        if ("date-time".equals(format)) {
            return Kind.DATE_TIME;
        }
        if (DateTimeInput.PATTERN.equals(pattern)) {
            return Kind.ANY_DATE_TIME;
        }
        if (pattern.contains("-W")) {
            return Kind.WEEK;
        }
        if (pattern.contains("}T[0-9]") || pattern.contains("}T\\d")) {
            return Kind.LOCAL_DATE_TIME;
        }
        if (isType(schema, "integer")) {
            return Kind.INTEGER;
        }
        return Kind.OTHER;
    }

    /** Kinds of field the checks and hints know. */
    enum Kind { DATE, DATE_TIME, ANY_DATE_TIME, LOCAL_DATE_TIME, WEEK, INTEGER, OTHER }

    private static JsonNode walk(JsonNode schema, JsonNode node, String path, String field, List<Violation> out) {
        schema = branch(schema, node);
        if (node.isNumber()) {
            number(schema, node, path, out);
        } else if (node.isTextual()) {
            return text(schema, (TextNode) node, path, field, out);
        } else if (node.isObject()) {
            ObjectNode object = (ObjectNode) node;
            List<String> names = new ArrayList<>();
            object.fieldNames().forEachRemaining(names::add);
            if (isMap(schema)) {
                names = mapKeys(object, names, path, out);
            }
            for (String name : names) {
                JsonNode child = childSchema(schema, name);
                JsonNode next = walk(child, object.get(name), path + "." + name, name, out);
                if (next != object.get(name)) {
                    object.set(name, next);
                }
            }
        } else if (node.isArray()) {
            ArrayNode array = (ArrayNode) node;
            JsonNode items = schema == null ? null : schema.get("items");
            for (int i = 0; i < array.size(); i++) {
                JsonNode next = walk(items != null && items.isObject() ? items : null, array.get(i),
                        path + "[" + i + "]", field, out);
                if (next != array.get(i)) {
                    array.set(i, next);
                }
            }
        }
        return node;
    }

    /**
     * The alternative of an {@code anyOf} that fits the node's JSON type (a map-shaped field sent as a
     * map or as a list of pairs), so its keys and names get the same checks in either form.
     */
    private static JsonNode branch(JsonNode schema, JsonNode node) {
        if (schema == null || !schema.path("anyOf").isArray()) {
            return schema;
        }
        String type = node.isObject() ? "object" : node.isArray() ? "array" : node.isTextual() ? "string" : null;
        JsonNode first = null;
        for (JsonNode alternative : schema.get("anyOf")) {
            if (type == null || !isType(alternative, type)) {
                continue;
            }
            if (!node.isObject() || knowsEveryField(alternative, node)) {
                return alternative;
            }
            first = first == null ? alternative : first;
        }
        return first != null ? first : schema;
    }

    private static boolean knowsEveryField(JsonNode schema, JsonNode object) {
        if (schema.path("additionalProperties").isObject()) {
            return true;
        }
        for (Iterator<String> names = object.fieldNames(); names.hasNext(); ) {
            if (!schema.path("properties").has(names.next())) {
                return false;
            }
        }
        return true;
    }

    /** An object whose keys the caller chooses (pot names in a split): the keys are names too. */
    private static boolean isMap(JsonNode schema) {
        return schema != null && !schema.has("properties") && schema.path("additionalProperties").isObject();
    }

    /** Checks the keys of a map as names and renames them to NFC; returns the keys after renaming. */
    private static List<String> mapKeys(ObjectNode object, List<String> names, String path, List<Violation> out) {
        List<String> renamed = new ArrayList<>();
        for (String name : names) {
            List<String> problems = UserText.problems(name);
            problems.forEach(p -> out.add(new Violation(path + "." + name, "the name " + p)));
            String nfc = problems.isEmpty() ? UserText.normalise(name) : name;
            if (!nfc.equals(name)) {
                if (object.has(nfc)) {
                    out.add(new Violation(path + "." + name, "is the name " + nfc + " a second time, spelt another way;"
                            + " send each name once"));
                } else {
                    object.set(nfc, object.remove(name));
                }
            }
            renamed.add(object.has(nfc) ? nfc : name);
        }
        return renamed;
    }

    private static JsonNode childSchema(JsonNode schema, String name) {
        if (schema == null) {
            return null;
        }
        JsonNode property = schema.path("properties").get(name);
        if (property != null) {
            return property;
        }
        JsonNode additional = schema.get("additionalProperties");
        return additional != null && additional.isObject() ? additional : null;
    }

    private static void number(JsonNode schema, JsonNode node, String path, List<Violation> out) {
        boolean integerField = schema != null && isType(schema, "integer") && !isType(schema, "number");
        if (integerField) {
            String range = range(schema);
            if (!node.isIntegralNumber()) {
                out.add(new Violation(path, "must be a whole number written without fraction or exponent, "
                        + range + ", e.g. " + example(schema)));
                return;
            }
            BigInteger value = node.bigIntegerValue();
            BigInteger min = bound(schema, "minimum", INT_MIN);
            BigInteger max = bound(schema, "maximum", INT_MAX);
            if (value.compareTo(min) < 0 || value.compareTo(max) > 0) {
                out.add(new Violation(path, "is " + abbreviate(value.toString()) + ", outside the field's range: "
                        + range + ", e.g. " + example(schema)));
            }
            return;
        }
        NumberBounds.problem(node).ifPresent(p -> out.add(new Violation(path, p)));
    }

    private static JsonNode text(JsonNode schema, TextNode node, String path, String field, List<Violation> out) {
        String text = node.textValue();
        switch (kindOf(schema)) {
            case DATE -> date(text, path, out);
            case DATE_TIME -> dateTime(text, path, out);
            case ANY_DATE_TIME -> anyDateTime(text, path, out);
            case LOCAL_DATE_TIME -> localDateTime(text, path, out);
            case WEEK -> week(text, path, out);
            default -> {
            }
        }
        if (schema != null && schema.has("pattern") && (text.endsWith("\n") || text.endsWith("\r"))) {
            out.add(new Violation(path, "ends with a line break; send the value alone"
                    + JsonSchemas.exampleHint(schema, path)));
        }
        if (field != null && NAME_FIELDS.contains(field)) {
            List<String> problems = UserText.problems(text);
            problems.forEach(p -> out.add(new Violation(path, p)));
            if (problems.isEmpty()) {
                String nfc = UserText.normalise(text);
                return nfc.equals(text) ? node : TextNode.valueOf(nfc);
            }
        }
        return node;
    }

    private static void date(String text, String path, List<Violation> out) {
        LocalDate date;
        try {
            date = LocalDate.parse(text, DateTimeFormatter.ISO_LOCAL_DATE);
        } catch (DateTimeParseException e) {
            out.add(new Violation(path, "must be a date written yyyy-mm-dd, e.g. " + DATE_EXAMPLE));
            return;
        }
        inRange(date, text, path, DATE_EXAMPLE, out);
    }

    private static void dateTime(String text, String path, List<Violation> out) {
        try {
            OffsetDateTime t = OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME);
            inRange(t.toLocalDate(), text, path, DATE_TIME_EXAMPLE, out);
        } catch (DateTimeParseException e) {
            // a malformed date-time is reported by the schema's format check, with a hint
        }
    }

    /** Either form {@link DateTimeInput} reads: the day as written must exist and be supported. */
    private static void anyDateTime(String text, String path, List<Violation> out) {
        if (!DateTimeInput.hasShape(text)) {
            return; // the schema's pattern reports it, with a hint
        }
        Optional<LocalDate> date = DateTimeInput.writtenDate(text);
        if (date.isEmpty()) {
            out.add(new Violation(path, DateTimeInput.problem(new DateTimeInput.Malformed(text))));
            return;
        }
        inRange(date.get(), text, path, DATE_TIME_EXAMPLE, out);
    }

    private static void localDateTime(String text, String path, List<Violation> out) {
        LocalDateTime t;
        try {
            t = LocalDateTime.parse(text, DateTimeFormatter.ISO_LOCAL_DATE_TIME);
        } catch (DateTimeParseException e) {
            out.add(new Violation(path, "must be a local date-time written yyyy-mm-ddThh:mm, e.g. "
                    + LOCAL_DATE_TIME_EXAMPLE));
            return;
        }
        inRange(t.toLocalDate(), text, path, LOCAL_DATE_TIME_EXAMPLE, out);
    }

    private static void week(String text, String path, List<Violation> out) {
        IsoWeek week;
        try {
            week = IsoWeek.parse(text);
        } catch (IllegalArgumentException e) {
            out.add(new Violation(path, WEEK_SHAPE.matcher(text).matches()
                    ? "is " + abbreviate(text) + ", a week that does not exist; send an existing ISO week, e.g. " + WEEK_EXAMPLE
                    : "must be an ISO week written yyyy-Www, e.g. " + WEEK_EXAMPLE));
            return;
        }
        if (!SupportedDates.contains(week)) {
            out.add(new Violation(path, "is " + text + ", outside the supported weeks " + firstWeek() + " .. "
                    + lastWeek() + "; send a week like " + WEEK_EXAMPLE));
        }
    }

    private static IsoWeek firstWeek() {
        IsoWeek first = IsoWeek.of(SupportedDates.FIRST);
        return SupportedDates.contains(first) ? first : first.plus(1);
    }

    private static IsoWeek lastWeek() {
        IsoWeek last = IsoWeek.of(SupportedDates.LAST);
        return SupportedDates.contains(last) ? last : last.plus(-1);
    }

    private static void inRange(LocalDate date, String text, String path, String example, List<Violation> out) {
        if (!SupportedDates.contains(date)) {
            out.add(new Violation(path, "is " + abbreviate(text) + ", outside the supported dates "
                    + SupportedDates.range() + "; send a value like " + example));
        }
    }

    private static boolean isType(JsonNode schema, String type) {
        JsonNode t = schema.get("type");
        if (t == null) {
            return false;
        }
        if (t.isTextual()) {
            return t.textValue().equals(type);
        }
        for (Iterator<JsonNode> it = t.elements(); it.hasNext(); ) {
            if (it.next().asText().equals(type)) {
                return true;
            }
        }
        return false;
    }

    private static BigInteger bound(JsonNode schema, String keyword, BigInteger fallback) {
        JsonNode b = schema.get(keyword);
        if (b == null || !b.isNumber()) {
            return fallback;
        }
        BigDecimal d = b.decimalValue();
        return "minimum".equals(keyword) ? d.setScale(0, java.math.RoundingMode.CEILING).toBigInteger()
                : d.setScale(0, java.math.RoundingMode.FLOOR).toBigInteger();
    }

    private static String range(JsonNode schema) {
        return "from " + bound(schema, "minimum", INT_MIN) + " to " + bound(schema, "maximum", INT_MAX);
    }

    private static String example(JsonNode schema) {
        JsonNode examples = schema.get("examples");
        if (examples != null && examples.isArray() && !examples.isEmpty()) {
            return examples.get(0).toString();
        }
        BigInteger min = bound(schema, "minimum", INT_MIN);
        BigInteger max = bound(schema, "maximum", INT_MAX);
        if (min.signum() <= 0 && max.signum() >= 0) {
            return max.min(BigInteger.valueOf(3)).toString();
        }
        return min.toString();
    }

    private static String abbreviate(String s) {
        return s.length() <= 40 ? s : s.substring(0, 37) + "...";
    }
}
