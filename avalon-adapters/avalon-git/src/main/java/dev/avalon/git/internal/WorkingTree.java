package dev.avalon.git.internal;

import dev.avalon.core.port.BrainStoreException;
import dev.avalon.core.port.UnsafeBrainPathException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * The brain's working tree on disk, and the journal that applies a unit of work to it atomically.
 *
 * <p>A unit of work is applied in four steps, each forced to the disk before the next:
 * <ol>
 *   <li>every new content is written to {@code .avalon/txn/<id>/p<n>};</li>
 *   <li>{@code .avalon/txn/<id>/manifest} is written (as {@code manifest.tmp}, then renamed): from this
 *       moment the unit is complete and will be applied whatever happens;</li>
 *   <li>deletions are made, then each staged file is renamed over its target;</li>
 *   <li>the manifest is removed, then the folder.</li>
 * </ol>
 * {@link #recover()} finishes a unit that has its manifest (every step is idempotent: a staged file
 * that is gone was already moved) and throws away one that has not, so after a crash the working tree
 * holds all of a unit or none of it.
 *
 * <p>Paths here are raw '/'-separated names relative to the brain; the caller decides which of them
 * are brain paths. Not thread-safe: the caller serializes writers.
 *
 * <p>Nothing here follows a symbolic link. The root is a real path; every name below it is checked
 * with {@code lstat} on the way down, and a link found anywhere the brain holds a file or a folder
 * (or in the scratch folder) is refused with an {@link UnsafeBrainPathException} naming it. Files are
 * opened with {@link LinkOption#NOFOLLOW_LINKS}, so a link put in place of the last name after the
 * check fails the open instead of being followed.
 */
public final class WorkingTree {

    private static final Logger LOG = LoggerFactory.getLogger(WorkingTree.class);

    /** Avalon's scratch folder in the brain, ignored by git. */
    public static final String SCRATCH = ".avalon";

    private static final String MANIFEST = "manifest";
    private static final String MANIFEST_HEADER = "avalon-unit-of-work 1";

    private final Path root;
    private final Path scratch;
    private final Path journal;
    private final Path temp;

    /**
     * One file's change: new contents, or removal when {@code content} is {@code null}.
     *
     * @param path    raw relative path
     * @param content the new bytes, {@code null} to delete
     */
    public record Change(String path, byte[] content) {
        public Change {
            Objects.requireNonNull(path, "path");
        }

        public boolean isDelete() {
            return content == null;
        }
    }

    /** @param root the brain folder, a real path */
    public WorkingTree(Path root) {
        this.root = root;
        this.scratch = root.resolve(SCRATCH);
        this.journal = scratch.resolve("txn");
        this.temp = scratch.resolve("tmp");
    }

    /** The brain folder. */
    public Path root() {
        return root;
    }

    /** Avalon's scratch folder; temporary files go here so a rename never crosses file systems. */
    public Path scratch() {
        return scratch;
    }

    /** Folder for single-file temporary writes. */
    public Path temp() {
        return temp;
    }

    /**
     * The file a raw relative path names, after checking that no folder on the way to it is a
     * symbolic link; the last name is not checked (readers look at it without following it).
     *
     * @throws UnsafeBrainPathException when a folder on the way is a link
     */
    public Path resolve(String path) {
        return walk(path, false, false);
    }

    /**
     * The file a raw relative path names, after checking that neither it nor any folder on the way
     * to it is a symbolic link: for a writer, which must not replace, delete or write through one.
     *
     * @throws UnsafeBrainPathException when the path or a folder on the way is a link
     */
    public Path resolveForWriting(String path) {
        return walk(path, true, false);
    }

    /**
     * Refuses links where the store keeps its own things: {@code .git}, the scratch folder with its
     * journal, temporary folder and lock.
     *
     * @throws UnsafeBrainPathException naming the first link found
     */
    public void requireOwnFoldersUnlinked() {
        for (String folder : List.of(".git", SCRATCH, SCRATCH + "/txn", SCRATCH + "/tmp")) {
            walk(folder, true, true);
        }
        walk(SCRATCH + "/lock", true, false);
    }

    /**
     * The error for a link at raw relative {@code path}; {@code folder} adds the '/' that tells the
     * reader a folder was expected there.
     */
    public static UnsafeBrainPathException linked(String path, boolean folder) {
        String named = folder ? path + "/" : path;
        return new UnsafeBrainPathException(named, named + " is a symbolic link; Avalon does not follow links out of "
                + "the brain (remove the link, or put the real " + (folder ? "folder" : "file") + " there)");
    }

    /**
     * Checks each name of raw {@code path} from the root down with {@code lstat}; the last one only
     * when {@code last}. A missing name ends the check: nothing below it exists. One {@code lstat} per
     * folder: the price of a read of {@code state/x.json} is one more system call.
     * {@code lastIsFolder} names the last one as a folder in the error.
     */
    private Path walk(String path, boolean last, boolean lastIsFolder) {
        if (path.isEmpty()) {
            return root;
        }
        String[] names = path.split("/");
        Path current = root;
        for (int i = 0; i < names.length; i++) {
            current = current.resolve(names[i]);
            boolean isLast = i == names.length - 1;
            if (isLast && !last) {
                break;
            }
            BasicFileAttributes attrs;
            try {
                attrs = Files.readAttributes(current, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            } catch (NoSuchFileException e) {
                return root.resolve(path);
            } catch (IOException e) {
                throw new BrainStoreException("cannot inspect " + relative(current) + ": " + e.getMessage(), e);
            }
            if (attrs.isSymbolicLink() || (attrs.isOther() && !isLast)) {
                // "other" on the way is a Windows junction or the like: as much a way out as a link
                // (the last name may be a pipe or a device, which readers skip and writers rename over)
                throw linked(String.join("/", Arrays.copyOf(names, i + 1)), !isLast || lastIsFolder);
            }
            if (!isLast && !attrs.isDirectory()) {
                // a file where a folder would be: nothing lies below it, which the caller finds out itself
                return root.resolve(path);
            }
        }
        return current;
    }

    /**
     * Every regular file under {@code folder} ("" for all), by raw path, sorted; {@code .git} folders
     * and the scratch folder are left out.
     */
    public NavigableMap<String, Path> files(String folder) throws IOException {
        return files(folder, new ArrayList<>());
    }

    /**
     * As {@link #files(String)}, and adds every folder the walk listed to {@code folders}: none when
     * {@code folder} is a file or is not there.
     */
    public NavigableMap<String, Path> files(String folder, Collection<Path> folders) throws IOException {
        NavigableMap<String, Path> out = new TreeMap<>();
        Path start = folder.isEmpty() ? root : walk(folder, true, true);
        if (absent(start)) {
            return out;
        }
        if (Files.isRegularFile(start, LinkOption.NOFOLLOW_LINKS)) {
            out.put(folder, start);
            return out;
        }
        if (!Files.isDirectory(start, LinkOption.NOFOLLOW_LINKS)) {
            return out;
        }
        Files.walkFileTree(start, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                Path name = dir.getFileName();
                if (dir.equals(scratch) || (name != null && name.toString().equals(".git") && !dir.equals(root))) {
                    return FileVisitResult.SKIP_SUBTREE;
                }
                folders.add(dir);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                if (attrs.isRegularFile()) {
                    out.put(relative(file), file);
                } else if (attrs.isSymbolicLink()) {
                    // reported rather than skipped: a link in the brain is someone's doing, and the user should know
                    throw linked(relative(file), false);
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
                // a file removed while the walk ran is simply not there
                if (e instanceof java.nio.file.NoSuchFileException) {
                    return FileVisitResult.CONTINUE;
                }
                throw e;
            }
        });
        return out;
    }

    /**
     * True when there is surely no regular file and no folder at {@code file} (the last element not
     * followed). Cheaper than asking NIO, which builds an exception inside for a missing file; that
     * costs more than the look-up itself, and missing files are asked for on every request.
     */
    public static boolean absent(Path file) {
        // java.io follows a link: a dangling one reads as absent, rightly, as it is neither file nor folder
        return !file.toFile().exists();
    }

    /** The contents of a regular file, if there is one at {@code path}. */
    public Optional<byte[]> read(String path) throws IOException {
        Path file = walk(path, true, false);
        if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            return Optional.empty();
        }
        try {
            return Optional.of(readUnlinked(file));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
    }

    /**
     * The bytes of {@code file}, opened without following a link: a link put there after the caller
     * checked the name makes the open fail rather than read what it points at.
     */
    public static byte[] readUnlinked(Path file) throws IOException {
        try (var in = Files.newInputStream(file, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
            return in.readAllBytes();
        }
    }

    /**
     * Applies {@code changes} as one unit of work, atomically and durably.
     *
     * @throws IllegalArgumentException when a path is named twice or would be both a file and a folder;
     *                                  nothing is changed then
     */
    public void apply(List<Change> changes) throws IOException {
        if (changes.isEmpty()) {
            return;
        }
        recover();
        for (Change c : changes) {
            resolveForWriting(c.path());
        }
        check(changes);
        Path unit = journal.resolve(UUID.randomUUID().toString());
        Durable.createFolders(unit);
        List<Entry> entries = new ArrayList<>();
        int n = 0;
        for (Change c : changes) {
            if (c.isDelete()) {
                entries.add(new Entry(null, c.path()));
            } else {
                String staged = "p" + n++;
                Durable.write(unit.resolve(staged), c.content());
                entries.add(new Entry(staged, c.path()));
            }
        }
        // the staged files' names must be on the disk before the manifest that points at them
        Durable.syncFolder(unit);
        Path draft = unit.resolve(MANIFEST + ".tmp");
        Durable.write(draft, encode(entries));
        Durable.move(draft, unit.resolve(MANIFEST));
        rollForward(unit, entries);
        finish(unit);
    }

    /**
     * Finishes every unit of work that was marked complete and throws away every one that was not;
     * clears leftover temporary files.
     *
     * @throws BrainStoreException when a manifest cannot be read; the unit is left for inspection
     */
    public void recover() throws IOException {
        requireOwnFoldersUnlinked();
        if (Files.isDirectory(journal, LinkOption.NOFOLLOW_LINKS)) {
            List<Path> units;
            try (Stream<Path> s = Files.list(journal)) {
                units = s.sorted().toList();
            }
            for (Path unit : units) {
                String unitName = relative(unit);
                if (Files.isSymbolicLink(unit)) {
                    throw linked(unitName, true);
                }
                Path manifest = unit.resolve(MANIFEST);
                if (Files.isSymbolicLink(manifest)) {
                    throw linked(unitName + "/" + MANIFEST, false);
                }
                if (Files.isRegularFile(manifest, LinkOption.NOFOLLOW_LINKS)) {
                    LOG.info("finishing the unit of work {} that was interrupted after it was complete", unit);
                    rollForward(unit, decode(unit, readUnlinked(manifest)));
                    finish(unit);
                } else {
                    LOG.info("discarding the unit of work {} that was interrupted before it was complete", unit);
                    Durable.deleteTree(unit);
                }
            }
        }
        if (Files.isDirectory(temp, LinkOption.NOFOLLOW_LINKS)) {
            try (Stream<Path> s = Files.list(temp)) {
                for (Path leftover : s.toList()) {
                    if (Files.isSymbolicLink(leftover)) {
                        throw linked(relative(leftover), false);
                    }
                    Durable.deleteTree(leftover);
                }
            }
        }
    }

    private void check(List<Change> changes) throws IOException {
        Set<String> seen = new HashSet<>();
        Set<String> puts = new HashSet<>();
        Set<String> deletes = new HashSet<>();
        for (Change c : changes) {
            if (!seen.add(c.path())) {
                throw new IllegalArgumentException("a unit of work changes " + c.path() + " more than once");
            }
            (c.isDelete() ? deletes : puts).add(c.path());
        }
        for (String put : puts) {
            for (int slash = put.indexOf('/'); slash > 0; slash = put.indexOf('/', slash + 1)) {
                String folder = put.substring(0, slash);
                Path onDisk = root.resolve(folder);
                boolean fileOnDisk = Files.exists(onDisk, LinkOption.NOFOLLOW_LINKS)
                        && !Files.isDirectory(onDisk, LinkOption.NOFOLLOW_LINKS);
                if (puts.contains(folder) || (fileOnDisk && !deletes.contains(folder))) {
                    throw new IllegalArgumentException("the unit of work would make " + folder
                            + " both a file and the folder of " + put);
                }
            }
            Path target = root.resolve(put);
            if (Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) {
                for (String inside : files(put).keySet()) {
                    if (!deletes.contains(inside)) {
                        throw new IllegalArgumentException("the unit of work would make " + put
                                + " both a file and the folder of " + inside);
                    }
                }
            }
        }
    }

    private void rollForward(Path unit, List<Entry> entries) throws IOException {
        for (Entry e : entries) {
            if (e.staged() == null) {
                Path target = resolveForWriting(e.path());
                // only a file: after an earlier, interrupted roll-forward a folder may stand here now
                if (Files.isRegularFile(target, LinkOption.NOFOLLOW_LINKS)) {
                    Files.delete(target);
                    Durable.syncFolder(target.getParent());
                    Durable.pruneEmptyFolders(target.getParent(), root);
                }
            }
        }
        for (Entry e : entries) {
            if (e.staged() == null) {
                continue;
            }
            Path staged = unit.resolve(e.staged());
            if (!Files.exists(staged, LinkOption.NOFOLLOW_LINKS)) {
                continue;
            }
            if (!Files.isRegularFile(staged, LinkOption.NOFOLLOW_LINKS)) {
                // moved into place, a link would become a brain file pointing anywhere
                throw linked(relative(staged), false);
            }
            Path target = resolveForWriting(e.path());
            Durable.createFolders(target.getParent());
            if (Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) {
                // only empty folders can be left here: check() refused a folder that holds files
                if (!files(e.path()).isEmpty()) {
                    throw new BrainStoreException("cannot write " + e.path() + ": a folder with files is in the way");
                }
                Durable.deleteTree(target);
            }
            Durable.move(staged, target);
        }
    }

    private void finish(Path unit) throws IOException {
        // the manifest goes first: once it is gone, the unit is done and nothing may replay it
        Files.deleteIfExists(unit.resolve(MANIFEST));
        Durable.syncFolder(unit);
        Durable.deleteTree(unit);
    }

    private String relative(Path file) {
        return root.relativize(file).toString().replace(file.getFileSystem().getSeparator(), "/");
    }

    private record Entry(String staged, String path) {
    }

    private static byte[] encode(List<Entry> entries) {
        StringBuilder sb = new StringBuilder(MANIFEST_HEADER).append('\n');
        for (Entry e : entries) {
            if (e.staged() == null) {
                sb.append("delete ").append(escape(e.path())).append('\n');
            } else {
                sb.append("put ").append(e.staged()).append(' ').append(escape(e.path())).append('\n');
            }
        }
        sb.append("end ").append(entries.size()).append('\n');
        return sb.toString().getBytes(StandardCharsets.US_ASCII);
    }

    private List<Entry> decode(Path unit, byte[] manifest) {
        String[] lines = new String(manifest, StandardCharsets.US_ASCII).split("\n", -1);
        List<Entry> entries = new ArrayList<>();
        boolean ended = false;
        try {
            if (lines.length < 3 || !lines[0].equals(MANIFEST_HEADER) || !lines[lines.length - 1].isEmpty()) {
                throw new IllegalArgumentException("bad header or ending");
            }
            for (int i = 1; i < lines.length - 1; i++) {
                String[] parts = lines[i].split(" ");
                if (ended) {
                    throw new IllegalArgumentException("text after the end line");
                }
                switch (parts[0]) {
                    case "delete" -> entries.add(new Entry(null, safe(unescape(parts[1]))));
                    case "put" -> entries.add(new Entry(stagedName(parts[1]), safe(unescape(parts[2]))));
                    case "end" -> {
                        if (Integer.parseInt(parts[1]) != entries.size()) {
                            throw new IllegalArgumentException("counts " + parts[1] + " but lists " + entries.size());
                        }
                        ended = true;
                    }
                    default -> throw new IllegalArgumentException("unknown line " + lines[i]);
                }
            }
            if (!ended) {
                throw new IllegalArgumentException("no end line");
            }
        } catch (RuntimeException e) {
            throw new BrainStoreException("the unit of work in " + unit + " cannot be read (" + e.getMessage()
                    + "); it is left in place for inspection", e);
        }
        return entries;
    }

    private static String stagedName(String name) {
        if (!name.matches("p[0-9]+")) {
            throw new IllegalArgumentException("not a staged file: " + name);
        }
        return name;
    }

    private static String safe(String path) {
        for (String segment : path.split("/", -1)) {
            if (segment.isEmpty() || segment.equals(".") || segment.equals("..") || segment.equals(".git")) {
                throw new IllegalArgumentException("not a relative path: " + path);
            }
        }
        if (path.equals(SCRATCH) || path.startsWith(SCRATCH + "/")) {
            throw new IllegalArgumentException("inside the scratch folder: " + path);
        }
        return path;
    }

    /** Percent-encodes every byte outside {@code [A-Za-z0-9._/-]}, so any name fits on one line. */
    private static String escape(String path) {
        StringBuilder sb = new StringBuilder();
        for (byte b : path.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                    || c == '.' || c == '_' || c == '/' || c == '-') {
                sb.append((char) c);
            } else {
                sb.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
        return sb.toString();
    }

    private static String unescape(String text) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '%') {
                out.write(Integer.parseInt(text.substring(i + 1, i + 3), 16));
                i += 2;
            } else {
                out.write(c);
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }
}
