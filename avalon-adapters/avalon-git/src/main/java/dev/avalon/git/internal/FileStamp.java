package dev.avalon.git.internal;

import java.io.IOException;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.Map;

/**
 * What tells one version of a file or folder from another without reading it, as git's index does:
 * the kind, the size, the modification time at full precision, the status-change time (ctime) and the
 * identity of the file (device and inode) where the platform offers them. Never follows a symbolic
 * link.
 *
 * <p>A stamp only proves that nothing changed when it was taken well after the last change: time
 * stamps are coarse (a clock tick, a second, two on FAT), so a file changed twice within one tick
 * keeps its stamp. Whoever reads a file and keeps its stamp must check {@link #settledBefore} against
 * the moment it started reading, like git's rule for "racily clean" entries.
 *
 * @param regularFile true for a regular file
 * @param directory   true for a folder
 * @param link        true for a symbolic link (the link itself is stamped, not what it points at)
 * @param size        the size in bytes
 * @param modified    the last modification time
 * @param changed     the last status change (ctime), {@code null} where the platform does not tell
 * @param key         the file's identity (device and inode), {@code null} where the platform has none
 */
public record FileStamp(boolean regularFile, boolean directory, boolean link, long size, FileTime modified,
                        FileTime changed, Object key) {

    /**
     * How far in the past a stamp's times must lie before it proves anything: more than any file
     * system's time stamp granularity (FAT's is two seconds).
     */
    public static final long SETTLE_MILLIS = 2_000;

    private static final FileSystem DEFAULT = FileSystems.getDefault();
    // "unix" is the only view that has ctime; it is not on every platform (Windows)
    private static final boolean UNIX = DEFAULT.supportedFileAttributeViews().contains("unix");
    private static final String UNIX_ATTRIBUTES =
            "unix:isRegularFile,isDirectory,isSymbolicLink,size,lastModifiedTime,ctime,fileKey";

    /**
     * The stamp of {@code path} now, the last element not followed if it is a link.
     *
     * @throws java.nio.file.NoSuchFileException when there is nothing at {@code path}
     */
    public static FileStamp of(Path path) throws IOException {
        if (UNIX && path.getFileSystem() == DEFAULT) {
            Map<String, Object> a = Files.readAttributes(path, UNIX_ATTRIBUTES, LinkOption.NOFOLLOW_LINKS);
            return new FileStamp((Boolean) a.get("isRegularFile"), (Boolean) a.get("isDirectory"),
                    (Boolean) a.get("isSymbolicLink"), (Long) a.get("size"), (FileTime) a.get("lastModifiedTime"),
                    (FileTime) a.get("ctime"), a.get("fileKey"));
        }
        BasicFileAttributes a = Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        return new FileStamp(a.isRegularFile(), a.isDirectory(), a.isSymbolicLink(), a.size(), a.lastModifiedTime(),
                null, a.fileKey());
    }

    /**
     * True when every time of this stamp lies more than {@link #SETTLE_MILLIS} before
     * {@code epochMillis}, so that a change made after that moment cannot leave the stamp as it is.
     * A time in the future (a skewed clock, a file touched ahead) is never settled.
     */
    public boolean settledBefore(long epochMillis) {
        long newest = changed == null ? modified.toMillis() : Math.max(modified.toMillis(), changed.toMillis());
        return newest < epochMillis - SETTLE_MILLIS;
    }
}
