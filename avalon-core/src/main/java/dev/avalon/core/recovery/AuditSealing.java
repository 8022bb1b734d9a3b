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
import dev.avalon.core.audit.LostCommitRecords;
import dev.avalon.core.behaviour.BehaviourCheck;
import dev.avalon.core.brain.Brain;
import dev.avalon.core.json.CanonicalJson;
import dev.avalon.core.json.Json;
import dev.avalon.core.layout.BrainLayout;
import dev.avalon.core.port.CommitInfo;
import dev.avalon.core.port.FileChange;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
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
 * is the one fact of a damaged line that Avalon still holds elsewhere. An older commit whose only record
 * was among the damaged lines is vouched for ({@code commits}) when the evidence left still shows it was
 * Avalon's ({@link LostCommitRecords}); any other commit no line records stays a finding.
 *
 * <p>Both lean on the record of the head. When the evidence doubts that record itself (its seal is missing
 * or does not match under the host's key, the host holds no key for a sealed brain, or it names another
 * brain), the seal takes
 * nothing from it: it names no commit, and a commit vouched for needs a later one a readable line records.
 * That doubt is a finding no repair mends, so such a brain stays in DR either way; a record forged to
 * name a commit made by hand never gets that commit into a seal.
 */
final class AuditSealing {

    private static final AuditSealing NONE = new AuditSealing(null, List.of(), List.of(), Set.of());
    /** The entries that record a commit as Avalon's. */
    private static final Set<String> COMMIT_RECORDS = Set.of("commit.recorded", "brain.restored");

    /** The seal's audit record; null when only a final newline was missing. */
    private final AuditRecord record;
    private final List<AuditFile> ended;
    /** The audit files this sealing mends, for the answer's {@code repaired}; empty when it mends nothing. */
    private final List<String> files;
    /** The commits the seal names or vouches for because no readable line records them any more. */
    private final Set<String> commits;

    private AuditSealing(AuditRecord record, List<AuditFile> ended, List<String> files, Set<String> commits) {
        this.record = record;
        this.ended = ended;
        this.files = files;
        this.commits = commits;
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
                    : new AuditSealing(null, ended, ended.stream().map(f -> f.path().value()).toList(), Set.of());
        }
        ObjectNode details = Json.object();
        details.put("questionId", questionId);
        String lastCommit = findings.stream().anyMatch(AuditSealing::doubtsTheRecord) ? null
                : brain.recordedHead().commit();
        Set<String> commits = new LinkedHashSet<>();
        if (lastCommit != null && !recordedInLog(merged, lastCommit)) {
            // the line that recorded the last commit Avalon made is among the damaged ones; the record of
            // the head (sealed under the host's key where there is one) still names it, so the seal does
            details.put("commitSHA", lastCommit);
            commits.add(lastCommit);
        }
        List<LostCommitRecords.Vouched> vouched = LostCommitRecords.of(merged, branch(brain), recorded, lastCommit);
        if (!vouched.isEmpty()) {
            details.set(LostCommitRecords.SEAL_FIELD, LostCommitRecords.toJson(vouched));
            vouched.forEach(v -> commits.add(v.sha()));
        }
        AuditRecord record = seal.get().record(ctx.actor(), ctx.traceId(), details);
        if (!seal.get().verifyAfter(record, ctx.now(), ctx.zone()).intact()) {
            return NONE;
        }
        List<String> named = seal.get().files().isEmpty()
                ? List.of(AuditChain.fileFor(ctx.now(), ctx.zone()).value()) : seal.get().files();
        return new AuditSealing(record, ended, named, Set.copyOf(commits));
    }

    /** The branch, oldest first, as {@link LostCommitRecords} weighs it. */
    private static List<LostCommitRecords.Commit> branch(Brain brain) {
        List<CommitInfo> log = brain.store().log(Integer.MAX_VALUE);
        List<LostCommitRecords.Commit> branch = new ArrayList<>();
        Optional<byte[]> before = Optional.empty();
        for (int i = log.size() - 1; i >= 0; i--) {
            CommitInfo c = log.get(i);
            Optional<byte[]> behaviour = brain.store().readAt(c.sha(), BrainLayout.BEHAVIOUR);
            boolean changed = !behaviour.map(CanonicalJson::sha256Hex).equals(before.map(CanonicalJson::sha256Hex));
            // only a commit that changed behaviour.avl must name its version, so only then is it read
            String version = !changed ? null : behaviour.flatMap(b -> BehaviourCheck.of(b).behaviour())
                    .map(b -> b.version().toString()).orElse(null);
            branch.add(new LostCommitRecords.Commit(c.sha(), c.trailers(), changed, version));
            before = behaviour;
        }
        return branch;
    }

    /** A finding that doubts the record of the head itself: its seal, the key to check it, or its brain id. */
    private static boolean doubtsTheRecord(Finding f) {
        return f.check().equals("evidence") && f.where().equals(BrainLayout.AUDIT_HEAD.value());
    }

    /** Whether {@code f} is a finding this sealing mends. */
    boolean mends(Finding f) {
        return !files.isEmpty() && (aboutTheChain(f) || f.check().equals("evidence") && f.where().startsWith("commit ")
                && commits.contains(f.where().substring("commit ".length()))
                && f.problem().contains("was not made by Avalon"));
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
