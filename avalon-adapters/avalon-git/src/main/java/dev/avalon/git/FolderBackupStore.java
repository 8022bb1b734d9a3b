package dev.avalon.git;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.avalon.core.json.Json;
import dev.avalon.core.port.BackupManifest;
import dev.avalon.core.port.BackupStore;
import dev.avalon.core.port.BrainStoreException;
import dev.avalon.git.internal.Durable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Backups in a folder (another disk, a mounted share): {@code <id>.bundle} and its manifest
 * {@code <id>.json} side by side. Each file is written to a temporary name, forced to the disk and
 * renamed, the bundle before its manifest, so a listed backup is always whole. A bundle is an ordinary
 * git bundle: {@code git clone <id>.bundle} restores it without Avalon.
 */
public final class FolderBackupStore implements BackupStore {

    private static final Logger LOG = LoggerFactory.getLogger(FolderBackupStore.class);
    private static final Pattern MANIFEST = Pattern.compile("\\d{8}T\\d{6}Z\\.json");
    private static final String TEMP = ".tmp";

    private final Path folder;

    /** @param folder the backup folder, created when needed */
    public FolderBackupStore(Path folder) {
        this.folder = Objects.requireNonNull(folder, "folder");
    }

    /** The backup folder. */
    public Path folder() {
        return folder;
    }

    /** The bundle file of backup {@code id}. */
    public Path bundleFile(String id) {
        return folder.resolve(id + ".bundle");
    }

    @Override
    public void put(BackupManifest manifest, byte[] bundle) {
        Objects.requireNonNull(manifest, "manifest");
        Objects.requireNonNull(bundle, "bundle");
        try {
            Durable.createFolders(folder);
            Durable.replace(bundleFile(manifest.id()), bundle, folder.resolve(TEMP));
            Durable.replace(manifestFile(manifest.id()), Json.pretty(toJson(manifest)), folder.resolve(TEMP));
        } catch (IOException e) {
            throw new BrainStoreException("cannot write backup " + manifest.id() + " to " + folder + ": "
                    + e.getMessage(), e);
        }
    }

    @Override
    public List<BackupManifest> list() {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        List<BackupManifest> list = new ArrayList<>();
        try (Stream<Path> files = Files.list(folder)) {
            for (Path p : files.filter(f -> MANIFEST.matcher(f.getFileName().toString()).matches()).toList()) {
                try {
                    BackupManifest m = fromJson(Json.parse(Files.readAllBytes(p)));
                    if (Files.isRegularFile(bundleFile(m.id()))) {
                        list.add(m);
                    }
                } catch (IOException | RuntimeException e) {
                    // one unreadable manifest must not hide the other backups
                    LOG.warn("skipping the backup manifest {}: {}", p, e.toString());
                }
            }
        } catch (IOException e) {
            throw new BrainStoreException("cannot list the backups in " + folder + ": " + e.getMessage(), e);
        }
        list.sort(Comparator.comparing(BackupManifest::createdAt).thenComparing(BackupManifest::id));
        return List.copyOf(list);
    }

    @Override
    public Optional<byte[]> read(String id) {
        Path file = bundleFile(id);
        try {
            return Files.isRegularFile(file) ? Optional.of(Files.readAllBytes(file)) : Optional.empty();
        } catch (IOException e) {
            throw new BrainStoreException("cannot read backup " + id + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void delete(String id) {
        try {
            // the manifest first: a bundle without one is no longer listed
            Files.deleteIfExists(manifestFile(id));
            Files.deleteIfExists(bundleFile(id));
            Durable.syncFolder(folder);
        } catch (IOException e) {
            throw new BrainStoreException("cannot delete backup " + id + ": " + e.getMessage(), e);
        }
    }

    private Path manifestFile(String id) {
        return folder.resolve(id + ".json");
    }

    static ObjectNode toJson(BackupManifest m) {
        ObjectNode n = Json.object();
        n.put("id", m.id());
        n.put("createdAt", m.createdAt().toString());
        n.put("head", m.head());
        n.put("behaviourVersion", m.behaviourVersion());
        n.put("sha256", m.sha256());
        n.put("size", m.size());
        return n;
    }

    static BackupManifest fromJson(JsonNode n) {
        return new BackupManifest(n.path("id").asText(), Instant.parse(n.path("createdAt").asText()),
                n.path("head").asText(), n.path("behaviourVersion").asText(), n.path("sha256").asText(),
                n.path("size").asLong());
    }
}
