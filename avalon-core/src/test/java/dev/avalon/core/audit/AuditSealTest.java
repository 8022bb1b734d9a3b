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

    // ---------------------------------------------------------------- commits whose record was lost

    private static final String A = "a".repeat(40);
    private static final String B = "b".repeat(40);
    private static final String HAND = "c".repeat(40);

    /**
     * Two commits Avalon made: A after seq 2 (its JA), recorded at seq 3; B after seq 5, recorded at seq 6;
     * then seq 7. Line i holds seq i + 1.
     */
    private final List<AuditEntry> history = AuditFixtures.chainOf(List.of(AuditFixtures.record(1),
            AuditFixtures.approved("Q-1"), AuditFixtures.recorded(A, "Q-1"), AuditFixtures.record(4),
            AuditFixtures.approved("Q-2"), AuditFixtures.recorded(B, "Q-2"), AuditFixtures.record(7)),
            MARCH, Duration.ofMinutes(1));
    private final LostCommitRecords.Commit commitA = AuditFixtures.commitAfter(A, history.get(1).head(), "Q-1");
    private final LostCommitRecords.Commit commitB = AuditFixtures.commitAfter(B, history.get(4).head(), "Q-2");

    /** The history with line {@code index} made unreadable. */
    private AuditFile unreadable(int index) {
        List<String> lines = lines(file(Y2026, history));
        lines.set(index, "{not an entry");
        return withLines(file(Y2026, history), lines);
    }

    @Test
    @DisplayName("an older commit whose record line is unreadable: the seal vouches for it, the log verifies, and it counts"
            + " as recorded after")
    void olderCommitsRecordUnreadable() {
        AuditFile damaged = unreadable(2);
        List<AuditHead> heads = List.of(history.get(1).head(), history.get(4).head(), last(history));

        List<LostCommitRecords.Vouched> vouched = LostCommitRecords.of(List.of(damaged), List.of(commitA, commitB),
                last(history), B);

        assertThat(vouched).singleElement().satisfies(v -> {
            assertThat(v.sha()).isEqualTo(A);
            assertThat(v.seq()).isEqualTo(3);
            assertThat(v.reason()).contains("seq 3").contains(B);
        });
        AuditSeal seal = AuditSeal.of(List.of(damaged), heads, last(history)).orElseThrow();
        com.fasterxml.jackson.databind.node.ObjectNode details = Json.object();
        details.set(LostCommitRecords.SEAL_FIELD, LostCommitRecords.toJson(vouched));
        AuditEntry entry = AuditChain.next(last(history), LATER, seal.record("user", "t-seal", details));
        AuditFile sealed = appended(damaged, entry.line());
        assertThat(AuditVerifier.verify(List.of(sealed), with(heads, entry.head())).problems()).isEmpty();
        assertThat(LostCommitRecords.in(entry.data())).isEqualTo(vouched);
        // sealed, A is recorded: nothing is left to vouch for
        assertThat(LostCommitRecords.of(List.of(sealed), List.of(commitA, commitB), entry.head(), B)).isEmpty();
    }

    @Test
    @DisplayName("a deleted record line and a cut tail are damaged ranges too")
    void deletedLineAndCutTail() {
        List<String> lines = lines(file(Y2026, history));
        lines.remove(2);
        assertThat(LostCommitRecords.of(List.of(withLines(file(Y2026, history), lines)), List.of(commitA, commitB),
                last(history), B)).extracting(LostCommitRecords.Vouched::sha).containsExactly(A);

        AuditFile cut = file(Y2026, history.subList(0, 2));
        assertThat(LostCommitRecords.of(List.of(cut), List.of(commitA, commitB), last(history), B))
                .extracting(LostCommitRecords.Vouched::sha).containsExactly(A);
    }

    @Test
    @DisplayName("a commit made by hand with trailers copied, or naming a head outside the damaged range, is never vouched for")
    void handMadeWithTrailersOutsideTheRange() {
        AuditFile damaged = unreadable(2);
        // names seq 4, a sound entry: its record would stand at seq 5, a readable line that does not record it
        LostCommitRecords.Commit named = AuditFixtures.commitAfter(HAND, history.get(3).head(), "Q-9");
        assertThat(LostCommitRecords.of(List.of(damaged), List.of(commitA, named, commitB), last(history), B))
                .extracting(LostCommitRecords.Vouched::sha).containsExactly(A);

        // A's trailers copied: one record cannot stand for two commits, so neither is vouched for
        LostCommitRecords.Commit copied = AuditFixtures.commitAfter(HAND, history.get(1).head(), "Q-1");
        assertThat(LostCommitRecords.of(List.of(damaged), List.of(commitA, copied, commitB), last(history), B)).isEmpty();

        // a commit on top of the last one Avalon made, pointing into a damaged tail
        AuditFile tail = unreadable(6);
        LostCommitRecords.Commit onTop = AuditFixtures.commitAfter(HAND, history.get(5).head(), "Q-9");
        assertThat(LostCommitRecords.of(List.of(tail), List.of(commitA, commitB, onTop), last(history), B)).isEmpty();

        // the trailer's head is a sound entry, but its hash is not the one there
        LostCommitRecords.Commit forged = AuditFixtures.commitAfter(HAND, new AuditHead(2, "f".repeat(64)), "Q-9");
        assertThat(LostCommitRecords.of(List.of(damaged), List.of(forged, commitB), last(history), B)).isEmpty();
    }

    @Test
    @DisplayName("a commit made by hand without Avalon's trailers is never vouched for, wherever it stands")
    void handMadeWithoutTrailers() {
        AuditFile damaged = unreadable(2);
        assertThat(LostCommitRecords.of(List.of(damaged), List.of(AuditFixtures.byHand(HAND), commitB), last(history), B))
                .isEmpty();
        // nor does A get vouched for behind it: its successor names no head, so nothing bounds where A's record stood
        assertThat(LostCommitRecords.of(List.of(damaged), List.of(commitA, AuditFixtures.byHand(HAND), commitB),
                last(history), B)).isEmpty();
        // the consent alone is not enough either
        LostCommitRecords.Commit consentOnly = new LostCommitRecords.Commit(A,
                java.util.Map.of(dev.avalon.core.layout.BrainLayout.CONSENT_TRAILER, "Q-1"), false, null);
        assertThat(LostCommitRecords.of(List.of(damaged), List.of(consentOnly, commitB), last(history), B)).isEmpty();
    }

    @Test
    @DisplayName("a commit that changed behaviour.avl is vouched for only with the version trailer of the version it holds")
    void behaviourVersionTrailer() {
        AuditFile damaged = unreadable(2);
        java.util.Map<String, String> trailers = new java.util.HashMap<>(commitA.trailers());
        LostCommitRecords.Commit without = new LostCommitRecords.Commit(A, trailers, true, "1.3.0");
        assertThat(LostCommitRecords.of(List.of(damaged), List.of(without, commitB), last(history), B)).isEmpty();
        trailers.put(dev.avalon.core.layout.BrainLayout.VERSION_TRAILER, "1.2.0");
        LostCommitRecords.Commit other = new LostCommitRecords.Commit(A, trailers, true, "1.3.0");
        assertThat(LostCommitRecords.of(List.of(damaged), List.of(other, commitB), last(history), B)).isEmpty();
        trailers.put(dev.avalon.core.layout.BrainLayout.VERSION_TRAILER, "1.3.0");
        LostCommitRecords.Commit named = new LostCommitRecords.Commit(A, trailers, true, "1.3.0");
        assertThat(LostCommitRecords.of(List.of(damaged), List.of(named, commitB), last(history), B))
                .extracting(LostCommitRecords.Vouched::sha).containsExactly(A);
    }

    @Test
    @DisplayName("without a later commit Avalon made, nothing is vouched for: the record of the head names none")
    void needsALaterCommitOfAvalons() {
        AuditFile damaged = unreadable(2);
        assertThat(LostCommitRecords.of(List.of(damaged), List.of(commitA), last(history), null)).isEmpty();
        // B's record readable: B bounds A even when the record of the head is not taken into account
        assertThat(LostCommitRecords.of(List.of(damaged), List.of(commitA, commitB), last(history), null))
                .extracting(LostCommitRecords.Vouched::sha).containsExactly(A);
    }
}
