package dev.avalon.core.governance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;

import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@link PatchValidator} found: every violation, and the document as the patch would leave it.
 *
 * @param violations every broken rule, in rule order; empty when the patch may be applied
 * @param result     a copy of the behaviour document with the patch applied, or a
 *                   {@link MissingNode} when the patch cannot be applied at all (a bad path, a parent
 *                   that is not an object or array). It is filled in even when other rules are
 *                   broken, to show what the patch would do; apply it only when {@link #ok()}. The
 *                   record keeps the tree it is given (the caller must not change it afterwards) and
 *                   hands out copies.
 */
public record PatchValidation(List<PatchViolation> violations, JsonNode result) {

    public PatchValidation {
        violations = List.copyOf(Objects.requireNonNull(violations, "violations"));
        // the validator hands over a tree it built for this validation alone; the accessor copies
        result = result == null ? MissingNode.getInstance() : result;
    }

    /** A copy of the patched document, or a missing node. */
    @Override
    public JsonNode result() {
        return result.deepCopy();
    }

    /** Whether the patch broke no rule. */
    public boolean ok() {
        return violations.isEmpty();
    }

    /**
     * The code for the patch as a whole: the most severe of its violations' codes
     * (GOVERNANCE_FORBIDDEN, then UNSAFE_PATCH, then INVALID_PATCH); empty when {@link #ok()}.
     */
    public Optional<GovernanceErrorCode> code() {
        return violations.stream().map(PatchViolation::code).min(Comparator.naturalOrder());
    }

    /** Whether any violation carries {@code code}. */
    public boolean has(GovernanceErrorCode code) {
        return violations.stream().anyMatch(v -> v.code() == code);
    }
}
