package dev.avalon.core.brain;

import dev.avalon.core.layout.BrainLayout;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.avalon.core.audit.AuditFile;
import dev.avalon.core.audit.AuditHead;
import dev.avalon.core.audit.AuditReport;
import dev.avalon.core.audit.IncrementalAuditVerifier;
import dev.avalon.core.audit.RecordedHead;
import dev.avalon.core.behaviour.BehaviourCheck;
import dev.avalon.core.governance.GovernanceStatus;
import dev.avalon.core.governance.PatchQueue;
import dev.avalon.core.json.Json;
import dev.avalon.core.port.BrainPath;
import dev.avalon.core.port.BrainReader;
import dev.avalon.core.port.BrainStore;
import dev.avalon.core.port.BrainStoreException;
import dev.avalon.core.port.CorruptFileException;
import dev.avalon.core.port.CommitInfo;
import dev.avalon.core.question.QuestionBook;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Typed reads of the brain's working tree. Writes go only through the unit of work.
 */
public final class Brain {

    private final BrainStore store;
    private final BrainReader reader;
    /** The last behaviour.avl bytes checked and their check: most actions read the same bytes again. */
    private volatile CheckedBehaviour lastBehaviour;

    /** The audit log verified before each commit; it re-reads only what was appended since. */
    private final IncrementalAuditVerifier auditVerifier = new IncrementalAuditVerifier();
    /** State files parsed, by path and type, with the bytes they were parsed from. */
    private final Map<ParsedKey, Parsed> parsed = new ConcurrentHashMap<>();
    private volatile CommittedHeads committedHeads;
    private volatile LastLine lastLine;
    private final Map<String, Listing> listings = new ConcurrentHashMap<>();
    /** The stamps asked since the brain last changed, while a dispatch runs; null otherwise. */
    private volatile Map<Object, Optional<Object>> stampsThisDispatch;

    private record FolderKey(String folder) {
    }

    private record CheckedBehaviour(byte[] bytes, BehaviourCheck check, Object stamp, String sha256) {
    }

    private record ParsedKey(BrainPath path, Class<?> type) {
    }

    /** The audit heads of the main line's commit trailers up to commit {@code sha}, oldest first. */
    private record CommittedHeads(String sha, List<AuditHead> heads) {
    }

    /** A parse and what it was parsed from: the bytes (null: the file was absent) and the store's stamp, if any. */
    private record Parsed(byte[] bytes, Object value, Object stamp) {
    }

    public Brain(BrainStore store) {
        this.store = Objects.requireNonNull(store, "store");
        this.reader = new ReadOnly(store);
    }

    /** The brain's files and history, read-only: every write goes through the unit of work. */
    public BrainReader store() {
        return reader;
    }

    /**
     * Runs {@code body} (one dispatch or tick, under the kernel's one-writer lock) asking the store
     * for each file's stamp once until the brain changes: between two writes of Avalon's own, a
     * dispatch reads one state. Outside, every read asks the store again, so an edit made behind
     * Avalon's back is seen by the next dispatch.
     */
    public <T> T duringDispatch(java.util.function.Supplier<T> body) {
        // concurrent: a host may read through avalon.brain() on another thread meanwhile
        stampsThisDispatch = new ConcurrentHashMap<>();
        try {
            return body.get();
        } finally {
            stampsThisDispatch = null;
        }
    }

    /** Tells the brain that Avalon changed it (a unit of work, a commit): stamps are asked again. */
    public void changed() {
        Map<Object, Optional<Object>> stamps = stampsThisDispatch;
        if (stamps != null) {
            stamps.clear();
        }
    }

    private Optional<Object> stampOf(BrainPath path) {
        Map<Object, Optional<Object>> stamps = stampsThisDispatch;
        return stamps == null ? store.stamp(path) : stamps.computeIfAbsent(path, p -> store.stamp(path));
    }

    private Optional<Object> folderStampOf(String folder) {
        Map<Object, Optional<Object>> stamps = stampsThisDispatch;
        return stamps == null ? store.folderStamp(folder)
                : stamps.computeIfAbsent(new FolderKey(folder), k -> store.folderStamp(folder));
    }

    /** A view that cannot be cast back to the store it reads. */
    private record ReadOnly(BrainStore store) implements BrainReader {
        @Override
        public Optional<byte[]> read(BrainPath path) {
            return store.read(path);
        }

        @Override
        public List<BrainPath> list(String folder) {
            return store.list(folder);
        }

