package dev.avalon.core.finance;

import java.util.Objects;

/**
 * One reason a finance operation cannot happen.
 *
 * @param field   the offending field relative to the action's data, e.g. {@code amount} or
 *                {@code potjesverdeling.sparen}
 * @param problem one sentence
 */
public record FinanceProblem(String field, String problem) {
    public FinanceProblem {
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(problem, "problem");
    }
}
