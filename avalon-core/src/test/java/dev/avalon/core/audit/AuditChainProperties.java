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
import net.jqwik.api.constraints.AlphaChars;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.constraints.StringLength;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

@Label("Audit chain properties")
class AuditChainProperties {

    private static final List<ZoneId> ZONES = List.of(ZoneId.of("UTC"), ZoneId.of("Europe/Amsterdam"),
            ZoneId.of("Pacific/Kiritimati"), ZoneId.of("America/Los_Angeles"));

    /** A chain as the unit of work writes it: entries spread over a year boundary, in some zone. */
    record Log(List<AuditEntry> entries, ZoneId zone) {
        List<AuditFile> files() {
            return AuditFixtures.files(entries, zone);
        }

        AuditHead head() {
            return AuditFixtures.last(entries);
        }
    }

    @Provide
    Arbitrary<Log> logs() {
        Arbitrary<Instant> start = Arbitraries.longs().between(0, 3 * 365 * 24 * 60)
                .map(m -> Instant.parse("2024-11-01T00:00:00Z").plus(Duration.ofMinutes(m)));
        Arbitrary<List<Long>> gaps = Arbitraries.longs().between(0, 60L * 24 * 60).list().ofMinSize(1).ofMaxSize(12);
        Arbitrary<List<String>> notes = Arbitraries.strings().ofMaxLength(12).list().ofSize(12);
        Arbitrary<ZoneId> zone = Arbitraries.of(ZONES);
        return Combinators.combine(start, gaps, notes, zone).as((s, g, n, z) -> {
            List<AuditEntry> entries = new ArrayList<>();
            AuditHead head = AuditHead.GENESIS;
            Instant ts = s;
            for (int i = 0; i < g.size(); i++) {
                ts = ts.plus(Duration.ofMinutes(g.get(i)));
                ObjectNode data = Json.object();
                data.put("note", n.get(i)).put("i", i).putObject("nested").put("mail", "x" + i + "@example.org");
                AuditEntry e = AuditChain.next(head, ts, new AuditRecord("prop.event", "actor-" + i,
                        i % 3 == 0 ? null : "trace-" + i, data));
                entries.add(e);
                head = e.head();
            }
            return new Log(entries, z);
        });
    }

    @Property
    @Label("an intact chain verifies, in its own zone and without one")
    void intactChainVerifies(@ForAll("logs") Log log) {
        assertThat(AuditVerifier.verify(log.files(), List.of(log.head()), log.zone()).problems()).isEmpty();
        AuditReport zoneless = AuditVerifier.verify(log.files(), List.of(log.head()));
        assertThat(zoneless.problems()).isEmpty();
        assertThat(zoneless.entries()).isEqualTo(log.entries().size());
        assertThat(zoneless.head()).isEqualTo(log.head());
    }

    @Property(tries = 500)
    @Label("flipping any bits of any one byte of any audit file breaks the report")
    void anyFlippedByteIsDetected(@ForAll("logs") Log log,
                                  @ForAll @IntRange(min = 0, max = Integer.MAX_VALUE) int position,
                                  @ForAll @IntRange(min = 1, max = 255) int mask) {
        List<AuditFile> files = new ArrayList<>(log.files());
        int total = files.stream().mapToInt(f -> f.content().length).sum();
        int at = position % total;
        for (int i = 0; i < files.size(); i++) {
            byte[] content = files.get(i).content();
            if (at < content.length) {
                content[at] = (byte) (content[at] ^ mask);
                files.set(i, new AuditFile(files.get(i).path(), content));
                break;
            }
            at -= content.length;
        }

        // without any recorded head: the flip must show inside the log itself
        assertThat(AuditVerifier.verify(files, List.of()).intact()).isFalse();
        assertThat(AuditVerifier.verify(files, List.of(log.head()), log.zone()).intact()).isFalse();
    }

    @Property
    @Label("cutting whole lines off the tail is detected through the recorded head")
    void truncatedTailIsDetected(@ForAll("logs") Log log, @ForAll @IntRange(min = 1, max = 12) int cut) {
        int keep = Math.max(0, log.entries().size() - cut);
        List<AuditEntry> kept = log.entries().subList(0, keep);

        List<AuditFile> files = AuditFixtures.files(kept, log.zone());

        assertThat(AuditVerifier.verify(files, List.of()).intact()).isTrue();
        assertThat(AuditVerifier.verify(files, List.of(log.head())).intact()).isFalse();
    }

    @Property
    @Label("an entry's line and hash do not depend on the order its data's keys were put in")
    void canonicalWhateverTheKeyOrder(@ForAll @Size(max = 10) Map<@AlphaChars @StringLength(min = 1, max = 6) String,
            @IntRange(min = -1000, max = 1000) Integer> values, @ForAll Random random) {
        List<String> keys = new ArrayList<>(values.keySet());
        ObjectNode inOrder = Json.object();
        keys.forEach(k -> inOrder.putObject(k).put("v", values.get(k)).put("k", k));
        Collections.shuffle(keys, random);
        ObjectNode shuffled = Json.object();
        keys.forEach(k -> shuffled.putObject(k).put("k", k).put("v", values.get(k)));
        Instant ts = Instant.parse("2026-05-05T05:05:05Z");

        AuditEntry a = AuditChain.next(AuditHead.GENESIS, ts, new AuditRecord("t", "u", null, inOrder));
        AuditEntry b = AuditChain.next(AuditHead.GENESIS, ts, new AuditRecord("t", "u", null, shuffled));

        assertThat(b.line()).isEqualTo(a.line());
        assertThat(b.hash()).isEqualTo(a.hash());
    }
}
