package dev.avalon.core.audit;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.avalon.core.json.Json;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

@Label("Incremental audit verification")
class IncrementalAuditVerifierProperties {

    /** What happens to the log between two verifications. */
    enum Change { APPEND, APPEND_DAMAGED, FLIP_BYTE, CUT_TAIL, DROP_FIRST_FILE, NOTHING }

    record Step(Change change, int amount, int position) {
    }

    record Walk(List<Long> gapsInDays, List<Step> steps, ZoneId zone) {
    }

    @Provide
    Arbitrary<Walk> walks() {
        Arbitrary<List<Long>> gaps = Arbitraries.longs().between(0, 200).list().ofMinSize(2).ofMaxSize(40);
        Arbitrary<Step> step = Combinators.combine(
                Arbitraries.frequencyOf(
                        net.jqwik.api.Tuple.of(6, Arbitraries.just(Change.APPEND)),
                        net.jqwik.api.Tuple.of(2, Arbitraries.just(Change.APPEND_DAMAGED)),
                        net.jqwik.api.Tuple.of(1, Arbitraries.just(Change.FLIP_BYTE)),
                        net.jqwik.api.Tuple.of(1, Arbitraries.just(Change.CUT_TAIL)),
                        net.jqwik.api.Tuple.of(1, Arbitraries.just(Change.DROP_FIRST_FILE)),
                        net.jqwik.api.Tuple.of(1, Arbitraries.just(Change.NOTHING))),
                Arbitraries.integers().between(1, 6), Arbitraries.integers().between(0, 100_000))
                .as(Step::new);
        return Combinators.combine(gaps, step.list().ofMinSize(1).ofMaxSize(25),
                Arbitraries.of(ZoneId.of("UTC"), ZoneId.of("Europe/Amsterdam"), ZoneId.of("Pacific/Kiritimati")))
                .as(Walk::new);
    }

    @Property(tries = 300)
    @Label("reports exactly what a whole verification reports, whatever happens to the log in between")
    void sameReportAsAWholeVerification(@ForAll("walks") Walk walk) {
        List<AuditEntry> chain = chain(walk.gapsInDays());
        IncrementalAuditVerifier incremental = new IncrementalAuditVerifier();
        IncrementalAuditVerifier zoned = new IncrementalAuditVerifier(walk.zone());
        int written = 1;
        List<AuditFile> files = AuditFixtures.files(chain.subList(0, written), walk.zone());
        for (Step step : walk.steps()) {
            switch (step.change()) {
                case APPEND -> {
                    written = Math.min(chain.size(), written + step.amount());
                    files = AuditFixtures.files(chain.subList(0, written), walk.zone());
                }
                case APPEND_DAMAGED -> {
                    // damage in the appended lines is what a resumed walk itself has to find
                    written = Math.min(chain.size(), written + step.amount());
                    files = lastLineFlipped(AuditFixtures.files(chain.subList(0, written), walk.zone()),
                            step.position());
                }
                case FLIP_BYTE -> files = flipped(files, step.position());
                case CUT_TAIL -> files = cut(files, step.amount());
                case DROP_FIRST_FILE -> files = files.size() > 1 ? files.subList(1, files.size()) : files;
                case NOTHING -> { }
            }
            List<AuditHead> heads = List.of(chain.get(written - 1).head());
            assertThat(incremental.verify(files, heads)).isEqualTo(AuditVerifier.verify(files, heads));
            assertThat(zoned.verify(files, heads)).isEqualTo(AuditVerifier.verify(files, heads, walk.zone()));
        }
    }

    @Test
    void aLogThatGrowsStaysIntactAndCountsEveryEntry() {
        List<AuditEntry> chain = chain(List.of(0L, 1L, 100L, 200L, 1L, 1L, 300L, 2L));
        IncrementalAuditVerifier verifier = new IncrementalAuditVerifier(AuditFixtures.AMSTERDAM);
        for (int n = 1; n <= chain.size(); n++) {
            List<AuditFile> files = AuditFixtures.files(chain.subList(0, n), AuditFixtures.AMSTERDAM);
            AuditReport report = verifier.verify(files, List.of(chain.get(n - 1).head()));
            assertThat(report.intact()).isTrue();
            assertThat(report.entries()).isEqualTo(n);
        }
    }

    @Test
    void anOldLineEditedAfterACleanVerificationIsStillFound() {
        List<AuditEntry> chain = chain(List.of(0L, 1L, 2L, 3L, 4L));
        IncrementalAuditVerifier verifier = new IncrementalAuditVerifier();
        List<AuditFile> files = AuditFixtures.files(chain.subList(0, 3), AuditFixtures.UTC);
        assertThat(verifier.verify(files, List.of(chain.get(2).head())).intact()).isTrue();

        List<AuditFile> grown = AuditFixtures.files(chain, AuditFixtures.UTC);
        List<String> lines = AuditFixtures.lines(grown.get(0));
        lines.set(0, lines.get(0).replace("entry 0", "entry 9"));
        List<AuditFile> edited = List.of(AuditFixtures.withLines(grown.get(0), lines));

        AuditReport report = verifier.verify(edited, List.of(chain.get(4).head()));
        assertThat(report.intact()).isFalse();
        assertThat(report.problems()).anySatisfy(p -> assertThat(p.line()).isEqualTo(1));
    }

    private static List<AuditEntry> chain(List<Long> gapsInDays) {
        List<AuditEntry> entries = new ArrayList<>();
        AuditHead head = AuditHead.GENESIS;
        Instant ts = Instant.parse("2025-10-01T12:00:00Z");
        for (int i = 0; i < gapsInDays.size(); i++) {
            ts = ts.plus(Duration.ofDays(gapsInDays.get(i)));
            ObjectNode data = Json.object().put("i", i).put("note", "entry " + i);
            AuditEntry e = AuditChain.next(head, ts, new AuditRecord("prop.event", "user", "trace-" + i, data));
            entries.add(e);
            head = e.head();
        }
        return entries;
    }

    private static List<AuditFile> flipped(List<AuditFile> files, int position) {
        List<AuditFile> out = new ArrayList<>(files);
        int index = position % out.size();
        byte[] bytes = out.get(index).content();
        bytes[(position / 7) % bytes.length] ^= 0x01;
        out.set(index, new AuditFile(out.get(index).path(), bytes));
        return out;
    }

    private static List<AuditFile> lastLineFlipped(List<AuditFile> files, int position) {
        List<AuditFile> out = new ArrayList<>(files);
        AuditFile last = out.get(out.size() - 1);
        byte[] bytes = last.content();
        int lineStart = bytes.length - 1;
        while (lineStart > 0 && bytes[lineStart - 1] != '\n') {
            lineStart--;
        }
        bytes[lineStart + position % (bytes.length - 1 - lineStart)] ^= 0x02;
        out.set(out.size() - 1, new AuditFile(last.path(), bytes));
        return out;
    }

    private static List<AuditFile> cut(List<AuditFile> files, int bytesCut) {
        List<AuditFile> out = new ArrayList<>(files);
        AuditFile last = out.get(out.size() - 1);
        byte[] bytes = last.content();
        byte[] shorter = java.util.Arrays.copyOf(bytes, Math.max(1, bytes.length - bytesCut * 37));
        out.set(out.size() - 1, new AuditFile(last.path(), shorter));
        return out;
    }
}
