package dev.avalon.core.governance;

import dev.avalon.core.base.AvalonException;

/** A governance state change the transition table does not allow. */
public final class IllegalTransitionException extends AvalonException {
    private final GovernanceState from;
    private final GovernanceState to;

    public IllegalTransitionException(GovernanceState from, GovernanceState to) {
        super("no governance transition from " + from + " to " + to);
        this.from = from;
        this.to = to;
    }

    public GovernanceState from() {
        return from;
    }

    public GovernanceState to() {
        return to;
    }
}
