package dev.avalon.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import dev.avalon.core.Avalon;
import dev.avalon.core.action.ActionResult;
import dev.avalon.core.action.Caller;
import dev.avalon.core.base.ErrorCode;
import dev.avalon.core.base.Violation;
import dev.avalon.core.json.Json;
import dev.avalon.core.port.BrainStore;
import dev.avalon.core.schema.JsonSchemas;
import dev.avalon.git.GitBrainStore;
import dev.avalon.testkit.brain.InMemoryBrainStore;
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
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The cost of the action pipeline around schema validation. Every benchmark takes the same
 * {@code behaviour.propose_patch} request: {@link #avalonDispatch} runs it through
 * {@code Avalon.dispatch} on a git brain in a temporary folder (envelope, scope, rate limit,
 * governance gate with its health probe, schema validation, the patch validator);
 * {@link #baselineParseAndValidate} only parses it with Jackson and validates {@code data} against
 * the action's schema, compiled once. {@link #avalonDispatchInMemoryBrain} is the same dispatch on the testkit's
 * in-memory brain: the difference between the two dispatches is what reading the brain's files
 * costs.
 *
 * <p>{@link #floorInMemoryDispatchPlusStats} is the floor a git brain's dispatch cannot go below
 * while it notices a brain edited behind Avalon's back: the in-memory dispatch plus one {@code lstat}
 * (the attributes the git brain compares: size, times, inode) of each file and folder the dispatch
 * must see as they are on disk now.
 *
 * <p>The patch carries a stale {@code before} (5, while the threshold is 3), so it passes the schema
 * and is refused by the patch validator with INVALID_PATCH: a refusal writes nothing, so every
 * iteration sees the same brain.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
// microseconds on a shared machine: enough iterations that one disturbed second does not decide the mean
@Warmup(iterations = 8, time = 2)
@Measurement(iterations = 10, time = 2)
public class DispatchBenchmark {

    static final byte[] REQUEST = """
            {"action":"behaviour.propose_patch","data":{"patch":{"id":"BENCH-0001","type":"PATCH",\
            "path":"reminderEscalationRules.threshold","before":5,"after":2,\
            "rationale":"Ik wil eerder een duwtje krijgen.","riskLevel":"LOW","source":"USER"}}}"""
            .getBytes(StandardCharsets.UTF_8);

    private Path folder;
    private Avalon onGit;
    private Avalon inMemory;
    private Caller caller;
    private JsonSchemas.Compiled dataSchema;
    /** What a dispatch of this request checks on disk: state files, behaviour, the audit log and two folders. */
    private List<Path> watched;

    @Setup(Level.Trial)
    public void setUp() {
        folder = Folders.temp("avalon-bench-dispatch-");
        onGit = avalon(GitBrainStore.open(folder));
        inMemory = avalon(new InMemoryBrainStore());
        caller = Caller.owner();
        dataSchema = JsonSchemas.compile(onGit.catalog().find("behaviour.propose_patch").orElseThrow().dataSchema());
        for (Avalon avalon : List.of(onGit, inMemory)) {
            ActionResult probe = avalon.dispatch(REQUEST, caller);
            if (!(probe instanceof ActionResult.Rejected r) || r.code() != ErrorCode.INVALID_PATCH) {
                throw new IllegalStateException("the request must be refused by the patch validator, got "
                        + probe.toJson());
            }
        }
        watched = List.of(folder.resolve("state/governance.json"), folder.resolve("behaviour.avl"),
                folder.resolve("state/audit-head.json"), folder.resolve("state/patch-queue.json"),
                folder.resolve("audit"), folder.resolve("audit/2026.jsonl"), folder.resolve("state/workflows"));
        if (!baselineParseAndValidate().isEmpty()) {
            throw new IllegalStateException("the request must pass the data schema");
        }
    }

    private static Avalon avalon(BrainStore store) {
        return Avalon.builder()
                .brain(store)
                // the system clock keeps the rate limiter's one-minute window, and so its memory, bounded
                .clock(Clock.systemUTC())
                .alerts(alert -> {
                    throw new IllegalStateException("unexpected alert during the benchmark: " + alert);
                })
                // the benchmark sends far more than a person would; it measures the pipeline, not the limiter
                .rateLimits(Integer.MAX_VALUE, Integer.MAX_VALUE)
                .build();
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        onGit.close();
        inMemory.close();
        Folders.delete(folder);
    }

    @Benchmark
    public ActionResult avalonDispatch() {
        return onGit.dispatch(REQUEST, caller);
    }

    @Benchmark
    public ActionResult avalonDispatchInMemoryBrain() {
        return inMemory.dispatch(REQUEST, caller);
    }

    @Benchmark
    public int floorInMemoryDispatchPlusStats() {
        ActionResult result = inMemory.dispatch(REQUEST, caller);
        int seen = result.ok() ? 1 : 0;
        for (Path p : watched) {
            // a missing file is checked as the git brain checks one: without the exception NIO would build
            if (!p.toFile().exists()) {
                continue;
            }
            try {
                seen += Files.readAttributes(p, "unix:size,lastModifiedTime,ctime,fileKey", LinkOption.NOFOLLOW_LINKS)
                        .size();
            } catch (IOException e) {
                seen--;
            }
        }
        return seen;
    }

    @Benchmark
    public List<Violation> baselineParseAndValidate() {
        try {
            JsonNode root = Json.mapper().readTree(REQUEST);
            return dataSchema.validate(root.get("data"), "$.data");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
