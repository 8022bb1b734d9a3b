package dev.avalon.core.recovery;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
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

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * KEEP_AND_REPAIR's mending of the audit chain. History cannot give the log back without losing what
 * was audited since, and a changed line must stay as evidence, so the breaks are sealed: one
 * {@link AuditSeal} entry records each break and its evidence, and the chain goes on from the head
 * Avalon last wrote. A last line cut off is ended with a newline first, so that the seal starts a line of
 * its own. Nothing is sealed unless the log with the seal appended verifies; then the audit findings
 * stay unrepaired, as before.
 *
 * <p>When no readable line records the last commit Avalon made any more (its {@code commit.recorded}
 * line is among the damaged), the seal names it ({@code commitSHA}), as the record of the head does: it
 * is the one fact of a damaged line that Avalon still holds elsewhere. An older commit whose record is
 * lost stays a finding: nothing left shows it was Avalon's.
 */
final class AuditSealing {

    private static final AuditSealing NONE = new AuditSealing(null, List.of(), List.of(), null);
    /** The entries that record a commit as Avalon's. */
    private static final Set<String> COMMIT_RECORDS = Set.of("commit.recorded", "brain.restored");

    /** The seal's audit record; null when only a final newline was missing. */
    private final AuditRecord record;
    private final List<AuditFile> ended;
    /** The audit files this sealing mends, for the answer's {@code repaired}; empty when it mends nothing. */
    private final List<String> files;
    /** The last commit Avalon made, when the seal names it because no readable line records it any more; or null. */
    private final String commit;

    private AuditSealing(AuditRecord record, List<AuditFile> ended, List<String> files, String commit) {
        this.record = record;
        this.ended = ended;
        this.files = files;
        this.commit = commit;
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
                    : new AuditSealing(null, ended, ended.stream().map(f -> f.path().value()).toList(), null);
        }
        ObjectNode details = Json.object();
        details.put("questionId", questionId);
        String lastCommit = brain.recordedHead().commit();
        if (lastCommit != null && recordedInLog(merged, lastCommit)) {
            lastCommit = null;
        }
        if (lastCommit != null) {
            // the line that recorded the last commit Avalon made is among the damaged ones; the record of
            // the head (sealed under the host's key where there is one) still names it, so the seal does
            details.put("commitSHA", lastCommit);
        }
        AuditRecord record = seal.get().record(ctx.actor(), ctx.traceId(), details);
        if (!seal.get().verifyAfter(record, ctx.now(), ctx.zone()).intact()) {
            return NONE;
        }
        List<String> named = seal.get().files().isEmpty()
                ? List.of(AuditChain.fileFor(ctx.now(), ctx.zone()).value()) : seal.get().files();
        return new AuditSealing(record, ended, named, lastCommit);
    }

    /** Whether {@code f} is a finding this sealing mends. */
    boolean mends(Finding f) {
        return !files.isEmpty() && (aboutTheChain(f) || commit != null && f.check().equals("evidence")
                && f.where().equals("commit " + commit) && f.problem().contains("was not made by Avalon"));
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

    /** Whether a readable line of the log records {@code sha} as a commit Avalon made. */
    private static boolean recordedInLog(List<AuditFile> files, String sha) {
        for (AuditFile f : files) {
            for (String line : new String(f.content(), StandardCharsets.UTF_8).split("\n")) {
                if (!line.contains(sha)) {
                    continue;
                }
                try {
                    JsonNode entry = Json.parse(line);
                    if (COMMIT_RECORDS.contains(entry.path("type").asText()) && sha.equals(entry.path("data")
                            .path("commitSHA").asText())) {
                        return true;
                    }
                } catch (JsonProcessingException e) {
                    // a damaged line records nothing
                }
            }
        }
        return false;
    }

    /** A problem of the audit chain, as the chain check or the evidence of history reports it. */
    private static boolean aboutTheChain(Finding f) {
        return f.check().equals("audit") || f.check().equals("evidence")
                && (f.where().startsWith("audit/") || f.where().startsWith(AuditVerifier.CHAIN + ":"));
    }
}
