package dev.avalon.core.command;

import dev.avalon.core.json.Json;
import dev.avalon.core.time.ManualClock;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

@Label("The command queue under any sequence of polls, completions and time passing")
class CommandQueueProperties {

    static final int MAX_ATTEMPTS = 3;
    static final List<String> SYSTEMS = List.of("N8N", "TELEGRAM");

    sealed interface Op permits Poll, Pass, Complete {
    }

    record Poll(String system, int max, int leaseSeconds) implements Op {
    }

    record Pass(int seconds) implements Op {
    }

    record Complete(int pick, boolean ok) implements Op {
    }

    @Provide
    Arbitrary<List<Op>> ops() {
        Arbitrary<Op> poll = Combinators.combine(Arbitraries.of(SYSTEMS), Arbitraries.integers().between(1, 3),
                Arbitraries.integers().between(1, 120)).as(Poll::new);
        Arbitrary<Op> pass = Arbitraries.integers().between(0, 150).map(Pass::new);
        Arbitrary<Op> complete = Combinators.combine(Arbitraries.integers().between(0, 5), Arbitraries.of(true, false))
                .as(Complete::new);
        return Arbitraries.oneOf(poll, pass, complete).list().ofMaxSize(40);
    }

    @Property(tries = 300)
    @Label("a lease is held exactly while PROCESSING, never past its end once checked; attempts stay within the limit; finished stays finished")
    void invariants(@ForAll("ops") List<Op> ops) {
        ManualClock clock = new ManualClock(Instant.parse("2026-11-23T08:00:00Z"));
        List<Command> start = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            start.add(new Command("CMD-" + i, "k" + i, SYSTEMS.get(i % 2), "DO", Json.object(), "ACTION: X.DO", "api",
                    CommandState.PENDING, 0, null, null, null, clock.instant(), clock.instant(), null));
        }
        CommandQueue q = CommandQueue.of(start);
        Map<String, CommandState> finished = new HashMap<>();
        for (Op op : ops) {
            Instant now = clock.instant();
            if (op instanceof Poll p) {
                CommandQueue.Step step = q.poll(p.system(), p.max(), Duration.ofSeconds(p.leaseSeconds()), now,
                        MAX_ATTEMPTS);
                List<Command> leased = CommandQueue.leased(step.moves());
                assertThat(leased).hasSizeLessThanOrEqualTo(p.max())
                        .allSatisfy(c -> assertThat(c.system()).isEqualTo(p.system()));
                q = step.queue();
                assertThat(q.all()).noneMatch(c -> c.leaseExpired(now));
            } else if (op instanceof Pass pass) {
                clock.advance(Duration.ofSeconds(pass.seconds()));
            } else if (op instanceof Complete c) {
                Command target = q.all().get(c.pick());
                if (target.state() == CommandState.PROCESSING) {
                    q = q.with(target.moved(c.ok() ? CommandState.COMPLETED : CommandState.FAILED, null,
                            target.attempts(), null, c.ok() ? null : "no", now));
                }
            }
            CommandQueue.Step expired = q.expire(clock.instant(), MAX_ATTEMPTS);
            assertThat(expired.queue().all()).noneMatch(c -> c.leaseExpired(clock.instant()));
            q = expired.queue();
            for (Command c : q.all()) {
                assertThat(c.state() == CommandState.PROCESSING).isEqualTo(c.leaseUntil() != null);
                assertThat(c.attempts()).isBetween(0, MAX_ATTEMPTS);
                if (finished.containsKey(c.id())) {
                    assertThat(c.state()).isEqualTo(finished.get(c.id()));
                }
                if (c.state().finished()) {
                    finished.put(c.id(), c.state());
                }
            }
            assertThat(q.all()).hasSize(6);
        }
    }
}
