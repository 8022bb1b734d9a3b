package dev.avalon.core.governance;

import java.util.Optional;

/**
 * An extra commit precondition contributed by an engine (for example: no iCalendar invite pending).
 * Evaluated by {@link CommitGate} together with the built-in ones.
 */
@FunctionalInterface
public interface CommitPrecondition {
    Optional<CommitRefusal> check(CommitGate.Facts facts);
}
