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
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
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
     * The state of one verification as it walks the lines in order. A walk that found no problem can
     * be continued over lines appended later ({@link IncrementalAuditVerifier}): the state after the
     * old lines is the same whichever walk reached it.
     */
    static final class Walk {

        private final ZoneId zone;
        private final List<AuditProblem> problems = new ArrayList<>();
        private final Map<Long, Location> bySeq = new HashMap<>();
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
            List<AuditProblem> lineProblems = List.copyOf(problems);
            for (AuditHead expected : new LinkedHashSet<>(expectedHeads)) {
                anchor(expected);
            }
            List<AuditProblem> all = List.copyOf(problems);
            problems.clear();
            problems.addAll(lineProblems);
            return new AuditReport(entries, head, all);
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
            Matcher m = YEAR_FILE.matcher(name);
            int year = -1;
            if (m.matches()) {
                year = Integer.parseInt(m.group(1));
            } else {
                problem(name, 0, "file name is not audit/<yyyy>.jsonl");
            }
            byte[] bytes = file.content();
            if (bytes.length == 0) {
                problem(name, 0, "file is empty");
                return;
            }
            List<byte[]> lines = split(bytes, offset);
            boolean endsWithNewline = bytes[bytes.length - 1] == '\n';
            for (int i = 0; i < lines.size(); i++) {
                line(name, linesBefore + i + 1, year, lines.get(i));
            }
            if (!endsWithNewline) {
                problem(name, linesBefore + lines.size(), "file does not end with a newline (last line cut off?)");
            }
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
            if (!canonical) {
                problem(file, number, "not in canonical form (sorted keys, no spaces, ts as written)");
            }
            if (!unsealedHash(text, node, canonical).equals(entry.hash())) {
                problem(file, number, "hash does not match the entry's content");
            }
            if (entry.seq() != expectedSeq) {
                problem(file, number, "seq " + entry.seq() + " where " + expectedSeq + " was expected");
            }
            if (previousHash != null && !entry.prev().equals(previousHash)) {
                problem(file, number, previousHash.equals(AuditHead.GENESIS_HASH) && entries == 0
                        ? "prev of the first entry is not the genesis hash"
                        : "prev does not match the hash of the entry before it");
            }
            if (previousTs != null && entry.ts().isBefore(previousTs)) {
                problem(file, number, "ts " + entry.ts() + " is earlier than the previous entry's " + previousTs);
            }
            if (fileYear >= 0) {
                year(file, number, fileYear, entry.ts());
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

        /** Checks one head recorded outside the log against the chain. */
        private void anchor(AuditHead expected) {
            if (expected.isGenesis()) {
                return;
            }
            if (expected.seq() > head.seq()) {
                problem(CHAIN, 0, "the chain ends at seq " + head.seq() + " but head " + expected
                        + " was recorded: entries are missing from its tail");
                return;
            }
            Location at = bySeq.get(expected.seq());
            if (at == null) {
                problem(CHAIN, 0, "head " + expected + " was recorded but no readable entry has seq "
                        + expected.seq());
            } else if (!at.hash().equals(expected.hash())) {
                problem(at.file(), at.line(), "entry seq " + expected.seq() + " has hash " + at.hash()
                        + " but head " + expected + " was recorded: the history was rewritten");
            }
        }

        private void unreadable() {
            expectedSeq++;
            previousHash = null;
        }

        private void problem(String file, int line, String text) {
            problems.add(new AuditProblem(file, line, text));
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
