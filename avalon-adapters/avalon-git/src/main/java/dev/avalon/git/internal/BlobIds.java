package dev.avalon.git.internal;

import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The git blob id of each working-tree file, remembered with the file's size, modification time and
 * identity (the inode where there is one), so that asking what is uncommitted does not re-read every
 * file every time. A file replaced by a unit of work is a new file with a new identity; the store also
 * forgets the paths it changes; a file modified in the last two seconds is always read again, like
 * git's "racily clean" entries. Thread-safe.
 */
public final class BlobIds {

    private record Stamp(long size, FileTime modified, Object key, ObjectId id) {
        boolean matches(BasicFileAttributes a) {
            return size == a.size() && modified.equals(a.lastModifiedTime()) && Objects.equals(key, a.fileKey());
        }
    }

    private static final long SETTLE_MILLIS = 2_000;

    private final WorkingTree tree;
    private final Map<String, Stamp> stamps = new ConcurrentHashMap<>();

    public BlobIds(WorkingTree tree) {
        this.tree = tree;
    }

    /** The blob id of the working-tree file at {@code path}, {@code null} when there is none. */
    public ObjectId of(String path) throws IOException {
        Path file = tree.resolve(path);
        BasicFileAttributes before;
        try {
            before = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (java.nio.file.NoSuchFileException e) {
            stamps.remove(path);
            return null;
        }
        Stamp known = stamps.get(path);
        if (known != null && known.matches(before)) {
            return known.id();
        }
        Optional<byte[]> content = tree.read(path);
        if (content.isEmpty()) {
            stamps.remove(path);
            return null;
        }
        ObjectId id;
        try (ObjectInserter.Formatter f = new ObjectInserter.Formatter()) {
            id = f.idFor(Constants.OBJ_BLOB, content.get());
        }
        BasicFileAttributes after = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        Stamp stamp = new Stamp(after.size(), after.lastModifiedTime(), after.fileKey(), id);
        // Remembered only when the file did not change while it was read, and was last modified a while
        // ago: file times are coarse (a clock tick), so a file written just now could be written again
        // with the same size and time. The file system stamps with the system clock, hence no Clock here.
        boolean settled = after.lastModifiedTime().toMillis() < System.currentTimeMillis() - SETTLE_MILLIS;
        if (settled && stamp.matches(before) && after.size() == content.get().length) {
            stamps.put(path, stamp);
        }
        return id;
    }

    /** Forgets what is known about {@code path}. */
    public void forget(String path) {
        stamps.remove(path);
    }
}
