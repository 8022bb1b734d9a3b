package dev.avalon.core.governance;

import com.fasterxml.jackson.databind.JsonNode;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What ML may propose (seed 06 §7): at most {@code maxProposalsPerWeek} proposals, each a PATCH to
 * one of the listed numeric paths, within that path's {@link MlPathLimit}. A path that is not listed
 * is closed to ML.
 *
 * <pre>{@code
 * "mlLimits": {
 *   "maxProposalsPerWeek": 3,
 *   "paths": { "reminderEscalationRules.threshold": { "min": 1, "max": 6, "maxStep": 1 } }
 * }
 * }</pre>
 *
 * @param maxProposalsPerWeek not negative; 0 closes ML entirely
 * @param paths               limits by dot path
 */
public record MlLimits(int maxProposalsPerWeek, Map<String, MlPathLimit> paths) {

    public MlLimits {
        if (maxProposalsPerWeek < 0) {
            throw new IllegalArgumentException("maxProposalsPerWeek must not be negative: " + maxProposalsPerWeek);
        }
        paths = Map.copyOf(Objects.requireNonNull(paths, "paths"));
    }

    /** No proposals and no paths: ML may change nothing. */
    public static MlLimits none() {
        return new MlLimits(0, Map.of());
    }

    /**
     * Reads {@code behaviour.mlLimits}. Never throws: when the section is absent the limits are
     * {@link #none()}, and a malformed part (a non-integer count, an entry without numeric
     * {@code min}/{@code max}/{@code maxStep}, or with {@code min > max}) is left out, which
     * closes rather than opens that part to ML.
     */
    public static MlLimits from(JsonNode behaviour) {
        Objects.requireNonNull(behaviour, "behaviour");
        JsonNode section = behaviour.path("mlLimits");
        if (!section.isObject()) {
            return none();
        }
        JsonNode count = section.path("maxProposalsPerWeek");
        int max = count.isIntegralNumber() && count.canConvertToInt() && count.intValue() >= 0 ? count.intValue() : 0;
        Map<String, MlPathLimit> paths = new LinkedHashMap<>();
        JsonNode listed = section.path("paths");
        if (listed.isObject()) {
            for (Map.Entry<String, JsonNode> e : listed.properties()) {
                limit(e.getValue()).ifPresent(l -> paths.put(e.getKey(), l));
            }
        }
        return new MlLimits(max, paths);
    }

    /** The limit for {@code path}, empty when ML may not touch it. */
    public Optional<MlPathLimit> limitFor(String path) {
        return Optional.ofNullable(paths.get(path));
    }

    private static Optional<MlPathLimit> limit(JsonNode entry) {
        Optional<BigDecimal> min = number(entry.path("min"));
        Optional<BigDecimal> max = number(entry.path("max"));
        Optional<BigDecimal> step = number(entry.path("maxStep"));
        if (min.isEmpty() || max.isEmpty() || step.isEmpty()
                || min.get().compareTo(max.get()) > 0 || step.get().signum() < 0) {
            return Optional.empty();
        }
        return Optional.of(new MlPathLimit(min.get(), max.get(), step.get()));
    }

    /** The exact value of a finite number node. */
    static Optional<BigDecimal> number(JsonNode node) {
        return node.isNumber() && ChangeClassifier.isFinite(node)
                ? Optional.of(ChangeClassifier.decimal(node)) : Optional.empty();
    }
}
