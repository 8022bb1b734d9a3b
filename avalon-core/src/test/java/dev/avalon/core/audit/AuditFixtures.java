package dev.avalon.core.audit;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.avalon.core.json.Json;
import dev.avalon.core.layout.BrainLayout;
import dev.avalon.core.port.BrainPath;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Builds audit chains and their year files the way the unit of work writes them. */
final class AuditFixtures {

    static final ZoneId AMSTERDAM = ZoneId.of("Europe/Amsterdam");
    static final ZoneId UTC = ZoneId.of("UTC");

    private AuditFixtures() {
    }

    static AuditRecord record(int i) {
        ObjectNode data = Json.object();
        data.put("n", i);
        data.put("note", "entry " + i + " — café ✓");
        data.putArray("tags").add("a").add(i);
        return new AuditRecord("test.event", "user", i % 2 == 0 ? "trace-" + i : null, data);
    }

    /** {@code count} entries from GENESIS, {@code step} apart from {@code start}. */
    static List<AuditEntry> chain(int count, Instant start, Duration step) {
        return chainAfter(AuditHead.GENESIS, count, start, step, 0);
    }

    static List<AuditEntry> chainAfter(AuditHead head, int count, Instant start, Duration step, int salt) {
        List<AuditEntry> entries = new ArrayList<>();
        AuditHead current = head;
        for (int i = 0; i < count; i++) {
            AuditEntry e = AuditChain.next(current, start.plus(step.multipliedBy(i)), record(i + salt));
            entries.add(e);
            current = e.head();
        }
        return entries;
    }

    /** The year files of {@code entries}, each entry appended to the file for its year in {@code zone}. */
    static List<AuditFile> files(List<AuditEntry> entries, ZoneId zone) {
        Map<BrainPath, ByteArrayOutputStream> files = new LinkedHashMap<>();
        for (AuditEntry e : entries) {
            files.computeIfAbsent(AuditChain.fileFor(e.ts(), zone), p -> new ByteArrayOutputStream())
                    .writeBytes(e.line());
        }
        List<AuditFile> out = new ArrayList<>();
        files.forEach((path, bytes) -> out.add(new AuditFile(path, bytes.toByteArray())));
        return out;
    }

    /** One file holding all of {@code entries}, whatever their year. */
    static AuditFile file(String path, List<AuditEntry> entries) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        entries.forEach(e -> bytes.writeBytes(e.line()));
        return new AuditFile(BrainPath.of(path), bytes.toByteArray());
    }

    static AuditFile file(String path, String content) {
        return new AuditFile(BrainPath.of(path), content.getBytes(StandardCharsets.UTF_8));
    }

    /** The file's lines without their newlines. */
    static List<String> lines(AuditFile file) {
        String text = new String(file.content(), StandardCharsets.UTF_8);
        // split drops the empty string after the final newline
        return new ArrayList<>(Arrays.asList(text.split("\n")));
    }

    static AuditFile withLines(AuditFile file, List<String> lines) {
        StringBuilder text = new StringBuilder();
        lines.forEach(l -> text.append(l).append('\n'));
        return file(file.path().value(), text.toString());
    }

    /** The entry Avalon writes just before a commit: the JA it is made on. */
    static AuditRecord approved(String questionId) {
        ObjectNode data = Json.object();
        data.put("questionId", questionId);
        return new AuditRecord("commit.approved", "user", null, data);
    }

    /** The entry Avalon writes first after a commit: the commit recorded as its own. */
    static AuditRecord recorded(String sha, String questionId) {
        ObjectNode data = Json.object();
        data.put("commitSHA", sha);
        data.put("questionId", questionId);
        return new AuditRecord("commit.recorded", "user", null, data);
    }

    /** {@code records} chained from GENESIS, {@code step} apart from {@code start}. */
    static List<AuditEntry> chainOf(List<AuditRecord> records, Instant start, Duration step) {
        List<AuditEntry> entries = new ArrayList<>();
        AuditHead current = AuditHead.GENESIS;
        for (int i = 0; i < records.size(); i++) {
            AuditEntry e = AuditChain.next(current, start.plus(step.multipliedBy(i)), records.get(i));
            entries.add(e);
            current = e.head();
        }
        return entries;
    }

    /** A commit as Avalon makes it after {@code head}, on the JA {@code consent}; behaviour.avl unchanged. */
    static LostCommitRecords.Commit commitAfter(String sha, AuditHead head, String consent) {
        return new LostCommitRecords.Commit(sha, Map.of(BrainLayout.AUDIT_HEAD_TRAILER, head.toString(),
                BrainLayout.CONSENT_TRAILER, consent), false, null);
    }

    /** A commit made by hand, without Avalon's trailers. */
    static LostCommitRecords.Commit byHand(String sha) {
        return new LostCommitRecords.Commit(sha, Map.of(), false, null);
    }

    static AuditHead last(List<AuditEntry> entries) {
        return entries.get(entries.size() - 1).head();
    }
}
