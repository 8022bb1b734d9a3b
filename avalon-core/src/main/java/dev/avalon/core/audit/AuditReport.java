package dev.avalon.core.audit;

import java.util.List;
import java.util.Objects;

/**
 * What {@link AuditVerifier} found.
 *
 * @param entries  how many lines were readable entries
 * @param head     the head of the last readable entry; {@link AuditHead#GENESIS} when there is none
 * @param problems every problem found: those of the lines in file and line order, then those found
 *                 by comparing the chain with the recorded heads
 */
public record AuditReport(long entries, AuditHead head, List<AuditProblem> problems) {

    public AuditReport {
        Objects.requireNonNull(head, "head");
        problems = List.copyOf(problems);
        if (entries < 0) {
            throw new IllegalArgumentException("entries must be >= 0, was " + entries);
        }
    }

    /** {@code true} when no problem was found. */
    public boolean intact() {
        return problems.isEmpty();
    }
}
