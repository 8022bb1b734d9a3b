package dev.avalon.benchmarks;

import dev.avalon.core.calendar.Occurrence;
import dev.avalon.core.calendar.Overlap;
import dev.avalon.core.calendar.Overlaps;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

/**
 * The calendar engine's overlap check ({@link Overlaps#all}: sort by start, sweep with a heap of the
 * occurrences still running) next to the naive loop over every pair, on the same {@code n} timed
 * occurrences of 30 to 120 minutes spread so that about half of them overlap another. Both return
 * every overlapping pair. The naive loop makes n(n-1)/2 comparisons: 5·10⁹ at n = 100 000.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(1)
@Warmup(iterations = 1, time = 2)
@Measurement(iterations = 2, time = 2)
public class OverlapBenchmark {

    @Param({"20000", "100000"})
    public int n;

    private List<Occurrence> occurrences;

    @Setup(Level.Trial)
    public void setUp() {
        Random random = new Random(20261123L);
        Instant origin = Instant.parse("2026-01-01T00:00:00Z");
        long spanMinutes = n * 180L;
        occurrences = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            Instant start = origin.plusSeconds(60L * (long) (random.nextDouble() * spanMinutes));
            Instant end = start.plusSeconds(60L * (30 + random.nextInt(91)));
            occurrences.add(new Occurrence("EV-" + i, start, end, LocalDateTime.ofInstant(start, ZoneOffset.UTC)));
        }
        if (n <= 20_000 && sweep().size() != naive().size()) {
            throw new IllegalStateException("the sweep and the naive loop must find the same pairs");
        }
    }

    @Benchmark
    public List<Overlap> sweep() {
        return Overlaps.all(occurrences);
    }

    @Benchmark
    public List<Overlap> naive() {
        List<Overlap> found = new ArrayList<>();
        for (int i = 0; i < occurrences.size(); i++) {
            Occurrence a = occurrences.get(i);
            for (int j = i + 1; j < occurrences.size(); j++) {
                Occurrence b = occurrences.get(j);
                if (a.start().isBefore(b.end()) && b.start().isBefore(a.end())) {
                    found.add(a.start().isAfter(b.start()) ? new Overlap(b, a) : new Overlap(a, b));
                }
            }
        }
        return found;
    }
}
