package dev.avalon.benchmarks;

import dev.avalon.core.Avalon;
import dev.avalon.core.action.ActionResult;
import dev.avalon.core.action.Caller;
import dev.avalon.git.GitBrainStore;

import javax.management.ObjectName;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * The heap that open brains hold: opens {@code --brains N} git brains (each {@code GitBrainStore.open}
 * plus an {@code Avalon}), sends each one {@code behaviour.get} and one {@code logbook.add_daily_entry},
 * keeps them all open and reports the used heap after a full collection, against the heap before the
 * first brain opened, with the classes that hold most of it and the open file descriptors. Then, once
 * the brains' files are old enough for the git brain to keep them in memory, it reads each brain again
 * ({@code behaviour.get}, {@code logbook.week}, {@code question.list}) and reports the heap of brains in use.
 *
 * <pre>{@code
 * java -Xmx1g -cp benchmarks/target/benchmarks.jar dev.avalon.benchmarks.OpenBrainsHeap --brains 1000 [--dir /dev/shm] [--top 15]
 * }</pre>
 *
 * <p>A plain program, not a JMH benchmark: what it measures is a state (what stays reachable), not a
 * time, and JMH's forks would only add their own heap to it.
 */
public final class OpenBrainsHeap {

    private static final String BEHAVIOUR_GET = """
            {"action":"behaviour.get","data":{"path":"reminderEscalationRules.threshold"}}""";
    private static final String DAILY_ENTRY = """
            {"action":"logbook.add_daily_entry","data":{"activiteit":"Offerte VSB afronden","domein":"VSB",\
            "motivatie":7,"moveCount":1,"status":"done","stress":6}}""";
    private static final String LOGBOOK_WEEK = "{\"action\":\"logbook.week\",\"data\":{}}";
    private static final String QUESTIONS = "{\"action\":\"question.list\",\"data\":{}}";
    private static final long MIB = 1024L * 1024L;

    private OpenBrainsHeap() {
    }

