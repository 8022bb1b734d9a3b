package dev.avalon.core.audit;

import dev.avalon.core.json.Json;
import dev.avalon.core.layout.BrainLayout;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

@Label("Sealing a broken audit chain")
class AuditSealProperties {

    private static final Instant MARCH = Instant.parse("2026-03-01T09:00:00Z");
    private static final Instant LATER = Instant.parse("2026-06-01T09:00:00Z");

    /** What was done to the log behind Avalon's back. */
    enum Damage { FLIP_BYTE, UNREADABLE_LINE, DELETED_LINE, TRUNCATED_TAIL, CUT_LAST_LINE }

    record Case(int length, Damage damage, int where, List<Integer> committed, int line, int offset, int value) {
    }

    @Provide
    Arbitrary<Case> cases() {
        return Combinators.combine(Arbitraries.integers().between(2, 25), Arbitraries.of(Damage.class),
                        Arbitraries.integers().between(0, 1_000_000),
                        Arbitraries.integers().between(0, 24).list().ofMaxSize(4),
                        Arbitraries.integers().between(0, 1_000_000), Arbitraries.integers().between(0, 1_000_000),
                        Arbitraries.integers().between(1, 255))
                .as(Case::new);
    }

    @Property(tries = 400)
    @Label("for a random chain with a random damage, seal then verify is intact; any further change of one byte"
            + " outside the seal is reported")
    void sealThenVerify(@ForAll("cases") Case c) {
        List<AuditEntry> chain = AuditFixtures.chain(c.length(), MARCH, Duration.ofMinutes(3));
        AuditHead recorded = AuditFixtures.last(chain);
        List<AuditHead> heads = new ArrayList<>();
        c.committed().stream().filter(i -> i < chain.size()).forEach(i -> heads.add(chain.get(i).head()));
        heads.add(recorded);
        AuditFile original = AuditFixtures.file("audit/2026.jsonl", chain);
        AuditFile damaged = damage(original, c);
        Assume.that(!AuditVerifier.verify(List.of(damaged), heads).intact());

        List<AuditFile> ended = AuditSeal.ended(List.of(damaged));
        AuditFile prepared = ended.isEmpty() ? damaged : ended.get(0);
        Optional<AuditSeal> sealing = AuditSeal.of(List.of(prepared), heads, recorded);
        if (sealing.isEmpty()) {
            // only the final newline was cut: ending the file is the whole repair
            assertThat(AuditVerifier.verify(List.of(prepared), heads).problems()).isEmpty();
            return;
        }
        AuditSeal seal = sealing.get();
        AuditEntry entry = AuditChain.next(recorded, LATER, seal.record("user", null, Json.object()));
        AuditFile sealed = AuditSealTest.appended(prepared, entry.line());
        List<AuditHead> after = new ArrayList<>(heads);
        after.add(entry.head());

        assertThat(AuditVerifier.verify(List.of(sealed), after).problems()).isEmpty();
        assertThat(new IncrementalAuditVerifier().verify(List.of(sealed), after).problems()).isEmpty();

        byte[] bytes = sealed.content();
        int sealStart = bytes.length - entry.line().length;
        int at = c.offset() % sealStart;
        byte[] changed = bytes.clone();
        changed[at] = (byte) (changed[at] ^ c.value());
        // changing a damaged byte back to what it was mends the line: nothing left to report there
        Assume.that(!Arrays.equals(Arrays.copyOf(changed, sealStart), original.content()));
        assertThat(AuditVerifier.verify(List.of(new AuditFile(sealed.path(), changed)), after).intact())
                .as("a change at byte %d of %s", at, new String(bytes, StandardCharsets.UTF_8)).isFalse();
    }

    private static AuditFile damage(AuditFile original, Case c) {
        List<String> lines = AuditFixtures.lines(original);
        int i = c.where() % lines.size();
        switch (c.damage()) {
            case FLIP_BYTE -> {
                byte[] bytes = original.content();
                int at = c.where() % bytes.length;
                bytes[at] = (byte) (bytes[at] ^ c.value());
                return new AuditFile(original.path(), bytes);
            }
            case UNREADABLE_LINE -> lines.set(i, "{not an entry " + c.where());
            case DELETED_LINE -> lines.remove(i);
            case TRUNCATED_TAIL -> {
                int keep = Math.max(1, i);
                return AuditFixtures.withLines(original, lines.subList(0, keep));
            }
            case CUT_LAST_LINE -> {
                byte[] bytes = original.content();
                int cut = 1 + c.where() % Math.min(100, bytes.length - 1);
                return new AuditFile(original.path(), Arrays.copyOf(bytes, bytes.length - cut));
            }
        }
        return AuditFixtures.withLines(original, lines);
    }

    /** What a commit made by hand carries, and where it stands on the branch. */
    enum Forgery { NONE, NO_TRAILERS_BETWEEN, COPIED_BETWEEN, NO_TRAILERS_ON_TOP, COPIED_ON_TOP, ANY_HEAD_ON_TOP }

    record History(List<Integer> gaps, int tail, boolean delete, int line, Forgery forgery, int pick) {
    }