        @Override
        public Optional<CommitInfo> head() {
            return store.head();
        }

        @Override
        public List<CommitInfo> history(BrainPath path) {
            return store.history(path);
        }

        @Override
        public List<CommitInfo> log(int max) {
            return store.log(max);
        }

        @Override
        public Optional<byte[]> readAt(String sha, BrainPath path) {
            return store.readAt(sha, path);
        }

        @Override
        public List<BrainPath> uncommitted() {
            return store.uncommitted();
        }

        @Override
        public Map<BrainPath, String> contentHashes(String sha) {
            return store.contentHashes(sha);
        }

        @Override
        public Optional<Object> stamp(BrainPath path) {
            return store.stamp(path);
        }

        @Override
        public Optional<Object> folderStamp(String folder) {
            return store.folderStamp(folder);
        }
    }

    /**
     * The working-tree files under {@code folder}, as {@link BrainReader#list}; the last listing of a
     * folder is reused while the store vouches that the folder is unchanged.
     */
    public List<BrainPath> list(String folder) {
        Optional<Object> stamp = folderStampOf(folder);
        Listing known = listings.get(folder);
        if (known != null && stamp.isPresent() && stamp.get().equals(known.stamp())) {
            return known.paths();
        }
        List<BrainPath> paths = List.copyOf(store.list(folder));
        stamp.ifPresent(s -> listings.put(folder, new Listing(paths, s)));
        return paths;
    }

    private record Listing(List<BrainPath> paths, Object stamp) {
    }

    public Optional<byte[]> read(BrainPath path) {
        return store.read(path);
    }

