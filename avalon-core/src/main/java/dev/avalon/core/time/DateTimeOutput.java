package dev.avalon.core.time;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.ChronoField;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The one way Avalon writes a date-time in an answer: the local time in a zone with that zone's offset
 * at the instant, e.g. {@code 2026-11-17T10:00:00+01:00}.
 *
 * <ul>
 *   <li>seconds are always written, a fraction only when it is not zero ({@code 10:00:00.5+01:00});</li>
 *   <li>the offset is always {@code ±hh:mm}, {@code +00:00} rather than {@code Z}, so a front end can read
 *       it with one pattern; only a historic offset with seconds (Amsterdam before 1937,
 *       {@code +00:19:32}) is written {@code ±hh:mm:ss}, since cutting it would name another instant.</li>
 * </ul>
 *
 * <p>Everything written here is read back by {@link DateTimeInput} as the same instant, whatever zone the
 * reading action assumes for local times.
 */
public final class DateTimeOutput {

    private static final DateTimeFormatter FORMAT = new DateTimeFormatterBuilder()
            .appendPattern("uuuu-MM-dd'T'HH:mm:ss")
            .appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true)
            .appendOffset("+HH:MM:ss", "+00:00")
            .toFormatter();

    private DateTimeOutput() {
    }

    /** {@code at} as its local time in {@code zone}, with the offset, e.g. {@code 2026-11-17T10:00:00+01:00}. */
    public static String format(Instant at, ZoneId zone) {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(zone, "zone");
        return FORMAT.format(at.atZone(zone));
    }

    /** A whole value that is an instant written in UTC, as stored files keep them: {@code 2026-11-17T09:00:00Z}. */
    private static final Pattern UTC_INSTANT = Pattern.compile(
            "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}(:\\d{2}(\\.\\d{1,9})?)?Z");

    /**
     * {@code node} with every text value that is a whole UTC instant ({@code …Z}, as engines keep them in
     * their files and often answer them) written as {@link #format(Instant, ZoneId)} does, so an answer speaks
     * the user's zone throughout. Text that merely contains an instant (a message) is left as it is.
     */
    public static JsonNode inZone(JsonNode node,
                                                                 ZoneId zone) {
        Objects.requireNonNull(zone, "zone");
        if (node.isTextual()) {
            String text = node.textValue();
            if (text.length() >= 17 && text.endsWith("Z") && UTC_INSTANT.matcher(text).matches()) {
                try {
                    return TextNode.valueOf(format(java.time.OffsetDateTime.parse(text).toInstant(), zone));
                } catch (DateTimeParseException e) {
                    return node;
                }
            }
            return node;
        }
        if (node.isObject()) {
            ObjectNode copy = ((ObjectNode) node).objectNode();
            node.fields().forEachRemaining(e -> copy.set(e.getKey(), inZone(e.getValue(), zone)));
            return copy;
        }
        if (node.isArray()) {
            ArrayNode copy = ((ArrayNode) node).arrayNode();
            node.forEach(e -> copy.add(inZone(e, zone)));
            return copy;
        }
        return node;
    }

    /** {@code at} written with its own offset, e.g. {@code 2026-11-17T10:00:00+01:00}. */
    public static String format(ZonedDateTime at) {
        Objects.requireNonNull(at, "at");
        return FORMAT.format(at);
    }
}
