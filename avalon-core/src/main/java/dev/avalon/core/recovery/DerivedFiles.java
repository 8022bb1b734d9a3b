package dev.avalon.core.recovery;

import dev.avalon.core.action.ActionContext;
import dev.avalon.core.brain.Brain;
import dev.avalon.core.feature.Feature;
import dev.avalon.core.port.BrainPath;
import dev.avalon.core.port.FileChange;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The broken files that a feature rebuilds from their sources (weekly sheets from the ledger and the
 * logbook journal, see {@link Feature#rederive}). The sources are read as the repair leaves them, so a
 * sheet whose ledger is broken as well is rebuilt from the ledger put back from history, never from the
 * broken one; a file no feature can rebuild is left to history.
 */
final class DerivedFiles {

    /** What {@code repaired[].from} says of a file rebuilt from its sources rather than put back from a commit. */
    static final String REBUILT = "rebuilt";

    private final List<Feature> features;

    /** @param features asked in turn; the first that rebuilds a file wins (a live list: the kernel's features) */
    DerivedFiles(List<Feature> features) {
        this.features = features;
    }

    /**
     * The rebuilt bytes of each of {@code broken} that some feature can rebuild now.
     *
     * @param putBack the files the repair puts back from history, seen by the features as already written
     */
    Map<BrainPath, byte[]> rebuild(ActionContext ctx, Collection<BrainPath> broken, List<FileChange> putBack) {
        Brain sources = new Brain(TreeView.withChanges(ctx.brain().store(), putBack));
        ActionContext reading = ctx.reading(sources);
        Map<BrainPath, byte[]> rebuilt = new TreeMap<>();
        for (BrainPath path : broken) {
            features.stream().map(f -> f.rederive(reading, path)).flatMap(Optional::stream).findFirst()
                    .ifPresent(bytes -> rebuilt.put(path, bytes));
        }
        return rebuilt;
    }
}
