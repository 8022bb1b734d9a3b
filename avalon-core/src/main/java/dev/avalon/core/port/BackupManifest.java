package dev.avalon.core.port;

import java.time.Instant;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * What one backup holds: a git bundle of every ref of the brain, described so it can be checked
 * without unpacking it.
 *
 * @param id               the backup's id, {@code yyyyMMdd'T'HHmmss'Z'} of its creation (UTC)
 * @param createdAt        when it was made
 * @param head             the commit HEAD named, empty for a brain without commits
 * @param behaviourVersion behaviour.avl's version at HEAD, empty when unknown
 * @param sha256           lower-case hex SHA-256 of the bundle's bytes
 * @param size             the bundle's size in bytes
 */
public record BackupManifest(String id, Instant createdAt, String head, String behaviourVersion, String sha256,
                             long size) {

    private static final Pattern ID = Pattern.compile("\\d{8}T\\d{6}Z");
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

    public BackupManifest {
        Objects.requireNonNull(id, "id");
        if (!ID.matcher(id).matches()) {
            throw new IllegalArgumentException("a backup id is yyyyMMdd'T'HHmmss'Z': " + id);
        }
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(head, "head");
        Objects.requireNonNull(behaviourVersion, "behaviourVersion");
        Objects.requireNonNull(sha256, "sha256");
        if (!SHA256.matcher(sha256).matches()) {
            throw new IllegalArgumentException("sha256 is 64 lower-case hex digits: " + sha256);
        }
        if (size < 0) {
            throw new IllegalArgumentException("size is not negative: " + size);
        }
    }
}
