package dev.avalon.core.command;

import com.fasterxml.jackson.databind.JsonNode;
import dev.avalon.core.base.Violation;
import dev.avalon.core.json.Json;
import dev.avalon.core.time.DateTimeInput;
import dev.avalon.core.time.DateTimeOutput;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The types a whitelisted parameter may have, and how a value written in a line becomes the value
 * kept in the command: {@code int} a JSON integer, {@code bool} a JSON boolean, {@code decimal} its
 * exact text (a JSON number could lose digits), {@code datetime} an instant with the user's offset
 * (read as {@link DateTimeInput} reads every date-time), the rest the text as written.
 */
public enum ParamType {
    STRING, INT, DECIMAL, BOOL, EMAIL, DATE, DATETIME, URL;

    /** The longest value of any type. */
    public static final int MAX_LENGTH = 2000;

    private static final Pattern INTEGER = Pattern.compile("-?(0|[1-9][0-9]{0,17})");
    private static final Pattern DECIMAL_TEXT = Pattern.compile("-?(0|[1-9][0-9]{0,17})(\\.[0-9]{1,10})?");
    private static final Pattern EMAIL_TEXT = Pattern.compile("[^@\\s<>,;\"]{1,64}@[^@\\s<>,;\"]+\\.[^@\\s<>,;\"]+");
    private static final Pattern URL_TEXT = Pattern.compile("https?://[^\\s/?#@]+(:[0-9]{1,5})?([/?#]\\S*)?");

    /** The name used in {@code behaviour.avl}: {@code string}, {@code int} … */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The type named {@code name} in {@code behaviour.avl}, if there is one. */
    public static Optional<ParamType> of(String name) {
        for (ParamType t : values()) {
            if (t.wireName().equals(name)) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }

    /** The wire names of every type, for messages. */
    public static List<String> names() {
        List<String> out = new ArrayList<>();
        for (ParamType t : values()) {
            out.add(t.wireName());
        }
        return out;
    }

    /**
     * {@code text} as the value a command keeps, or what is wrong with it.
     *
     * @param zone the user's zone, for a date-time written without an offset
     */
    public Result read(String text, ZoneId zone) {
        if (text.length() > MAX_LENGTH) {
            return Result.wrong("is longer than " + MAX_LENGTH + " characters");
        }
        return switch (this) {
            case STRING -> Result.ok(Json.nodes().textNode(text));
            case INT -> INTEGER.matcher(text).matches() ? Result.ok(Json.nodes().numberNode(Long.parseLong(text)))
                    : Result.wrong("is not a whole number");
            case DECIMAL -> DECIMAL_TEXT.matcher(text).matches()
                    ? Result.ok(Json.nodes().textNode(new BigDecimal(text).toPlainString()))
                    : Result.wrong("is not a decimal number such as 12.50");
            case BOOL -> text.equals("true") || text.equals("false")
                    ? Result.ok(Json.nodes().booleanNode(Boolean.parseBoolean(text)))
                    : Result.wrong("is not true or false");
            case EMAIL -> EMAIL_TEXT.matcher(text).matches() ? Result.ok(Json.nodes().textNode(text))
                    : Result.wrong("is not an e-mail address");
            case DATE -> date(text);
            case DATETIME -> dateTime(text, zone);
            case URL -> URL_TEXT.matcher(text).matches() ? Result.ok(Json.nodes().textNode(text))
                    : Result.wrong("is not an http or https URL");
        };
    }

    private static Result date(String text) {
        try {
            if (text.length() == 10) {
                return Result.ok(Json.nodes().textNode(LocalDate.parse(text).toString()));
            }
        } catch (DateTimeParseException e) {
            // answered below
        }
        return Result.wrong("is not a date such as 2026-11-24");
    }

    private static Result dateTime(String text, ZoneId zone) {
        List<Violation> problems = new ArrayList<>();
        Optional<ZonedDateTime> at = DateTimeInput.read(text, zone, "value", problems);
        return at.map(z -> Result.ok(Json.nodes().textNode(DateTimeOutput.format(z.toInstant(), zone))))
                .orElseGet(() -> Result.wrong(problems.isEmpty() ? "is not a date-time such as " + DateTimeInput.EXAMPLES
                        : problems.get(0).problem()));
    }

    /**
     * A value read: the value kept, or the problem.
     *
     * @param value   the value, when it was right; {@code null} otherwise
     * @param problem what is wrong, when it was; {@code null} otherwise
     */
    public record Result(JsonNode value, String problem) {
        static Result ok(JsonNode value) {
            return new Result(value, null);
        }

        static Result wrong(String problem) {
            return new Result(null, problem);
        }

        /** Whether the value is right. */
        public boolean ok() {
            return problem == null;
        }
    }
}
