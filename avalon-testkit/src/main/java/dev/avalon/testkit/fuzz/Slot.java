package dev.avalon.testkit.fuzz;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;

/**
 * A place in a generated {@code data} object where one value can be swapped: a property that is there
 * or that the schema allows, or an array element.
 *
 * @param pointer the field's name in {@link FieldHints} notation, e.g. {@code /recurrence/count}
 * @param schema  the schema of the value there
 * @param steps   how to reach it from {@code data}: property names and array indexes
 */
record Slot(String pointer, JsonNode schema, List<Object> steps) {
    Slot {
        steps = List.copyOf(steps);
    }
}
