package dev.avalon.cli;

import dev.avalon.core.Avalon;
import dev.avalon.core.port.AlertSink;
import dev.avalon.core.port.BrainStore;
import dev.avalon.core.port.IdSource;
import dev.avalon.core.port.SealKeys;
import dev.avalon.git.GitBrainStore;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Clock;
import java.time.ZoneId;
import java.util.function.UnaryOperator;

/** Opening an Avalon on a git brain folder, and the temporary folders the commands use. */
final class Brains {

    private Brains() {
    }

    /**
     * An Avalon on the git brain in {@code folder} (created and initialised when new).
     *
     * @param ids      {@code null} for Avalon's default ids
     * @param adapters the sheet, invite, mail and remote calendar adapters to wire
     */
    static Avalon open(Path folder, Clock clock, ZoneId zone, AlertSink alerts, IdSource ids, Adapters adapters) {
        return open(folder, clock, zone, alerts, ids, adapters, SealKeys.none());
    }

    /** As {@link #open(Path, Clock, ZoneId, AlertSink, IdSource, Adapters)}, the brain sealed with {@code keys}. */
    static Avalon open(Path folder, Clock clock, ZoneId zone, AlertSink alerts, IdSource ids, Adapters adapters,
                       SealKeys keys) {
        return open(folder, clock, zone, alerts, ids, adapters, keys, null);
    }

    /**
     * As {@link #open(Path, Clock, ZoneId, AlertSink, IdSource, Adapters, SealKeys)}, for a brain just
     * restored from {@code restoredFrom} (or {@code null}): its history is checked and it is adopted
     * under {@code keys}.
     */
    static Avalon open(Path folder, Clock clock, ZoneId zone, AlertSink alerts, IdSource ids, Adapters adapters,
                       SealKeys keys, String restoredFrom) {
        return open(folder, clock, zone, alerts, ids, adapters, keys, restoredFrom, UnaryOperator.identity());
    }

    /**
     * As {@link #open(Path, Clock, ZoneId, AlertSink, IdSource, Adapters, SealKeys, String)}, with
     * {@code settings} applied to the builder last (e.g. the rate limits).
     */
    static Avalon open(Path folder, Clock clock, ZoneId zone, AlertSink alerts, IdSource ids, Adapters adapters,
                       SealKeys keys, String restoredFrom, UnaryOperator<Avalon.Builder> settings) {
        BrainStore store = GitBrainStore.open(folder);
        try {
            Avalon.Builder builder = adapters.wire(Avalon.builder().brain(store).clock(clock).zone(zone).alerts(alerts))
                    .sealKeys(keys);
            builder = settings.apply(builder);
            if (restoredFrom != null) {
                builder.restoredFrom(restoredFrom);
            }
            if (ids != null) {
                builder.ids(ids);
            }
            return builder.build();
        } catch (RuntimeException e) {
            // build() failed after the store was opened: release the repository before reporting
            store.close();
            throw e;
        }
    }

    /** True when {@code folder} looks like a brain: a directory holding a git repository. */
    static boolean exists(Path folder) {
        return Files.isDirectory(folder) && Files.exists(folder.resolve(".git"));
    }

    /** True when {@code folder} does not exist yet or is an empty directory. */
    static boolean isNewOrEmpty(Path folder) {
        if (!Files.exists(folder)) {
            return true;
        }
        if (!Files.isDirectory(folder)) {
            return false;
        }
        try (var entries = Files.list(folder)) {
            return entries.findAny().isEmpty();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + folder, e);
        }
    }

    static Path tempFolder(String prefix) {
        try {
            return Files.createTempDirectory(prefix);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a temporary folder", e);
        }
    }

    /** Deletes {@code folder} and everything below it; a folder that is already gone is fine. */
    static void deleteRecursively(Path folder) {
        if (!Files.exists(folder)) {
            return;
        }
        try {
            Files.walkFileTree(folder, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.delete(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
                    if (e != null) {
                        throw e;
                    }
                    Files.delete(dir);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + folder, e);
        }
    }
}
