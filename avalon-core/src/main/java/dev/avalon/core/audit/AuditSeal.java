package dev.avalon.core.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.avalon.core.json.Json;
import dev.avalon.core.port.BrainPath;

import java.io.ByteArrayOutputStream;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The entry that seals a broken audit chain: it records every problem {@link AuditVerifier} finds, with
 * the evidence that pins it down, so that the chain can go on while the damaged lines stay where they
 * are. The verifier accepts exactly what a seal records and nothing else (see its "Sealed breaks").
 *
 * <p>The entry's {@code data.breaks} lists, in the verifier's order:
 * <ul>
 *   <li>each problem of a line or a file: {@code file}, {@code line}, {@code problem} and
 *       {@code sha256}, the hash of the line's raw bytes (of the whole file for line 0);</li>
 *   <li>each recorded head the chain does not bear out (a commit's {@code Avalon-Audit-Head} trailer or
 *       {@code state/audit-head.json}): {@code file}, {@code line}, {@code problem}, {@code seq},
 *       {@code recorded} (the hash recorded) and {@code found} (the hash at that seq now, or null);</li>
 *   <li>when the log does not end at the head Avalon last wrote, the gap the seal bridges:
 *       {@code file} {@code audit}, {@code line} 0, {@code problem}, {@code expectedSeq} and
 *       {@code expectedPrev} (what the walk expects next; null after an unreadable line),
 *       {@code recordedSeq}/{@code recordedHash} (the head the seal chains onto instead), and for a
 *       truncated tail {@code missingFrom}/{@code missingTo}, the seqs that are gone.</li>
 * </ul>
 *
 * <p>Its data may also name commits whose only record was among the damaged lines: {@code commitSHA},
 * the last commit Avalon made as the record of the head names it, and {@code commits}, the older ones
 * the evidence still shows to be Avalon's ({@link LostCommitRecords}). The verifier does not read them;
 * the evidence of history counts them as recorded.
 *
 * <pre>{@code
 * List<AuditFile> files = AuditSeal.ended(brain.auditFiles());     // a cut last line ended first
 * Optional<AuditSeal> seal = AuditSeal.of(files, brain.recordedAuditHeads(), brain.auditHead());
 * seal.ifPresent(s -> out.audit(s.record("user", traceId, Json.object())));   // first of its unit
 * }</pre>
 *
 * <p>The seal must be the first entry written after the recorded head, which is what the unit of work
 * does with an entry of {@link #TYPE}.
 */
public final class AuditSeal {

    /** The audit entry type of a seal. */
    public static final String TYPE = "dr.audit_sealed";

    private final List<AuditFile> files;
    private final List<AuditHead> expectedHeads;
    private final AuditHead recorded;
    private final ArrayNode breaks;
    private final List<AuditProblem> problems;

    private AuditSeal(List<AuditFile> files, List<AuditHead> expectedHeads, AuditHead recorded, ArrayNode breaks,
                      List<AuditProblem> problems) {
        this.files = files;
        this.expectedHeads = expectedHeads;
        this.recorded = recorded;
        this.breaks = breaks;
        this.problems = problems;
    }

    /**
     * The seal for the log in {@code files}, checked against {@code expectedHeads}, to be chained onto
     * {@code recorded} (the head Avalon last wrote); empty when there is nothing to seal.
     * {@code files} must end with a newline each ({@link #ended}), or the seal would be joined to a cut line.
     */
    public static Optional<AuditSeal> of(List<AuditFile> files, List<AuditHead> expectedHeads, AuditHead recorded) {
        Objects.requireNonNull(expectedHeads, "expectedHeads");
        Objects.requireNonNull(recorded, "recorded");
        List<AuditFile> sorted = AuditVerifier.Walk.sorted(files);
        AuditVerifier.Walk walk = new AuditVerifier.Walk(null);
        sorted.forEach(walk::file);
        ArrayNode breaks = Json.nodes().arrayNode();
        List<AuditProblem> problems = new ArrayList<>();
        for (AuditVerifier.Found f : walk.found()) {
            if (f.sha256() == null) {
                continue;
            }
            breaks.add(base(f.problem()).put("sha256", f.sha256()));
            problems.add(f.problem());
        }
        for (AuditVerifier.Anchor a : walk.anchors(expectedHeads)) {
            ObjectNode b = base(a.problem()).put("seq", a.recorded().seq()).put("recorded", a.recorded().hash());
            if (a.found() == null) {
                b.putNull("found");
            } else {
                b.put("found", a.found());
            }
            breaks.add(b);
            problems.add(a.problem());
        }
        long expectedSeq = walk.expectedSeq();
        String expectedPrev = walk.previousHash();
        boolean inLine = expectedSeq == recorded.seq() + 1
                && (expectedPrev == null || expectedPrev.equals(recorded.hash()));
        if (!inLine) {
            String text = "the log goes on at seq " + expectedSeq + (expectedPrev == null ? " after an unreadable line"
                    : " after hash " + expectedPrev) + " but Avalon last wrote head " + recorded
                    + (recorded.seq() >= expectedSeq ? ": entries " + expectedSeq + " to " + recorded.seq()
                    + " are missing" : "") + "; the seal goes on from " + recorded;
            AuditProblem gap = new AuditProblem(AuditVerifier.CHAIN, 0, text);
            ObjectNode b = base(gap).put("expectedSeq", expectedSeq);
            if (expectedPrev == null) {
                b.putNull("expectedPrev");
            } else {
                b.put("expectedPrev", expectedPrev);
            }
            b.put("recordedSeq", recorded.seq()).put("recordedHash", recorded.hash());
            if (recorded.seq() >= expectedSeq) {
                b.put("missingFrom", expectedSeq).put("missingTo", recorded.seq());
            }
            breaks.add(b);
            problems.add(gap);
        }
        if (problems.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new AuditSeal(sorted, List.copyOf(expectedHeads), recorded, breaks, List.copyOf(problems)));
    }

    /**
     * The files of {@code files} that do not end with a newline, each with one appended: a line cut off
     * stays as it is, and what is written after it starts a line of its own.
     */
    public static List<AuditFile> ended(List<AuditFile> files) {
        List<AuditFile> ended = new ArrayList<>();
        for (AuditFile f : files) {
            byte[] bytes = f.content();
            if (bytes.length > 0 && bytes[bytes.length - 1] != '\n') {
                ByteArrayOutputStream out = new ByteArrayOutputStream(bytes.length + 1);
                out.writeBytes(bytes);
                out.write('\n');
                ended.add(new AuditFile(f.path(), out.toByteArray()));
            }
        }
        return ended;
    }

    /** Every problem this seal records, the gap it bridges included. */
    public List<AuditProblem> problems() {
        return problems;
    }

    /** The damaged files it names, in path order. */
    public List<String> files() {
        Set<String> named = new TreeSet<>();
        problems.stream().map(AuditProblem::file).filter(f -> !f.equals(AuditVerifier.CHAIN)).forEach(named::add);
        return List.copyOf(named);
    }

    /** The audit record of the seal: {@code details} with {@code breaks} added. */
    public AuditRecord record(String actor, String traceId, ObjectNode details) {
        ObjectNode data = details.deepCopy();
        data.set("breaks", breaks.deepCopy());
        return new AuditRecord(TYPE, actor, traceId, data);
    }

    /**
     * The verifier's report on the log with {@code record} appended as the unit of work appends it
     * (details scrubbed, chained onto the recorded head, at {@code ts} in the year file for {@code zone}),
     * checked against the expected heads and the seal's own head: intact when the seal covers every problem.
     */
    public AuditReport verifyAfter(AuditRecord record, Instant ts, ZoneId zone) {
        AuditRecord scrubbed = new AuditRecord(record.type(), record.actor(), record.traceId(),
                AuditScrubber.scrub(record.data()));
        AuditEntry entry = AuditChain.next(recorded, ts, scrubbed);
        BrainPath into = AuditChain.fileFor(ts, zone);
        List<AuditFile> after = new ArrayList<>();
        boolean appended = false;
        for (AuditFile f : files) {
            if (f.path().equals(into)) {
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                out.writeBytes(f.content());
                out.writeBytes(entry.line());
                after.add(new AuditFile(into, out.toByteArray()));
                appended = true;
            } else {
                after.add(f);
            }
        }
        if (!appended) {
            after.add(new AuditFile(into, entry.line()));
        }
        List<AuditHead> heads = new ArrayList<>(expectedHeads);
        heads.add(entry.head());
        return AuditVerifier.verify(after, heads);
    }

    private static ObjectNode base(AuditProblem p) {
        ObjectNode b = Json.object();
        b.put("file", p.file());
        b.put("line", p.line());
        b.put("problem", p.problem());
        return b;
    }

    /** A problem of a line (or of a whole file, line 0) as a seal records it. */
    record LineBreak(String file, int line, String sha256) {
    }

    /** A recorded head the chain did not bear out; {@code found} is null when no readable entry had its seq. */
    record AnchorBreak(long seq, String recorded, String found) {
    }

    /**
     * What a seal's data says, as the verifier needs it.
     *
     * @param gap the walk's expectation the seal bridges, or null when it chains on as usual
     */
    record Contents(Set<LineBreak> lines, Set<AnchorBreak> anchors, Gap gap) {

        /**
         * Whether {@code seal} may stand where the walk expects {@code seq} after {@code prev}: that is the
         * gap it recorded, and it chains onto the head it recorded.
         */
        boolean bridges(long seq, String prev, AuditEntry seal) {
            return gap != null && gap.expectedSeq() == seq && Objects.equals(gap.expectedPrev(), prev)
                    && seal.seq() == gap.recorded().seq() + 1 && seal.prev().equals(gap.recorded().hash());
        }
    }

    /** The walk's expectation where the seal stands, and the head the seal chains onto instead. */
    record Gap(long expectedSeq, String expectedPrev, AuditHead recorded) {
    }

    /** The contents of a seal's data; null when it is not a seal's data (then it seals nothing). */
    static Contents read(JsonNode data) {
        JsonNode breaks = data == null ? null : data.get("breaks");
        if (breaks == null || !breaks.isArray()) {
            return null;
        }
        Set<LineBreak> lines = new HashSet<>();
        Set<AnchorBreak> anchors = new HashSet<>();
        Gap gap = null;
        for (JsonNode b : breaks) {
            if (b.path("sha256").isTextual() && b.path("file").isTextual() && b.path("line").isIntegralNumber()) {
                lines.add(new LineBreak(b.get("file").textValue(), b.get("line").intValue(), b.get("sha256").textValue()));
            } else if (b.path("recorded").isTextual() && b.path("seq").isIntegralNumber() && b.has("found")) {
                anchors.add(new AnchorBreak(b.get("seq").longValue(), b.get("recorded").textValue(),
                        b.get("found").isTextual() ? b.get("found").textValue() : null));
            } else if (b.path("expectedSeq").isIntegralNumber() && b.has("expectedPrev")
                    && b.path("recordedSeq").isIntegralNumber() && b.path("recordedHash").isTextual()
                    && AuditHead.isHex64(b.get("recordedHash").textValue()) && b.get("recordedSeq").longValue() > 0) {
                gap = new Gap(b.get("expectedSeq").longValue(),
                        b.get("expectedPrev").isTextual() ? b.get("expectedPrev").textValue() : null,
                        new AuditHead(b.get("recordedSeq").longValue(), b.get("recordedHash").textValue()));
            } else {
                return null;
            }
        }
        return new Contents(Set.copyOf(lines), Set.copyOf(anchors), gap);
    }
}
