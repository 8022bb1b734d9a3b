package dev.avalon.git;

import dev.avalon.core.port.CommitInfo;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Kills a process that writes to a brain at random moments (SIGKILL: no shutdown hooks, no finally
 * blocks) and checks that the brain it leaves behind opens whole: every file from one unit of work,
 * nothing acknowledged lost, HEAD readable and {@code git fsck --full} clean.
 *
 * <p>Most runs are checked by this JVM right after the kill. Some are left for the next child to open,
 * and some children are killed while they open the brain, so that finishing an interrupted unit of
 * work is itself interrupted; the next child reports what it found and the check follows later.
 *
 * <p>{@code -Davalon.crash.runs=N} sets the number of kills (25 by default);
 * {@code -Davalon.crash.seed=S} replays the choices of a failed run (the exact moment of each kill is
 * up to the scheduler).
 */
class GitBrainCrashTest {

    private static final String NO_HEAD = "-";
    private static final int SIGKILLED = 128 + 9;

    @TempDir
    Path temp;

    @Test
    @DisplayName("a brain killed at any moment of an apply, a commit, a restore or an open reopens whole")
    void survivesKills() throws Exception {
        int runs = Integer.getInteger("avalon.crash.runs", 25);
        long master = Long.getLong("avalon.crash.seed", new Random().nextLong());
        Random random = new Random(master);
        Path dir = temp.resolve("brain");
        State state = new State(Set.of(-1L), Set.of(NO_HEAD), 0, "nothing");
        Map<String, Integer> killedDuring = new TreeMap<>();
        for (int run = 1; run <= runs; run++) {
            Plan plan = new Plan(random.nextLong(), random.nextInt(8) == 0, random.nextInt(800), random.nextInt(40),
                    random.nextInt(4) == 0 ? 0 : random.nextInt(3000), run == runs || random.nextInt(3) != 0);
            try {
                state = oneRun(dir, state, plan, run);
                killedDuring.merge(state.killedDuring(), 1, Integer::sum);
            } catch (AssertionError | Exception e) {
                throw new AssertionError("crash run " + run + " of " + runs + " failed; master seed " + master
                        + " (replay with -Davalon.crash.seed=" + master + "), " + plan + ": " + e.getMessage(), e);
            }
        }
        System.out.println(runs + " kills with master seed " + master + ", by what the child was doing: " + killedDuring);
    }

    /**
     * How one run goes: the child's seed; whether it is killed {@code earlyMillis} after it starts,
     * maybe still opening the brain, or after {@code acks} acknowledgements plus {@code extraMicros};
     * whether this JVM checks the brain right after.
     */
    private record Plan(long seed, boolean early, int earlyMillis, int acks, long extraMicros, boolean check) {
    }

    /**
     * What the brain may hold after a run: the possible working units and HEADs (one each once
     * checked), the next unused unit number, and what the child was doing when it was killed.
     */
    private record State(Set<Long> working, Set<String> heads, long next, String killedDuring) {
    }

    private State oneRun(Path dir, State before, Plan plan, int run) throws Exception {
        Path stderr = temp.resolve("child-" + run + ".err");
        Process child = new ProcessBuilder(java(), "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xshare:auto",
                "-cp", System.getProperty("java.class.path"), CrashChild.class.getName(),
                "run", dir.toString(), Long.toString(plan.seed()), Long.toString(before.next()))
                .redirectError(stderr.toFile()).start();
        Lines lines = new Lines(child.getInputStream());
        Thread reader = new Thread(lines, "crash-child-reader");
        reader.start();
        try {
            if (plan.early()) {
                TimeUnit.MILLISECONDS.sleep(plan.earlyMillis());
            } else {
                if (!lines.ready.await(60, TimeUnit.SECONDS)) {
                    throw new AssertionError("the child did not open the brain: " + Files.readString(stderr));
                }
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                while (lines.acks.get() < plan.acks() && child.isAlive() && System.nanoTime() < deadline) {
                    Thread.onSpinWait();
                }
                if (plan.extraMicros() > 0) {
                    TimeUnit.MICROSECONDS.sleep(plan.extraMicros());
                }
            }
        } finally {
            child.destroyForcibly();
            child.waitFor(30, TimeUnit.SECONDS);
            reader.join(30_000);
        }
        List<String> out = lines.complete();
        out.stream().filter(l -> l.startsWith("INCONSISTENT")).findFirst().ifPresent(l -> {
            throw new AssertionError("the child found the brain broken on open: " + l);
        });
        assertThat(child.exitValue()).as("the child stopped by itself; its errors:%n%s", Files.readString(stderr))
                .isEqualTo(SIGKILLED);
        return check(dir, before, out, plan.check());
    }

