package dev.avalon.core.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.avalon.core.json.Json;
import dev.avalon.core.layout.BrainLayout;

import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The commits Avalon made whose only record in the audit log was in a line a seal records as damaged,
 * and that the evidence left still shows to be Avalon's. A seal vouches for them ({@link AuditSeal}'s
 * {@code commits}), so that losing one line does not leave the brain in DR for good.
 *
 * <p>Avalon records a commit in the first entry it writes after it (its follow-up), so that record has
 * the seq right after the head the commit's {@code Avalon-Audit-Head} trailer names. A commit not recorded
 * by any readable line is vouched for only when all of this holds:
 * <ul>
 *   <li>it lies on the branch before a later commit Avalon made: one a readable line records, or the last
 *       one the record of the head names. A commit added on top of the branch has no such successor, and
 *       one put in between would have changed the sha of every later commit, whose records would then
 *       not match;</li>
 *   <li>it carries Avalon's trailers: a well-formed {@code Avalon-Audit-Head}, an {@code Avalon-Consent},
 *       and, where behaviour.avl differs from its parent's, the {@code Avalon-Behaviour-Version} of the
 *       version it holds;</li>
 *   <li>the seq after its trailer's head lies in a damaged range: a run of lines the seal records as
 *       damaged, between two sound entries (or after the last one, up to the head Avalon last wrote, as
 *       when the tail was cut off).
 *       The trailer's head itself is a sound entry with the same hash, or lies in that range too. A
 *       sound line at the seq after it (which does not record the commit) rules it out;</li>
 *   <li>no other commit of the branch names the same head (only one record can stand after it) or the
 *       same consent (a JA makes one commit): trailers copied from one of Avalon's commits rule both out;</li>
 *   <li>its successor on the branch names a later head: the record was written before the next commit.</li>
 * </ul>
 * Everything else stays "not made by Avalon": a commit without the trailers, one whose record would stand
 * at a readable line, or whose trailer points outside the damaged ranges.
 */
public final class LostCommitRecords {

    /** The entries that record a commit as Avalon's, in {@code data.commitSHA}. */
    private static final Set<String> RECORDS = Set.of("commit.recorded", "brain.restored", AuditSeal.TYPE);

    /**
     * A commit of the branch as the evidence needs it.
     *
     * @param sha               the commit
     * @param trailers          its trailers
     * @param behaviourChanged  whether its behaviour.avl differs from its parent's
     * @param behaviourVersion  the version of the behaviour.avl it holds, or null when it holds none that reads
     */
    public record Commit(String sha, Map<String, String> trailers, boolean behaviourChanged, String behaviourVersion) {
        public Commit {
            Objects.requireNonNull(sha, "sha");
            trailers = Map.copyOf(trailers);
        }
    }

    /**
     * A commit a seal vouches for.
     *
     * @param sha    the commit
     * @param seq    the seq its record had: the one after the head its trailer names
     * @param reason why the evidence shows it was Avalon's, in a sentence
     */
    public record Vouched(String sha, long seq, String reason) {
    }

    /** The field of a seal's data that lists the commits it vouches for. */
    public static final String SEAL_FIELD = "commits";

    private LostCommitRecords() {
    }

