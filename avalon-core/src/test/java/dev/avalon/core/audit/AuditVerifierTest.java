package dev.avalon.core.audit;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import static dev.avalon.core.audit.AuditFixtures.AMSTERDAM;
import static dev.avalon.core.audit.AuditFixtures.UTC;
import static dev.avalon.core.audit.AuditFixtures.chain;
import static dev.avalon.core.audit.AuditFixtures.chainAfter;
import static dev.avalon.core.audit.AuditFixtures.file;
import static dev.avalon.core.audit.AuditFixtures.files;
import static dev.avalon.core.audit.AuditFixtures.last;
import static dev.avalon.core.audit.AuditFixtures.lines;
import static dev.avalon.core.audit.AuditFixtures.withLines;
import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("The audit verifier")
class AuditVerifierTest {

    private static final Instant MARCH = Instant.parse("2026-03-01T09:00:00Z");
    private static final String Y2026 = "audit/2026.jsonl";

    private final List<AuditEntry> five = chain(5, MARCH, Duration.ofMinutes(1));
    private final AuditFile file = file(Y2026, five);

    @Test
    @DisplayName("passes an intact chain that runs across three year files, anchored by its recorded heads")
    void intactMultiYear() {
        // 2025-12-31T23:30Z is already 2026 in Amsterdam: the year is taken in the brain's zone
        List<AuditEntry> entries = new ArrayList<>(chain(3, Instant.parse("2025-12-31T21:30:00Z"), Duration.ofHours(1)));
        entries.addAll(chainAfter(last(entries), 3, Instant.parse("2026-12-31T22:59:00Z"), Duration.ofHours(1), 10));
        List<AuditFile> files = files(entries, AMSTERDAM);
        assertThat(files).extracting(f -> f.path().value())
                .containsExactly("audit/2025.jsonl", "audit/2026.jsonl", "audit/2027.jsonl");
        List<AuditHead> heads = List.of(entries.get(1).head(), entries.get(3).head(), last(entries));
        List<AuditFile> shuffled = new ArrayList<>(files);
        Collections.reverse(shuffled);

        AuditReport strict = AuditVerifier.verify(shuffled, heads, AMSTERDAM);
        AuditReport zoneless = AuditVerifier.verify(shuffled, heads);

        assertThat(strict.problems()).isEmpty();
        assertThat(strict.intact()).isTrue();
        assertThat(strict.entries()).isEqualTo(6);
        assertThat(strict.head()).isEqualTo(last(entries));
        assertThat(zoneless.intact()).isTrue();
    }

    @Test
    @DisplayName("passes an empty log with no recorded heads, and the genesis head")
    void emptyLog() {
        AuditReport report = AuditVerifier.verify(List.of(), List.of(AuditHead.GENESIS));

        assertThat(report.intact()).isTrue();
        assertThat(report.entries()).isZero();
        assertThat(report.head()).isEqualTo(AuditHead.GENESIS);
    }

    @Test
    @DisplayName("detects a changed value through the hash, at its line")
    void changedValue() {
        List<String> lines = lines(file);
        lines.set(2, lines.get(2).replace("\"n\":2", "\"n\":7"));

        AuditReport report = AuditVerifier.verify(List.of(withLines(file, lines)), List.of());

        assertThat(report.intact()).isFalse();
        assertThat(report.problems()).singleElement().satisfies(p -> {
            assertThat(p.file()).isEqualTo(Y2026);
            assertThat(p.line()).isEqualTo(3);
            assertThat(p.problem()).contains("hash");
        });
    }

    @Test
    @DisplayName("detects a deleted line: the next entry's seq and prev no longer follow")
    void deletedLine() {
        List<String> lines = lines(file);
        lines.remove(2);

        AuditReport report = AuditVerifier.verify(List.of(withLines(file, lines)), List.of(last(five)));

        assertThat(report.intact()).isFalse();
        assertThat(report.problems()).allSatisfy(p -> assertThat(p.line()).isEqualTo(3))
                .extracting(AuditProblem::problem)
                .anySatisfy(p -> assertThat(p).contains("seq 4 where 3 was expected"))
                .anySatisfy(p -> assertThat(p).contains("prev"));
    }

