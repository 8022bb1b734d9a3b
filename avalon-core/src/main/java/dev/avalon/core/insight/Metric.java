package dev.avalon.core.insight;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.avalon.core.json.Json;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Objects;
import java.util.Optional;

/**
 * One computed figure: a value rounded to {@value #SCALE} decimals (HALF_EVEN), or no value and the
 * reason why (too little data). Never NaN, never infinite.
 *
 * @param name   the wire name, e.g. {@code procrastinationIndex}
 * @param value  the value, {@code null} when there was too little data
 * @param reason why there is no value, {@code null} when there is one
 * @param basis  the figures the value was computed from, in words (quoted by proposals)
 * @param observations how many data points the value rests on (entries, days, reminders or weeks, per
 *               metric), which {@link Proposals} weighs against its minimum data; 0 without a value
 */
public record Metric(String name, BigDecimal value, String reason, String basis, int observations) {

    /** Decimals kept. */
    public static final int SCALE = 4;

    public Metric {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(basis, "basis");
        if ((value == null) == (reason == null)) {
            throw new IllegalArgumentException(name + ": exactly one of value and reason is set");
        }
        if (observations < 0) {
            throw new IllegalArgumentException(name + ": observations cannot be negative: " + observations);
        }
    }

    /** A metric of unknown weight: it never meets a proposal's minimum data. */
    public Metric(String name, BigDecimal value, String reason, String basis) {
        this(name, value, reason, basis, 0);
    }

    /** A metric with a value; {@code raw} must be finite. */
    static Metric of(String name, double raw, String basis) {
        return of(name, raw, basis, 0);
    }

    /** A metric with a value resting on {@code observations} data points; {@code raw} must be finite. */
    static Metric of(String name, double raw, String basis, int observations) {
        if (!Double.isFinite(raw)) {
            throw new IllegalArgumentException(name + " is not finite: " + raw);
        }
        return new Metric(name, BigDecimal.valueOf(raw).setScale(SCALE, RoundingMode.HALF_EVEN), null, basis,
                observations);
    }

    /** A metric without a value. */
    static Metric none(String name, String reason, String basis) {
        return new Metric(name, null, reason, basis, 0);
    }

    /** Whether there is a value resting on at least {@code minimum} data points. */
    public boolean restsOn(int minimum) {
        return present() && observations >= minimum;
    }

    public Optional<BigDecimal> optionalValue() {
        return Optional.ofNullable(value);
    }

    /** The value as a double, for comparisons; only when present. */
    public double doubleValue() {
        return Objects.requireNonNull(value, name + " has no value").doubleValue();
    }

    public boolean present() {
        return value != null;
    }

    public ObjectNode toJson() {
        ObjectNode n = Json.object();
        if (value == null) {
            n.putNull("value");
            n.put("reason", reason);
        } else {
            n.put("value", value);
        }
        n.put("basis", basis);
        n.put("observations", observations);
        return n;
    }
}