    /**
     * The commits of {@code branch} (oldest first) a seal over {@code files} vouches for, oldest first.
     *
     * @param files      the log as it will be sealed (a cut last line already ended)
     * @param recorded   the head Avalon last wrote, where the seal chains on
     * @param lastCommit the last commit Avalon made, as the record of the head names it; or null
     */
    public static List<Vouched> of(List<AuditFile> files, List<Commit> branch, AuditHead recorded, String lastCommit) {
        Objects.requireNonNull(branch, "branch");
        Objects.requireNonNull(recorded, "recorded");
        Log log = Log.read(files, recorded);
        Map<String, Integer> headUse = new HashMap<>();
        Map<String, Integer> consentUse = new HashMap<>();
        for (Commit c : branch) {
            trailerHead(c).ifPresent(h -> headUse.merge(h.toString(), 1, Integer::sum));
            String consent = c.trailers().get(BrainLayout.CONSENT_TRAILER);
            if (consent != null) {
                consentUse.merge(consent, 1, Integer::sum);
            }
        }
        int lastAvalon = -1;
        for (int i = 0; i < branch.size(); i++) {
            String sha = branch.get(i).sha();
            if (log.recorded.contains(sha) || sha.equals(lastCommit)) {
                lastAvalon = i;
            }
        }
        List<Vouched> vouched = new ArrayList<>();
        for (int i = 0; i < lastAvalon; i++) {
            Commit c = branch.get(i);
            if (log.recorded.contains(c.sha()) || c.sha().equals(lastCommit)) {
                continue;
            }
            Optional<AuditHead> head = trailerHead(c);
            if (head.isEmpty() || !hasAvalonTrailers(c) || headUse.get(head.get().toString()) != 1
                    || consentUse.get(c.trailers().get(BrainLayout.CONSENT_TRAILER)) != 1) {
                continue;
            }
            AuditHead h = head.get();
            long seq = h.seq() + 1;
            Optional<Range> range = log.damagedRangeOf(seq);
            if (range.isEmpty() || !log.bearsOut(h, range.get())) {
                continue;
            }
            Optional<AuditHead> next = trailerHead(branch.get(i + 1));
            if (next.isEmpty() || next.get().seq() < seq) {
                continue;
            }
            vouched.add(new Vouched(c.sha(), seq, "its record, the entry after audit head seq " + h.seq()
                    + " its " + BrainLayout.AUDIT_HEAD_TRAILER + " trailer names, was among the damaged entries "
                    + range.get() + "; it carries Avalon's trailers and lies on the branch before commit "
                    + branch.get(i + 1).sha()));
        }
        return List.copyOf(vouched);
    }

    /**
     * The seal data's {@code commits}: one object per commit vouched for, {@code commitSHA}, {@code seq}
     * and {@code reason}.
     */
    public static ArrayNode toJson(List<Vouched> vouched) {
        ArrayNode array = Json.nodes().arrayNode();
        vouched.forEach(v -> array.addObject().put("commitSHA", v.sha()).put("seq", v.seq()).put("reason", v.reason()));
        return array;
    }

    /** The commits the data of a {@code dr.audit_sealed} entry vouches for; none when it names none. */
    public static List<Vouched> in(JsonNode sealData) {
        JsonNode commits = sealData == null ? null : sealData.get(SEAL_FIELD);
        if (commits == null || !commits.isArray()) {
            return List.of();
        }
        List<Vouched> vouched = new ArrayList<>();
        for (JsonNode c : commits) {
            if (c.path("commitSHA").isTextual() && c.path("seq").isIntegralNumber()) {
                vouched.add(new Vouched(c.get("commitSHA").textValue(), c.get("seq").longValue(),
                        c.path("reason").asText("")));
            }
        }
        return List.copyOf(vouched);
    }

    private static Optional<AuditHead> trailerHead(Commit c) {
        String t = c.trailers().get(BrainLayout.AUDIT_HEAD_TRAILER);
        if (t == null) {
            return Optional.empty();
        }
        try {
            AuditHead h = AuditHead.parse(t);
            return h.isGenesis() ? Optional.empty() : Optional.of(h);
        } catch (IllegalArgumentException e) {
            // a malformed trailer is not Avalon's
            return Optional.empty();
        }
    }

    private static boolean hasAvalonTrailers(Commit c) {
        String consent = c.trailers().get(BrainLayout.CONSENT_TRAILER);
        if (consent == null || consent.isBlank()) {
            return false;
        }
        return !c.behaviourChanged() || c.behaviourVersion() != null
                && c.behaviourVersion().equals(c.trailers().get(BrainLayout.VERSION_TRAILER));
    }

