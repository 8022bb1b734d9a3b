package dev.avalon.core.governance;

import dev.avalon.core.base.Effect;
import dev.avalon.core.base.ErrorCode;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What each governance state allows, as one table. Commits are governed separately by
 * {@link CommitGate}, which also consults this state.
 *
 * <table>
 *   <caption>allowed effects</caption>
 *   <tr><th>state</th><th>READ</th><th>WRITE</th><th>PATCH</th><th>CONTROL</th><th>RECOVERY</th></tr>
 *   <tr><td>STATE_NORMAL</td><td>yes</td><td>yes</td><td>yes</td><td>yes</td><td>yes</td></tr>
 *   <tr><td>STATE_AUTO_MODE</td><td>yes</td><td>yes</td><td>no</td><td>yes</td><td>yes</td></tr>
 *   <tr><td>STATE_DR</td><td>yes</td><td>no</td><td>no</td><td>no</td><td>yes</td></tr>
 *   <tr><td>STATE_INCONSISTENT</td><td>yes</td><td>no</td><td>no</td><td>no</td><td>yes</td></tr>
 * </table>
 */
public final class StateGate {

    private static final Map<GovernanceState, Set<Effect>> ALLOWED = new EnumMap<>(GovernanceState.class);

    static {
        ALLOWED.put(GovernanceState.STATE_NORMAL, EnumSet.allOf(Effect.class));
        ALLOWED.put(GovernanceState.STATE_AUTO_MODE,
                EnumSet.of(Effect.READ, Effect.WRITE, Effect.CONTROL, Effect.RECOVERY));
        ALLOWED.put(GovernanceState.STATE_DR, EnumSet.of(Effect.READ, Effect.RECOVERY));
        ALLOWED.put(GovernanceState.STATE_INCONSISTENT, EnumSet.of(Effect.READ, Effect.RECOVERY));
    }

    private StateGate() {
    }

    public static boolean allows(GovernanceState state, Effect effect) {
        return ALLOWED.get(state).contains(effect);
    }

    /** Whether commits may happen at all in {@code state}. */
    public static boolean allowsCommit(GovernanceState state) {
        return state == GovernanceState.STATE_NORMAL;
    }

    /** The error code a refusal in {@code state} carries, or empty when {@code effect} is allowed. */
    public static Optional<ErrorCode> refusal(GovernanceState state, Effect effect) {
        if (allows(state, effect)) {
            return Optional.empty();
        }
        return Optional.of(switch (state) {
            case STATE_DR -> ErrorCode.DR_ACTIVE;
            case STATE_INCONSISTENT -> ErrorCode.BEHAVIOUR_INCONSISTENT;
            default -> ErrorCode.GOVERNANCE_FORBIDDEN;
        });
    }
}
