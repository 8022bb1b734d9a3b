package dev.avalon.core.audit;

import com.fasterxml.jackson.databind.JsonNode;
import dev.avalon.core.json.CanonicalJson;
import dev.avalon.core.json.Json;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static dev.avalon.core.audit.AuditFixtures.UTC;
import static dev.avalon.core.audit.AuditFixtures.chain;
import static dev.avalon.core.audit.AuditFixtures.chainAfter;
import static dev.avalon.core.audit.AuditFixtures.file;
import static dev.avalon.core.audit.AuditFixtures.last;
import static dev.avalon.core.audit.AuditFixtures.lines;
import static dev.avalon.core.audit.AuditFixtures.withLines;
import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("A seal over a broken audit chain")
class AuditSealTest {

    private static final Instant MARCH = Instant.parse("2026-03-01T09:00:00Z");
    private static final Instant LATER = Instant.parse("2026-03-02T09:00:00Z");
    private static final String Y2026 = "audit/2026.jsonl";

    private final List<AuditEntry> seven = chain(7, MARCH, Duration.ofMinutes(1));
    private final AuditFile file = file(Y2026, seven);

    /** The log as written, with the seal appended as the unit of work appends it: chained onto {@code recorded}. */
    record Sealed(AuditFile file, AuditEntry seal, AuditSeal of) {
    }

    static Sealed seal(AuditFile damaged, List<AuditHead> heads, AuditHead recorded) {
        AuditSeal seal = AuditSeal.of(List.of(damaged), heads, recorded).orElseThrow();
        AuditEntry entry = AuditChain.next(recorded, LATER, seal.record("user", "t-seal", Json.object()));
        return new Sealed(appended(damaged, entry.line()), entry, seal);
    }

    static AuditFile appended(AuditFile f, byte[] more) {
        byte[] bytes = f.content();
        byte[] all = new byte[bytes.length + more.length];
        System.arraycopy(bytes, 0, all, 0, bytes.length);
        System.arraycopy(more, 0, all, bytes.length, more.length);
        return new AuditFile(f.path(), all);
    }

    private static List<AuditHead> with(List<AuditHead> heads, AuditHead more) {
        List<AuditHead> all = new ArrayList<>(heads);
        all.add(more);
        return all;
    }

