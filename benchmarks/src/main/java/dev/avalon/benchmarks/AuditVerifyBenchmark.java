package dev.avalon.benchmarks;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.avalon.core.audit.AuditChain;
import dev.avalon.core.audit.AuditEntry;
import dev.avalon.core.audit.AuditFile;
import dev.avalon.core.audit.AuditHead;
import dev.avalon.core.audit.AuditRecord;
import dev.avalon.core.audit.AuditReport;
import dev.avalon.core.audit.AuditVerifier;
import dev.avalon.core.audit.IncrementalAuditVerifier;
import dev.avalon.core.json.Json;
import dev.avalon.core.port.BrainPath;
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
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

import java.io.ByteArrayOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Verifying a hash-chained audit log of 10,000 entries ({@link #avalonVerify}: parse every line,
 * recompute its hash over the canonical form, check the links and the recorded heads) next to the
 * floor of any such check: one raw SHA-256 over each line's bytes ({@link #baselineSha256}).
 * {@link #avalonVerifyBeforeCommit} is the check the kernel makes before each commit: the same log,
 * one entry longer than when an {@link IncrementalAuditVerifier} last found it clean.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(1)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 3, time = 2)
public class AuditVerifyBenchmark {

    static final int ENTRIES = 10_000;

    private List<AuditFile> files;
    private List<AuditHead> heads;
    private byte[] log;
    private List<AuditFile> allButLast;

    @Setup(Level.Trial)
    public void setUp() {
        List<AuditRecord> records = new ArrayList<>(ENTRIES);
        for (int i = 1; i <= ENTRIES; i++) {
            ObjectNode data = Json.object();
            data.put("patchId", "USR-2026-" + i);
            data.put("path", "reminderEscalationRules.threshold");
            data.put("oldVersion", "1.0." + (i - 1));
            data.put("newVersion", "1.0." + i);
            data.put("hashBefore", "3f1c0b9e8d7a6f5e4d3c2b1a09f8e7d6c5b4a39281706f5e4d3c2b1a09f8e7d6");
            records.add(new AuditRecord("governance.patch_applied", "user", "T-" + i, data));
        }
        List<AuditEntry> entries = AuditChain.chain(AuditHead.GENESIS, Instant.parse("2026-11-23T07:00:00Z"), records);
        ByteArrayOutputStream out = new ByteArrayOutputStream(ENTRIES * 512);
        for (AuditEntry e : entries) {
            out.writeBytes(e.line());
        }
        log = out.toByteArray();
        files = List.of(new AuditFile(BrainPath.of("audit/2026.jsonl"), log));
        heads = List.of(entries.get(entries.size() - 1).head());
        int lastLine = log.length - entries.get(entries.size() - 1).line().length;
        allButLast = List.of(new AuditFile(BrainPath.of("audit/2026.jsonl"), Arrays.copyOf(log, lastLine)));
        AuditReport report = avalonVerify();
        if (!report.intact() || report.entries() != ENTRIES) {
            throw new IllegalStateException("the chain must verify: " + report);
        }
        Primed primed = new Primed();
        primed.prime(this);
        if (!avalonVerifyBeforeCommit(primed).equals(report)) {
            throw new IllegalStateException("the incremental verification must report what the whole one does");
        }
    }

    /** A verifier that found the log clean one entry ago, as the kernel's did at the last commit. */
    @State(Scope.Thread)
    public static class Primed {
        IncrementalAuditVerifier verifier;

        @Setup(Level.Invocation)
        public void prime(AuditVerifyBenchmark log) {
            verifier = new IncrementalAuditVerifier();
            if (!verifier.verify(log.allButLast, List.of()).intact()) {
                throw new IllegalStateException("the shorter log must verify");
            }
        }
    }

    @Benchmark
    public AuditReport avalonVerify() {
        return AuditVerifier.verify(files, heads);
    }

    @Benchmark
    public AuditReport avalonVerifyBeforeCommit(Primed primed) {
        return primed.verifier.verify(files, heads);
    }

    @Benchmark
    public void baselineSha256(Blackhole hole) throws NoSuchAlgorithmException {
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        int start = 0;
        for (int i = 0; i < log.length; i++) {
            if (log[i] == '\n') {
                sha.update(log, start, i - start);
                hole.consume(sha.digest());
                start = i + 1;
            }
        }
    }
}
