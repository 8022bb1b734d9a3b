package dev.avalon.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.avalon.core.Avalon;
import dev.avalon.core.action.CatalogFormat;
import dev.avalon.core.port.SealKeys;
import dev.avalon.git.GitBrainStore;
import dev.avalon.tenants.FileKeyRing;
import dev.avalon.tenants.GitTenantBrains;
import dev.avalon.tenants.KeyRing;
import dev.avalon.tenants.TenantBrains;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Comparator;
import java.time.Duration;
import java.util.stream.Stream;

/**
 * What the server's main needs from the tenants' side: the key store and the tenants' brains.
 * {@link #files()} is the real one (a key file and a folder of git brains); tests bring their own.
 */
public interface Backends {

    /** The key ring over the key store file {@code keys}. */
    KeyRing keyRing(Path keys);

    /** The brains of the tenants, one folder each under {@code root}, sealed with {@code sealKeys}. */
    TenantBrains tenantBrains(Path root, Clock clock, SealKeys sealKeys);

    /** The catalogue's OpenAPI export (see {@link #catalogExport}). */
    default JsonNode openApiExport() {
        return catalogExport(CatalogFormat.OPENAPI);
    }

    /**
     * The catalogue in {@code format}. By default that of an Avalon with the default features on a
     * throwaway brain: the catalogue does not depend on any brain, but an Avalon needs one.
     */
    default JsonNode catalogExport(CatalogFormat format) {
        Path scratch = null;
        try {
            scratch = Files.createTempDirectory("avalon-catalog-");
            try (Avalon avalon = Avalon.builder().brain(GitBrainStore.open(scratch.resolve("brain")))
                    .clock(Clock.systemUTC()).alerts(alert -> { }).build()) {
                return avalon.exportCatalog(format);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            deleteQuietly(scratch);
        }
    }

    /**
     * The key file ({@link FileKeyRing}, re-read when {@code avalon keys} changes it) and a git brain per
     * tenant below the root ({@link GitTenantBrains}: opened on first use, closed after ten idle minutes).
     */
    static Backends files() {
        return new Backends() {
            @Override
            public KeyRing keyRing(Path keys) {
                return new FileKeyRing(keys, Clock.systemUTC());
            }

            @Override
            public TenantBrains tenantBrains(Path root, Clock clock, SealKeys sealKeys) {
                return GitTenantBrains.builder(root).clock(clock).sealKeys(sealKeys).idleAfter(Duration.ofMinutes(10))
                        .sweepEvery(Duration.ofMinutes(1)).build();
            }
        };
    }

    private static void deleteQuietly(Path folder) {
        if (folder == null) {
            return;
        }
        try (Stream<Path> all = Files.walk(folder)) {
            all.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a temp folder left behind is harmless; the export is what matters
        }
    }
}
