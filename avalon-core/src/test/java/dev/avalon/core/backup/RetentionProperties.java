package dev.avalon.core.backup;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Invariants of {@link Retention} over random histories and policies. */
class RetentionProperties {

    private static final ZoneId AMSTERDAM = ZoneId.of("Europe/Amsterdam");

    @Property
    void keptIsASubsetAndTheNewestIsKept(@ForAll("histories") List<Snapshot> history,
                                         @ForAll("policies") RetentionPolicy policy) {
        List<Snapshot> kept = Retention.keep(history, policy, AMSTERDAM);

        assertThat(history).containsAll(kept);
        assertThat(kept).doesNotHaveDuplicates();
        if (!history.isEmpty()) {
            Snapshot newest = history.stream()
                    .max(Comparator.comparing(Snapshot::at).thenComparing(Snapshot::id)).orElseThrow();
            assertThat(kept).contains(newest);
        }
    }

    @Property
    void keepingTwiceKeepsTheSame(@ForAll("histories") List<Snapshot> history,
                                  @ForAll("policies") RetentionPolicy policy) {
        List<Snapshot> kept = Retention.keep(history, policy, AMSTERDAM);

        assertThat(Retention.keep(kept, policy, AMSTERDAM)).containsExactlyElementsOf(kept);
    }

    @Property
    void theOrderGivenDoesNotMatter(@ForAll("histories") List<Snapshot> history,
                                    @ForAll("policies") RetentionPolicy policy) {
        List<Snapshot> reversed = new ArrayList<>(history);
        java.util.Collections.reverse(reversed);

        assertThat(Retention.keep(reversed, policy, AMSTERDAM))
                .containsExactlyElementsOf(Retention.keep(history, policy, AMSTERDAM));
    }

    @Provide
    Arbitrary<List<Snapshot>> histories() {
        // two years around a DST change, with bursts on one day and ties in time
        Arbitrary<Instant> at = Arbitraries.longs().between(0, 2L * 365 * 24 * 3600)
                .map(s -> Instant.parse("2025-01-01T00:00:00Z").plusSeconds(s - s % 1800));
        return at.list().ofMaxSize(120).map(times -> {
            List<Snapshot> list = new ArrayList<>();
            for (int i = 0; i < times.size(); i++) {
                list.add(new Snapshot(times.get(i), String.format("s%03d", i)));
            }
            return list;
        });
    }

    @Provide
    Arbitrary<RetentionPolicy> policies() {
        Arbitrary<Integer> count = Arbitraries.integers().between(0, 14);
        return Combinators.combine(count, count, count)
                .as((d, w, m) -> new RetentionPolicy(d + w + m == 0 ? 1 : d, w, m));
    }
}
