package dev.avalon.testkit.fuzz;

import java.util.Arrays;
import java.util.List;

/**
 * A hostile JSON value as raw text, named so that a failure can be recorded by its class. Some of
 * them cannot be written by a JSON library at all (lone surrogates, numbers beyond a double).
 */
public enum HostileValue {
    HUGE_EXPONENT(Target.NUMBER, "1e400"),
    NEGATIVE_HUGE_EXPONENT(Target.NUMBER, "-1e400"),
    TINY_EXPONENT(Target.NUMBER, "1e-400"),
    BEYOND_LONG(Target.NUMBER, "1.8446744073709551617e19"),
    BEYOND_LONG_INTEGER(Target.NUMBER, "18446744073709551617"),
    INTEGER_AS_EXPONENT(Target.NUMBER, "1e3"),
    SMALL_EXPONENT(Target.NUMBER, "5E0"),
    FRACTION(Target.NUMBER, "2.5"),
    WHOLE_FRACTION(Target.NUMBER, "3.0"),
    NEGATIVE_ZERO(Target.NUMBER, "-0"),
    NEGATIVE(Target.NUMBER, "-1"),
    MIN_LONG(Target.NUMBER, "-9223372036854775808"),
    NUMBER_AS_STRING(Target.NUMBER, "\"5\""),

    LONE_HIGH_SURROGATE(Target.STRING, "\"\\ud800\""),
    LONE_LOW_SURROGATE(Target.STRING, "\"ab\\udc00cd\""),
    REVERSED_SURROGATES(Target.STRING, "\"\\udc00\\ud800\""),
    NUL_CHARACTER(Target.STRING, "\"a\\u0000b\""),
    CONTROL_CHARACTERS(Target.STRING, "\"\\u001b[31mrood\\u0007\\r\\n\""),
    ZERO_WIDTH(Target.STRING, "\"VSB\\u200b\""),
    BIDI_CONTROL(Target.STRING, "\"\\u202etxt.exe\\u2066\""),
    BYTE_ORDER_MARK(Target.STRING, "\"\\ufeffWERK\""),
    NFD_TEXT(Target.STRING, "\"Cafe\\u0301 ge\\u0301ne\\u0301\""),
    EMPTY(Target.STRING, "\"\""),
    BLANK(Target.STRING, "\"   \""),
    VERY_LONG(Target.STRING, "\"" + "x".repeat(70_000) + "\""),
    LONG_MULTIBYTE(Target.STRING, "\"" + "\uD83D\uDCC5".repeat(3_000) + "\""),
    PATH_TRAVERSAL(Target.STRING, "\"../../.git/config\""),
    FORMULA(Target.STRING, "\"=HYPERLINK(\\\"http://x\\\")\""),
    DATE_YEAR_ZERO(Target.STRING, "\"0000-01-01\""),
    DATE_TIME_END_OF_TIME(Target.STRING, "\"9999-12-31T23:59:59Z\""),
    DATE_DUTCH_ORDER(Target.STRING, "\"16-11-2026\""),
    WEEK_YEAR_ONE(Target.STRING, "\"0001-W01\""),
    DATE_FEBRUARY_30(Target.STRING, "\"2026-02-30\""),
    LOCAL_TIME_HOUR_25(Target.STRING, "\"2026-11-24T25:00\""),
    OFFSET_BEYOND_18H(Target.STRING, "\"2026-11-24T09:00:00+25:00\""),
    EXPANDED_YEAR(Target.STRING, "\"+12026-11-24\""),
    AMOUNT_LEADING_SPACE(Target.STRING, "\" 12.50\""),
    AMOUNT_TRAILING_SPACE(Target.STRING, "\"12.50 \""),
    AMOUNT_NBSP(Target.STRING, "\"\\u00a012.50\""),
    AMOUNT_COMMA(Target.STRING, "\"12,50\""),
    AMOUNT_EXPONENT(Target.STRING, "\"1e3\""),
    AMOUNT_HUGE_EXPONENT(Target.STRING, "\"1e400\""),
    AMOUNT_THREE_DECIMALS(Target.STRING, "\"0.001\""),
    AMOUNT_NEGATIVE(Target.STRING, "\"-5.00\""),
    AMOUNT_NAN(Target.STRING, "\"NaN\""),
    AMOUNT_ARABIC_DIGITS(Target.STRING, "\"\\u0661\\u0662.\\u0665\\u0660\""),
    AMOUNT_HUGE(Target.STRING, "\"99999999999999999999999999999.99\""),

    NULL(Target.ANY, "null"),
    TRUE(Target.ANY, "true"),
    EMPTY_ARRAY(Target.ANY, "[]"),
    EMPTY_OBJECT(Target.ANY, "{}"),
    ARRAY_OF_NULL(Target.ANY, "[null]"),
    OBJECT_WITH_UNKNOWN(Target.ANY, "{\"zzz\":1}"),
    DEEP_ARRAYS(Target.ANY, "[".repeat(5_000) + "]".repeat(5_000)),
    DEEP_OBJECTS(Target.ANY, "{\"a\":".repeat(3_000) + "1" + "}".repeat(3_000)),
    NUMBER_IN_STRING_FIELD(Target.ANY, "12");

    /** Which fields a value is aimed at; {@link #ANY} values go anywhere. */
    public enum Target { NUMBER, STRING, ANY }

    private final Target target;
    private final String raw;

    HostileValue(Target target, String raw) {
        this.target = target;
        this.raw = raw;
    }

    public Target target() {
        return target;
    }

    /** The raw JSON text of the value. */
    public String raw() {
        return raw;
    }

    /** The name used in input classes: {@code lone-high-surrogate}. */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }

    /** The values aimed at {@code target}. */
    public static List<HostileValue> aimedAt(Target target) {
        return Arrays.stream(values()).filter(v -> v.target == target).toList();
    }
}