    @Provide
    Arbitrary<History> histories() {
        return Combinators.combine(Arbitraries.integers().between(0, 3).list().ofMinSize(2).ofMaxSize(5),
                        Arbitraries.integers().between(0, 2), Arbitraries.of(true, false),
                        Arbitraries.integers().between(0, 1_000_000), Arbitraries.of(Forgery.class),
                        Arbitraries.integers().between(0, 1_000_000))
                .as(History::new);
    }

    @Property(tries = 400)
    @Label("a seal vouches exactly for Avalon's commits (not the last) whose record line was damaged, never for a commit made"
            + " by hand, and the log with the seal verifies")
    void vouchesOnlyForAvalonsCommits(@ForAll("histories") History c) {
        // each commit: some entries, its JA, the commit, its record
        List<AuditRecord> records = new ArrayList<>();
        List<String> shas = new ArrayList<>();
        List<Integer> approvals = new ArrayList<>();
        for (int i = 0; i < c.gaps().size(); i++) {
            for (int g = 0; g < c.gaps().get(i); g++) {
                records.add(AuditFixtures.record(records.size()));
            }
            String sha = String.format("%040x", i + 1);
            approvals.add(records.size());
            records.add(AuditFixtures.approved("Q-" + i));
            records.add(AuditFixtures.recorded(sha, "Q-" + i));
            shas.add(sha);
        }
        for (int g = 0; g < c.tail(); g++) {
            records.add(AuditFixtures.record(records.size()));
        }
        List<AuditEntry> chain = AuditFixtures.chainOf(records, MARCH, Duration.ofMinutes(3));
        List<LostCommitRecords.Commit> branch = new ArrayList<>();
        for (int i = 0; i < shas.size(); i++) {
            branch.add(AuditFixtures.commitAfter(shas.get(i), chain.get(approvals.get(i)).head(), "Q-" + i));
        }
        String hand = "f".repeat(40);
        int between = 1 + c.pick() % (branch.size() - 1);
        LostCommitRecords.Commit copied = branch.get(c.pick() % branch.size());
        switch (c.forgery()) {
            case NONE -> { }
            case NO_TRAILERS_BETWEEN -> branch.add(between, AuditFixtures.byHand(hand));
            case COPIED_BETWEEN -> branch.add(between, new LostCommitRecords.Commit(hand, copied.trailers(), false, null));
            case NO_TRAILERS_ON_TOP -> branch.add(AuditFixtures.byHand(hand));
            case COPIED_ON_TOP -> branch.add(new LostCommitRecords.Commit(hand, copied.trailers(), false, null));
            case ANY_HEAD_ON_TOP -> branch.add(AuditFixtures.commitAfter(hand,
                    chain.get(c.pick() % chain.size()).head(), "Q-hand"));
        }
        AuditFile original = AuditFixtures.file("audit/2026.jsonl", chain);
        List<String> lines = AuditFixtures.lines(original);
        int damagedLine = c.line() % lines.size();
        if (c.delete()) {
            lines.remove(damagedLine);
        } else {
            lines.set(damagedLine, "{not an entry " + c.line());
        }
        AuditFile damaged = AuditFixtures.withLines(original, lines);
        AuditHead recorded = AuditFixtures.last(chain);
        String lastCommit = shas.get(shas.size() - 1);

        List<LostCommitRecords.Vouched> vouched = LostCommitRecords.of(List.of(damaged), branch, recorded, lastCommit);

        assertThat(vouched).extracting(LostCommitRecords.Vouched::sha).doesNotContain(hand);
        int lost = shas.indexOf(records.get(damagedLine).data().path("commitSHA").asText());
        assertThat(vouched).allSatisfy(v -> assertThat(v.sha()).isEqualTo(shas.get(lost)));
        // a hand-made commit naming the lost commit's head makes that head doubtful: neither is vouched for then
        String lostHead = lost >= 0 ? branch.stream().filter(b -> b.sha().equals(shas.get(lost))).findFirst()
                .orElseThrow().trailers().get(BrainLayout.AUDIT_HEAD_TRAILER) : null;
        boolean copiedLost = branch.stream().anyMatch(b -> b.sha().equals(hand)
                && java.util.Objects.equals(b.trailers().get(BrainLayout.AUDIT_HEAD_TRAILER), lostHead));
        // nor is one whose successor is the hand-made commit: nothing bounds where its record stood
        boolean behindHand = c.forgery().name().endsWith("BETWEEN") && lost == between - 1;
        if (lost >= 0 && lost < shas.size() - 1 && !copiedLost && !behindHand) {
            assertThat(vouched).extracting(LostCommitRecords.Vouched::sha).containsExactly(shas.get(lost));
        }

        Optional<AuditSeal> seal = AuditSeal.of(List.of(damaged), List.of(recorded), recorded);
        Assume.that(seal.isPresent());
        com.fasterxml.jackson.databind.node.ObjectNode details = Json.object();
        details.set(LostCommitRecords.SEAL_FIELD, LostCommitRecords.toJson(vouched));
        AuditEntry entry = AuditChain.next(recorded, LATER, seal.get().record("user", null, details));
        AuditFile sealed = AuditSealTest.appended(damaged, entry.line());
        assertThat(AuditVerifier.verify(List.of(sealed), List.of(recorded, entry.head())).problems()).isEmpty();
        assertThat(LostCommitRecords.in(entry.data())).isEqualTo(vouched);
    }
}