    public static void main(String[] args) throws Exception {
        int brains = 1000;
        Path parent = null;
        int top = 15;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--brains" -> brains = Integer.parseInt(args[++i]);
                case "--dir" -> parent = Path.of(args[++i]);
                case "--top" -> top = Integer.parseInt(args[++i]);
                default -> throw new IllegalArgumentException("unknown argument " + args[i]
                        + "; use --brains N [--dir FOLDER] [--top N]");
            }
        }
        Path root = parent == null ? Folders.temp("avalon-heap-")
                : Files.createTempDirectory(parent, "avalon-heap-");
        Caller owner = Caller.owner();
        List<Avalon> open = new ArrayList<>(brains);
        try {
            // one brain opened and closed first, so the classes every brain needs are loaded in the baseline
            Path warm = root.resolve("warm");
            try (Avalon first = avalon(warm)) {
                send(first, owner);
            }
            Folders.delete(warm);
            long fdsBefore = fileDescriptors();
            long baseline = usedAfterGc();
            long started = System.nanoTime();
            for (int i = 0; i < brains; i++) {
                Avalon avalon = avalon(root.resolve("b" + i));
                send(avalon, owner);
                open.add(avalon);
                if ((i + 1) % 1000 == 0) {
                    System.out.printf(Locale.ROOT, "%,d brains open, %,d MiB used%n", i + 1, used() / MIB);
                }
            }
            long seconds = (System.nanoTime() - started) / 1_000_000_000L;
            long after = usedAfterGc();
            long fdsAfter = fileDescriptors();
            long perBrain = (after - baseline) / Math.max(1, brains);
            // a git brain keeps a file in memory only once its times have settled (two seconds, git's racy
            // rule); the first pass wrote every file just before reading it, so a brain in use keeps more
            Thread.sleep(2_500);
            for (Avalon avalon : open) {
                read(avalon, owner);
            }
            long settled = usedAfterGc();
            long perBrainSettled = (settled - baseline) / Math.max(1, brains);
            System.out.println();
            System.out.printf(Locale.ROOT, "| what | value |%n| --- | --- |%n");
            System.out.printf(Locale.ROOT, "| brains open | %,d (opened in %d s) |%n", brains, seconds);
            System.out.printf(Locale.ROOT, "| max heap (-Xmx) | %,d MiB |%n", Runtime.getRuntime().maxMemory() / MIB);
            System.out.printf(Locale.ROOT, "| used heap before the first brain (after GC) | %,.1f MiB |%n", baseline / (double) MIB);
            System.out.printf(Locale.ROOT, "| used heap with all brains open (after GC) | %,.1f MiB |%n", after / (double) MIB);
            System.out.printf(Locale.ROOT, "| of which the brains | %,.1f MiB |%n", (after - baseline) / (double) MIB);
            System.out.printf(Locale.ROOT, "| per brain | %,.1f KiB |%n", perBrain / 1024.0);
            System.out.printf(Locale.ROOT, "| used heap after a second read of each brain, its files settled (after GC) | %,.1f MiB |%n", settled / (double) MIB);
            System.out.printf(Locale.ROOT, "| per brain, files settled | %,.1f KiB |%n", perBrainSettled / 1024.0);
            System.out.printf(Locale.ROOT, "| open file descriptors before / after | %d / %d |%n", fdsBefore, fdsAfter);
            System.out.println();
            System.out.println(histogram(top));
        } finally {
            // kept reachable until here: the figures above must include every open brain
            open.forEach(Avalon::close);
            Folders.delete(root);
        }
    }

    private static Avalon avalon(Path folder) {
        return Avalon.builder()
                .brain(GitBrainStore.open(folder))
                .clock(Clock.systemUTC())
                .zone(ZoneId.of("Europe/Amsterdam"))
                .alerts(alert -> { })
                .build();
    }

    private static void send(Avalon avalon, Caller caller) {
        for (String request : List.of(BEHAVIOUR_GET, DAILY_ENTRY)) {
            ActionResult result = avalon.dispatch(request, caller);
            if (!(result instanceof ActionResult.Ok)) {
                throw new IllegalStateException("expected success, got " + result.toJson());
            }
        }
    }

    /** The reads of a brain in use: its rules, its logbook week and its open questions. */
    private static void read(Avalon avalon, Caller caller) {
        for (String request : List.of(BEHAVIOUR_GET, LOGBOOK_WEEK, QUESTIONS)) {
            ActionResult result = avalon.dispatch(request, caller);
            if (!(result instanceof ActionResult.Ok)) {
                throw new IllegalStateException("expected success, got " + result.toJson());
            }
        }
    }

    private static long used() {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        return memory.getHeapMemoryUsage().getUsed();
    }

    /** Used heap after full collections, repeated until it stops falling (soft and weak references, finalizers). */
    private static long usedAfterGc() throws InterruptedException {
        long last = Long.MAX_VALUE;
        for (int i = 0; i < 10; i++) {
            System.gc();
            Thread.sleep(100);
            long now = used();
            if (now >= last && i >= 3) {
                return Math.min(now, last);
            }
            last = Math.min(last, now);
        }
        return last;
    }

    private static long fileDescriptors() {
        Path fds = Path.of("/proc/self/fd");
        if (!Files.isDirectory(fds)) {
            return -1;
        }
        try (Stream<Path> list = Files.list(fds)) {
            return list.count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The top of the live-object histogram (a full GC first), from the JVM's own diagnostic command. */
    private static String histogram(int lines) throws Exception {
        String text = (String) ManagementFactory.getPlatformMBeanServer().invoke(
                new ObjectName("com.sun.management:type=DiagnosticCommand"), "gcClassHistogram",
                new Object[] {new String[0]}, new String[] {String[].class.getName()});
        StringBuilder out = new StringBuilder("Top classes by retained shallow size (GC.class_histogram):\n");
        String[] rows = text.split("\n");
        for (int i = 0; i < Math.min(rows.length, lines + 2); i++) {
            out.append(rows[i]).append('\n');
        }
        out.append(rows[rows.length - 1]).append('\n');
        return out.toString();
    }
}