    private static String sha(String line) {
        return CanonicalJson.sha256Hex(line.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    @DisplayName("covers an altered line: the seal records file, line, problem and the sha256 of its raw bytes, and the log verifies")
    void coversAnAlteredLine() {
        List<String> lines = lines(file);
        lines.set(2, lines.get(2).replace("\"n\":2", "\"n\":9"));
        AuditFile damaged = withLines(file, lines);
        List<AuditHead> heads = List.of(seven.get(3).head(), last(seven));
        assertThat(AuditVerifier.verify(List.of(damaged), heads).intact()).isFalse();

        Sealed sealed = seal(damaged, heads, last(seven));

        JsonNode breaks = sealed.seal().data().path("breaks");
        assertThat(breaks).singleElement().satisfies(b -> {
            assertThat(b.path("file").asText()).isEqualTo(Y2026);
            assertThat(b.path("line").asInt()).isEqualTo(3);
            assertThat(b.path("problem").asText()).contains("hash");
            assertThat(b.path("sha256").asText()).isEqualTo(sha(lines.get(2)));
        });
        assertThat(sealed.seal().type()).isEqualTo(AuditSeal.TYPE);
        assertThat(sealed.seal().seq()).isEqualTo(8);
        assertThat(sealed.of().files()).containsExactly(Y2026);
        List<AuditHead> after = with(heads, sealed.seal().head());
        AuditReport report = AuditVerifier.verify(List.of(sealed.file()), after);
        assertThat(report.problems()).isEmpty();
        assertThat(report.head()).isEqualTo(sealed.seal().head());
        // the damaged line is still there, as evidence
        assertThat(lines(sealed.file()).get(2)).isEqualTo(lines.get(2));
        assertThat(new IncrementalAuditVerifier().verify(List.of(sealed.file()), after).intact()).isTrue();
    }

    @Test
    @DisplayName("reports a sealed line that is changed again after sealing: its bytes are no longer the ones recorded")
    void reAlteredAfterSealing() {
        List<String> lines = lines(file);
        lines.set(2, lines.get(2).replace("\"n\":2", "\"n\":9"));
        Sealed sealed = seal(withLines(file, lines), List.of(last(seven)), last(seven));
        List<String> again = lines(sealed.file());
        again.set(2, again.get(2).replace("\"n\":9", "\"n\":8"));

        AuditReport report = AuditVerifier.verify(List.of(withLines(sealed.file(), again)),
                List.of(last(seven), sealed.seal().head()));

        assertThat(report.problems()).singleElement().satisfies(p -> {
            assertThat(p.file()).isEqualTo(Y2026);
            assertThat(p.line()).isEqualTo(3);
            assertThat(p.problem()).contains("hash");
        });
    }

    @Test
    @DisplayName("leaves a problem it does not record reported, and a damaged line after it is never covered")
    void coversOnlyWhatItRecords() {
        List<String> lines = lines(file);
        lines.set(1, lines.get(1).replace("\"n\":1", "\"n\":5"));
        Sealed sealed = seal(withLines(file, lines), List.of(last(seven)), last(seven));
        // a line before the seal damaged after the seal was written, and the same damage after the seal
        List<String> later = lines(sealed.file());
        later.set(4, later.get(4).replace("\"n\":4", "\"n\":6"));
        List<AuditEntry> more = chainAfter(sealed.seal().head(), 2, LATER.plusSeconds(60), Duration.ofMinutes(1), 20);
        List<String> extended = new ArrayList<>(later);
        more.forEach(e -> extended.add(new String(e.line(), StandardCharsets.UTF_8).strip()));
        extended.set(8, extended.get(8).replace("\"n\":20", "\"n\":21"));

        AuditReport report = AuditVerifier.verify(List.of(withLines(sealed.file(), extended)), List.of(last(more)));

        assertThat(report.problems()).extracting(AuditProblem::line).containsExactly(5, 9);
    }

    @Test
    @DisplayName("a seal in the middle of a chain that grew on: the chain after it verifies as usual")
    void sealInTheMiddleOfALaterExtendedChain() {
        List<String> lines = lines(file);
        lines.set(4, "{not an entry");
        Sealed sealed = seal(withLines(file, lines), List.of(seven.get(1).head(), last(seven)), last(seven));
        List<AuditEntry> more = chainAfter(sealed.seal().head(), 5, LATER.plusSeconds(60), Duration.ofMinutes(1), 30);
        AuditFile grown = appended(sealed.file(), file("x/y.jsonl", more).content());
        List<AuditHead> heads = List.of(seven.get(1).head(), last(seven), sealed.seal().head(), more.get(2).head(),
                last(more));

        AuditReport report = AuditVerifier.verify(List.of(grown), heads);

        assertThat(report.problems()).isEmpty();
        assertThat(report.head()).isEqualTo(last(more));
        assertThat(report.head().seq()).isEqualTo(13);
        IncrementalAuditVerifier incremental = new IncrementalAuditVerifier();
        assertThat(incremental.verify(List.of(sealed.file()), heads.subList(0, 3)).intact()).isTrue();
        assertThat(incremental.verify(List.of(grown), heads).intact()).isTrue();
    }

    @Test
    @DisplayName("an unreadable line and a deleted line are sealed at their lines")
    void unreadableAndDeletedLines() {
        List<String> lines = lines(file);
        lines.set(1, "\u0000garbage");
        lines.remove(4);
        AuditFile damaged = withLines(file, lines);
        // a commit once recorded the entry that is gone
        List<AuditHead> heads = List.of(seven.get(4).head(), last(seven));

        Sealed sealed = seal(damaged, heads, last(seven));

        assertThat(sealed.seal().data().path("breaks")).anySatisfy(b -> {
            assertThat(b.path("seq").asLong()).isEqualTo(5);
            assertThat(b.path("recorded").asText()).isEqualTo(seven.get(4).hash());
            assertThat(b.path("found").isNull()).isTrue();
        });
        assertThat(sealed.of().problems()).extracting(AuditProblem::line).contains(2, 5);
        assertThat(AuditVerifier.verify(List.of(sealed.file()), with(heads, sealed.seal().head())).problems()).isEmpty();
    }

    @Test
    @DisplayName("a truncated tail: the seal goes on from the recorded head's seq + 1 and records the missing range")
    void truncatedTail() {
        AuditFile cut = file(Y2026, seven.subList(0, 5));
        List<AuditHead> heads = List.of(seven.get(5).head(), last(seven));
        assertThat(AuditVerifier.verify(List.of(cut), heads).intact()).isFalse();

        Sealed sealed = seal(cut, heads, last(seven));

        assertThat(sealed.seal().seq()).isEqualTo(8);
        assertThat(sealed.seal().prev()).isEqualTo(last(seven).hash());
        assertThat(sealed.seal().data().path("breaks")).anySatisfy(b -> {
            assertThat(b.path("expectedSeq").asLong()).isEqualTo(6);
            assertThat(b.path("expectedPrev").asText()).isEqualTo(seven.get(4).hash());
            assertThat(b.path("missingFrom").asLong()).isEqualTo(6);
            assertThat(b.path("missingTo").asLong()).isEqualTo(7);
        });
        // the heads in commits keep naming seq 6 and 7; the seal accepts them as the missing ones
        AuditReport report = AuditVerifier.verify(List.of(sealed.file()), with(heads, sealed.seal().head()));
        assertThat(report.problems()).isEmpty();
        assertThat(report.head()).isEqualTo(sealed.seal().head());
    }

    @Test
    @DisplayName("a seal that does not stand where the chain puts it, or whose hash does not recompute, seals nothing")
    void aSealOutOfPlaceOrForgedSealsNothing() {
        AuditFile cut = file(Y2026, seven.subList(0, 5));
        List<AuditHead> heads = List.of(last(seven));
        AuditSeal seal = AuditSeal.of(List.of(cut), heads, last(seven)).orElseThrow();
        AuditRecord record = seal.record("user", null, Json.object());
        // chained onto another head than the one the gap was recorded for
        AuditEntry misplaced = AuditChain.next(seven.get(5).head(), LATER, record);
        AuditReport out = AuditVerifier.verify(List.of(appended(cut, misplaced.line())), List.of(misplaced.head()));
        assertThat(out.problems()).extracting(AuditProblem::problem)
                .anySatisfy(p -> assertThat(p).contains("seq 7 where 6 was expected"));

        List<String> lines = lines(file);
        lines.set(2, lines.get(2).replace("\"n\":2", "\"n\":9"));
        Sealed sealed = seal(withLines(file, lines), List.of(last(seven)), last(seven));
        List<String> forged = lines(sealed.file());
        forged.set(7, forged.get(7).replace("t-seal", "t-forged"));
        AuditReport report = AuditVerifier.verify(List.of(withLines(sealed.file(), forged)), List.of());
        assertThat(report.problems()).extracting(AuditProblem::line).containsExactly(3, 8);
    }

    @Test
    @DisplayName("a cut last line is ended first, so the seal starts a line of its own and covers it")
    void cutLastLine() {
        byte[] bytes = file.content();
        AuditFile cut = new AuditFile(file.path(), java.util.Arrays.copyOf(bytes, bytes.length - 30));
        List<AuditFile> ended = AuditSeal.ended(List.of(cut, file(Y2026.replace("2026", "2025"), seven.subList(0, 1))));
        assertThat(ended).singleElement().satisfies(f -> assertThat(f.path()).isEqualTo(cut.path()));
        assertThat(ended.get(0).content()).endsWith((byte) '\n');

        Sealed sealed = seal(ended.get(0), List.of(last(seven)), last(seven));

        assertThat(AuditVerifier.verify(List.of(sealed.file()), List.of(last(seven), sealed.seal().head())).problems())
                .isEmpty();
    }

    @Test
    @DisplayName("a rewritten entry: the head recorded in a commit is sealed with the hash found in its place")
    void rewrittenHistory() {
        List<AuditEntry> forged = new ArrayList<>(seven.subList(0, 5));
        forged.addAll(chainAfter(seven.get(4).head(), 2, MARCH.plusSeconds(600), Duration.ofMinutes(1), 50));
        AuditFile rewritten = file(Y2026, forged);
        List<AuditHead> heads = List.of(seven.get(5).head(), last(seven));

        Sealed sealed = seal(rewritten, heads, last(seven));

        assertThat(sealed.seal().data().path("breaks")).anySatisfy(b -> {
            assertThat(b.path("seq").asLong()).isEqualTo(6);
            assertThat(b.path("found").asText()).isEqualTo(forged.get(5).hash());
        });
        assertThat(AuditVerifier.verify(List.of(sealed.file()), with(heads, sealed.seal().head())).problems()).isEmpty();
        // the same head with another hash found would be a new rewrite
        assertThat(AuditVerifier.verify(List.of(sealed.file()), List.of(new AuditHead(6, seven.get(0).hash())))
                .intact()).isFalse();
    }

    @Test
    @DisplayName("a second break after a first seal is sealed on its own: the second seal records only what is new")
    void secondSeal() {
        List<String> lines = lines(file);
        lines.set(2, lines.get(2).replace("\"n\":2", "\"n\":9"));
        Sealed first = seal(withLines(file, lines), List.of(last(seven)), last(seven));
        List<String> again = lines(first.file());
        again.set(5, "{not an entry");
        List<AuditHead> heads = List.of(last(seven), first.seal().head());

        Sealed second = seal(withLines(first.file(), again), heads, first.seal().head());

        assertThat(second.seal().seq()).isEqualTo(9);
        assertThat(second.of().problems()).extracting(AuditProblem::line).containsOnly(6);
        assertThat(AuditVerifier.verify(List.of(second.file()), with(heads, second.seal().head())).problems()).isEmpty();
    }

    @Test
    @DisplayName("an intact log needs no seal")
    void intactNeedsNone() {
        assertThat(AuditSeal.of(List.of(file), List.of(last(seven)), last(seven))).isEmpty();
        assertThat(AuditSeal.of(List.of(file(Y2026, seven.subList(0, 5))), List.of(), last(seven))).isPresent();
    }

    @Test
    @DisplayName("verifyAfter tells whether the seal, appended as the unit of work does, leaves the log intact")
    void verifyAfter() {
        List<String> lines = lines(file);
        lines.set(2, lines.get(2).replace("\"n\":2", "\"n\":9"));
        AuditSeal seal = AuditSeal.of(List.of(withLines(file, lines)), List.of(last(seven)), last(seven)).orElseThrow();

        assertThat(seal.verifyAfter(seal.record("user", null, Json.object()), LATER, UTC).problems()).isEmpty();
        assertThat(seal.verifyAfter(seal.record("user", null, Json.object()), Instant.parse("2027-01-02T00:00:00Z"), UTC)
                .problems()).isEmpty();
    }
}