    /** A JSON state file Avalon wrote itself; a file that is not JSON is a storage failure. */
    public Optional<JsonNode> readJson(BrainPath path) {
        Optional<byte[]> bytes = store.read(path);
        if (bytes.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(parseJson(path, bytes.get()));
    }

    private static JsonNode parseJson(BrainPath path, byte[] bytes) {
        try {
            return Json.parse(bytes);
        } catch (JsonProcessingException e) {
            throw new CorruptFileException(path, "is not valid JSON: " + e.getOriginalMessage(), e);
        }
    }

    /**
     * A JSON state file parsed by {@code parser} into an immutable {@code type}. Requests read the same
     * few state files again and again while they rarely change, so the last parse of each is reused
     * for as long as the file holds the same bytes.
     */
    public <T> Optional<T> readParsed(BrainPath path, Class<T> type, Function<JsonNode, T> parser) {
        ParsedKey key = new ParsedKey(path, type);
        Parsed last = parsed.get(key);
        Optional<Object> stamp = stampOf(path);
        if (last != null && stamp.isPresent() && stamp.get().equals(last.stamp())) {
            // the store vouches that the file is as it was when it was parsed: no read at all
            return Optional.ofNullable(type.cast(last.value()));
        }
        Optional<byte[]> bytes = store.read(path);
        if (bytes.isEmpty()) {
            parsed.put(key, new Parsed(null, null, stamp.orElse(null)));
            return Optional.empty();
        }
        if (last != null && last.bytes() != null && Arrays.equals(last.bytes(), bytes.get())) {
            parsed.put(key, new Parsed(last.bytes(), last.value(), stamp.orElse(null)));
            return Optional.of(type.cast(last.value()));
        }
        T value = parseAs(path, parseJson(path, bytes.get()), parser);
        parsed.put(key, new Parsed(bytes.get(), value, stamp.orElse(null)));
        return Optional.of(value);
    }

    /**
     * {@code node}, read from {@code path}, parsed by {@code parser}; a document the parser cannot take
     * is a corrupt file, not a failure of the machinery.
     */
    public static <T> T parseAs(BrainPath path, JsonNode node, Function<JsonNode, T> parser) {
        try {
            return parser.apply(node);
        } catch (dev.avalon.core.base.AvalonException | dev.avalon.core.base.Refusal e) {
            throw e;
        } catch (RuntimeException e) {
            throw new CorruptFileException(path, "does not hold the document it must: " + e.getMessage(), e);
        }
    }

    /**
     * Records that {@code path} now holds {@code bytes}, which parse to {@code value}, for the writer
     * of a state file that has the parsed value at hand. A later read still compares the bytes, so a
     * failed or different write costs one parse, never a stale value.
     */
    public <T> void rememberParsed(BrainPath path, Class<T> type, byte[] bytes, T value) {
        parsed.put(new ParsedKey(path, type), new Parsed(bytes.clone(), Objects.requireNonNull(value, "value"), null));
    }

    /**
     * The audit log verified against the heads recorded in commits and the working tree, as
     * {@link dev.avalon.core.audit.AuditVerifier#verify(List, List)} does, re-reading only the lines
     * appended since the last clean verification.
     */
    public AuditReport verifyAudit() {
        return auditVerifier.verify(auditFiles(), recordedAuditHeads());
    }

    public BehaviourCheck behaviour() {
        CheckedBehaviour last = lastBehaviour;
        Optional<Object> stamp = stampOf(BrainLayout.BEHAVIOUR);
        if (last != null && stamp.isPresent() && stamp.get().equals(last.stamp())) {
            return last.check();
        }
        Optional<byte[]> bytes = store.read(BrainLayout.BEHAVIOUR);
        if (bytes.isEmpty()) {
            return BehaviourCheck.of(Json.nodes().missingNode());
        }
        if (last != null && Arrays.equals(last.bytes(), bytes.get())) {
            lastBehaviour = new CheckedBehaviour(last.bytes(), last.check(), stamp.orElse(null), last.sha256());
            return last.check();
        }
        BehaviourCheck check = BehaviourCheck.of(bytes.get());
        lastBehaviour = new CheckedBehaviour(bytes.get(), check, stamp.orElse(null),
                dev.avalon.core.json.CanonicalJson.sha256Hex(bytes.get()));
        return check;
    }

    /**
     * The sha256 of behaviour.avl's bytes as they are on disk (not of a re-serialised document), empty
     * when the file is missing; cached with {@link #behaviour()}.
     */
    public Optional<String> behaviourSha256() {
        CheckedBehaviour last = lastBehaviour;
        Optional<Object> stamp = stampOf(BrainLayout.BEHAVIOUR);
        if (last != null && stamp.isPresent() && stamp.get().equals(last.stamp())) {
            return Optional.of(last.sha256());
        }
        Optional<byte[]> bytes = store.read(BrainLayout.BEHAVIOUR);
        if (bytes.isEmpty()) {
            return Optional.empty();
        }
        if (last != null && Arrays.equals(last.bytes(), bytes.get())) {
            return Optional.of(last.sha256());
        }
        return Optional.of(dev.avalon.core.json.CanonicalJson.sha256Hex(bytes.get()));
    }

    public QuestionBook questions() {
        return readParsed(BrainLayout.QUESTIONS, QuestionBook.class, QuestionBook::fromJson).orElse(QuestionBook.EMPTY);
    }

    public GovernanceStatus governance(Instant fallback) {
        return readParsed(BrainLayout.GOVERNANCE, GovernanceStatus.class, GovernanceStatus::fromJson)
                .orElse(GovernanceStatus.initial(fallback));
    }

    public PatchQueue patchQueue() {
        return readParsed(BrainLayout.PATCH_QUEUE, PatchQueue.class, PatchQueue::fromJson).orElse(PatchQueue.EMPTY);
    }

    /** The head of the audit chain as recorded in the working tree; GENESIS for a new brain. */
    public AuditHead auditHead() {
        return recordedHead().head();
    }

    /**
     * The working tree's record of the audit head, the last commit Avalon made, behaviour.avl's hash
     * and the seal ({@code state/audit-head.json}); a new brain's holds the genesis head only.
     */
    public RecordedHead recordedHead() {
        return readParsed(BrainLayout.AUDIT_HEAD, RecordedHead.class, RecordedHead::fromJson)
                .orElse(RecordedHead.of(AuditHead.GENESIS));
    }

    /**
     * The hash of the first audit entry, the brain's id, if the first line of the oldest audit file
     * can be read.
     */
    public Optional<String> firstAuditHash() {
        Optional<BrainPath> oldest = list(BrainLayout.AUDIT_FOLDER).stream()
                .filter(p -> p.value().endsWith(".jsonl"))
                .min(java.util.Comparator.comparing(BrainPath::value));
        if (oldest.isEmpty()) {
            return Optional.empty();
        }
        byte[] bytes = store.read(oldest.get()).orElse(new byte[0]);
        int end = 0;
        while (end < bytes.length && bytes[end] != '\n') {
            end++;
        }
        try {
            JsonNode first = Json.parse(new String(bytes, 0, end, java.nio.charset.StandardCharsets.UTF_8));
            JsonNode hash = first.get("hash");
            return hash != null && hash.isTextual() ? Optional.of(hash.textValue()) : Optional.empty();
        } catch (JsonProcessingException | RuntimeException e) {
            return Optional.empty();
        }
    }

    public List<AuditFile> auditFiles() {
        List<AuditFile> files = new ArrayList<>();
        for (BrainPath path : list(BrainLayout.AUDIT_FOLDER)) {
            if (path.value().endsWith(".jsonl")) {
                files.add(new AuditFile(path, store.read(path).orElse(new byte[0])));
            }
        }
        return files;
    }

    /**
     * The last line of the newest audit file, without its newline, if there is one. Only this line
     * matters to the health probe, and the file grows all year: it is read again only when the store
     * cannot vouch that the file is unchanged.
     */
    public Optional<String> lastAuditLine() {
        Optional<BrainPath> newest = list(BrainLayout.AUDIT_FOLDER).stream()
                .filter(p -> p.value().endsWith(".jsonl"))
                .max(java.util.Comparator.comparing(BrainPath::value));
        if (newest.isEmpty()) {
            return Optional.empty();
        }
        Optional<Object> stamp = stampOf(newest.get());
        LastLine known = lastLine;
        if (known != null && known.path().equals(newest.get()) && stamp.isPresent() && stamp.get().equals(known.stamp())) {
            return Optional.of(known.line());
        }
        Optional<byte[]> read = store.read(newest.get());
        if (read.isEmpty()) {
            return Optional.empty();
        }
        byte[] bytes = read.get();
        int end = bytes.length > 0 && bytes[bytes.length - 1] == '\n' ? bytes.length - 1 : bytes.length;
        int start = end;
        while (start > 0 && bytes[start - 1] != '\n') {
            start--;
        }
        String line = new String(bytes, start, end - start, java.nio.charset.StandardCharsets.UTF_8);
        lastLine = new LastLine(newest.get(), line, stamp.orElse(null));
        return Optional.of(line);
    }

    private record LastLine(BrainPath path, String line, Object stamp) {
    }

    /** The bytes of the newest {@code audit/*.jsonl} (the last in path order), if there is one. */
    public Optional<byte[]> lastAuditFile() {
        return list(BrainLayout.AUDIT_FOLDER).stream()
                .filter(p -> p.value().endsWith(".jsonl"))
                .max(java.util.Comparator.comparing(BrainPath::value))
                .flatMap(store::read);
    }

    /** Every audit head recorded in a commit trailer, oldest first, plus the working tree's. */
    public List<AuditHead> recordedAuditHeads() {
        List<AuditHead> heads = new ArrayList<>(committedAuditHeads());
        AuditHead working = auditHead();
        if (working.seq() > 0) {
            heads.add(working);
        }
        return heads;
    }

    /**
     * The heads in the trailers of the main line's commits, oldest first. Every commit is preceded by
     * a verification that needs them, so they are kept with the commit they were read up to, and only
     * commits made since are read; a main line that no longer holds that commit is read whole.
     */
    private List<AuditHead> committedAuditHeads() {
        Optional<CommitInfo> head = store.head();
        if (head.isEmpty()) {
            return List.of();
        }
        CommittedHeads known = committedHeads;
        if (known != null && known.sha().equals(head.get().sha())) {
            return known.heads();
        }
        List<CommitInfo> newer = null;
        if (known != null) {
            int limit = 16;
            while (newer == null) {
                List<CommitInfo> log = store.log(limit);
                int at = indexOf(log, known.sha());
                if (at >= 0) {
                    newer = log.subList(0, at);
                } else if (log.size() < limit || limit == Integer.MAX_VALUE) {
                    break;
                } else {
                    limit = limit > Integer.MAX_VALUE / 4 ? Integer.MAX_VALUE : limit * 4;
                }
            }
        }
        List<AuditHead> heads = new ArrayList<>(newer == null ? List.of() : known.heads());
        List<CommitInfo> toRead = newer == null ? store.log(Integer.MAX_VALUE) : newer;
        for (int i = toRead.size() - 1; i >= 0; i--) {
            String trailer = toRead.get(i).trailers().get(BrainLayout.AUDIT_HEAD_TRAILER);
            if (trailer != null) {
                heads.add(AuditHead.parse(trailer));
            }
        }
        List<AuditHead> result = List.copyOf(heads);
        committedHeads = new CommittedHeads(head.get().sha(), result);
        return result;
    }

    private static int indexOf(List<CommitInfo> log, String sha) {
        for (int i = 0; i < log.size(); i++) {
            if (log.get(i).sha().equals(sha)) {
                return i;
            }
        }
        return -1;
    }
}
