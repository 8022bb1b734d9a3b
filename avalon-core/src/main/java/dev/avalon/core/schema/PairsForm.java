package dev.avalon.core.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.avalon.core.base.ErrorCode;
import dev.avalon.core.base.Refusal;
import dev.avalon.core.base.Violation;
import dev.avalon.core.json.Json;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A map-shaped field in either of its two wire forms, read as one map.
 *
 * <p>A field whose keys the caller chooses (a {@code potjesverdeling}) is sent as a map
 * {@code {"sparen": "100.00"}} or as a list of pairs {@code [{"pot": "sparen", "amount": "100.00"}]}.
 * Strict tool calling cannot produce an open map, so the exported catalogues offer only the pairs;
 * the map stays accepted for callers that already send it. Handlers read the field through
 * {@link #read} and see one shape, whichever was sent.
 *
 * @param keyField   the name of the key in a pair, e.g. {@code pot}
 * @param valueField the name of the value in a pair, e.g. {@code amount}
 */
public record PairsForm(String keyField, String valueField) {

    /** The generic pair {@code {"key": …, "value": …}}. */
    public static final PairsForm KEY_VALUE = new PairsForm("key", "value");

    public PairsForm {
        Objects.requireNonNull(keyField, "keyField");
        Objects.requireNonNull(valueField, "valueField");
        if (keyField.equals(valueField)) {
            throw new IllegalArgumentException("key and value need two names: " + keyField);
        }
    }

    /**
     * The field as a map, in the order sent.
     *
     * @param value the field as sent, already checked against its schema (a map or a list of pairs)
     * @param path  the field's path for violations, e.g. {@code $.data.potjesverdeling}
     * @return a new object; a map is copied as it is
     * @throws Refusal VALIDATION_FAILED naming {@code path[i].keyField} for every key sent a second
     *                 time, and for a pair that lacks its key or value
     */
    public ObjectNode read(JsonNode value, String path) {
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(path, "path");
        if (value.isObject()) {
            return ((ObjectNode) value).deepCopy();
        }
        if (!value.isArray()) {
            throw new Refusal(ErrorCode.VALIDATION_FAILED, path + " is neither a map nor a list of pairs",
                    new Violation(path, "must be a map or a list of {" + keyField + ", " + valueField + "} pairs"));
        }
        ObjectNode map = Json.object();
        Map<String, Integer> firstAt = new HashMap<>();
        List<Violation> problems = new ArrayList<>();
        for (int i = 0; i < value.size(); i++) {
            JsonNode pair = value.get(i);
            String at = path + "[" + i + "]";
            JsonNode key = pair.get(keyField);
            JsonNode item = pair.get(valueField);
            if (key == null || !key.isTextual()) {
                problems.add(new Violation(at + "." + keyField, "is required, as text"));
                continue;
            }
            if (item == null || item.isNull()) {
                problems.add(new Violation(at + "." + valueField, "is required"));
                continue;
            }
            Integer first = firstAt.putIfAbsent(key.textValue(), i);
            if (first != null) {
                problems.add(new Violation(at + "." + keyField, "names " + key.textValue() + " a second time (first at "
                        + path + "[" + first + "]); send each " + keyField + " once"));
                continue;
            }
            map.set(key.textValue(), item.deepCopy());
        }
        if (!problems.isEmpty()) {
            throw new Refusal(ErrorCode.VALIDATION_FAILED, path + " has pairs that cannot be read as one map", problems);
        }
        return map;
    }
}
