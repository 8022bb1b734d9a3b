package dev.avalon.testkit.fuzz;

/**
 * A raw JSON value and the name of its class in a {@link FuzzRequest#inputClass()}.
 *
 * @param label e.g. {@code max-length} or {@code leap-day}
 * @param raw   the value as raw JSON text
 */
record LabeledValue(String label, String raw) {
}
