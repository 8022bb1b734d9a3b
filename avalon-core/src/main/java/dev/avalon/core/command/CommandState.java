package dev.avalon.core.command;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * Where a command is. The legal moves are a table: a poll leases a PENDING command (PROCESSING); the
 * system that holds it completes it or reports it failed; a lease that expires puts it back to
 * PENDING, or fails it once its deliveries are used up; a failure reported with {@code retry} puts it
 * back too. COMPLETED and FAILED are final.
 */
public enum CommandState {
    PENDING, PROCESSING, COMPLETED, FAILED;

    private static final Map<CommandState, Set<CommandState>> MOVES = Map.of(
            PENDING, EnumSet.of(PROCESSING),
            PROCESSING, EnumSet.of(PENDING, COMPLETED, FAILED),
            COMPLETED, EnumSet.noneOf(CommandState.class),
            FAILED, EnumSet.noneOf(CommandState.class));

    /** Whether a command may move from this state to {@code next}. */
    public boolean canMoveTo(CommandState next) {
        return MOVES.get(this).contains(next);
    }

    /** Whether nothing follows. */
    public boolean finished() {
        return this == COMPLETED || this == FAILED;
    }
}
