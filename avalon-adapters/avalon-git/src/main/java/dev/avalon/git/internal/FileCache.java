package dev.avalon.git.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Working-tree file contents and folder listings, kept in memory with the {@link FileStamp stamps}
 * of the files and folders they were read from. Avalon reads the same few state files on every
 * request; a remembered file costs one {@code lstat} instead of an open, a read and a close. A file
 * changed behind the store's back (by hand, by another program) has another stamp, so it is read from
 * the disk again: a new size, a new modification or change time, or a new inode (a file replaced by a
 * rename) each show the change.
 *
 * <p>Contents are remembered only when their stamp had settled before the read began (see
 * {@link FileStamp#settledBefore}), like git's "racily clean" rule: a file changed in the last two
 * seconds is read from the disk every time, as a second change within the same clock tick could keep
 * its stamp. A listing is remembered with the stamps of every folder it walked, on the same rule:
 * adding, removing or renaming a file changes its folder's times.
 *
 * <p>Memory is bounded: a file is kept only up to {@code maxFileBytes}, all of them up to
 * {@code maxBytes}, and at most 64 listings of at most 10,000 paths each. A bigger file would gain
 * little: every read hands out a copy, which costs about as much as reading it from the operating
 * system's page cache. The bytes kept are also taken from a {@link FileCacheBudget} that the caches
 * of many open brains share, so their sum stays bounded however many are open; {@link #clear()} gives
 * them back. Thread-safe.
 */
public final class FileCache {

    /** Listings kept at most; Avalon lists a handful of fixed folders. */
    private static final int MAX_LISTINGS = 64;
    /** Paths a listing may name to be kept. */
    private static final int MAX_LISTED = 10_000;

    private record Content(FileStamp stamp, byte[] bytes) {
    }

    private record Listing(List<String> files, List<Path> folders, List<FileStamp> stamps) {
    }

    private final WorkingTree tree;
    private final long maxFileBytes;
    private final long maxBytes;
    private final LongSupplier clock;
    private final FileCacheBudget budget;
    private final Map<String, Content> contents = new ConcurrentHashMap<>();
    private final Map<String, Listing> listings = new ConcurrentHashMap<>();
    /** Bytes held by {@link #contents}; guarded by {@code this}, as is every change to {@link #contents}. */
    private long held;

    /**
     * @param tree         the working tree read
     * @param maxFileBytes the largest file kept
     * @param maxBytes     the most bytes kept in all
     * @param clock        the time in epoch milliseconds, the clock the file system stamps files with:
     *                     {@code System::currentTimeMillis} but in tests
     */
    public FileCache(WorkingTree tree, long maxFileBytes, long maxBytes, LongSupplier clock) {
        this(tree, maxFileBytes, maxBytes, clock, new FileCacheBudget(maxBytes));
    }

    /**
     * As {@link #FileCache(WorkingTree, long, long, LongSupplier)}, keeping files only while
     * {@code budget}, shared with other caches, has room for them.
     */
    public FileCache(WorkingTree tree, long maxFileBytes, long maxBytes, LongSupplier clock, FileCacheBudget budget) {
        this.tree = tree;
        this.maxFileBytes = maxFileBytes;
        this.maxBytes = maxBytes;
        this.clock = clock;
        this.budget = java.util.Objects.requireNonNull(budget, "budget");
    }

    /**
     * The contents of the regular file at raw {@code path}, if there is one, as {@link WorkingTree#read}
     * returns them; the array is the caller's own.
     *
     * @throws dev.avalon.core.port.UnsafeBrainPathException when the file or a folder above it is a
     *                                                       symbolic link
     */
    public Optional<byte[]> read(String path) throws IOException {
        Path file = tree.resolve(path);
        Content known = contents.get(path);
        if (known == null && WorkingTree.absent(file)) {
            return Optional.empty();
        }
        FileStamp before = stampOrNull(file);
        if (before != null && before.link()) {
            drop(path);
            throw WorkingTree.linked(path, false);
        }
        if (before == null || !before.regularFile()) {
            if (known != null) {
                drop(path);
            }
            return Optional.empty();
        }
        if (known != null && known.stamp().equals(before)) {
            return Optional.of(known.bytes().clone());
        }
        long started = clock.getAsLong();
        byte[] bytes;
        try {
            bytes = WorkingTree.readUnlinked(file);
        } catch (NoSuchFileException e) {
            drop(path);
            return Optional.empty();
        }
        // the stamp after the read is the one that belongs to these bytes if any does
        FileStamp after = stampOrNull(file);
        if (after != null && after.regularFile() && after.size() == bytes.length && after.settledBefore(started)
                && remember(path, new Content(after, bytes))) {
            return Optional.of(bytes.clone());
        }
        if (known != null) {
            drop(path);
        }
        return Optional.of(bytes);
    }

    /**
     * Every regular file under raw {@code folder}, as the keys of {@link WorkingTree#files(String)};
     * unmodifiable.
     */
    public List<String> files(String folder) throws IOException {
        Listing known = listings.get(folder);
        if (known != null && unchanged(known)) {
            return known.files();
        }
        long started = clock.getAsLong();
        List<Path> folders = new ArrayList<>();
        List<String> files = List.copyOf(tree.files(folder, folders).keySet());
        // stamped after the walk: a change while it ran shows as a time too recent to have settled
        List<FileStamp> stamps = new ArrayList<>(folders.size());
        boolean settled = !folders.isEmpty() && files.size() <= MAX_LISTED;
        for (int i = 0; settled && i < folders.size(); i++) {
            FileStamp stamp = stampOrNull(folders.get(i));
            settled = stamp != null && stamp.settledBefore(started);
            stamps.add(stamp);
        }
        if (settled) {
            remember(folder, new Listing(files, List.copyOf(folders), List.copyOf(stamps)));
        } else if (known != null) {
            listings.remove(folder);
        }
        return files;
    }

    /**
     * A token for what raw {@code path} holds now: while two calls return equal tokens, its content
     * is the same. Empty while the file's times are too recent to tell a change in the same tick
     * (git's racy rule): the caller must read. A missing file, a folder or a link has a token too.
     */
    public Optional<Object> stamp(String path) {
        Path file = tree.resolve(path);
        FileStamp stamp;
        if (contents.containsKey(path)) {
            // a file read before most likely still exists: one stat, and the rare miss pays the exception
            stamp = stampOrNull(file);
            if (stamp == null && WorkingTree.absent(file)) {
                return Optional.of(Missing.MISSING);
            }
        } else if (WorkingTree.absent(file)) {
            return Optional.of(Missing.MISSING);
        } else {
            stamp = stampOrNull(file);
        }
        return stamp != null && stamp.settledBefore(clock.getAsLong()) ? Optional.of(stamp) : Optional.empty();
    }

    /**
     * A token for the listing of raw {@code folder}: present while the listing this cache keeps still
     * stands (every folder it walked unchanged), so equal tokens mean the same files.
     */
    public Optional<Object> listingStamp(String folder) {
        Listing known = listings.get(folder);
        return known != null && unchanged(known) ? Optional.of(known) : Optional.empty();
    }

    private enum Missing { MISSING }

    /** Forgets the contents of raw {@code path}, and every listing: for a writer that changes it. */
    public void forget(String path) {
        drop(path);
        listings.clear();
    }

    /** Forgets everything, giving its bytes back to the budget. */
    public void clear() {
        synchronized (this) {
            contents.clear();
            budget.give(held);
            held = 0;
        }
        listings.clear();
    }

    /** True when the contents of raw {@code path} are kept, whether or not they are still current. */
    public boolean holds(String path) {
        return contents.containsKey(path);
    }

    /** True when the listing of raw {@code folder} is kept, whether or not it is still current. */
    public boolean holdsListing(String folder) {
        return listings.containsKey(folder);
    }

    private synchronized void drop(String path) {
        Content gone = contents.remove(path);
        if (gone != null) {
            held -= gone.bytes().length;
            budget.give(gone.bytes().length);
        }
    }

    private synchronized boolean remember(String path, Content content) {
        long size = content.bytes().length;
        if (size > maxFileBytes || size > maxBytes) {
            return false;
        }
        Content old = contents.remove(path);
        if (old != null) {
            held -= old.bytes().length;
            budget.give(old.bytes().length);
        }
        // which entries make room does not matter much: the files read on every request come back at once
        Iterator<Content> it = contents.values().iterator();
        while (held + size > maxBytes && it.hasNext()) {
            evict(it);
        }
        // the shared budget spent: this cache's own files make room, or the file is read from the disk
        while (!budget.take(size)) {
            if (!it.hasNext()) {
                return false;
            }
            evict(it);
        }
        contents.put(path, content);
        held += size;
        return true;
    }

    private void evict(Iterator<Content> it) {
        long size = it.next().bytes().length;
        it.remove();
        held -= size;
        budget.give(size);
    }

    private void remember(String folder, Listing listing) {
        if (listings.size() >= MAX_LISTINGS && !listings.containsKey(folder)) {
            Iterator<String> it = listings.keySet().iterator();
            if (it.hasNext()) {
                it.next();
                it.remove();
            }
        }
        listings.put(folder, listing);
    }

    private static boolean unchanged(Listing listing) {
        for (int i = 0; i < listing.folders().size(); i++) {
            if (!listing.stamps().get(i).equals(stampOrNull(listing.folders().get(i)))) {
                return false;
            }
        }
        return true;
    }

    /** The stamp of {@code path}, {@code null} when it cannot be had: as NIO's isRegularFile, which says no. */
    private static FileStamp stampOrNull(Path path) {
        try {
            return FileStamp.of(path);
        } catch (IOException e) {
            return null;
        }
    }
}