    /** Follows the child's lines to what the brain may hold, and checks the brain when asked or needed. */
    private State check(Path dir, State before, List<String> lines, boolean wanted) throws Exception {
        Set<Long> working = before.working();
        Set<String> heads = before.heads();
        long next = before.next();
        String pending = null;
        for (String line : lines) {
            String[] w = line.split(" ");
            switch (w[0]) {
                case "READY" -> {
                    long found = Long.parseLong(w[1]);
                    assertThat(working).as("working unit the child found on open").contains(found);
                    assertThat(heads).as("HEAD the child found on open").contains(w[2]);
                    working = Set.of(found);
                    heads = Set.of(w[2]);
                }
                case "BEGIN" -> {
                    pending = line;
                    if (w[1].equals("apply")) {
                        next = Math.max(next, Long.parseLong(w[2]) + 1);
                    }
                }
                case "ACK" -> {
                    pending = null;
                    switch (w[1]) {
                        case "apply", "restore" -> working = Set.of(Long.parseLong(w[2]));
                        case "commit" -> heads = Set.of(w[3]);
                        default -> throw new AssertionError("unexpected line " + line);
                    }
                }
                default -> throw new AssertionError("unexpected line " + line);
            }
        }
        String doing = pending == null ? "nothing" : pending.split(" ")[1];
        if (lines.stream().noneMatch(l -> l.startsWith("READY"))) {
            doing = "open";
        }
        Long pendingCommit = null;
        if (pending != null) {
            String[] w = pending.split(" ");
            if (w[1].equals("commit")) {
                pendingCommit = Long.parseLong(w[2]);
            } else {
                working = new HashSet<>(working);
                working.add(Long.parseLong(w[2]));
            }
        }
        if (!wanted && pendingCommit == null) {
            // left for the next child; a commit in flight has no known sha yet, so it is checked now
            return new State(Set.copyOf(working), Set.copyOf(heads), next, doing);
        }

        long seenWorking;
        String seenHead;
        try (GitBrainStore store = GitBrainStore.open(dir)) {
            seenWorking = CrashChild.consistentUnit(store, null);
            assertThat(working).as("working unit after %s", lastOf(lines)).contains(seenWorking);

            Optional<CommitInfo> head = store.head();
            seenHead = head.map(CommitInfo::sha).orElse(NO_HEAD);
            if (pendingCommit == null || heads.contains(seenHead)) {
                assertThat(heads).as("HEAD after %s", lastOf(lines)).contains(seenHead);
            } else {
                List<CommitInfo> log = store.log(2);
                assertThat(log.size() == 1 ? NO_HEAD : log.get(1).sha()).as("parent of the commit in flight")
                        .isIn(heads);
                assertThat(head.orElseThrow().trailers()).containsEntry(CrashChild.UNIT_TRAILER, pendingCommit.toString());
            }
            if (head.isPresent()) {
                CrashChild.requireUnitTrailer(head.get(), CrashChild.consistentUnit(store, head.get().sha()));
                assertThat(store.contentHashes(head.get().sha())).isNotEmpty();
            }
            store.uncommitted();
            // a child killed before it first opened the brain never made the folder: no unit can be left
            Path txn = dir.resolve(".avalon/txn");
            if (Files.isDirectory(txn)) {
                try (Stream<Path> units = Files.list(txn)) {
                    assertThat(units).as("units of work left after open").isEmpty();
                }
            }
        }
        GitCli.fsckClean(dir);
        if (!seenHead.equals(NO_HEAD) && GitCli.available()) {
            assertThat(GitCli.run(dir, "log", "--format=%H", "-1").out().strip()).isEqualTo(seenHead);
        }
        return new State(Set.of(seenWorking), Set.of(seenHead), next, doing);
    }

    private static String lastOf(List<String> lines) {
        return lines.isEmpty() ? "(nothing)" : lines.get(lines.size() - 1);
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** Reads the child's output; only lines that ended with a newline count. */
    private static final class Lines implements Runnable {
        private final InputStream in;
        private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        private final List<String> complete = new ArrayList<>();
        final CountDownLatch ready = new CountDownLatch(1);
        final AtomicInteger acks = new AtomicInteger();

        Lines(InputStream in) {
            this.in = in;
        }

        @Override
        public void run() {
            try {
                int b;
                while ((b = in.read()) >= 0) {
                    if (b != '\n') {
                        buffer.write(b);
                        continue;
                    }
                    String line = buffer.toString(StandardCharsets.UTF_8);
                    buffer.reset();
                    synchronized (complete) {
                        complete.add(line);
                    }
                    if (line.startsWith("READY")) {
                        ready.countDown();
                    } else if (line.startsWith("ACK")) {
                        acks.incrementAndGet();
                    }
                }
            } catch (IOException e) {
                // the child is gone; what was read is what counts
            }
        }

        List<String> complete() {
            synchronized (complete) {
                return List.copyOf(complete);
            }
        }
    }
}
