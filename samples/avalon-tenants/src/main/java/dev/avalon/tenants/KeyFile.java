package dev.avalon.tenants;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.avalon.core.json.Json;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;

/**
 * {@code keys.json}: the stored keys as {@code {"version":1,"keys":[…]}}. Written whole to a temporary
 * file beside it, forced to disk and moved over it atomically, so a reader sees the old list or the
 * new one, never half; owner-only where the file system has POSIX permissions.
 */
final class KeyFile {

    static final int VERSION = 1;
    private static final ObjectMapper MAPPER = Json.mapper();

    /**
     * What identifies one version of the file on disk: a write replaces the file (a new file key,
     * usually a new inode), and size and time catch an edit in place.
     */
    record Stamp(Object fileKey, long modifiedMillis, long size) {
        static final Stamp ABSENT = new Stamp(null, -1, -1);
    }

    /** The keys and the version of the file they were read from. */
    record Snapshot(List<KeyRecord> keys, Stamp stamp) {
        Snapshot {
            keys = List.copyOf(keys);
        }
    }

    private final Path file;

    KeyFile(Path file) {
        this.file = Objects.requireNonNull(file, "file").toAbsolutePath();
    }

    Path path() {
        return file;
    }

    /** The file's current stamp, {@link Stamp#ABSENT} when there is no file. */
    Stamp stamp() {
        try {
            BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
            return new Stamp(attributes.fileKey(), attributes.lastModifiedTime().toMillis(), attributes.size());
        } catch (NoSuchFileException e) {
            return Stamp.ABSENT;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the key file " + file, e);
        }
    }

    /** The stored keys; none when there is no file yet. */
    Snapshot read() {
        // the stamp first: a write between the two makes the next check read again, never miss one
        Stamp stamp = stamp();
        if (stamp.equals(Stamp.ABSENT)) {
            return new Snapshot(List.of(), stamp);
        }
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return new Snapshot(List.of(), Stamp.ABSENT);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the key file " + file, e);
        }
        try {
            return new Snapshot(parse(MAPPER.readTree(bytes)), stamp);
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException("the key file " + file + " is not a valid key list: " + e.getMessage(), e);
        }
    }

    /** Replaces the file with {@code keys}, atomically. */
    void write(List<KeyRecord> keys) {
        Path folder = file.getParent();
        boolean posix = file.getFileSystem().supportedFileAttributeViews().contains("posix");
        Path temp = null;
        try {
            createFolder();
            temp = posix
                    ? Files.createTempFile(folder, ".keys-", ".tmp",
                            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")))
                    : Files.createTempFile(folder, ".keys-", ".tmp");
            byte[] bytes = MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(render(keys));
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                ByteBuffer buffer = ByteBuffer.wrap(bytes);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                channel.force(true);
            }
            try {
                Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                throw new IOException("the file system of " + folder + " cannot replace a file atomically", e);
            }
            temp = null;
            forceFolder(folder);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the key file " + file, e);
        } finally {
            if (temp != null) {
                try {
                    Files.deleteIfExists(temp);
                } catch (IOException ignored) {
                    // the write already failed and says so; a stray temporary file is harmless
                }
            }
        }
    }

    /** Creates the file's folder when missing, owner-only where POSIX permissions exist. */
    void createFolder() throws IOException {
        Path folder = file.getParent();
        if (Files.isDirectory(folder)) {
            return;
        }
        if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            Files.createDirectories(folder, PosixFilePermissions.asFileAttribute(
                    PosixFilePermissions.fromString("rwx------")));
        } else {
            Files.createDirectories(folder);
        }
    }

    private static void forceFolder(Path folder) {
        // makes the rename itself durable; not every platform can open a directory, and there the move stands as is
        try (FileChannel channel = FileChannel.open(folder, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // best effort, see above
        }
    }

    private static ObjectNode render(List<KeyRecord> keys) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("version", VERSION);
        ArrayNode array = root.putArray("keys");
        for (KeyRecord key : keys) {
            ObjectNode node = array.addObject();
            node.put("id", key.id());
            node.put("sha256", key.sha256());
            node.put("tenant", key.tenant());
            ArrayNode scopes = node.putArray("scopes");
            new TreeSet<>(key.scopes()).forEach(scopes::add);
            node.put("createdAt", key.createdAt().toString());
            node.put("expiresAt", key.expiresAt().toString());
            if (key.revokedAt() != null) {
                node.put("revokedAt", key.revokedAt().toString());
            }
            if (key.replacedBy() != null) {
                node.put("replacedBy", key.replacedBy());
                node.put("overlapUntil", key.overlapUntil().toString());
            }
        }
        return root;
    }

    private static List<KeyRecord> parse(JsonNode root) {
        if (root == null || !root.isObject() || root.path("version").asInt() != VERSION || !root.path("keys").isArray()) {
            throw new IllegalArgumentException("expected {\"version\":" + VERSION + ",\"keys\":[…]}");
        }
        List<KeyRecord> keys = new ArrayList<>();
        for (JsonNode node : root.path("keys")) {
            List<String> scopes = new ArrayList<>();
            node.path("scopes").forEach(s -> scopes.add(s.asText()));
            keys.add(new KeyRecord(text(node, "id"), text(node, "sha256"), text(node, "tenant"), new TreeSet<>(scopes),
                    instant(node, "createdAt"), instant(node, "expiresAt"), optionalInstant(node, "revokedAt"),
                    node.hasNonNull("replacedBy") ? node.get("replacedBy").asText() : null,
                    optionalInstant(node, "overlapUntil")));
        }
        return keys;
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || !value.isTextual()) {
            throw new IllegalArgumentException("a key without " + field);
        }
        return value.asText();
    }

    private static Instant instant(JsonNode node, String field) {
        return Instant.parse(text(node, field));
    }

    private static Instant optionalInstant(JsonNode node, String field) {
        return node.hasNonNull(field) ? Instant.parse(node.get(field).asText()) : null;
    }
}
