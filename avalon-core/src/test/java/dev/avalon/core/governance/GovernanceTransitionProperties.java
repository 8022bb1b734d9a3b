package dev.avalon.core.governance;

import dev.avalon.core.base.Effect;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class GovernanceTransitionProperties {

    @Property(tries = 300)
    void walksFollowTheTableAndDrIsLeftOnlyByRecovery(
            @ForAll @Size(max = 40) List<GovernanceState> targets) {
        GovernanceStatus status = GovernanceStatus.initial(Instant.EPOCH);
        for (GovernanceState target : targets) {
            GovernanceState from = status.state();
            var legal = GovernanceTransition.between(from, target);
            if (legal.isPresent()) {
                status = status.moveTo(target, Instant.EPOCH, "walk");
                assertThat(status.state()).isEqualTo(target);
                if (from == GovernanceState.STATE_DR) {
                    assertThat(legal.get()).isEqualTo(GovernanceTransition.RECOVERED);
                }
            } else {
                GovernanceStatus before = status;
                assertThatThrownBy(() -> before.moveTo(target, Instant.EPOCH, "walk"))
                        .isInstanceOf(IllegalTransitionException.class);
                assertThat(status).isEqualTo(before);
            }
            assertThat(StateGate.allows(status.state(), Effect.PATCH))
                    .isEqualTo(status.state() == GovernanceState.STATE_NORMAL);
            assertThat(StateGate.allowsCommit(status.state())).isEqualTo(status.state() == GovernanceState.STATE_NORMAL);
            assertThat(StateGate.allows(status.state(), Effect.READ)).isTrue();
        }
    }

    @Test
    @DisplayName("every state may enter DR, and DR blocks writes, patches and control")
    void drIsAboveEverything() {
        for (GovernanceState s : GovernanceState.values()) {
            if (s != GovernanceState.STATE_DR) {
                assertThat(GovernanceTransition.between(s, GovernanceState.STATE_DR)).contains(GovernanceTransition.START_DR);
            }
        }
        for (Effect e : List.of(Effect.WRITE, Effect.PATCH, Effect.CONTROL)) {
            assertThat(StateGate.allows(GovernanceState.STATE_DR, e)).isFalse();
        }
        assertThat(StateGate.allows(GovernanceState.STATE_DR, Effect.RECOVERY)).isTrue();
    }
}
