package dev.avalon.mcp;

import dev.avalon.core.Avalon;
import dev.avalon.core.port.AlertSink;
import dev.avalon.core.port.BrainStore;
import dev.avalon.core.port.SealKeys;
import dev.avalon.git.GitBrainStore;

import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneId;

/** Opens an Avalon on a git brain folder as the {@code avalon} command does: created when new, sealed. */
final class BrainOpening {

    private BrainOpening() {
    }

    static Avalon open(Path folder, Clock clock, ZoneId zone, AlertSink alerts, SealKeys keys) {
        BrainStore store = GitBrainStore.open(folder);
        try {
            return Avalon.builder().brain(store).clock(clock).zone(zone).alerts(alerts).sealKeys(keys).build();
        } catch (RuntimeException e) {
            // build() failed after the store was opened: release the repository before reporting
            store.close();
            throw e;
        }
    }
}
