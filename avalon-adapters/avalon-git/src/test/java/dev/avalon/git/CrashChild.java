package dev.avalon.git;

import dev.avalon.core.port.BrainPath;
import dev.avalon.core.port.BrainStoreException;
import dev.avalon.core.port.CommitInfo;
import dev.avalon.core.port.CommitRequest;
import dev.avalon.core.port.FileChange;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

/**
 * A child process for {@link GitBrainCrashTest} and {@link GitBrainStoreTest}.
 *
 * <ul>
 *   <li>{@code run <dir> <seed> <first unit>}: opens the brain, checks it and prints
 *       {@code READY <working unit> <HEAD sha or ->} (or {@code INCONSISTENT <what>} and stops), then
 *       forever applies units of work, commits and restores, printing {@code BEGIN …} before and
 *       {@code ACK …} after each, until it is killed.</li>
 *   <li>{@code probe <dir>}: tries to open the brain and prints {@code OPENED} or
 *       {@code REFUSED <message>}.</li>
 * </ul>
 *
 * Unit {@code n} writes {@code unit/a.txt}, {@code unit/b.txt}, {@code unit/deep/c.txt} and
 * {@code unit/big.bin}, all derived from {@code n}, and {@code unit/even.txt} only when {@code n} is
 * even (deleting it otherwise), so a mix of two units shows.
 */
public final class CrashChild {

    static final List<String> FILES = List.of("unit/a.txt", "unit/b.txt", "unit/deep/c.txt", "unit/big.bin");
    static final String EVEN = "unit/even.txt";
    static final String UNIT_TRAILER = "Unit";

    private CrashChild() {
    }

    public static void main(String[] args) throws Exception {
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        if (args[0].equals("probe")) {
            try {
                GitBrainStore.open(Path.of(args[1])).close();
                out.println("OPENED");
            } catch (BrainStoreException e) {
                out.println("REFUSED " + e.getMessage());
            }
            return;
        }
        Path dir = Path.of(args[1]);
        Random random = new Random(Long.parseLong(args[2]));
        long next = Long.parseLong(args[3]);
        GitBrainStore store = GitBrainStore.open(dir);
        long working;
        Optional<CommitInfo> opened = store.head();
        try {
            working = consistentUnit(store, null);
            if (opened.isPresent()) {
                requireUnitTrailer(opened.get(), consistentUnit(store, opened.get().sha()));
            }
        } catch (IllegalStateException e) {
            out.println("INCONSISTENT " + e.getMessage());
            System.exit(3);
            return;
        }
        out.println("READY " + working + " " + opened.map(CommitInfo::sha).orElse("-"));
        Instant time = Instant.parse("2026-01-01T00:00:00Z").plusSeconds(next);
        while (true) {
            int op = random.nextInt(10);
            Optional<CommitInfo> head = store.head();
            if (op < 6 || working < 0) {
                long n = next++;
                out.println("BEGIN apply " + n);
                store.apply(unit(n));
                working = n;
                out.println("ACK apply " + n);
            } else if (op < 9 || head.isEmpty()) {
                List<BrainPath> paths = new ArrayList<>();
                FILES.forEach(f -> paths.add(BrainPath.of(f)));
                paths.add(BrainPath.of(EVEN));
                time = time.plusSeconds(1);
                out.println("BEGIN commit " + working);
                CommitInfo c = store.commit(new CommitRequest(paths, "Unit " + working,
                        Map.of(UNIT_TRAILER, Long.toString(working)), time, "Avalon"));
                out.println("ACK commit " + working + " " + c.sha());
            } else {
                long unit = Long.parseLong(head.get().trailers().get(UNIT_TRAILER));
                out.println("BEGIN restore " + unit);
                store.restore(head.get().sha());
                working = unit;
                out.println("ACK restore " + unit);
            }
        }
    }

    /** The changes of unit {@code n}. */
    static List<FileChange> unit(long n) {
        List<FileChange> changes = new ArrayList<>();
        for (String f : FILES) {
            changes.add(FileChange.put(BrainPath.of(f), content(f, n)));
        }
        changes.add(n % 2 == 0 ? FileChange.put(BrainPath.of(EVEN), content(EVEN, n)) : FileChange.delete(BrainPath.of(EVEN)));
        return changes;
    }

    /** What file {@code f} holds in unit {@code n}; the big file is large enough to take a while. */
    static byte[] content(String f, long n) {
        String line = f + " " + n + "\n";
        return (f.endsWith(".bin") ? line.repeat(4000) : line).getBytes(StandardCharsets.UTF_8);
    }

    /**
     * The unit every unit file of the working tree (or of commit {@code sha}, when not {@code null})
     * belongs to, -1 when there are none.
     *
     * @throws IllegalStateException when the files are not all from one unit
     */
    static long consistentUnit(GitBrainStore store, String sha) {
        String where = sha == null ? "the working tree" : sha;
        long[] units = new long[FILES.size()];
        for (int i = 0; i < FILES.size(); i++) {
            String f = FILES.get(i);
            Optional<byte[]> content = sha == null ? store.read(BrainPath.of(f)) : store.readAt(sha, BrainPath.of(f));
            units[i] = unitOf(content);
            if (content.isPresent() && !Arrays.equals(content.get(), content(f, units[i]))) {
                throw new IllegalStateException(f + " in " + where + " is not whole");
            }
        }
        if (new HashSet<>(Arrays.stream(units).boxed().toList()).size() != 1) {
            throw new IllegalStateException("the files " + FILES + " in " + where + " are from units "
                    + Arrays.toString(units));
        }
        long unit = units[0];
        Optional<byte[]> even = sha == null ? store.read(BrainPath.of(EVEN)) : store.readAt(sha, BrainPath.of(EVEN));
        boolean wanted = unit >= 0 && unit % 2 == 0;
        if (wanted ? even.isEmpty() || !Arrays.equals(even.get(), content(EVEN, unit)) : even.isPresent()) {
            throw new IllegalStateException(EVEN + " in " + where + " does not belong to unit " + unit);
        }
        return unit;
    }

    /** Checks that {@code commit}'s trailer names the unit its files belong to. */
    static void requireUnitTrailer(CommitInfo commit, long unit) {
        if (!Long.toString(unit).equals(commit.trailers().get(UNIT_TRAILER))) {
            throw new IllegalStateException("commit " + commit.sha() + " says unit "
                    + commit.trailers().get(UNIT_TRAILER) + " but holds unit " + unit);
        }
    }

    /** The unit a file's contents belong to, -1 for no file. */
    static long unitOf(Optional<byte[]> content) {
        if (content.isEmpty()) {
            return -1;
        }
        String text = new String(content.get(), StandardCharsets.UTF_8);
        String first = text.substring(0, Math.max(0, text.indexOf('\n')));
        try {
            return Long.parseLong(first.substring(first.lastIndexOf(' ') + 1));
        } catch (NumberFormatException e) {
            throw new IllegalStateException("a unit file holds '" + first + "'", e);
        }
    }
}
