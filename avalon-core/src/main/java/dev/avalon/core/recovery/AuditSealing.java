package dev.avalon.core.recovery;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.avalon.core.action.ActionContext;
import dev.avalon.core.action.Outcome;
import dev.avalon.core.audit.AuditChain;
import dev.avalon.core.audit.AuditFile;
import dev.avalon.core.audit.AuditHead;
import dev.avalon.core.audit.AuditRecord;
import dev.avalon.core.audit.AuditSeal;
import dev.avalon.core.audit.AuditVerifier;
import dev.avalon.core.brain.Brain;
import dev.avalon.core.json.Json;
import dev.avalon.core.port.FileChange;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * KEEP_AND_REPAIR's mending of the audit chain. History cannot give the log back without losing what
 * was audited since, and a changed line must stay as evidence, so the breaks are sealed: one
 * {@link AuditSeal} entry records each break and its evidence, and the chain goes on from the head
 * Avalon last wrote. A last line cut off is ended with a newline first, so that the seal starts a line of
 * its own. Nothing is sealed unless the log with the seal appended verifies; then the audit findings
 * stay unrepaired, as before.
 */
final class AuditSealing {

    private static final AuditSealing NONE = new AuditSealing(null, List.of(), List.of());

    /** The seal's audit record; null when only a final newline was missing. */
    private final AuditRecord record;
    private final List<AuditFile> ended;
    /** The audit files this sealing mends, for the answer's {@code repaired}; empty when it mends nothing. */
    private final List<String> files;

    private AuditSealing(AuditRecord record, List<AuditFile> ended, List<String> files) {
        this.record = record;
        this.ended = ended;
        this.files = files;
    }

    /** The sealing that mends the chain findings among {@code findings}; one that mends nothing when there are none. */
    static AuditSealing of(ActionContext ctx, List<Finding> findings, String questionId) {
        if (findings.stream().noneMatch(AuditSealing::aboutTheChain)) {
            return NONE;
        }
        Brain brain = ctx.brain();
        AuditHead recorded = brain.auditHead();
        List<AuditFile> files = brain.auditFiles();
        if (recorded.isGenesis() && !files.isEmpty()) {
            // the record of the head is gone: where the chain went on to is not known, so nothing can bridge it
            return NONE;
        }
        List<AuditFile> ended = AuditSeal.ended(files);
        List<AuditFile> merged = new ArrayList<>(files);
        merged.removeIf(f -> ended.stream().anyMatch(e -> e.path().equals(f.path())));
        merged.addAll(ended);
        Optional<AuditSeal> seal = AuditSeal.of(merged, brain.recordedAuditHeads(), recorded);
        if (seal.isEmpty()) {
            return ended.isEmpty() ? NONE
                    : new AuditSealing(null, ended, ended.stream().map(f -> f.path().value()).toList());
        }
        ObjectNode details = Json.object();
        details.put("questionId", questionId);
        AuditRecord record = seal.get().record(ctx.actor(), ctx.traceId(), details);
        if (!seal.get().verifyAfter(record, ctx.now(), ctx.zone()).intact()) {
            return NONE;
        }
        List<String> named = seal.get().files().isEmpty()
                ? List.of(AuditChain.fileFor(ctx.now(), ctx.zone()).value()) : seal.get().files();
        return new AuditSealing(record, ended, named);
    }

    /** Whether {@code f} is a finding this sealing mends. */
    boolean mends(Finding f) {
        return !files.isEmpty() && aboutTheChain(f);
    }

    /** Adds the ended files and the seal to {@code out}. */
    void applyTo(Outcome.Builder out) {
        ended.forEach(f -> out.change(FileChange.put(f.path(), f.content())));
        if (record != null) {
            out.audit(record);
        }
    }

    /** Lists each file mended, {@code "from": "sealed"}, in {@code repaired}. */
    void listIn(ArrayNode repaired) {
        files.forEach(p -> repaired.addObject().put("path", p).put("from", "sealed"));
    }

    /** A problem of the audit chain, as the chain check or the evidence of history reports it. */
    private static boolean aboutTheChain(Finding f) {
        return f.check().equals("audit") || f.check().equals("evidence")
                && (f.where().startsWith("audit/") || f.where().startsWith(AuditVerifier.CHAIN + ":"));
    }
}
