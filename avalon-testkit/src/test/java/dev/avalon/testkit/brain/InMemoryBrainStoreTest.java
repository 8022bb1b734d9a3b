package dev.avalon.testkit.brain;

import dev.avalon.core.port.BrainStore;
import dev.avalon.core.port.BrainStoreException;
import dev.avalon.testkit.contract.BrainStoreContract;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Clock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@DisplayName("InMemoryBrainStore keeps the BrainStore contract")
class InMemoryBrainStoreTest extends BrainStoreContract {

    @Override
    protected BrainStore newStore(Clock clock) {
        return new InMemoryBrainStore(clock);
    }

    @Override
    protected BrainStore reopen(BrainStore previous) {
        previous.close();
        return ((InMemoryBrainStore) previous).reopen();
    }

    @Test
    @DisplayName("a brain that is still open cannot be opened a second time")
    void secondOpenIsRefused() {
        assertThatThrownBy(() -> ((InMemoryBrainStore) store).reopen()).isInstanceOf(BrainStoreException.class);
    }

    @Test
    @DisplayName("the side refs of restores can be listed")
    void sideRefsAreListed() {
        write("a.json", "1");
        String sha = commit("one", "a.json").sha();
        String ref = store.restore(sha).asideRef();
        assertThat(((InMemoryBrainStore) store).sideRefs()).containsOnlyKeys(ref);
    }
}
