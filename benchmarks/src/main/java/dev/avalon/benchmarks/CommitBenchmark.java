package dev.avalon.benchmarks;

import dev.avalon.core.port.BrainPath;
import dev.avalon.core.port.CommitInfo;
import dev.avalon.core.port.CommitRequest;
import dev.avalon.core.port.FileChange;
import dev.avalon.git.GitBrainStore;
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

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One unit of work of five files (about 2 KB each, new contents every invocation) made durable and
 * committed: {@link #avalonApplyAndCommit} through {@code GitBrainStore.apply} and {@code commit},
 * {@link #gitCommandLine} by writing the files and running {@code git add <files>} and
 * {@code git commit -q -m msg} in another repository. Both repositories grow by one commit per
 * invocation.
 *
 * <p>The two do not promise the same thing: the git brain forces every file, object, ref and folder
 * it writes to the disk before it returns (a crash never loses an acknowledged unit of work), while
 * git's default forces nothing. {@link #gitCommandLineFsyncAll} runs the same commands with
 * {@code -c core.fsync=all}, git's own durable mode, to show how much of the difference that is.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(1)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 3, time = 2)
public class CommitBenchmark {

    static final int FILES = 5;
    static final int FILE_BYTES = 2048;

    private Path avalonFolder;
    private Path gitFolder;
    private GitBrainStore store;
    private List<BrainPath> paths;
    private String filler;
    private long revision;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        avalonFolder = Folders.temp("avalon-bench-commit-");
        gitFolder = Folders.temp("avalon-bench-git-");
        store = GitBrainStore.open(avalonFolder);
        git("init", "-q");
        // identity and signing are per-repository so the user's global configuration cannot interfere
        git("config", "user.name", "bench");
        git("config", "user.email", "bench@avalon.invalid");
        git("config", "commit.gpgsign", "false");
        paths = new ArrayList<>();
        for (int i = 1; i <= FILES; i++) {
            paths.add(BrainPath.of("notulen/bench/2026-11-23-note-" + i + ".md"));
        }
        Files.createDirectories(gitFolder.resolve("notulen/bench"));
        StringBuilder text = new StringBuilder();
        while (text.length() < FILE_BYTES) {
            text.append("- [ ] actiepunt: de notulen van het overleg bijwerken en rondsturen @sam 2026-11-30\n");
        }
        filler = text.substring(0, FILE_BYTES - 64);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        store.close();
        Folders.delete(avalonFolder);
        Folders.delete(gitFolder);
    }

    @Benchmark
    public CommitInfo avalonApplyAndCommit() {
        long rev = ++revision;
        List<FileChange> changes = new ArrayList<>(FILES);
        for (int i = 0; i < FILES; i++) {
            changes.add(FileChange.put(paths.get(i), content(rev, i)));
        }
        store.apply(changes);
        return store.commit(new CommitRequest(paths, "notulen revision " + rev, Map.of(), Instant.now(), "bench"));
    }

    @Benchmark
    public int gitCommandLine() throws Exception {
        return commandLineCommit(List.of());
    }

    @Benchmark
    public int gitCommandLineFsyncAll() throws Exception {
        return commandLineCommit(List.of("-c", "core.fsync=all"));
    }

    private int commandLineCommit(List<String> options) throws Exception {
        long rev = ++revision;
        List<String> add = new ArrayList<>(options);
        add.addAll(List.of("add", "--"));
        for (int i = 0; i < FILES; i++) {
            Files.write(gitFolder.resolve(paths.get(i).value()), content(rev, i));
            add.add(paths.get(i).value());
        }
        git(add.toArray(String[]::new));
        List<String> commit = new ArrayList<>(options);
        commit.addAll(List.of("commit", "-q", "-m", "notulen revision " + rev));
        return git(commit.toArray(String[]::new));
    }

    private byte[] content(long rev, int file) {
        String header = "# Notulen " + (file + 1) + ", revisie " + rev + "\n\n";
        return (header + filler).getBytes(StandardCharsets.UTF_8);
    }

    /** Runs git in the baseline repository; a failure stops the benchmark rather than skewing it. */
    private int git(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("git", "-C", gitFolder.toString()));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        int code = p.waitFor();
        if (code != 0) {
            throw new UncheckedIOException(new IOException("git " + String.join(" ", args) + " failed: " + output));
        }
        return code;
    }
}
