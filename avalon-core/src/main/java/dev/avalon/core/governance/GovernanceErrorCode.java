package dev.avalon.core.governance;

/**
 * The governance error codes of seed 06 §12. Wire names identical.
 *
 * <p>Declared from most to least severe: when a patch breaks several rules, the code reported for
 * the whole patch is the first of its violations' codes in this order (a forbidden change must
 * never be reported as a mere stale {@code before}).
 */
public enum GovernanceErrorCode {
    /** The change is not allowed at all: a forbidden section, priorities, or a blocked state. */
    GOVERNANCE_FORBIDDEN,
    /** The change may be allowed, but not like this: removal without intent, ML beyond its limits. */
    UNSAFE_PATCH,
    /** The patch is wrong: stale {@code before}, a type that does not match the change, a bad path. */
    INVALID_PATCH,
    /** Two rules or patches contradict each other. */
    CONFLICT_RULES,
    /** A SemVer bump would be incorrect. */
    VERSIONING_ERROR;

    /** Whether this code outranks {@code other} when both apply. */
    public boolean moreSevereThan(GovernanceErrorCode other) {
        return ordinal() < other.ordinal();
    }
}