    /** Seqs {@code from} to {@code to}, the entries a run of damaged lines stood for. */
    record Range(long from, long to) {
        boolean contains(long seq) {
            return seq >= from && seq <= to;
        }

        @Override
        public String toString() {
            return "seq " + from + (to == from ? "" : " to " + to);
        }
    }

    /** What the log shows: its sound entries by seq, the damaged ranges, and the commits readable lines record. */
    private record Log(Map<Long, String> sound, List<Range> damaged, Set<String> recorded) {

        static Log read(List<AuditFile> files, AuditHead recorded) {
            List<AuditFile> sorted = AuditVerifier.Walk.sorted(files);
            AuditVerifier.Walk walk = new AuditVerifier.Walk(null);
            sorted.forEach(walk::file);
            Set<String> problemLines = new HashSet<>();
            for (AuditVerifier.Found f : walk.found()) {
                if (f.sha256() != null && f.problem().line() > 0) {
                    problemLines.add(f.problem().file() + ":" + f.problem().line());
                }
            }
            Map<Long, String> sound = new HashMap<>();
            List<Range> damaged = new ArrayList<>();
            Set<String> commits = new TreeSet<>();
            long lastSound = 0;
            // null: no damaged run open; true: every line of it is one this seal records
            Boolean run = null;
            for (AuditFile file : sorted) {
                List<byte[]> lines = AuditVerifier.Walk.split(file.content(), 0);
                for (int i = 0; i < lines.size(); i++) {
                    Optional<AuditEntry> entry = entry(lines.get(i));
                    entry.ifPresent(e -> recordedBy(e, commits));
                    boolean problem = problemLines.contains(file.path().value() + ":" + (i + 1));
                    if (entry.isPresent() && !problem) {
                        long seq = entry.get().seq();
                        if (Boolean.TRUE.equals(run) && seq > lastSound + 1) {
                            damaged.add(new Range(lastSound + 1, seq - 1));
                        }
                        run = null;
                        sound.put(seq, entry.get().hash());
                        lastSound = seq;
                    } else {
                        // a line sealed before (not a problem now) breaks the run: this seal does not record it
                        run = (run == null || run) && problem;
                    }
                }
            }
            // damaged last lines, or a tail cut off: the seal bridges the gap up to the head Avalon last wrote
            if (!Boolean.FALSE.equals(run) && recorded.seq() > lastSound) {
                damaged.add(new Range(lastSound + 1, recorded.seq()));
            }
            return new Log(sound, List.copyOf(damaged), commits);
        }

        Optional<Range> damagedRangeOf(long seq) {
            if (sound.containsKey(seq)) {
                return Optional.empty();
            }
            return damaged.stream().filter(r -> r.contains(seq)).findFirst();
        }

        /** Whether {@code head} is a sound entry with its hash, or stands in {@code range} itself. */
        boolean bearsOut(AuditHead head, Range range) {
            String hash = sound.get(head.seq());
            return hash != null ? hash.equals(head.hash()) : range.contains(head.seq());
        }

        private static void recordedBy(AuditEntry e, Set<String> commits) {
            if (RECORDS.contains(e.type()) && e.data().path("commitSHA").isTextual()) {
                commits.add(e.data().path("commitSHA").textValue());
            }
            if (AuditSeal.TYPE.equals(e.type())) {
                in(e.data()).forEach(v -> commits.add(v.sha()));
            }
        }

        private static Optional<AuditEntry> entry(byte[] raw) {
            try {
                String text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(raw)).toString();
                if (text.isBlank()) {
                    return Optional.empty();
                }
                JsonNode node = Json.parse(text);
                return AuditEntry.shapeProblems(node).isEmpty() ? Optional.of(AuditEntry.fromShapedJson(node))
                        : Optional.empty();
            } catch (CharacterCodingException | JsonProcessingException e) {
                // an unreadable line is one of the damaged ones
                return Optional.empty();
            }
        }
    }
}
