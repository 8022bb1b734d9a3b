package dev.avalon.core.governance;

import java.util.Objects;

/**
 * One broken rule of a patch.
 *
 * @param code    the governance error code of the rule
 * @param field   the patch field at fault: {@code patch.path}, {@code patch.before},
 *                {@code patch.after}, {@code patch.type}, {@code patch.source} or
 *                {@code patch.explicitUserIntent}
 * @param problem what is wrong, in a sentence a front end can show
 */
public record PatchViolation(GovernanceErrorCode code, String field, String problem) {
    public PatchViolation {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(problem, "problem");
    }
}
