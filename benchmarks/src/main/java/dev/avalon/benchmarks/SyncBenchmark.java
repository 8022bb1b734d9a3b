package dev.avalon.benchmarks;

import dev.avalon.core.port.RemoteCalendar;
import dev.avalon.core.port.RemoteChanges;
import dev.avalon.core.port.RemoteEvent;
import dev.avalon.testkit.MutableClock;
import dev.avalon.testkit.brain.InMemoryBrainStore;
import dev.avalon.testkit.calendar.InMemoryRemoteCalendar;
import dev.avalon.testkit.harness.AvalonHarness;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * {@code calendar.sync} against a remote calendar of 10,000 events (the in-memory remote of the testkit,
 * so the network is out of the measurement) next to the raw fetch of the same data:
 * <ul>
 *   <li>{@link #fullSync}: the sync token expired, so Avalon lists every event and compares it with the
 *       brain, through the whole pipeline and its unit of work; {@link #rawFullFetch} only lists them.</li>
 *   <li>{@link #incrementalSync}: one event moved by the user since the last sync; {@link #rawIncrementalFetch}
 *       only asks for the changes.</li>
 * </ul>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 3, time = 3)
public class SyncBenchmark {

    static final int EVENTS = 10_000;
    private static final Instant START = Instant.parse("2026-11-23T08:00:00Z");

    private MutableClock clock;
    private InMemoryRemoteCalendar remote;
    private AvalonHarness avalon;
    private String token;
    private int moves;

    @Setup(Level.Trial)
    public void setUp() {
        clock = MutableClock.at("2026-11-23T09:00:00+01:00");
        remote = new InMemoryRemoteCalendar(clock);
        for (int i = 0; i < EVENTS; i++) {
            Instant start = START.plus(Duration.ofMinutes(90L * i));
            remote.userAdd(new RemoteEvent("ext" + i, null, null, "Afspraak " + i, "", "", start,
                    start.plus(Duration.ofHours(1)), "Europe/Amsterdam", null, null, List.of(), null, null, false,
                    List.of(), null, Map.of(), start));
        }
        avalon = AvalonHarness.on(new InMemoryBrainStore(), clock, b -> b.port(RemoteCalendar.class, remote)
                .rateLimits(Integer.MAX_VALUE, Integer.MAX_VALUE));
        avalon.dispatch("calendar.sync", "{}").assertOk();
        token = remote.changes(Optional.empty()).nextSyncToken();
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        avalon.close();
    }

    private void userMovesOne() {
        String id = "ext" + (moves++ % EVENTS);
        Instant start = START.plus(Duration.ofMinutes(90L * (moves % EVENTS))).plusSeconds(60L * (moves % 30));
        remote.userMove(id, start, start.plus(Duration.ofHours(1)));
    }

    @Benchmark
    public Object fullSync() {
        remote.expireSyncTokens();
        return avalon.dispatch("calendar.sync", "{}").assertOk().data();
    }

    @Benchmark
    public RemoteChanges rawFullFetch() {
        return remote.changes(Optional.empty());
    }

    @Benchmark
    public Object incrementalSync() {
        userMovesOne();
        return avalon.dispatch("calendar.sync", "{}").assertOk().data();
    }

    @Benchmark
    public RemoteChanges rawIncrementalFetch() {
        userMovesOne();
        RemoteChanges changes = remote.changes(Optional.of(token));
        token = changes.nextSyncToken();
        return changes;
    }
}
