package dev.avalon.git;

import dev.avalon.core.port.BrainStore;
import dev.avalon.testkit.contract.BrainStoreContract;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;

/**
 * The contract again, with every file counted old enough to be kept in memory as soon as it is read:
 * every read and listing after the first goes through what the store keeps.
 */
@DisplayName("GitBrainStore keeps the BrainStore contract when it keeps every file it reads in memory")
class GitBrainStoreKeptContractTest extends BrainStoreContract {

    @TempDir
    Path temp;

    @Override
    protected BrainStore newStore(Clock clock) {
        return GitBrainStore.open(temp.resolve("brain"), clock, GitBrainStoreCacheTest.SETTLED);
    }

    @Override
    protected BrainStore reopen(BrainStore previous) {
        previous.close();
        return GitBrainStore.open(temp.resolve("brain"), clock, GitBrainStoreCacheTest.SETTLED);
    }
}
