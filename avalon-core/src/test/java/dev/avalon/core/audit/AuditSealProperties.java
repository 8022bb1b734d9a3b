package dev.avalon.core.audit;

import dev.avalon.core.json.Json;
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
}