    @Test
    @DisplayName("detects two swapped lines")
    void swappedLines() {
        List<String> lines = lines(file);
        Collections.swap(lines, 1, 2);

        AuditReport report = AuditVerifier.verify(List.of(withLines(file, lines)), List.of(last(five)));

        assertThat(report.intact()).isFalse();
        assertThat(report.problems()).extracting(AuditProblem::line).contains(2, 3);
        assertThat(report.problems()).extracting(AuditProblem::problem)
                .anySatisfy(p -> assertThat(p).contains("seq 3 where 2 was expected"))
                .anySatisfy(p -> assertThat(p).contains("seq 2 where 4 was expected"));
    }

    @Test
    @DisplayName("detects a truncated tail through a recorded head beyond the end of the chain")
    void truncatedTail() {
        AuditFile truncated = file(Y2026, five.subList(0, 3));

        AuditReport alone = AuditVerifier.verify(List.of(truncated), List.of());
        AuditReport anchored = AuditVerifier.verify(List.of(truncated), List.of(five.get(1).head(), last(five)));

        assertThat(alone.intact()).as("a cut at a line boundary leaves a consistent chain").isTrue();
        assertThat(anchored.intact()).isFalse();
        assertThat(anchored.problems()).singleElement().satisfies(p -> {
            assertThat(p.file()).isEqualTo(AuditVerifier.CHAIN);
            assertThat(p.line()).isZero();
            assertThat(p.problem()).contains("ends at seq 3").contains(last(five).toString());
        });
    }

    @Test
    @DisplayName("detects a rewritten tail: entries re-chained after a truncation differ from the recorded head")
    void rewrittenTail() {
        List<AuditEntry> forged = new ArrayList<>(five.subList(0, 3));
        forged.addAll(chainAfter(last(forged), 2, MARCH.plusSeconds(600), Duration.ofMinutes(1), 100));
        AuditFile rewritten = file(Y2026, forged);

        AuditReport alone = AuditVerifier.verify(List.of(rewritten), List.of());
        AuditReport anchored = AuditVerifier.verify(List.of(rewritten), List.of(five.get(2).head(), last(five)));

        assertThat(alone.intact()).as("the forged chain is internally consistent").isTrue();
        assertThat(anchored.intact()).isFalse();
        assertThat(anchored.problems()).singleElement().satisfies(p -> {
            assertThat(p.file()).isEqualTo(Y2026);
            assertThat(p.line()).isEqualTo(5);
            assertThat(p.problem()).contains("rewritten");
        });
    }

    @Test
    @DisplayName("detects invalid UTF-8 with a strict decoder, at its line")
    void invalidUtf8() {
        byte[] bytes = file.content();
        String text = new String(bytes, StandardCharsets.UTF_8);
        int at = text.indexOf("café", text.indexOf('\n') + 1);
        byte[] prefix = text.substring(0, at).getBytes(StandardCharsets.UTF_8);
        // "caf" + a lone continuation byte where "é" (C3 A9) was: malformed, not a different character
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(prefix);
        out.writeBytes("caf".getBytes(StandardCharsets.UTF_8));
        out.write(0xA9);
        out.writeBytes(text.substring(at + 4).getBytes(StandardCharsets.UTF_8));
        AuditFile broken = new AuditFile(file.path(), out.toByteArray());

        AuditReport report = AuditVerifier.verify(List.of(broken), List.of(last(five)));

        assertThat(report.intact()).isFalse();
        assertThat(report.problems()).singleElement().satisfies(p -> {
            assertThat(p.line()).isEqualTo(2);
            assertThat(p.problem()).contains("UTF-8");
        });
        assertThat(report.entries()).isEqualTo(4);
    }

