package dev.avalon.core.governance;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

import static dev.avalon.core.governance.GovernanceState.STATE_AUTO_MODE;
import static dev.avalon.core.governance.GovernanceState.STATE_DR;
import static dev.avalon.core.governance.GovernanceState.STATE_INCONSISTENT;
import static dev.avalon.core.governance.GovernanceState.STATE_NORMAL;

/**
 * Every legal change of governance state; anything else is an {@link IllegalTransitionException}.
 * DR stands above everything: any state may enter it, and only recovery leaves it.
 */
public enum GovernanceTransition {
    ENTER_AUTO_MODE(EnumSet.of(STATE_NORMAL), STATE_AUTO_MODE),
    LEAVE_AUTO_MODE(EnumSet.of(STATE_AUTO_MODE), STATE_NORMAL),
    BEHAVIOUR_INVALID(EnumSet.of(STATE_NORMAL, STATE_AUTO_MODE), STATE_INCONSISTENT),
    BEHAVIOUR_REPAIRED(EnumSet.of(STATE_INCONSISTENT), STATE_NORMAL),
    START_DR(EnumSet.of(STATE_NORMAL, STATE_AUTO_MODE, STATE_INCONSISTENT), STATE_DR),
    RECOVERED(EnumSet.of(STATE_DR), STATE_NORMAL);

    private final Set<GovernanceState> from;
    private final GovernanceState to;

    GovernanceTransition(Set<GovernanceState> from, GovernanceState to) {
        this.from = Set.copyOf(from);
        this.to = to;
    }

    public Set<GovernanceState> from() {
        return from;
    }

    public GovernanceState to() {
        return to;
    }

    /** The transition that takes {@code from} to {@code to}, if the table has one. */
    public static Optional<GovernanceTransition> between(GovernanceState from, GovernanceState to) {
        return Arrays.stream(values()).filter(t -> t.from.contains(from) && t.to == to).findFirst();
    }

    /** Checks the table; throws when {@code from → to} is not a legal transition. */
    public static GovernanceTransition require(GovernanceState from, GovernanceState to) {
        return between(from, to).orElseThrow(() -> new IllegalTransitionException(from, to));
    }
}
