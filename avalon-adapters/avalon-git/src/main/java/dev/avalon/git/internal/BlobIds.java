package dev.avalon.git.internal;

import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The git blob id of each working-tree file, remembered with the file's {@link FileStamp} (size,
 * modification and change time, inode where there is one), so that asking what is uncommitted does
 * not re-read every file every time. A file replaced by a unit of work is a new file with a new
 * identity; the store also forgets the paths it changes; a file whose stamp had not settled when it
 * was read is always read again, like git's "racily clean" entries. Thread-safe.
 */
public final class BlobIds {

    private record Known(FileStamp stamp, ObjectId id) {
    }

    private final WorkingTree tree;
    private final Map<String, Known> known = new ConcurrentHashMap<>();

    public BlobIds(WorkingTree tree) {
        this.tree = tree;
    }

    /** The blob id of the working-tree file at {@code path}, {@code null} when there is none. */
    public ObjectId of(String path) throws IOException {
        Path file = tree.resolve(path);
        FileStamp before;
        try {
            before = FileStamp.of(file);
        } catch (NoSuchFileException e) {
            known.remove(path);
            return null;
        }
        Known last = known.get(path);
        if (last != null && last.stamp().equals(before)) {
            return last.id();
        }
        // the file system stamps files with the system clock, hence no Clock here
        long started = System.currentTimeMillis();
        Optional<byte[]> content = tree.read(path);
        if (content.isEmpty()) {
            known.remove(path);
            return null;
        }
        ObjectId id;
        try (ObjectInserter.Formatter f = new ObjectInserter.Formatter()) {
            id = f.idFor(Constants.OBJ_BLOB, content.get());
        }
        FileStamp after = FileStamp.of(file);
        // remembered only when the file did not change while it was read and its stamp proves as much
        if (after.settledBefore(started) && after.equals(before) && after.size() == content.get().length) {
            known.put(path, new Known(after, id));
        } else {
            known.remove(path);
        }
        return id;
    }

    /** Forgets what is known about {@code path}. */
    public void forget(String path) {
        known.remove(path);
    }
}
