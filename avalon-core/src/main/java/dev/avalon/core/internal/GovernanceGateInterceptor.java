package dev.avalon.core.internal;

import dev.avalon.core.action.ActionInterceptor;
import dev.avalon.core.action.ActionResult;
import dev.avalon.core.action.Invocation;
import dev.avalon.core.base.ErrorCode;
import dev.avalon.core.base.Refusal;
import dev.avalon.core.base.Violation;
import dev.avalon.core.brain.Brain;
import dev.avalon.core.governance.GovernanceState;
import dev.avalon.core.governance.StateGate;
import dev.avalon.core.recovery.RecoveryFeature;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/**
 * (5) The governance state allows the action's effect ({@link StateGate} is the one table), after a
 * health probe that may freeze a broken brain first. The answer to an open DR_RESOLUTION question
 * passes in every state: it is the user's way out of STATE_DR.
 */
final class GovernanceGateInterceptor implements ActionInterceptor {

    private final Brain brain;
    private final HealthProbe health;
    private final Clock clock;

    GovernanceGateInterceptor(Brain brain, HealthProbe health, Clock clock) {
        this.brain = brain;
        this.health = health;
        this.clock = clock;
    }

    @Override
    public ActionResult intercept(Invocation invocation, Chain chain) {
        Instant now = clock.instant();
        health.probe(now, invocation.traceId());
        GovernanceState state = brain.governance(now).state();
        Optional<ErrorCode> blocked = StateGate.refusal(state, invocation.definition().effect());
        if (blocked.isPresent() && !RecoveryFeature.answersRecovery(brain, invocation.request(), now)) {
            // the reason names what froze the brain (the file, for a corrupt one), so the refusal does too
            String reason = brain.governance(now).reason();
            throw new Refusal(blocked.get(), invocation.action() + " is not allowed in " + state
                    + (reason == null || reason.isBlank() ? "" : " (" + reason + ")"),
                    new Violation("$.action", state + " does not allow " + invocation.definition().effect()
                            + " actions"));
        }
        return chain.proceed(invocation);
    }
}
