package dev.avalon.git;

import dev.avalon.core.port.BrainPath;
import dev.avalon.core.port.BrainStore;
import dev.avalon.core.port.BrainStoreException;
import dev.avalon.core.port.CommitInfo;
import dev.avalon.core.port.CommitRequest;
import dev.avalon.core.port.FileChange;
import dev.avalon.core.port.RestoreResult;
import dev.avalon.git.internal.BlobIds;
import dev.avalon.git.internal.BrainLock;
import dev.avalon.git.internal.Durable;
import dev.avalon.git.internal.FileCache;
import dev.avalon.git.internal.FileCacheBudget;
import dev.avalon.git.internal.Trailers;
import dev.avalon.git.internal.WorkingTree;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.dircache.DirCache;
import org.eclipse.jgit.dircache.DirCacheBuilder;
import org.eclipse.jgit.dircache.DirCacheEditor;
import org.eclipse.jgit.dircache.DirCacheEntry;
import org.eclipse.jgit.errors.IncorrectObjectTypeException;
import org.eclipse.jgit.errors.MissingObjectException;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.StoredConfig;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.treewalk.filter.AndTreeFilter;
import org.eclipse.jgit.treewalk.filter.PathFilter;
import org.eclipse.jgit.treewalk.filter.TreeFilter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.LongSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A {@link BrainStore} on an ordinary git repository (JGit), readable by the command-line
 * {@code git}: the brain's files are the work tree, commits go on branch {@code main}.
 *
 * <pre>{@code
 * try (BrainStore brain = GitBrainStore.open(Path.of("brain"))) {
 *     brain.apply(List.of(FileChange.put(BrainPath.of("notes.md"), bytes)));
 *     brain.commit(new CommitRequest(List.of(BrainPath.of("notes.md")), "Notes", Map.of(), clock.instant(), "Avalon"));
 * }
 * }</pre>
 *
 * <h2>What lives in the folder</h2>
 * <ul>
 *   <li>{@code .git/}: the repository. {@code gc.auto=0}, {@code commit.gpgsign=false},
 *       {@code core.autocrlf=false}, {@code core.fsync=all} (for the command line) and
 *       {@code core.fsyncRefFiles=true} (for JGit) are set on open.</li>
 *   <li>{@code .gitattributes} ({@code * text=auto eol=lf}, {@code *.xlsx binary}) and {@code .gitignore}
 *       (ignoring {@code /.avalon/}): written on open when missing and included in the first commit that
 *       lacks them. They belong to the store, not to the brain: {@link #read}, {@link #list},
 *       {@link #uncommitted} and {@link #contentHashes} leave them out, and {@link #apply} refuses them.
 *       Files are stored byte for byte either way; the attributes only keep other clones from
 *       converting line endings.</li>
 *   <li>{@code .avalon/lock}: the one-writer lock, held while the store is open;
 *       {@code .avalon/txn/}: units of work in flight (see {@link #apply}). Refused as brain paths.</li>
 * </ul>
 *
 * <h2>Guarantees</h2>
 * <ul>
 *   <li>{@link #apply} writes every new content aside and forces it to the disk, marks the unit complete
 *       with a manifest, then moves the files into place. Opening the brain finishes a complete unit and
 *       throws away an incomplete one, so a crash at any moment leaves all of a unit or none of it; a
 *       file is never half-written. A unit whose moves fail after it was marked complete (a disk error)
 *       is finished by the next apply, restore or open.</li>
 *   <li>One store per brain: an operating-system lock on {@code .avalon/lock}; a second open, in this
 *       process or another, fails with a {@link BrainStoreException}. Because that lock is held, git lock
 *       files ({@code index.lock}, {@code refs/**.lock}) found on open were left by a killed process and
 *       are removed. Do not run writing {@code git} commands on an open brain.</li>
 *   <li>{@link #commit} builds the new tree from HEAD's tree plus exactly the requested paths as they are
 *       in the working tree; the index is only kept in step for the command line and never decides what
 *       is committed. The new objects and the ref are forced to the disk before it returns.</li>
 *   <li>{@link #restore} first commits the whole working tree (every file, tracked or not, except
 *       {@code .avalon/}) with HEAD as parent on {@code refs/avalon/dr/<yyyyMMdd'T'HHmmss'Z'>}
 *       (a second restore in the same second gets {@code -2}, {@code -3}, …)
 *       (HEAD does not move), then makes the working tree and the index equal to the commit's files as
 *       one unit of work.</li>
 *   <li>{@link #contentHashes} covers the brain's files only, not {@code .gitattributes} or
 *       {@code .gitignore}.</li>
 *   <li>The store never leaves the brain's real path: the folder given to {@link #open} is resolved
 *       once (a brain reached through a link is the user's choice), and below it no read, write, rename
 *       or delete follows a symbolic link. A link where the brain holds a file or a folder, in
 *       {@code .avalon/} or as {@code .git}, is refused with an
 *       {@link dev.avalon.core.port.UnsafeBrainPathException} that names it relative to the brain;
 *       the link is left for the user to inspect. Hard links are ordinary files.</li>
 *   <li>{@link #read} and {@link #list} see every change made behind the store's back. They keep what
 *       they read in memory with each file's and folder's size, times and inode, and serve it again
 *       while those are unchanged, trusting only stamps more than two seconds old (git's rule for
 *       "racily clean" files). Files up to 1 MiB are kept, 16 MiB in all.</li>
 * </ul>
 *
 * Trailers are the {@code Key: value} lines of the message's last paragraph when every line of it is
 * one. Commit times are whole seconds, in UTC. An author {@code "Name <email>"} is split; any other
 * author is a name with an empty email. Thread-safe: reads run concurrently, writes one at a time.
 */
public final class GitBrainStore implements BrainStore {

    private static final Logger LOG = LoggerFactory.getLogger(GitBrainStore.class);

    /** Prefix of the refs that keep the working tree from before a restore. */
    public static final String DR_REF_PREFIX = "refs/avalon/dr/";

    static final String ATTRIBUTES = ".gitattributes";
    static final String IGNORE = ".gitignore";
    static final String ATTRIBUTES_TEXT = """
            # Written by Avalon: brain files keep LF line endings in every clone; spreadsheets are binary.
            * text=auto eol=lf
            *.xlsx binary
            """;
    static final String IGNORE_LINE = "/" + WorkingTree.SCRATCH + "/";

    private static final DateTimeFormatter ASIDE_TIME =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
    private static final Pattern NAME_AND_EMAIL = Pattern.compile("(.*?)\\s*<([^<>\\n]*)>");
    private static final Pattern SHA = Pattern.compile("[0-9a-fA-F]{40}");
    /** Larger files gain little from being kept: each read hands out a copy, about as costly as the read. */
    private static final long CACHED_FILE_BYTES = 1 << 20;
    private static final long CACHED_BYTES = 16 << 20;
    private static final int LISTED_FOLDERS = 64;

    private final Repository repo;
    private final WorkingTree tree;
    private final BrainLock lock;
    private final Clock clock;
    private final ReentrantReadWriteLock rw = new ReentrantReadWriteLock();
    private final BlobIds blobIds;
    private final FileCache cache;
    /** The brain paths of the last listing of each folder, so names are not checked again while it stands. */
    private final Map<String, Listed> listed = new ConcurrentHashMap<>();
    private volatile boolean closed;

    private GitBrainStore(Repository repo, WorkingTree tree, BrainLock lock, Clock clock, LongSupplier fileClock) {
        this.repo = repo;
        this.tree = tree;
        this.lock = lock;
        this.clock = clock;
        this.blobIds = new BlobIds(tree);
        // thousands of open brains share one bound on what they keep in memory
        this.cache = new FileCache(tree, CACHED_FILE_BYTES, CACHED_BYTES, fileClock, FileCacheBudget.process());
    }

    /**
     * Opens the brain in {@code dir}, creating the folder and the repository (branch {@code main}) when
     * needed, and finishing or throwing away a unit of work a crash interrupted. Restores are timed by
     * the system clock.
     *
     * @throws BrainStoreException when the brain is open elsewhere or cannot be read
     */
    public static GitBrainStore open(Path dir) {
        return open(dir, Clock.systemUTC());
    }

    /**
     * Opens the brain in {@code dir}, as {@link #open(Path)}.
     *
     * @param clock times the commit {@link #restore} makes to keep the working tree aside
     */
    public static GitBrainStore open(Path dir, Clock clock) {
        // the file system stamps files with the system clock, whatever clock times the commits
        return open(dir, clock, System::currentTimeMillis);
    }

    /**
     * As {@link #open(Path, Clock)}, with the clock in epoch milliseconds that file times are compared
     * with; tests move it ahead to make every file old enough to be kept in memory.
     */
    static GitBrainStore open(Path dir, Clock clock, LongSupplier fileClock) {
        Objects.requireNonNull(dir, "dir");
        Objects.requireNonNull(clock, "clock");
        Path root;
        WorkingTree tree;
        try {
            Files.createDirectories(dir);
            // a brain given through a link is the user's choice: resolved once, then never left
            root = dir.toRealPath();
            tree = new WorkingTree(root);
            tree.requireOwnFoldersUnlinked();
            Durable.createFolders(tree.scratch());
        } catch (IOException e) {
            throw new BrainStoreException("cannot create the brain folder " + dir + ": " + e.getMessage(), e);
        }
        BrainLock lock = BrainLock.acquire(root, tree.scratch().resolve("lock"));
        Repository repo = null;
        try {
            // checked again now that the lock is held: the first check raced with nobody's lock
            tree.requireOwnFoldersUnlinked();
            removeStaleGitLocks(root.resolve(Constants.DOT_GIT));
            repo = openRepository(root);
            configure(repo);
            writeHousekeeping(tree);
            tree.recover();
            return new GitBrainStore(repo, tree, lock, clock, fileClock);
        } catch (IOException | GitAPIException | RuntimeException e) {
            if (repo != null) {
                repo.close();
            }
            lock.close();
            if (e instanceof BrainStoreException b) {
                throw b;
            }
            throw new BrainStoreException("cannot open the brain " + root + ": " + e.getMessage(), e);
        }
    }

    /** The brain folder. */
    public Path directory() {
        return tree.root();
    }

    /** What {@link #read} and {@link #list} keep in memory, for tests. */
    FileCache cache() {
        return cache;
    }

    // ------------------------------------------------------------------ working tree

    @Override
    public Optional<byte[]> read(BrainPath path) {
        Objects.requireNonNull(path, "path");
        return reading(() -> isOwn(path.value()) ? Optional.empty() : cache.read(path.value()));
    }

    @Override
    public Optional<Object> stamp(BrainPath path) {
        Objects.requireNonNull(path, "path");
        return reading(() -> isOwn(path.value()) ? Optional.empty() : cache.stamp(path.value()));
    }

    @Override
    public Optional<Object> folderStamp(String folder) {
        Objects.requireNonNull(folder, "folder");
        String start = folder.isEmpty() ? "" : folderPath(folder).value();
        return reading(() -> isOwn(start) ? Optional.empty() : cache.listingStamp(start));
    }

    @Override
    public List<BrainPath> list(String folder) {
        Objects.requireNonNull(folder, "folder");
        String start = folder.isEmpty() ? "" : folderPath(folder).value();
        return reading(() -> {
            if (isOwn(start)) {
                return List.of();
            }
            List<String> files = cache.files(start);
            Listed last = listed.get(start);
            // the cache hands out the same unmodifiable list while the folder is unchanged
            if (last != null && last.files() == files) {
                return last.paths();
            }
            List<BrainPath> out = new ArrayList<>();
            for (String raw : files) {
                BrainPath p = brainPath(raw);
                if (p != null) {
                    out.add(p);
                }
            }
            List<BrainPath> paths = List.copyOf(out);
            if (listed.size() >= LISTED_FOLDERS && !listed.containsKey(start)) {
                listed.clear();
            }
            listed.put(start, new Listed(files, paths));
            return paths;
        });
    }

    /**
     * {@inheritDoc}
     *
     * @throws IllegalArgumentException when a path is named twice, would be both a file and a folder,
     *                                  or is one of the store's own files; nothing is changed then
     */
    @Override
    public void apply(List<FileChange> changes) {
        Objects.requireNonNull(changes, "changes");
        List<WorkingTree.Change> unit = new ArrayList<>();
        for (FileChange change : changes) {
            String path = change.path().value();
            if (isOwn(path)) {
                throw new IllegalArgumentException(path + " belongs to the git brain itself and cannot be changed");
            }
            unit.add(new WorkingTree.Change(path, change instanceof FileChange.Put put ? put.content() : null));
        }
        writing(() -> {
            unit.forEach(c -> {
                blobIds.forget(c.path());
                cache.forget(c.path());
            });
            tree.apply(unit);
            return null;
        });
    }

    @Override
    public List<BrainPath> uncommitted() {
        return reading(() -> {
            Map<String, ObjectId> committed = new TreeMap<>();
            ObjectId head = repo.resolve(Constants.HEAD);
            if (head != null) {
                try (RevWalk walk = new RevWalk(repo)) {
                    files(walk.parseCommit(head)).forEach((path, entry) -> committed.put(path, entry.id()));
                }
            }
            NavigableMap<String, Path> working = tree.files("");
            TreeSet<String> paths = new TreeSet<>(committed.keySet());
            paths.addAll(working.keySet());
            List<BrainPath> out = new ArrayList<>();
            for (String path : paths) {
                BrainPath p = brainPath(path);
                if (p != null && !Objects.equals(working.containsKey(path) ? blobIds.of(path) : null, committed.get(path))) {
                    out.add(p);
                }
            }
            return List.copyOf(out);
        });
    }

    // ------------------------------------------------------------------ commits

    @Override
    public Optional<CommitInfo> head() {
        return reading(() -> {
            ObjectId head = repo.resolve(Constants.HEAD);
            if (head == null) {
                return Optional.empty();
            }
            // a commit never changes: the one HEAD named last time is parsed once, whatever moved the branch since
            HeadCommit known = lastHead;
            if (known != null && known.id().equals(head)) {
                return Optional.of(known.info());
            }
            try (RevWalk walk = new RevWalk(repo)) {
                CommitInfo info = info(walk.parseCommit(head));
                lastHead = new HeadCommit(head.copy(), info);
                return Optional.of(info);
            }
        });
    }

    /** The commit HEAD named when last read, parsed. */
    private record HeadCommit(ObjectId id, CommitInfo info) {
    }

    private volatile HeadCommit lastHead;

    @Override
    public List<CommitInfo> log(int max) {
        if (max < 0) {
            throw new IllegalArgumentException("max must not be negative: " + max);
        }
        return reading(() -> walk(max, null));
    }

    @Override
    public List<CommitInfo> history(BrainPath path) {
        Objects.requireNonNull(path, "path");
        return reading(() -> isOwn(path.value()) ? List.of() : walk(Integer.MAX_VALUE, path));
    }

    private List<CommitInfo> walk(int max, BrainPath path) throws IOException {
        ObjectId head = repo.resolve(Constants.HEAD);
        List<CommitInfo> out = new ArrayList<>();
        if (head == null || max == 0) {
            return out;
        }
        try (RevWalk walk = new RevWalk(repo)) {
            walk.setFirstParent(true);
            if (path != null) {
                walk.setTreeFilter(AndTreeFilter.create(PathFilter.create(path.value()), TreeFilter.ANY_DIFF));
            }
            walk.markStart(walk.parseCommit(head));
            for (RevCommit c : walk) {
                out.add(info(c));
                if (out.size() >= max) {
                    break;
                }
            }
        }
        return out;
    }

    @Override
    public Optional<byte[]> readAt(String sha, BrainPath path) {
        Objects.requireNonNull(path, "path");
        return reading(() -> {
            try (RevWalk walk = new RevWalk(repo)) {
                RevCommit commit = known(walk, sha);
                if (isOwn(path.value())) {
                    return Optional.empty();
                }
                try (TreeWalk tw = TreeWalk.forPath(repo, path.value(), commit.getTree())) {
                    if (tw == null || !isFile(tw.getFileMode(0))) {
                        return Optional.empty();
                    }
                    return Optional.of(repo.open(tw.getObjectId(0), Constants.OBJ_BLOB).getBytes(Integer.MAX_VALUE - 8));
                }
            }
        });
    }

    @Override
    public Map<BrainPath, String> contentHashes(String sha) {
        return reading(() -> {
            Map<BrainPath, String> out = new TreeMap<>();
            try (RevWalk walk = new RevWalk(repo); ObjectReader reader = repo.newObjectReader()) {
                RevCommit commit = known(walk, sha);
                for (Map.Entry<String, Entry> e : files(commit).entrySet()) {
                    BrainPath p = brainPath(e.getKey());
                    if (p != null) {
                        out.put(p, sha256(reader, e.getValue().id()));
                    }
                }
            }
            return Collections.unmodifiableMap(out);
        });
    }

    /**
     * {@inheritDoc}
     *
     * @throws IllegalArgumentException when a path is one of the store's own files, when a trailer would
     *                                  not read back as written, or when the new tree would hold a path as
     *                                  both a file and a folder (commit the other side of it too)
     */
    @Override
    public CommitInfo commit(CommitRequest request) {
        Objects.requireNonNull(request, "request");
        Trailers.requireWellFormed(request.trailers());
        PersonIdent ident = ident(request.author(), request.time());
        Set<String> paths = new LinkedHashSet<>();
        for (BrainPath p : request.paths()) {
            if (isOwn(p.value())) {
                throw new IllegalArgumentException(p + " belongs to the git brain itself and cannot be committed");
            }
            paths.add(p.value());
        }
        return writing(() -> {
            ObjectId head = repo.resolve(Constants.HEAD);
            TreeMap<String, Entry> files = new TreeMap<>();
            if (head != null) {
                try (RevWalk walk = new RevWalk(repo)) {
                    files.putAll(files(walk.parseCommit(head)));
                }
            }
            Set<String> recorded = new LinkedHashSet<>(paths);
            for (String own : List.of(ATTRIBUTES, IGNORE)) {
                if (!files.containsKey(own) && tree.read(own).isPresent()) {
                    recorded.add(own);
                }
            }
            RevCommit made;
            try (Inserter ins = new Inserter()) {
                for (String path : recorded) {
                    // from the disk, not the cache: a commit records what is there, and its syncs cost far more
                    Optional<byte[]> content = tree.read(path);
                    if (content.isPresent()) {
                        files.put(path, new Entry(FileMode.REGULAR_FILE, ins.blob(content.get())));
                    } else {
                        files.remove(path);
                    }
                }
                requireFileOrFolder(files.keySet());
                ObjectId treeId = ins.tree(files);
                ObjectId commitId = ins.commit(treeId, head, ident, request.message());
                ins.flushDurably();
                updateRef(Constants.HEAD, head, commitId);
                try (RevWalk walk = new RevWalk(repo)) {
                    made = walk.parseCommit(commitId);
                }
            }
            stage(recorded, files);
            return info(made);
        });
    }

    // ------------------------------------------------------------------ restore

    @Override
    public RestoreResult restore(String sha) {
        return writing(() -> {
            RevCommit target;
            try (RevWalk walk = new RevWalk(repo)) {
                target = known(walk, sha);
            }
            // a unit of work left by a failed apply is finished first, so the aside commit holds it
            tree.recover();
            ObjectId head = repo.resolve(Constants.HEAD);
            Instant now = clock.instant();
            NavigableMap<String, Path> working = tree.files("");
            RevCommit aside = asideCommit(working, head, now, "before restoring " + target.name(),
                    "Avalon-Restore-Of: " + target.name());
            String ref = keepAside(aside, now);

            Map<String, Entry> wanted = new TreeMap<>(files(target));
            wanted.keySet().removeIf(GitBrainStore::isOwn);
            List<WorkingTree.Change> changes = new ArrayList<>();
            TreeSet<BrainPath> changed = new TreeSet<>();
            try (ObjectReader reader = repo.newObjectReader();
                 ObjectInserter.Formatter hasher = new ObjectInserter.Formatter()) {
                for (Map.Entry<String, Entry> e : wanted.entrySet()) {
                    Optional<byte[]> current = working.containsKey(e.getKey()) ? tree.read(e.getKey()) : Optional.empty();
                    if (current.isEmpty() || !hasher.idFor(Constants.OBJ_BLOB, current.get()).equals(e.getValue().id())) {
                        changes.add(new WorkingTree.Change(e.getKey(), reader.open(e.getValue().id()).getBytes(Integer.MAX_VALUE - 8)));
                        addIfBrainPath(changed, e.getKey());
                    }
                }
            }
            for (String path : working.keySet()) {
                if (!isOwn(path) && !wanted.containsKey(path)) {
                    changes.add(new WorkingTree.Change(path, null));
                    addIfBrainPath(changed, path);
                }
            }
            changes.forEach(c -> blobIds.forget(c.path()));
            cache.clear();
            tree.apply(changes);
            stageAll(wanted, head);
            return new RestoreResult(target.name(), ref, aside.name(), List.copyOf(changed));
        });
    }

    @Override
    public RestoreResult keepAside() {
        return writing(() -> {
            tree.recover();
            ObjectId head = repo.resolve(Constants.HEAD);
            if (head == null) {
                throw new BrainStoreException("nothing is committed to keep the tree beside");
            }
            Instant now = clock.instant();
            RevCommit aside = asideCommit(tree.files(""), head, now, "before a restore", "Avalon-Kept-Aside: true");
            String ref = keepAside(aside, now);
            return new RestoreResult(head.name(), ref, aside.name(), List.of());
        });
    }

    /** The whole working tree as a commit with HEAD as parent, forced to the disk; no ref points at it yet. */
    private RevCommit asideCommit(NavigableMap<String, Path> working, ObjectId head, Instant now, String why,
                                  String trailer) throws IOException {
        RevCommit aside;
        try (Inserter ins = new Inserter()) {
            TreeMap<String, Entry> all = new TreeMap<>();
            for (String path : working.keySet()) {
                Optional<byte[]> content = tree.read(path);
                if (content.isPresent()) {
                    all.put(path, new Entry(FileMode.REGULAR_FILE, ins.blob(content.get())));
                }
            }
            String message = "Keep the working tree aside " + why + "\n\n" + trailer + "\n";
            ObjectId id = ins.commit(ins.tree(all), head, new PersonIdent("Avalon", "", now, ZoneOffset.UTC), message);
            ins.flushDurably();
            try (RevWalk walk = new RevWalk(repo)) {
                aside = walk.parseCommit(id);
            }
        }
        return aside;
    }

    /** Points a new side ref at {@code aside}; a name already taken by another commit gets a suffix. */
    private String keepAside(RevCommit aside, Instant now) throws IOException {
        String base = DR_REF_PREFIX + ASIDE_TIME.format(now);
        for (int n = 1; ; n++) {
            String name = n == 1 ? base : base + "-" + n;
            var existing = repo.exactRef(name);
            if (existing != null && aside.equals(existing.getObjectId())) {
                return name;
            }
            if (existing == null) {
                updateRef(name, null, aside);
                return name;
            }
        }
    }

    // ------------------------------------------------------------------ lifetime

    @Override
    public void close() {
        rw.writeLock().lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            // what it kept goes back to the budget the other open brains share
            cache.clear();
            try {
                repo.close();
            } finally {
                // released last, so no other store can open the brain while this one still writes
                lock.close();
            }
        } finally {
            rw.writeLock().unlock();
        }
    }

    // ------------------------------------------------------------------ helpers

    /** True for the store's own files, which are not brain files. */
    static boolean isOwn(String path) {
        return path.equals(ATTRIBUTES) || path.equals(IGNORE) || path.equals(WorkingTree.SCRATCH)
                || path.startsWith(WorkingTree.SCRATCH + "/");
    }

    private static BrainPath brainPath(String raw) {
        if (isOwn(raw)) {
            return null;
        }
        try {
            return new BrainPath(raw);
        } catch (IllegalArgumentException e) {
            // a file someone put in the folder by hand under a name Avalon cannot use
            return null;
        }
    }

    private static void addIfBrainPath(Set<BrainPath> into, String raw) {
        BrainPath p = brainPath(raw);
        if (p != null) {
            into.add(p);
        }
    }

    private static BrainPath folderPath(String folder) {
        return new BrainPath(folder.endsWith("/") ? folder.substring(0, folder.length() - 1) : folder);
    }

    private static boolean isFile(FileMode mode) {
        return mode.getObjectType() == Constants.OBJ_BLOB && mode != FileMode.SYMLINK;
    }

    /** A folder's files as the cache listed them, and those of them that are brain paths. */
    private record Listed(List<String> files, List<BrainPath> paths) {
    }

    /** A file in a commit's tree. */
    private record Entry(FileMode mode, ObjectId id) {
    }

    /** Every file (blob) of {@code commit}'s tree by path, own files included. */
    private Map<String, Entry> files(RevCommit commit) throws IOException {
        Map<String, Entry> out = new TreeMap<>();
        try (TreeWalk tw = new TreeWalk(repo)) {
            tw.addTree(commit.getTree());
            tw.setRecursive(true);
            while (tw.next()) {
                FileMode mode = tw.getFileMode(0);
                if (isFile(mode)) {
                    out.put(tw.getPathString(), new Entry(mode, tw.getObjectId(0)));
                }
            }
        }
        return out;
    }

    private RevCommit known(RevWalk walk, String sha) throws IOException {
        Objects.requireNonNull(sha, "sha");
        if (!SHA.matcher(sha).matches()) {
            throw new IllegalArgumentException("not a commit sha: '" + sha + "'");
        }
        try {
            return walk.parseCommit(ObjectId.fromString(sha));
        } catch (MissingObjectException | IncorrectObjectTypeException e) {
            throw new IllegalArgumentException("no commit " + sha + " in the brain", e);
        }
    }

    private static CommitInfo info(RevCommit c) {
        String message = c.getFullMessage();
        return new CommitInfo(c.name(), message, Instant.ofEpochSecond(c.getCommitTime()), Trailers.parse(message));
    }

    private static PersonIdent ident(String author, Instant time) {
        Matcher m = NAME_AND_EMAIL.matcher(author.strip());
        String name;
        String email;
        if (m.matches()) {
            name = m.group(1);
            email = m.group(2);
        } else {
            name = author.strip();
            email = "";
        }
        if (name.isEmpty() || name.contains("<") || name.contains(">") || name.contains("\n")) {
            throw new IllegalArgumentException("not an author: '" + author + "'");
        }
        return new PersonIdent(name, email, time, ZoneOffset.UTC);
    }

    private static void requireFileOrFolder(Set<String> files) {
        for (String p : files) {
            for (int slash = p.indexOf('/'); slash > 0; slash = p.indexOf('/', slash + 1)) {
                String folder = p.substring(0, slash);
                if (files.contains(folder)) {
                    throw new IllegalArgumentException("the commit would record " + folder
                            + " both as a file and as the folder of " + p + "; commit both paths together");
                }
            }
        }
    }

    private static String sha256(ObjectReader reader, ObjectId blob) throws IOException {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java runtime", e);
        }
        try (InputStream in = new DigestInputStream(reader.open(blob, Constants.OBJ_BLOB).openStream(), digest)) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    /** Moves {@code name} from {@code expected} (null: absent) to {@code id}, durably. */
    private void updateRef(String name, ObjectId expected, ObjectId id) throws IOException {
        RefUpdate update = repo.updateRef(name);
        update.setNewObjectId(id);
        update.setExpectedOldObjectId(expected == null ? ObjectId.zeroId() : expected);
        update.setRefLogMessage(name.startsWith(DR_REF_PREFIX) ? "avalon: keep aside" : "commit", false);
        RefUpdate.Result result = update.update();
        if (result != RefUpdate.Result.NEW && result != RefUpdate.Result.FAST_FORWARD) {
            throw new BrainStoreException("cannot move " + name + " to " + id.name() + ": " + result);
        }
        // JGit forces the ref file itself (core.fsyncRefFiles); its folders hold the new name
        Path gitDir = repo.getDirectory().toPath();
        String target = update.getRef().getTarget().getName();
        for (Path p = gitDir.resolve(target).getParent(); p != null && p.startsWith(gitDir); p = p.getParent()) {
            Durable.syncFolder(p);
        }
    }

    /** Keeps the index in step with a commit of {@code recorded}, for the command line's sake. */
    private void stage(Set<String> recorded, Map<String, Entry> files) {
        try {
            DirCache index = repo.lockDirCache();
            try {
                DirCacheEditor editor = index.editor();
                for (String path : recorded) {
                    Entry e = files.get(path);
                    if (e == null) {
                        editor.add(new DirCacheEditor.DeletePath(path));
                    } else {
                        editor.add(new DirCacheEditor.PathEdit(path) {
                            @Override
                            public void apply(DirCacheEntry ent) {
                                fill(ent, e);
                            }
                        });
                    }
                }
                editor.commit();
            } finally {
                index.unlock();
            }
        } catch (IOException | RuntimeException e) {
            // the commit is made and durable; the index only serves the command line, which rebuilds it
            LOG.warn("the git index of {} could not be updated after a commit: {}", tree.root(), e.toString());
        }
    }

    /** Makes the index equal to {@code wanted} (brain files) plus HEAD's own files. */
    private void stageAll(Map<String, Entry> wanted, ObjectId head) {
        try {
            Map<String, Entry> entries = new TreeMap<>(wanted);
            if (head != null) {
                try (RevWalk walk = new RevWalk(repo)) {
                    files(walk.parseCommit(head)).forEach((path, e) -> {
                        if (isOwn(path)) {
                            entries.put(path, e);
                        }
                    });
                }
            }
            DirCache index = repo.lockDirCache();
            try {
                DirCacheBuilder builder = index.builder();
                entries.forEach((path, e) -> {
                    DirCacheEntry ent = new DirCacheEntry(path);
                    fill(ent, e);
                    builder.add(ent);
                });
                builder.commit();
            } finally {
                index.unlock();
            }
        } catch (IOException | RuntimeException e) {
            LOG.warn("the git index of {} could not be updated after a restore: {}", tree.root(), e.toString());
        }
    }

    private void fill(DirCacheEntry ent, Entry e) {
        ent.setFileMode(e.mode());
        ent.setObjectId(e.id());
        try {
            BasicFileAttributes attrs = Files.readAttributes(tree.resolve(ent.getPathString()),
                    BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            ent.setLength(attrs.size());
            ent.setLastModified(attrs.lastModifiedTime().toInstant());
        } catch (IOException ignored) {
            // without stat data the command line re-reads the file: slower, still right
        }
    }

    /** An object inserter that remembers what it wrote so it can force those objects to the disk. */
    private final class Inserter implements AutoCloseable {
        private final ObjectInserter ins = repo.newObjectInserter();
        private final Set<ObjectId> written = new LinkedHashSet<>();

        ObjectId blob(byte[] content) throws IOException {
            return remember(ins.insert(Constants.OBJ_BLOB, content));
        }

        ObjectId tree(Map<String, Entry> files) throws IOException {
            DirCache dc = DirCache.newInCore();
            DirCacheBuilder builder = dc.builder();
            files.forEach((path, e) -> {
                DirCacheEntry ent = new DirCacheEntry(path);
                ent.setFileMode(e.mode());
                ent.setObjectId(e.id());
                builder.add(ent);
            });
            builder.finish();
            // every tree of the hierarchy is a new object to force, not only the root
            return dc.writeTree(new ObjectInserter.Filter() {
                @Override
                protected ObjectInserter delegate() {
                    return ins;
                }

                @Override
                public ObjectId insert(int type, byte[] data) throws IOException {
                    return remember(super.insert(type, data));
                }

                @Override
                public ObjectId insert(int type, byte[] data, int off, int len) throws IOException {
                    return remember(super.insert(type, data, off, len));
                }

                @Override
                public ObjectId insert(int type, long length, InputStream in) throws IOException {
                    return remember(super.insert(type, length, in));
                }
            });
        }

        ObjectId commit(ObjectId treeId, ObjectId parent, PersonIdent ident, String message) throws IOException {
            CommitBuilder cb = new CommitBuilder();
            cb.setTreeId(treeId);
            if (parent != null) {
                cb.setParentId(parent);
            }
            cb.setAuthor(ident);
            cb.setCommitter(ident);
            cb.setEncoding(StandardCharsets.UTF_8);
            cb.setMessage(message);
            return remember(ins.insert(cb));
        }

        private ObjectId remember(ObjectId id) {
            written.add(id.copy());
            return id;
        }

        /** Flushes, then forces every written loose object and its folder to the disk. */
        void flushDurably() throws IOException {
            ins.flush();
            Path objects = repo.getDirectory().toPath().resolve("objects");
            Set<Path> folders = new LinkedHashSet<>();
            for (ObjectId id : written) {
                String name = id.name();
                Path file = objects.resolve(name.substring(0, 2)).resolve(name.substring(2));
                if (Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
                    Durable.syncFile(file);
                    folders.add(file.getParent());
                }
            }
            for (Path folder : folders) {
                Durable.syncFolder(folder);
            }
            Durable.syncFolder(objects);
        }

        @Override
        public void close() {
            ins.close();
        }
    }

    // ------------------------------------------------------------------ opening

    private static Repository openRepository(Path root) throws IOException, GitAPIException {
        if (!Files.exists(root.resolve(Constants.DOT_GIT))) {
            // init only; the repository is opened below like an existing one
            Git.init().setDirectory(root.toFile()).setInitialBranch("main").call().close();
        }
        Repository repo = new FileRepositoryBuilder().setWorkTree(root.toFile()).setMustExist(true).build();
        if (repo.isBare()) {
            repo.close();
            throw new BrainStoreException(root + " holds a bare repository; a brain needs a working tree");
        }
        return repo;
    }

    private static void configure(Repository repo) throws IOException {
        StoredConfig config = repo.getConfig();
        boolean changed = false;
        changed |= set(config, "gc", "auto", "0");
        changed |= set(config, "commit", "gpgsign", "false");
        changed |= set(config, "core", "autocrlf", "false");
        // git 2.36+ reads core.fsync; JGit reads core.fsyncRefFiles and ignores core.fsync. JGit's
        // core.fsyncObjectFiles is not set because git warns it is deprecated: objects are forced here.
        changed |= set(config, "core", "fsync", "all");
        changed |= set(config, "core", "fsyncRefFiles", "true");
        if (changed) {
            config.save();
        }
    }

    private static boolean set(StoredConfig config, String section, String key, String value) {
        if (value.equals(config.getString(section, null, key))) {
            return false;
        }
        config.setString(section, null, key, value);
        return true;
    }

    private static void writeHousekeeping(WorkingTree tree) throws IOException {
        Path attributes = tree.resolveForWriting(ATTRIBUTES);
        if (!Files.exists(attributes, LinkOption.NOFOLLOW_LINKS)) {
            Durable.replace(attributes, ATTRIBUTES_TEXT.getBytes(StandardCharsets.UTF_8), tree.temp());
        }
        // a linked .gitignore would copy what it points at into the brain, and into its history
        Path ignore = tree.resolveForWriting(IGNORE);
        String current = tree.read(IGNORE).map(b -> new String(b, StandardCharsets.UTF_8)).orElse("");
        boolean ignored = current.lines().map(String::strip)
                .anyMatch(l -> l.equals(IGNORE_LINE) || l.equals(WorkingTree.SCRATCH + "/")
                        || l.equals(WorkingTree.SCRATCH) || l.equals("/" + WorkingTree.SCRATCH));
        if (!ignored) {
            String text = current.isEmpty() || current.endsWith("\n") ? current : current + "\n";
            text += "# Avalon's scratch folder: the brain lock and units of work in flight\n" + IGNORE_LINE + "\n";
            Durable.replace(ignore, text.getBytes(StandardCharsets.UTF_8), tree.temp());
        }
    }

    /** Removes git lock files a killed process left; safe because the brain lock is ours. */
    private static void removeStaleGitLocks(Path gitDir) throws IOException {
        // links inside .git are git's business; this cleaning neither follows them nor deletes through them
        if (!Files.isDirectory(gitDir, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        List<Path> stale = new ArrayList<>();
        try (Stream<Path> top = Files.list(gitDir)) {
            top.filter(p -> p.getFileName().toString().endsWith(".lock")).forEach(stale::add);
        }
        for (String folder : List.of("refs", "logs")) {
            Path dir = gitDir.resolve(folder);
            if (Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
                try (Stream<Path> all = Files.walk(dir)) {
                    all.filter(p -> p.getFileName().toString().endsWith(".lock")
                                    && Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS))
                            .forEach(stale::add);
                }
            }
        }
        Path objects = gitDir.resolve("objects");
        if (Files.isDirectory(objects, LinkOption.NOFOLLOW_LINKS)) {
            try (Stream<Path> top = Files.list(objects)) {
                // JGit writes each loose object to objects/noz*.tmp before renaming it into place
                top.filter(p -> p.getFileName().toString().startsWith("noz")
                        && p.getFileName().toString().endsWith(".tmp")).forEach(stale::add);
            }
        }
        for (Path p : stale) {
            LOG.info("removing {} left by a process that stopped while writing", p);
            Files.deleteIfExists(p);
        }
    }

    // ------------------------------------------------------------------ locking

    @FunctionalInterface
    private interface Io<T> {
        T run() throws IOException;
    }

    private <T> T reading(Io<T> body) {
        rw.readLock().lock();
        try {
            ensureOpen();
            return body.run();
        } catch (IOException e) {
            throw new BrainStoreException("reading the brain " + tree.root() + " failed: " + e.getMessage(), e);
        } finally {
            rw.readLock().unlock();
        }
    }

    private <T> T writing(Io<T> body) {
        rw.writeLock().lock();
        try {
            ensureOpen();
            return body.run();
        } catch (IOException e) {
            throw new BrainStoreException("writing the brain " + tree.root() + " failed: " + e.getMessage(), e);
        } finally {
            rw.writeLock().unlock();
        }
    }

    private void ensureOpen() {
        if (closed) {
            throw new BrainStoreException("the brain store of " + tree.root() + " is closed");
        }
    }
}
