package dev.avalon.core.governance;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * How far an ML patch may move one numeric behaviour value (the {@code mlLimits.paths} entries of
 * {@code behaviour.avl}).
 *
 * @param min     the lowest value allowed after the patch
 * @param max     the highest value allowed after the patch, at least {@code min}
 * @param maxStep the largest allowed {@code |after - before|}, not negative
 */
public record MlPathLimit(BigDecimal min, BigDecimal max, BigDecimal maxStep) {
    public MlPathLimit {
        Objects.requireNonNull(min, "min");
        Objects.requireNonNull(max, "max");
        Objects.requireNonNull(maxStep, "maxStep");
        if (min.compareTo(max) > 0) {
            throw new IllegalArgumentException("min " + min.toPlainString() + " is above max " + max.toPlainString());
        }
        if (maxStep.signum() < 0) {
            throw new IllegalArgumentException("maxStep must not be negative: " + maxStep.toPlainString());
        }
    }

    /** Whether {@code value} lies within {@code [min, max]}. */
    public boolean allows(BigDecimal value) {
        return value.compareTo(min) >= 0 && value.compareTo(max) <= 0;
    }

    /** Whether a move from {@code from} to {@code to} is at most {@code maxStep}. */
    public boolean allowsStep(BigDecimal from, BigDecimal to) {
        return to.subtract(from).abs().compareTo(maxStep) <= 0;
    }

    /** {@code max - min}. */
    public BigDecimal range() {
        return max.subtract(min);
    }
}
