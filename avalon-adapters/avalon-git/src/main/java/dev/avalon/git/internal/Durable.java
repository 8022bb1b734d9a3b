package dev.avalon.git.internal;

import java.io.File;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * File operations that survive a crash: contents are forced to the disk before a file is renamed
 * into place, and the folder that holds a new name is forced after the rename, so that once a
 * method returns, the change is on the disk and no reader ever sees half a file.
 *
 * <p>No method follows a symbolic link in the last name of a path: files and folders are opened with
 * {@link LinkOption#NOFOLLOW_LINKS}, a rename or a delete acts on a link itself, and a tree is deleted
 * without entering a link. The caller checks the folders above (see {@link WorkingTree}).
 */
public final class Durable {

    // Windows cannot open a folder as a channel; its renames are journaled by NTFS anyway
    private static final boolean FOLDERS_SYNCABLE = File.separatorChar == '/';

    private Durable() {
    }

    /** Writes {@code content} to a new or truncated {@code file} and forces it to the disk. */
    public static void write(Path file, byte[] content) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING, LinkOption.NOFOLLOW_LINKS)) {
            ByteBuffer buffer = ByteBuffer.wrap(content);
            while (buffer.hasRemaining()) {
                ch.write(buffer);
            }
            ch.force(true);
        }
    }

    /** Forces an existing file's contents to the disk. */
    public static void syncFile(Path file) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
            ch.force(true);
        }
    }

    /** Forces a folder's entries (the names in it) to the disk. */
    public static void syncFolder(Path folder) throws IOException {
        if (!FOLDERS_SYNCABLE) {
            return;
        }
        try (FileChannel ch = FileChannel.open(folder, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
            ch.force(true);
        }
    }

    /**
     * Renames {@code from} to {@code to} in one step, replacing {@code to}, and forces both folders.
     * Both must lie on the same file system.
     */
    public static void move(Path from, Path to) throws IOException {
        Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        syncFolder(to.getParent());
        if (!from.getParent().equals(to.getParent())) {
            syncFolder(from.getParent());
        }
    }

    /**
     * Replaces {@code target} with {@code content} through a temporary file in {@code scratch} (on the
     * same file system), so {@code target} holds either its old or its new contents, never a mix.
     */
    public static void replace(Path target, byte[] content, Path scratch) throws IOException {
        Files.createDirectories(scratch);
        Path temp = Files.createTempFile(scratch, "write-", ".tmp");
        try {
            write(temp, content);
            move(temp, target);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /**
     * Creates {@code folder} and any missing parents, forcing each new name to the disk.
     */
    public static void createFolders(Path folder) throws IOException {
        Deque<Path> missing = new ArrayDeque<>();
        // a link is not a folder here: createDirectory then fails on it instead of writing through it
        for (Path p = folder; p != null && !Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS); p = p.getParent()) {
            missing.push(p);
        }
        while (!missing.isEmpty()) {
            Path p = missing.pop();
            Files.createDirectory(p);
            syncFolder(p.getParent());
        }
    }

    /**
     * Deletes {@code path} and everything beneath it; a path that is already gone is fine. A link is
     * deleted itself, never entered: the walk does not follow links.
     */
    public static void deleteTree(Path path) throws IOException {
        if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        Files.walkFileTree(path, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.deleteIfExists(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
                if (e != null) {
                    throw e;
                }
                Files.deleteIfExists(dir);
                return FileVisitResult.CONTINUE;
            }
        });
        if (path.getParent() != null) {
            syncFolder(path.getParent());
        }
    }

    /**
     * Removes {@code folder} and its parents while they are empty, stopping at {@code stop}, which is
     * never removed.
     */
    public static void pruneEmptyFolders(Path folder, Path stop) throws IOException {
        for (Path p = folder; p != null && !p.equals(stop) && p.startsWith(stop); p = p.getParent()) {
            try {
                Files.delete(p);
            } catch (DirectoryNotEmptyException | NoSuchFileException e) {
                return;
            }
            syncFolder(p.getParent());
        }
    }
}