    @Test
    @DisplayName("detects an entry in the wrong year file")
    void wrongYear() {
        List<AuditEntry> entries = new ArrayList<>(chain(2, Instant.parse("2026-12-31T10:00:00Z"), Duration.ofHours(1)));
        entries.addAll(chainAfter(last(entries), 1, Instant.parse("2027-06-01T10:00:00Z"), Duration.ZERO, 5));
        AuditFile allIn2026 = file(Y2026, entries);

        AuditReport strict = AuditVerifier.verify(List.of(allIn2026), List.of(last(entries)), UTC);
        AuditReport zoneless = AuditVerifier.verify(List.of(allIn2026), List.of(last(entries)));

        assertThat(strict.problems()).singleElement().satisfies(p -> {
            assertThat(p.line()).isEqualTo(3);
            assertThat(p.problem()).contains("2027").contains("2026");
        });
        assertThat(zoneless.problems()).singleElement().satisfies(p -> assertThat(p.line()).isEqualTo(3));
    }

    @Test
    @DisplayName("takes the year in the zone it is given: a New Year's Eve entry filed in Amsterdam is wrong in UTC")
    void yearInZone() {
        List<AuditEntry> entries = chain(1, Instant.parse("2025-12-31T23:30:00Z"), Duration.ZERO);
        List<AuditFile> files = files(entries, AMSTERDAM);

        assertThat(AuditVerifier.verify(files, List.of(), AMSTERDAM).intact()).isTrue();
        assertThat(AuditVerifier.verify(files, List.of()).intact()).isTrue();
        assertThat(AuditVerifier.verify(files, List.of(), UTC).intact()).isFalse();
    }

    @Test
    @DisplayName("detects a blank line, a missing final newline and an empty file")
    void layout() {
        List<String> lines = lines(file);
        lines.add(2, "");
        String text = String.join("\n", lines);   // no final newline

        AuditReport report = AuditVerifier.verify(
                List.of(file(Y2026, text), file("audit/2027.jsonl", "")), List.of());

        assertThat(report.problems()).extracting(AuditProblem::toString).containsExactly(
                "audit/2026.jsonl:3: blank line",
                "audit/2026.jsonl:6: file does not end with a newline (last line cut off?)",
                "audit/2027.jsonl:0: file is empty");
        assertThat(report.entries()).isEqualTo(5);
    }

    @Test
    @DisplayName("detects a line that is valid JSON but not in canonical form")
    void nonCanonical() {
        List<String> lines = lines(file);
        lines.set(0, lines.get(0).replace("\"actor\":", "\"actor\": "));

        AuditReport report = AuditVerifier.verify(List.of(withLines(file, lines)), List.of());

        assertThat(report.problems()).singleElement().satisfies(p -> {
            assertThat(p.line()).isEqualTo(1);
            assertThat(p.problem()).contains("canonical");
        });
    }

    @Test
    @DisplayName("reports every problem with its file and line, not only the first")
    void everyProblem() {
        List<String> lines = lines(file);
        lines.set(0, "{not json");
        lines.set(3, lines.get(3).replace("\"type\":\"test.event\"", "\"type\":7"));
        List<AuditFile> files = List.of(withLines(file, lines), file("audit/notes.txt", "hello\n"));

        AuditReport report = AuditVerifier.verify(files, List.of(last(five)));

        assertThat(report.problems()).extracting(p -> p.file() + ":" + p.line()).containsExactly(
                "audit/2026.jsonl:1", "audit/2026.jsonl:4", "audit/notes.txt:0", "audit/notes.txt:1");
        assertThat(report.problems().get(0).problem()).startsWith("not valid JSON");
        assertThat(report.problems().get(1).problem()).contains("'type'");
        assertThat(report.problems().get(2).problem()).contains("file name");
    }

    @Test
    @DisplayName("detects a first entry whose prev is not the genesis hash")
    void forgedStart() {
        List<String> lines = lines(file);
        lines.set(0, lines.get(0).replace(AuditHead.GENESIS_HASH, "1".repeat(64)));

        AuditReport report = AuditVerifier.verify(List.of(withLines(file, lines)), List.of());

        assertThat(report.problems()).allSatisfy(p -> assertThat(p.line()).isEqualTo(1))
                .extracting(AuditProblem::problem)
                .anySatisfy(p -> assertThat(p).contains("genesis"))
                .anySatisfy(p -> assertThat(p).contains("hash does not match"));
    }
}
