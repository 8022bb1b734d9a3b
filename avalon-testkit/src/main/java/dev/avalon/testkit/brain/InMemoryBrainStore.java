package dev.avalon.testkit.brain;

import dev.avalon.core.port.BrainPath;
import dev.avalon.core.port.BrainStore;
import dev.avalon.core.port.BrainStoreException;
import dev.avalon.core.port.CommitInfo;
import dev.avalon.core.port.CommitRequest;
import dev.avalon.core.port.FileChange;
import dev.avalon.core.port.RestoreResult;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A {@link BrainStore} held in memory, for tests and demos. It keeps the same rules as the git brain
 * ({@code BrainStoreContract} runs against both): fake but well-formed commit SHAs (40 lower-case hex
 * characters, the SHA-1 of the commit's parent, message, time and files), a parent chain, side refs
 * for restores, commit times truncated to whole seconds as git stores them, and one open store per
 * brain.
 *
 * <p>A batch given to {@link #apply} is refused with an {@link IllegalArgumentException}, changing
 * nothing, when it names a path twice or when it would leave a path that is both a file and a folder
 * (for example {@code a} and {@code a/b}). A commit is refused the same way when the tree it would
 * record has such a path.
 *
 * <pre>{@code
 * InMemoryBrainStore store = new InMemoryBrainStore(clock);
 * store.apply(List.of(FileChange.put(BrainPath.of("notes.md"), bytes)));
 * store.close();
 * BrainStore again = store.reopen();   // the same brain, as after a restart
 * }</pre>
 *
 * Thread-safe: every method holds the brain's monitor.
 */
public final class InMemoryBrainStore implements BrainStore {

    /** Where {@link #restore} keeps the state from before the restore, as the git brain does. */
    public static final String DR_REF_PREFIX = "refs/avalon/dr/";

    private static final DateTimeFormatter ASIDE_TIME =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
    private static final Pattern TRAILER_LINE = Pattern.compile("([A-Za-z0-9][A-Za-z0-9-]*):[ \\t]*(.*)");
    private static final Pattern TRAILER_KEY = Pattern.compile("[A-Za-z0-9][A-Za-z0-9-]*");

    private final Brain brain;
    private final Clock clock;
    private boolean closed;

    /** An empty brain whose restores are timed by the system clock. */
    public InMemoryBrainStore() {
        this(Clock.systemUTC());
    }

    /**
     * An empty brain.
     *
     * @param clock times the commits that {@link #restore} makes to keep the previous state aside
     */
    public InMemoryBrainStore(Clock clock) {
        this(new Brain(), clock);
    }

    private InMemoryBrainStore(Brain brain, Clock clock) {
        this.brain = brain;
        this.clock = Objects.requireNonNull(clock, "clock");
        brain.open = true;
    }

    /**
     * A new store on this same brain, as a host sees it after a restart.
     *
     * @throws BrainStoreException while a store on this brain is still open (one writer per brain)
     */
    public InMemoryBrainStore reopen() {
        synchronized (brain) {
            if (brain.open) {
                throw new BrainStoreException("the in-memory brain is still open; close it before reopening");
            }
            return new InMemoryBrainStore(brain, clock);
        }
    }

    @Override
    public Optional<Object> stamp(BrainPath path) {
        Objects.requireNonNull(path, "path");
        synchronized (brain) {
            ensureOpen();
            // every write stores a new array, so the array a path holds identifies its content
            byte[] held = brain.work.get(path);
            return Optional.of(held == null ? Absent.ABSENT : new Held(held, null));
        }
    }

    @Override
    public Optional<Object> folderStamp(String folder) {
        Objects.requireNonNull(folder, "folder");
        synchronized (brain) {
            ensureOpen();
            // a unit of work swaps the whole map in, so the map identifies every listing
            return Optional.of(new Held(null, new Same(brain.work)));
        }
    }

    /** The array a path holds, or the map of a whole working tree; a record compares them by identity. */
    private record Held(byte[] content, Same tree) {
    }

    private enum Absent { ABSENT }

    /** Equal only to a wrapper of the very same object. */
    private static final class Same {
        private final Object ref;

        Same(Object ref) {
            this.ref = ref;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Same s && s.ref == ref;
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(ref);
        }
    }

    @Override
    public Optional<byte[]> read(BrainPath path) {
        Objects.requireNonNull(path, "path");
        synchronized (brain) {
            ensureOpen();
            return Optional.ofNullable(brain.work.get(path)).map(byte[]::clone);
        }
    }

    @Override
    public List<BrainPath> list(String folder) {
        Objects.requireNonNull(folder, "folder");
        synchronized (brain) {
            ensureOpen();
            if (folder.isEmpty()) {
                return List.copyOf(brain.work.keySet());
            }
            BrainPath under = folder(folder);
            return brain.work.keySet().stream().filter(p -> p.isUnder(under.value())).toList();
        }
    }

    @Override
    public void apply(List<FileChange> changes) {
        Objects.requireNonNull(changes, "changes");
        synchronized (brain) {
            ensureOpen();
            Set<BrainPath> seen = new HashSet<>();
            for (FileChange change : changes) {
                if (!seen.add(change.path())) {
                    throw new IllegalArgumentException("a unit of work changes " + change.path() + " more than once");
                }
            }
            TreeMap<BrainPath, byte[]> next = new TreeMap<>(brain.work);
            for (FileChange change : changes) {
                if (change instanceof FileChange.Put put) {
                    next.put(put.path(), put.content());
                } else {
                    next.remove(change.path());
                }
            }
            requireFileOrFolder(next.keySet(), "the unit of work");
            // swapped in whole, so a refused batch never leaves part of itself behind
            brain.work = next;
        }
    }

    @Override
    public Optional<CommitInfo> head() {
        synchronized (brain) {
            ensureOpen();
            return Optional.ofNullable(brain.head).map(sha -> brain.commits.get(sha).info());
        }
    }

    @Override
    public List<CommitInfo> history(BrainPath path) {
        Objects.requireNonNull(path, "path");
        synchronized (brain) {
            ensureOpen();
            List<CommitInfo> touching = new ArrayList<>();
            for (Commit c = commit(brain.head); c != null; c = commit(c.parent)) {
                Commit parent = commit(c.parent);
                Map<BrainPath, byte[]> before = parent == null ? Map.of() : under(parent.files, path);
                if (!sameFiles(before, under(c.files, path))) {
                    touching.add(c.info());
                }
            }
            return touching;
        }
    }

    @Override
    public List<CommitInfo> log(int max) {
        if (max < 0) {
            throw new IllegalArgumentException("max must not be negative: " + max);
        }
        synchronized (brain) {
            ensureOpen();
            List<CommitInfo> out = new ArrayList<>();
            for (Commit c = commit(brain.head); c != null && out.size() < max; c = commit(c.parent)) {
                out.add(c.info());
            }
            return out;
        }
    }

    @Override
    public Optional<byte[]> readAt(String sha, BrainPath path) {
        Objects.requireNonNull(path, "path");
        synchronized (brain) {
            ensureOpen();
            return Optional.ofNullable(known(sha).files.get(path)).map(byte[]::clone);
        }
    }

    @Override
    public List<BrainPath> uncommitted() {
        synchronized (brain) {
            ensureOpen();
            Map<BrainPath, byte[]> committed = brain.head == null ? Map.of() : brain.commits.get(brain.head).files;
            TreeSet<BrainPath> paths = new TreeSet<>(brain.work.keySet());
            paths.addAll(committed.keySet());
            return paths.stream().filter(p -> !Arrays.equals(brain.work.get(p), committed.get(p))).toList();
        }
    }

    @Override
    public CommitInfo commit(CommitRequest request) {
        Objects.requireNonNull(request, "request");
        requireWellFormedTrailers(request.trailers());
        synchronized (brain) {
            ensureOpen();
            TreeMap<BrainPath, byte[]> files = brain.head == null
                    ? new TreeMap<>() : new TreeMap<>(brain.commits.get(brain.head).files);
            for (BrainPath path : request.paths()) {
                byte[] content = brain.work.get(path);
                if (content == null) {
                    files.remove(path);
                } else {
                    files.put(path, content);
                }
            }
            requireFileOrFolder(files.keySet(), "the commit");
            Commit made = record(brain.head, request.message(), request.time(), files);
            brain.head = made.sha;
            return made.info();
        }
    }

    @Override
    public Map<BrainPath, String> contentHashes(String sha) {
        synchronized (brain) {
            ensureOpen();
            Map<BrainPath, String> hashes = new TreeMap<>();
            known(sha).files.forEach((path, content) -> hashes.put(path, hex(digest("SHA-256", content))));
            return Collections.unmodifiableMap(hashes);
        }
    }

    @Override
    public RestoreResult restore(String sha) {
        synchronized (brain) {
            ensureOpen();
            Commit target = known(sha);
            Instant now = clock.instant();
            Commit aside = record(brain.head, "Keep the working tree aside before restoring " + target.sha
                    + "\n\nAvalon-Restore-Of: " + target.sha + "\n", now, brain.work);
            String ref = DR_REF_PREFIX + ASIDE_TIME.format(now);
            String unique = ref;
            for (int n = 2; brain.refs.containsKey(unique) && !brain.refs.get(unique).equals(aside.sha); n++) {
                unique = ref + "-" + n;
            }
            brain.refs.put(unique, aside.sha);

            TreeSet<BrainPath> paths = new TreeSet<>(brain.work.keySet());
            paths.addAll(target.files.keySet());
            List<BrainPath> changed = paths.stream()
                    .filter(p -> !Arrays.equals(brain.work.get(p), target.files.get(p))).toList();
            brain.work = new TreeMap<>(target.files);
            return new RestoreResult(target.sha, unique, aside.sha, changed);
        }
    }

    /** The side refs made by restores so far, name to commit, sorted by name. */
    public Map<String, String> sideRefs() {
        synchronized (brain) {
            return Collections.unmodifiableMap(new TreeMap<>(brain.refs));
        }
    }

    @Override
    public void close() {
        synchronized (brain) {
            if (!closed) {
                closed = true;
                brain.open = false;
            }
        }
    }

    private void ensureOpen() {
        if (closed) {
            throw new BrainStoreException("the brain store is closed");
        }
    }

    private Commit commit(String sha) {
        return sha == null ? null : brain.commits.get(sha);
    }

    private Commit known(String sha) {
        Objects.requireNonNull(sha, "sha");
        Commit c = brain.commits.get(sha.toLowerCase(java.util.Locale.ROOT));
        if (c == null) {
            throw new IllegalArgumentException("no commit " + sha + " in the brain");
        }
        return c;
    }

    private Commit record(String parent, String message, Instant time, NavigableMap<BrainPath, byte[]> files) {
        Instant seconds = time.truncatedTo(ChronoUnit.SECONDS);
        StringBuilder id = new StringBuilder().append(parent).append('\n').append(message).append('\n')
                .append(seconds).append('\n');
        files.forEach((path, content) -> id.append(path).append(' ')
                .append(hex(digest("SHA-256", content))).append('\n'));
        String sha = hex(digest("SHA-1", id.toString().getBytes(StandardCharsets.UTF_8)));
        TreeMap<BrainPath, byte[]> copy = new TreeMap<>();
        files.forEach((path, content) -> copy.put(path, content.clone()));
        Commit made = new Commit(sha, parent, message, seconds, Collections.unmodifiableSortedMap(copy));
        brain.commits.put(sha, made);
        return made;
    }

    private static Map<BrainPath, byte[]> under(Map<BrainPath, byte[]> files, BrainPath path) {
        Map<BrainPath, byte[]> out = new TreeMap<>();
        files.forEach((p, content) -> {
            if (p.isUnder(path.value())) {
                out.put(p, content);
            }
        });
        return out;
    }

    private static boolean sameFiles(Map<BrainPath, byte[]> a, Map<BrainPath, byte[]> b) {
        if (!a.keySet().equals(b.keySet())) {
            return false;
        }
        return a.entrySet().stream().allMatch(e -> Arrays.equals(e.getValue(), b.get(e.getKey())));
    }

    /** A non-empty folder argument as a path: the same rules apply, a trailing '/' is allowed. */
    private static BrainPath folder(String folder) {
        return new BrainPath(folder.endsWith("/") ? folder.substring(0, folder.length() - 1) : folder);
    }

    /** Refuses a set of files in which one path is also the folder of another. */
    static void requireFileOrFolder(Set<BrainPath> files, String what) {
        // each file's parent folders are looked up: in sorted order 'a-b' lies between 'a' and 'a/b',
        // so comparing neighbours would miss the clash
        for (BrainPath p : files) {
            String v = p.value();
            for (int slash = v.indexOf('/'); slash > 0; slash = v.indexOf('/', slash + 1)) {
                BrainPath folder = new BrainPath(v.substring(0, slash));
                if (files.contains(folder)) {
                    throw new IllegalArgumentException(what + " would make " + folder
                            + " both a file and the folder of " + p);
                }
            }
        }
    }

    static void requireWellFormedTrailers(Map<String, String> trailers) {
        trailers.forEach((key, value) -> {
            if (!TRAILER_KEY.matcher(key).matches()) {
                throw new IllegalArgumentException("not a trailer key: '" + key + "'");
            }
            if (value.indexOf('\n') >= 0 || value.indexOf('\r') >= 0 || !value.equals(value.strip())) {
                throw new IllegalArgumentException("trailer " + key + " must be one line without surrounding spaces");
            }
        });
    }

    /** The {@code Key: value} lines of the message's last paragraph, when it has more than one. */
    static Map<String, String> trailers(String message) {
        String text = message.replace("\r\n", "\n").strip();
        int cut = text.lastIndexOf("\n\n");
        if (cut < 0) {
            // a single paragraph is the subject, never trailers
            return Map.of();
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (String line : text.substring(cut + 2).split("\n")) {
            Matcher m = TRAILER_LINE.matcher(line);
            if (!m.matches()) {
                return Map.of();
            }
            out.put(m.group(1), m.group(2).strip());
        }
        return out;
    }

    private static byte[] digest(String algorithm, byte[] bytes) {
        try {
            return MessageDigest.getInstance(algorithm).digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(algorithm + " is required of every Java runtime", e);
        }
    }

    private static String hex(byte[] bytes) {
        return java.util.HexFormat.of().formatHex(bytes);
    }

    /** The state every store opened on one in-memory brain shares. */
    private static final class Brain {
        private TreeMap<BrainPath, byte[]> work = new TreeMap<>();
        private final Map<String, Commit> commits = new HashMap<>();
        private final Map<String, String> refs = new TreeMap<>();
        private String head;
        private boolean open;
    }

    private record Commit(String sha, String parent, String message, Instant time, Map<BrainPath, byte[]> files) {
        CommitInfo info() {
            return new CommitInfo(sha, message, time, trailers(message));
        }
    }
}
