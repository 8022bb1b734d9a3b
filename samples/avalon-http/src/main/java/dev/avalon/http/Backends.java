package dev.avalon.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.avalon.core.Avalon;
import dev.avalon.core.action.CatalogFormat;
import dev.avalon.git.GitBrainStore;
import dev.avalon.tenants.KeyRing;
import dev.avalon.tenants.TenantBrains;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Comparator;
import java.util.ServiceLoader;
import java.util.stream.Stream;

/**
 * What the server's main needs from the tenants' side: the key store and the tenants' brains. An
 * implementation is found with {@link ServiceLoader} (a {@code META-INF/services/dev.avalon.http.Backends}
 * entry), so the jar that brings the file key ring and the git tenant brains plugs them in.
 */
public interface Backends {

    /** The key ring over the key store file {@code keys}. */
    KeyRing keyRing(Path keys);

    /** The brains of the tenants, one folder each under {@code root}. */
    TenantBrains tenantBrains(Path root, Clock clock);

    /**
     * The catalogue's OpenAPI export. By default that of an Avalon with the default features on a
     * throwaway brain: the catalogue does not depend on any brain, but an Avalon needs one.
     */
    default JsonNode openApiExport() {
        Path scratch = null;
        try {
            scratch = Files.createTempDirectory("avalon-catalog-");
            try (Avalon avalon = Avalon.builder().brain(GitBrainStore.open(scratch.resolve("brain")))
                    .clock(Clock.systemUTC()).alerts(alert -> { }).build()) {
                return avalon.exportCatalog(CatalogFormat.OPENAPI);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            deleteQuietly(scratch);
        }
    }

    /** The implementation on the class path. */
    static Backends installed() {
        return ServiceLoader.load(Backends.class).findFirst().orElseThrow(() -> new IllegalStateException(
                "no key store and tenant brains on the class path (a dev.avalon.http.Backends service)"));
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
