package dev.avalon.core.governance;

import dev.avalon.core.behaviour.PatchType;
import com.fasterxml.jackson.databind.JsonNode;

import java.math.BigDecimal;
import java.util.Objects;
import java.util.Optional;

/**
 * The backend's own risk level for a patch. ML may not judge its own risk (seed 06 §7.2), so for ML
 * patches the declared level is replaced by this one.
 *
 * <p><b>ML patches</b>: the relative step is
 * <pre>
 *   r = |after − before| / (max − min)
 * </pre>
 * with {@code min} and {@code max} from {@code mlLimits.paths[path]}:
 * {@code r ≤ 0.25} is LOW, {@code r ≤ 0.5} is MEDIUM, anything larger is HIGH. The comparison is
 * exact ({@code 4·|after − before| ≤ max − min}, {@code 2·|after − before| ≤ max − min}), so no
 * rounding moves a patch across a boundary; when {@code max = min} only a zero step is LOW. A
 * patch whose path has no limit, whose {@code before} or {@code after} is not a number, or whose
 * type is not PATCH is HIGH.
 *
 * <p><b>USER and DR patches</b>: MAJOR is HIGH, MINOR is MEDIUM, and a PATCH keeps its declared
 * level, since the user knows best how much a tuned value matters to them.
 */
public final class RiskAssessor {

    private static final BigDecimal TWO = BigDecimal.valueOf(2);
    private static final BigDecimal FOUR = BigDecimal.valueOf(4);

    private RiskAssessor() {
    }

    /** The risk level of {@code patch} against the current {@code behaviour} document. */
    public static RiskLevel assess(Patch patch, JsonNode behaviour) {
        Objects.requireNonNull(patch, "patch");
        Objects.requireNonNull(behaviour, "behaviour");
        if (patch.source() != PatchSource.ML) {
            return switch (patch.type()) {
                case MAJOR -> RiskLevel.HIGH;
                case MINOR -> RiskLevel.MEDIUM;
                case PATCH -> patch.riskLevel();
            };
        }
        Optional<MlPathLimit> limit = MlLimits.from(behaviour).limitFor(patch.path());
        Optional<BigDecimal> from = MlLimits.number(patch.before());
        Optional<BigDecimal> to = MlLimits.number(patch.after());
        if (patch.type() != PatchType.PATCH || limit.isEmpty() || from.isEmpty() || to.isEmpty()) {
            return RiskLevel.HIGH;
        }
        BigDecimal step = to.get().subtract(from.get()).abs();
        BigDecimal range = limit.get().range();
        if (step.multiply(FOUR).compareTo(range) <= 0) {
            return RiskLevel.LOW;
        }
        if (step.multiply(TWO).compareTo(range) <= 0) {
            return RiskLevel.MEDIUM;
        }
        return RiskLevel.HIGH;
    }
}
