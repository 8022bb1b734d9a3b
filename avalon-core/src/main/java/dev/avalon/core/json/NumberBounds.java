package dev.avalon.core.json;

import com.fasterxml.jackson.databind.JsonNode;

import java.math.BigDecimal;
import java.util.Objects;
import java.util.Optional;

/**
 * The numbers Avalon accepts from a caller anywhere in a request, including free-form values such
 * as a patch's {@code before} and {@code after}: at most {@value #MAX_DIGITS} significant digits,
 * a magnitude below 10^{@value #MAX_DIGITS}, and no digit finer than 10^-{@value #MAX_DIGITS}.
 *
 * <p>Why: Avalon writes numbers in plain decimal form ({@link CanonicalJson}) and reads its own files
 * with {@link ReadLimits#maxNumberLength()} digits at most. A number within these bounds is at most
 * {@value #MAX_DIGITS} + 2 characters long in plain form, so whatever was accepted is always readable
 * again; {@code 1e400} would be written as a 401-digit number no reader accepts.
 */
public final class NumberBounds {

    /** Significant digits, digits before the point, and digits after it: each at most this many. */
    public static final int MAX_DIGITS = 18;

    private NumberBounds() {
    }

    /** Why {@code number} is outside the bounds, or empty when it is within them (or not a number). */
    public static Optional<String> problem(JsonNode number) {
        Objects.requireNonNull(number, "number");
        if (!number.isNumber()) {
            return Optional.empty();
        }
        if (number.isFloatingPointNumber() && !(number.isBigDecimal())) {
            double d = number.doubleValue();
            if (Double.isNaN(d) || Double.isInfinite(d)) {
                return Optional.of("is not a finite number");
            }
        }
        return within(number.decimalValue()) ? Optional.empty() : Optional.of(describe());
    }

    /** Whether {@code value} is within the bounds. */
    public static boolean within(BigDecimal value) {
        BigDecimal v = value.stripTrailingZeros();
        if (v.signum() == 0) {
            return true;
        }
        int precision = v.precision();
        int scale = v.scale();
        int integerDigits = precision - scale;
        return precision <= MAX_DIGITS && integerDigits <= MAX_DIGITS && scale <= MAX_DIGITS;
    }

    /** The bounds in one sentence, with an example. */
    public static String describe() {
        return "is a number Avalon cannot store exactly: send at most " + MAX_DIGITS
                + " significant digits, below 1e" + MAX_DIGITS + " in size and no finer than 1e-" + MAX_DIGITS
                + ", written plainly, e.g. 12.5";
    }
}
