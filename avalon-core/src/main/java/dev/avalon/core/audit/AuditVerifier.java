package dev.avalon.core.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.avalon.core.json.CanonicalJson;
import dev.avalon.core.json.Json;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks that the audit log in the brain is the log that was written, and reports every problem
 * it finds with its file and line rather than stopping at the first.
 *
 * <pre>{@code
 * AuditReport report = AuditVerifier.verify(brain.auditFiles(), brain.recordedAuditHeads());
 * if (!report.intact()) {
 *     report.problems().forEach(p -> log.warn("{}", p));   // audit/2026.jsonl:17: hash does not match …
 * }
 * }</pre>
 *
 * <h2>Inputs</h2>
 * <ul>
 *   <li>{@code files}: every {@code audit/*.jsonl} of the brain, in any order; they are read in path
 *       order, which for {@code audit/<yyyy>.jsonl} is chronological, and the chain runs on from one
 *       year file into the next.</li>
 *   <li>{@code expectedHeads}: the {@link AuditHead}s recorded outside the log: the
 *       {@code Avalon-Audit-Head} trailer of each commit and the working tree's
 *       {@code state/audit-head.json}. The chain alone can only prove that it is internally
 *       consistent; these anchors prove that it is still the chain that was committed.</li>
 * </ul>
 *
 * <h2>Checks, and what each one detects</h2>
 * <dl>
 *   <dt>File name is {@code audit/<yyyy>.jsonl}</dt>
 *   <dd>a stray or renamed file, whose entries could not be placed in a year.</dd>
 *   <dt>File is not empty and ends with {@code \n}</dt>
 *   <dd>a file emptied or cut off in the middle of a line (a crashed or hostile partial write).</dd>
 *   <dt>No blank lines</dt>
 *   <dd>lines that were blanked out rather than deleted, and edits by hand; the writer never
 *       produces them. The final newline does not count as a blank line.</dd>
 *   <dt>Each line is valid UTF-8 (strict decoder: malformed and unmappable input are errors)</dt>
 *   <dd>byte-level corruption that a lenient decoder would silently turn into U+FFFD.</dd>
 *   <dt>Each line is one JSON object with exactly the fields {@code actor, data, hash, prev, seq,
 *       traceId, ts, type}, each of the right type</dt>
 *   <dd>a damaged line, a line from another format, fields added or removed by hand.</dd>
 *   <dt>Each line is in canonical form (what {@link AuditEntry#line()} writes)</dt>
 *   <dd>re-serialised or hand-edited lines; together with the hash it makes every single changed
 *       byte visible, even one that would leave the parsed JSON unchanged.</dd>
 *   <dt>{@code hash} recomputes (SHA-256 of the canonical entry without {@code hash})</dt>
 *   <dd>any change to an entry's content: a flipped byte, an edited value.</dd>
 *   <dt>{@code seq} is the previous entry's {@code seq} + 1, starting at 1</dt>
 *   <dd>deleted, duplicated, inserted or reordered lines, and a file missing from the middle.</dd>
 *   <dt>{@code prev} is the previous entry's {@code hash} ({@link AuditHead#GENESIS_HASH} for
 *       {@code seq} 1)</dt>
 *   <dd>an entry spliced in from another chain, or a line deleted and the numbers patched up.</dd>
 *   <dt>{@code ts} never decreases</dt>
 *   <dd>reordered lines, and entries back-dated when a chain is rebuilt.</dd>
 *   <dt>The entry's year is its file's year</dt>
 *   <dd>an entry moved to another year file, where a reader by year would miss it.
 *       {@link #verify(List, List, ZoneId)} takes the year in the brain's zone, as
 *       {@link AuditChain#fileFor} did; {@link #verify(List, List)} knows no zone and accepts the
 *       year of the timestamp in any offset from -18:00 to +18:00.</dd>
 *   <dt>Every expected head's {@code seq} is at most the last entry's {@code seq}</dt>
 *   <dd>a truncated tail: whole entries cut from the end leave a chain that is internally
 *       perfect, and only the recorded head remembers that it was longer.</dd>
 *   <dt>For every expected head, the entry with that {@code seq} has that {@code hash}</dt>
 *   <dd>a rewritten history: a tail removed and new entries chained in their place, all hashes
 *       recomputed. Nothing inside the log can show this; the heads recorded in commits can.</dd>
 * </dl>
 *
 * <p>A line that cannot be read is assumed to have held one entry, so the next readable entry is
 * checked against the sequence number it should have, and its {@code prev} is not held against a
 * hash nobody can know; one damaged line therefore yields its own problems, not a cascade.
 *
 * <h2>Sealed breaks</h2>
 * A break that KEEP_AND_REPAIR could not undo is sealed: an {@link AuditSeal#TYPE} entry appended
 * through the normal unit of work records every problem found, and the damaged lines stay in the log
 * as evidence. A seal counts when its line is canonical, its hash recomputes and it stands where the
 * chain puts it (below); it then covers, among the problems found in the lines before it:
 * <dl>
 *   <dt>a problem of a line</dt>
 *   <dd>when the seal records the same file, the same line number and the same sha256 of the line's
 *       raw bytes (for a problem of a whole file, line 0, of the file's bytes). A line changed again
 *       after sealing, or moved by a line deleted before it, is a new problem.</dd>
 *   <dt>a recorded head the chain does not bear out</dt>
 *   <dd>when the seal records the same {@code seq}, the same recorded hash and the same hash found
 *       at that {@code seq} now ({@code null}: no readable entry has it). Such heads sit in commit
 *       trailers for good, so this is checked against every seal in the log.</dd>
 *   <dt>the seal's own place in the chain</dt>
 *   <dd>the seal chains onto the head Avalon last wrote ({@code state/audit-head.json}), not onto the
 *       last line present: its {@code seq} is that head's + 1 and its {@code prev} that head's hash.
 *       When the walk reaches it expecting another {@code seq} or {@code prev} (a truncated tail, a
 *       rewritten last entry), the seal records that expectation as a gap and the mismatch is
 *       accepted only if it is exactly the recorded one. So after a truncated tail the chain goes on
 *       from the recorded head's {@code seq} + 1: sequence numbers are never given out twice (a
 *       commit trailer naming the missing {@code seq} keeps naming those lost entries, which the seal
 *       lists as missing), and the missing range is the visible gap before the seal. Its {@code ts}
 *       is held against the last entry that had no problem, so a damaged timestamp cannot void the
 *       seal that records it. (In a running brain the freeze that finds a cut tail is itself chained
 *       onto the recorded head, so by the time of the seal the gap usually sits inside the log: a
 *       {@code seq} gap at the first entry after it, sealed like any problem of a line.)</dd>
 * </dl>
 * Everything a seal does not cover is still reported, and so is every problem of a line after it.
 */
public final class AuditVerifier {

    /** The {@link AuditProblem#file()} of problems that concern the chain as a whole. */
    public static final String CHAIN = "audit";

    private static final String HASH_MEMBER = ",\"hash\":\"";
    private static final Pattern YEAR_FILE = Pattern.compile("audit/(\\d{4})\\.jsonl");

    private AuditVerifier() {
    }

    /**
     * Verifies the log without knowing the brain's zone: an entry's year is accepted when its
     * timestamp falls in its file's year at some UTC offset.
     */
    public static AuditReport verify(List<AuditFile> files, List<AuditHead> expectedHeads) {
        return new Walk(null).run(files, expectedHeads);
    }

    /** Verifies the log, taking each entry's year in {@code zone} (the zone the log was written in). */
    public static AuditReport verify(List<AuditFile> files, List<AuditHead> expectedHeads, ZoneId zone) {
        return new Walk(Objects.requireNonNull(zone, "zone")).run(files, expectedHeads);
    }

    record Location(String file, int line, String hash) {
    }

    /**
     * A problem of a line or a file, with the sha256 of the raw bytes it is about (the line without its
     * newline, or for line 0 the whole file).
     */
    record Found(AuditProblem problem, String sha256) {
    }

    /**
     * A head recorded outside the log that the chain does not bear out.
     *
     * @param found the hash of the entry with the head's seq, or null when no readable entry has it
     */
    record Anchor(AuditProblem problem, AuditHead recorded, String found) {
        AuditSeal.AnchorBreak key() {
            return new AuditSeal.AnchorBreak(recorded.seq(), recorded.hash(), found);
        }
    }

    /**
     * The state of one verification as it walks the lines in order. A walk that found no problem can
     * be continued over lines appended later ({@link IncrementalAuditVerifier}): the state after the
     * old lines is the same whichever walk reached it.
     */
    static final class Walk {

        private final ZoneId zone;
        /** The problems found and not covered by a seal so far, in the order found. */
        private final List<Found> problems = new ArrayList<>();
        /** The recorded heads that the seals walked so far say the chain does not bear out. */
        private final Set<AuditSeal.AnchorBreak> sealedAnchors = new HashSet<>();
        private final Map<Long, Location> bySeq = new HashMap<>();
        /** The raw bytes the problems found now are about: the line walked, or the whole file. */
        private byte[] currentRaw;
        private long problemCount;
        /** The ts of the last entry that had no problem; a seal's ts is held against it. */
        private Instant lastSoundTs;
        private long expectedSeq = 1;
        /** The previous entry's hash; {@code null} after a line that could not be read. */
        private String previousHash = AuditHead.GENESIS_HASH;
        private Instant previousTs;
        private long entries;
        private AuditHead head = AuditHead.GENESIS;

        Walk(ZoneId zone) {
            this.zone = zone;
        }

        AuditReport run(List<AuditFile> files, List<AuditHead> expectedHeads) {
            Objects.requireNonNull(expectedHeads, "expectedHeads");
            for (AuditFile file : sorted(files)) {
                file(file);
            }
            return report(expectedHeads);
        }

        static List<AuditFile> sorted(List<AuditFile> files) {
            Objects.requireNonNull(files, "files");
            List<AuditFile> sorted = new ArrayList<>(files);
            sorted.sort(Comparator.comparing(AuditFile::path));
            return sorted;
        }

        /** True while every line walked so far was sound. */
        boolean clean() {
            return problems.isEmpty();
        }

        /**
         * The report after the lines walked so far, with {@code expectedHeads} checked against them.
         * The anchors' problems go into the report only, so the walk can still be continued.
         */
        AuditReport report(List<AuditHead> expectedHeads) {
            List<AuditProblem> all = new ArrayList<>();
            problems.forEach(f -> all.add(f.problem()));
            anchors(expectedHeads).forEach(a -> all.add(a.problem()));
            return new AuditReport(entries, head, all);
        }

        /** The problems of the lines walked so far that no seal covers, each with the sha256 a seal would record. */
        List<Found> found() {
            return List.copyOf(problems);
        }

        /** The expected heads the chain walked so far does not bear out, and no seal covers. */
        List<Anchor> anchors(List<AuditHead> expectedHeads) {
            List<Anchor> anchors = new ArrayList<>();
            for (AuditHead expected : new LinkedHashSet<>(expectedHeads)) {
                anchor(expected).filter(a -> !sealedAnchors.contains(a.key())).ifPresent(anchors::add);
            }
            return anchors;
        }

        /** The seq the next entry must have. */
        long expectedSeq() {
            return expectedSeq;
        }

        /** The hash the next entry's prev must be; null after a line that could not be read. */
        String previousHash() {
            return previousHash;
        }

        void file(AuditFile file) {
            fileFrom(file, 0, 0);
        }

        /**
         * Walks {@code file} from byte {@code offset}, which is 0 or just after a newline, the lines
         * before it ({@code linesBefore} of them) having been walked already.
         */
        void fileFrom(AuditFile file, int offset, int linesBefore) {
            String name = file.path().value();
            byte[] bytes = file.content();
            // a problem of the whole file is sealed with the sha256 of all its bytes
            currentRaw = bytes;
            Matcher m = YEAR_FILE.matcher(name);
            int year = -1;
            if (m.matches()) {
                year = Integer.parseInt(m.group(1));
            } else {
                problem(name, 0, "file name is not audit/<yyyy>.jsonl");
            }
            if (bytes.length == 0) {
                problem(name, 0, "file is empty");
                currentRaw = null;
                return;
            }
            List<byte[]> lines = split(bytes, offset);
            boolean endsWithNewline = bytes[bytes.length - 1] == '\n';
            for (int i = 0; i < lines.size(); i++) {
                currentRaw = lines.get(i);
                line(name, linesBefore + i + 1, year, lines.get(i));
            }
            if (!endsWithNewline) {
                currentRaw = lines.get(lines.size() - 1);
                problem(name, linesBefore + lines.size(), "file does not end with a newline (last line cut off?)");
            }
            // a walk kept for later must not hold on to the file
            currentRaw = null;
        }

        /** Splits on {@code \n}; a final newline ends the last line rather than starting an empty one. */
        static List<byte[]> split(byte[] bytes, int offset) {
            List<byte[]> lines = new ArrayList<>();
            int start = offset;
            for (int i = offset; i < bytes.length; i++) {
                if (bytes[i] == '\n') {
                    lines.add(Arrays.copyOfRange(bytes, start, i));
                    start = i + 1;
                }
            }
            if (start < bytes.length) {
                lines.add(Arrays.copyOfRange(bytes, start, bytes.length));
            }
            return lines;
        }

        private void line(String file, int number, int fileYear, byte[] raw) {
            String text;
            try {
                text = utf8(raw);
            } catch (CharacterCodingException e) {
                problem(file, number, "not valid UTF-8");
                unreadable();
                return;
            }
            if (text.isBlank()) {
                // a blank line held no entry, so it does not take a sequence number
                problem(file, number, "blank line");
                return;
            }
            JsonNode node;
            try {
                node = Json.parse(text);
            } catch (JsonProcessingException e) {
                problem(file, number, "not valid JSON: " + e.getOriginalMessage());
                unreadable();
                return;
            }
            List<String> shape = AuditEntry.shapeProblems(node);
            if (!shape.isEmpty()) {
                shape.forEach(p -> problem(file, number, p));
                unreadable();
                return;
            }
            AuditEntry entry = AuditEntry.fromShapedJson(node);
            entry(file, number, fileYear, text, (ObjectNode) node, entry);
        }

        private void entry(String file, int number, int fileYear, String text, ObjectNode node, AuditEntry entry) {
            // the parsed node serialises as the entry would, except a ts written in another ISO form
            boolean canonical = node.get("ts").textValue().equals(entry.ts().toString())
                    && CanonicalJson.string(node).equals(text);
            long problemsBefore = problemCount;
            if (!canonical) {
                problem(file, number, "not in canonical form (sorted keys, no spaces, ts as written)");
            }
            boolean hashMatches = unsealedHash(text, node, canonical).equals(entry.hash());
            if (!hashMatches) {
                problem(file, number, "hash does not match the entry's content");
            }
            AuditSeal.Contents seal = canonical && hashMatches && AuditSeal.TYPE.equals(entry.type())
                    ? AuditSeal.read(node.get("data")) : null;
            boolean inLine = entry.seq() == expectedSeq && (previousHash == null || entry.prev().equals(previousHash));
            boolean sealHolds = seal != null && (inLine || seal.bridges(expectedSeq, previousHash, entry));
            if (!sealHolds) {
                if (entry.seq() != expectedSeq) {
                    problem(file, number, "seq " + entry.seq() + " where " + expectedSeq + " was expected");
                }
                if (previousHash != null && !entry.prev().equals(previousHash)) {
                    problem(file, number, previousHash.equals(AuditHead.GENESIS_HASH) && entries == 0
                            ? "prev of the first entry is not the genesis hash"
                            : "prev does not match the hash of the entry before it");
                }
            } else {
                cover(seal);
            }
            Instant tsBefore = sealHolds ? lastSoundTs : previousTs;
            if (tsBefore != null && entry.ts().isBefore(tsBefore)) {
                problem(file, number, "ts " + entry.ts() + " is earlier than the previous entry's " + tsBefore);
            }
            if (fileYear >= 0) {
                year(file, number, fileYear, entry.ts());
            }
            if (problemCount == problemsBefore) {
                lastSoundTs = entry.ts();
            }
            bySeq.putIfAbsent(entry.seq(), new Location(file, number, entry.hash()));
            expectedSeq = entry.seq() + 1;
            previousHash = entry.hash();
            previousTs = entry.ts();
            entries++;
            head = entry.head();
        }

        /**
         * The sha256 of the entry without its {@code hash}. For a canonical line that is the line with
         * {@code ,"hash":"…"} cut out: keys are sorted, so it stands right after {@code data}, and the
         * last such sequence is the top-level one (later fields are scalars, and a quote inside a
         * string is escaped). Otherwise it is re-serialised from the parsed node.
         */
        private static String unsealedHash(String text, ObjectNode node, boolean canonical) {
            int cut = canonical ? text.lastIndexOf(HASH_MEMBER) : -1;
            if (cut >= 0) {
                String unsealed = text.substring(0, cut) + text.substring(cut + HASH_MEMBER.length() + 64 + 1);
                return CanonicalJson.sha256Hex(unsealed.getBytes(StandardCharsets.UTF_8));
            }
            ObjectNode unsealed = node.deepCopy();
            unsealed.remove("hash");
            return CanonicalJson.sha256Hex(CanonicalJson.bytes(unsealed));
        }

        private void year(String file, int number, int fileYear, Instant ts) {
            if (zone != null) {
                int year = ts.atZone(zone).getYear();
                if (year != fileYear) {
                    problem(file, number, "entry of " + ts + " belongs to " + year + " in " + zone
                            + ", not to the file of " + fileYear);
                }
            } else {
                int earliest = ts.atOffset(ZoneOffset.MIN).getYear();
                int latest = ts.atOffset(ZoneOffset.MAX).getYear();
                if (fileYear < earliest || fileYear > latest) {
                    problem(file, number, "entry of " + ts + " cannot belong to the file of " + fileYear
                            + " in any time zone");
                }
            }
        }

        /** Removes the problems found so far that {@code seal} records, and keeps the heads it accepts. */
        private void cover(AuditSeal.Contents seal) {
            problems.removeIf(f -> f.sha256() != null && seal.lines().contains(
                    new AuditSeal.LineBreak(f.problem().file(), f.problem().line(), f.sha256())));
            sealedAnchors.addAll(seal.anchors());
        }

        /** Checks one head recorded outside the log against the chain. */
        private Optional<Anchor> anchor(AuditHead expected) {
            if (expected.isGenesis()) {
                return Optional.empty();
            }
            if (expected.seq() > head.seq()) {
                return Optional.of(new Anchor(new AuditProblem(CHAIN, 0, "the chain ends at seq " + head.seq()
                        + " but head " + expected + " was recorded: entries are missing from its tail"), expected, null));
            }
            Location at = bySeq.get(expected.seq());
            if (at == null) {
                return Optional.of(new Anchor(new AuditProblem(CHAIN, 0, "head " + expected
                        + " was recorded but no readable entry has seq " + expected.seq()), expected, null));
            } else if (!at.hash().equals(expected.hash())) {
                return Optional.of(new Anchor(new AuditProblem(at.file(), at.line(), "entry seq " + expected.seq()
                        + " has hash " + at.hash() + " but head " + expected + " was recorded: the history was rewritten"),
                        expected, at.hash()));
            }
            return Optional.empty();
        }

        private void unreadable() {
            expectedSeq++;
            previousHash = null;
        }

        private void problem(String file, int line, String text) {
            problemCount++;
            problems.add(new Found(new AuditProblem(file, line, text),
                    currentRaw == null ? null : CanonicalJson.sha256Hex(currentRaw)));
        }

        /** One strict decoder per walk: {@code decode} resets it before each line. */
        private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);

        private String utf8(byte[] raw) throws CharacterCodingException {
            return decoder.decode(ByteBuffer.wrap(raw)).toString();
        }
    }
}
