package dev.avalon.core.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.avalon.core.audit.AuditFile;
import dev.avalon.core.audit.AuditProblem;
import dev.avalon.core.audit.AuditReport;
import dev.avalon.core.audit.AuditSeal;
import dev.avalon.core.audit.LostCommitRecords;
import dev.avalon.core.audit.RecordedHead;
import dev.avalon.core.brain.Brain;
import dev.avalon.core.json.CanonicalJson;
import dev.avalon.core.json.Json;
import dev.avalon.core.layout.BrainLayout;
import dev.avalon.core.port.CommitInfo;
import dev.avalon.core.port.SealKeys;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The brain's history as evidence: the audit chain, the record of its head (and its seal), the commits
 * of the brain's branch and behaviour.avl must tell one story. Anything a patch, a consented commit or
 * Avalon's own writes do not explain is a {@link Finding}.
 *
 * <p>{@link #quick} compares the files with the record of the head only, cheap enough for every
 * action; {@link #full} also walks the audit log and the branch, for opening and verifying a brain.
 *
 * <p>A commit counts as Avalon's when a readable entry records it ({@code commit.recorded},
 * {@code brain.restored}), or a seal names it ({@code commitSHA}) or vouches for it ({@code commits},
 * {@link LostCommitRecords}), the seal being part of a chain that verifies.
 */
final class Evidence {

    /** What a finding does to the brain: an unexplained but valid behaviour.avl is INCONSISTENT, the rest DR. */
    enum Kind { BEHAVIOUR, HISTORY }

    /**
     * One thing the evidence does not explain.
     *
     * @param where   the file ({@code behaviour.avl}, {@code audit/2026.jsonl:17}, {@code state/audit-head.json})
     *                or the commit ({@code commit 1a2b3c…}) it concerns
     * @param problem what is wrong, in a sentence
     */
    record Finding(Kind kind, String where, String problem) {
        @Override
        public String toString() {
            return where + ": " + problem;
        }
    }

    /** The audit entries that say what behaviour.avl became, and the field that holds its sha256. */
    private static final Map<String, String> BEHAVIOUR_WRITERS = Map.of(
            "brain.initialized", "behaviourSha256",
            "governance.patch_applied", "hashAfter",
            "dr.restored", "behaviourSha256");
    /** The audit entry written when a brain is sealed for the first time. */
    private static final String SEALED = "brain.sealed";
    /** The audit entry that records a commit Avalon made. */
    private static final String COMMIT_RECORDED = "commit.recorded";
    /** The audit entry written when a restored brain is adopted by a host. */
    static final String RESTORED = "brain.restored";

    private final Brain brain;
    private final SealKeys keys;
    /** The last record whose seal was found good under the key: the same record needs no new HMAC. */
    private RecordedHead lastSealed;

    Evidence(Brain brain, SealKeys keys) {
        this.brain = brain;
        this.keys = keys;
    }

    /** The key for this brain, if its host has one. */
    Optional<byte[]> key() {
        RecordedHead record = brain.recordedHead();
        Optional<String> id = record.tracked() ? Optional.of(record.brain()) : brain.firstAuditHash();
        return id.flatMap(keys::keyFor);
    }

    /** The key to seal a record of brain {@code brainId} with. */
    Optional<byte[]> keyFor(String brainId) {
        return keys.keyFor(brainId);
    }

    /**
     * Whether this is a brain from before sealing, opened by a host with a key: its head record is in
     * the old form (no brain id, no seal), its log has no {@code brain.sealed} entry and its
     * {@code brain.initialized} entry does not mark it as a brain that kept its evidence from the start.
     * A head file missing while the log is not, or a record stripped to the old form, is tampering.
     */
    boolean fromBeforeSealing() {
        RecordedHead record = brain.recordedHead();
        if (record.sealed() || record.tracked() || record.head().isGenesis() || key().isEmpty()) {
            return false;
        }
        Story story = story(brain.auditFiles());
        return !story.sealed() && !story.evidenceFromStart();
    }

    /** A brain with nothing to seal yet: no record and no audit log (a head file deleted is not that). */
    private boolean isNew(RecordedHead record) {
        return record.head().isGenesis() && !record.sealed() && brain.lastAuditLine().isEmpty();
    }

    /** The cheap checks: the seal, HEAD and behaviour.avl against the record of the head. */
    List<Finding> quick() {
        List<Finding> found = new ArrayList<>();
        RecordedHead record = brain.recordedHead();
        seal(record, found);
        if (!record.tracked()) {
            return found;
        }
        String head = brain.store().head().map(CommitInfo::sha).orElse(null);
        if (!java.util.Objects.equals(head, record.commit()) && !pendingCommit(record)) {
            found.add(new Finding(Kind.HISTORY, head == null ? "HEAD" : "commit " + head,
                    "HEAD is " + (head == null ? "no commit" : head) + " but the last commit Avalon made is "
                            + (record.commit() == null ? "none" : record.commit())
                            + " (state/audit-head.json): the branch was moved, amended or added to"));
        }
        Optional<String> behaviour = brain.behaviourSha256();
        if (record.behaviourSha256() != null && behaviour.isPresent()
                && !behaviour.get().equals(record.behaviourSha256())) {
            found.add(new Finding(Kind.BEHAVIOUR, BrainLayout.BEHAVIOUR.value(), "sha256 " + behaviour.get()
                    + " is not the version Avalon last wrote (" + record.behaviourSha256()
                    + "); no applied patch explains the change"));
        }
        return found;
    }

    /** Every check: {@link #quick}, the audit chain, the brain id, behaviour.avl and the branch against the log. */
    List<Finding> full() {
        List<Finding> found = new ArrayList<>();
        lastSealed = null;
        RecordedHead record = brain.recordedHead();
        AuditReport audit = brain.verifyAudit();
        for (AuditProblem p : audit.problems()) {
            found.add(new Finding(Kind.HISTORY, p.file() + ":" + p.line(), p.problem()));
        }
        if (audit.intact() && !audit.head().equals(record.head())) {
            found.add(new Finding(Kind.HISTORY, BrainLayout.AUDIT_HEAD.value(), "records head " + record.head()
                    + " but the audit log ends at " + audit.head() + ": entries were added or removed"));
        }
        found.addAll(quick());
        Optional<String> first = brain.firstAuditHash();
        if (record.tracked() && first.isPresent() && !first.get().equals(record.brain())) {
            found.add(new Finding(Kind.HISTORY, BrainLayout.AUDIT_HEAD.value(), "brain id " + record.brain()
                    + " is not this brain's (its first audit entry is " + first.get() + ")"));
        }
        Story story = story(brain.auditFiles());
        behaviour(story, found);
        commits(pendingCommit(record), story, found);
        return found;
    }

    /**
     * The checks for a brain just restored from its remote or a bundle onto a host, before it is
     * adopted: such a brain holds its committed history only, so it has no record of its head (that
     * file is never committed) and its log lacks the entry that recorded the last commit. What must
     * hold: the audit chain is intact, HEAD's audit-head trailer names the end of the log (so the log
     * is exactly the one committed with HEAD), every earlier commit is recorded in order, and
     * behaviour.avl is the version the log explains.
     */
    List<Finding> restored() {
        List<Finding> found = new ArrayList<>();
        AuditReport audit = brain.verifyAudit();
        for (AuditProblem p : audit.problems()) {
            found.add(new Finding(Kind.HISTORY, p.file() + ":" + p.line(), p.problem()));
        }
        Optional<CommitInfo> head = brain.store().head();
        if (head.isEmpty()) {
            found.add(new Finding(Kind.HISTORY, "HEAD", "the restored brain has no commit"));
            return found;
        }
        String trailer = head.get().trailers().get(BrainLayout.AUDIT_HEAD_TRAILER);
        if (!audit.head().toString().equals(trailer)) {
            found.add(new Finding(Kind.HISTORY, "commit " + head.get().sha(), "its " + BrainLayout.AUDIT_HEAD_TRAILER
                    + " trailer is " + trailer + " but the committed audit log ends at " + audit.head()));
        }
        Story story = story(brain.auditFiles());
        behaviour(story, found);
        commits(true, story, found);
        return found;
    }

    /** The sha256 of behaviour.avl that the audit log (or, before any such entry, the last commit) explains. */
    Optional<String> explainedBehaviour() {
        Story story = story(brain.auditFiles());
        if (story.behaviourSha256() != null) {
            return Optional.of(story.behaviourSha256());
        }
        return brain.store().head().flatMap(h -> brain.store().readAt(h.sha(), BrainLayout.BEHAVIOUR))
                .map(CanonicalJson::sha256Hex);
    }

    private void seal(RecordedHead record, List<Finding> found) {
        Optional<String> id = record.tracked() ? Optional.of(record.brain()) : brain.firstAuditHash();
        Optional<byte[]> key = id.flatMap(keys::keyFor);
        if (key.isEmpty()) {
            if (record.sealed()) {
                found.add(new Finding(Kind.HISTORY, BrainLayout.AUDIT_HEAD.value(),
                        "the brain is sealed but this host holds no key for it"));
            }
            return;
        }
        if (record == lastSealed || isNew(record)) {
            return;
        }
        if (!record.sealed()) {
            found.add(new Finding(Kind.HISTORY, BrainLayout.AUDIT_HEAD.value(),
                    "the seal is missing, and this host holds the brain's key"));
        } else if (!record.sealMatches(key.get())) {
            found.add(new Finding(Kind.HISTORY, BrainLayout.AUDIT_HEAD.value(),
                    "the seal does not match the recorded head " + record.head() + ", commit " + record.commit()
                            + " and behaviour hash: they were rewritten, or the seal is another brain's"));
        } else {
            lastSealed = record;
        }
    }

    /**
     * A commit made on a JA whose follow-up is not recorded yet (the process stopped in between):
     * HEAD carries the journal's consent and the recorded head, and its parent is the recorded commit.
     */
    private boolean pendingCommit(RecordedHead record) {
        Optional<CommitJournal> journal = CommitJournal.read(brain);
        if (journal.isEmpty()) {
            return false;
        }
        List<CommitInfo> last = brain.store().log(2);
        if (last.isEmpty()) {
            return false;
        }
        CommitInfo head = last.get(0);
        String parent = last.size() > 1 ? last.get(1).sha() : null;
        return journal.get().consentId().equals(head.trailers().get(BrainLayout.CONSENT_TRAILER))
                && record.head().toString().equals(head.trailers().get(BrainLayout.AUDIT_HEAD_TRAILER))
                && java.util.Objects.equals(parent, record.commit());
    }

    private void behaviour(Story story, List<Finding> found) {
        Optional<String> actual = brain.behaviourSha256();
        if (actual.isEmpty() || !brain.behaviour().valid()) {
            // not a version at all: the brain cannot run on it, as the health probe's freeze says
            found.add(new Finding(Kind.HISTORY, BrainLayout.BEHAVIOUR.value(), actual.isEmpty() ? "is missing"
                    : "is invalid: " + brain.behaviour().problems().get(0).path() + " "
                    + brain.behaviour().problems().get(0).problem()));
            return;
        }
        Optional<String> explained = story.behaviourSha256() != null ? Optional.of(story.behaviourSha256())
                : brain.store().head().flatMap(h -> brain.store().readAt(h.sha(), BrainLayout.BEHAVIOUR))
                .map(CanonicalJson::sha256Hex);
        if (explained.isPresent() && !explained.get().equals(actual.get())) {
            found.add(new Finding(Kind.BEHAVIOUR, BrainLayout.BEHAVIOUR.value(), "sha256 " + actual.get()
                    + " is not explained by the audit log, which last records " + explained.get()
                    + (story.behaviourSeq() > 0 ? " (seq " + story.behaviourSeq() + ")" : " (the last commit)")
                    + "; the file was changed outside governance"));
        }
    }

    private void commits(boolean pending, Story story, List<Finding> found) {
        List<CommitInfo> branch = new ArrayList<>(brain.store().log(Integer.MAX_VALUE));
        java.util.Collections.reverse(branch);
        Set<String> onBranch = new HashSet<>();
        branch.forEach(c -> onBranch.add(c.sha()));
        List<String> madeByAvalon = new ArrayList<>();
        for (int i = 0; i < branch.size(); i++) {
            CommitInfo c = branch.get(i);
            if (story.commits().containsKey(c.sha())) {
                madeByAvalon.add(c.sha());
                continue;
            }
            if (pending && i == branch.size() - 1) {
                continue;
            }
            String subject = c.message().lines().findFirst().orElse("");
            found.add(new Finding(Kind.HISTORY, "commit " + c.sha(), "\"" + subject + "\" was not made by Avalon: "
                    + (c.trailers().containsKey(BrainLayout.AUDIT_HEAD_TRAILER)
                    ? "no audit entry records it (amended, rewritten or forged)"
                    : "it has no " + BrainLayout.AUDIT_HEAD_TRAILER + " trailer and no audit entry records it")));
        }
        List<String> recorded = new ArrayList<>();
        story.commits().forEach((sha, seq) -> {
            if (onBranch.contains(sha)) {
                recorded.add(sha);
            } else {
                found.add(new Finding(Kind.HISTORY, "commit " + sha, "recorded by audit entry seq " + seq
                        + " but no longer on the branch: the history was reset or rewritten"));
            }
        });
        if (!recorded.equals(madeByAvalon)) {
            found.add(new Finding(Kind.HISTORY, "commit " + branch.get(branch.size() - 1).sha(),
                    "the branch holds Avalon's commits in another order than the audit log recorded them"));
        }
    }

    /**
     * What the audit log says: the last sha256 of behaviour.avl it records (and at which seq), and every
     * commit it records with the seq of its entry, oldest first.
     */
    private record Story(String behaviourSha256, long behaviourSeq, Map<String, Long> commits, boolean sealed,
                         boolean evidenceFromStart) {
    }

    private static Story story(List<AuditFile> files) {
        String behaviour = null;
        long behaviourSeq = 0;
        Map<String, Long> commits = new LinkedHashMap<>();
        List<LostCommitRecords.Vouched> vouched = new ArrayList<>();
        boolean sealed = false;
        boolean evidenceFromStart = false;
        List<AuditFile> sorted = new ArrayList<>(files);
        sorted.sort(java.util.Comparator.comparing(AuditFile::path));
        for (AuditFile file : sorted) {
            for (String line : new String(file.content(), StandardCharsets.UTF_8).split("\n")) {
                JsonNode entry;
                try {
                    entry = Json.parse(line);
                } catch (Exception e) {
                    // an unreadable line is the chain verifier's to report
                    continue;
                }
                String type = entry.path("type").asText("");
                JsonNode data = entry.path("data");
                String field = BEHAVIOUR_WRITERS.get(type);
                if (field != null && data.path(field).isTextual()) {
                    behaviour = data.path(field).textValue();
                    behaviourSeq = entry.path("seq").asLong();
                }
                sealed |= SEALED.equals(type);
                evidenceFromStart |= "brain.initialized".equals(type) && data.path("evidence").asBoolean(false);
                // a brain adopted after a restore records the commit it was restored at; a seal, the last
                // commit Avalon made when the line that recorded it was damaged, and the older ones it vouches for
                if ((COMMIT_RECORDED.equals(type) || RESTORED.equals(type) || AuditSeal.TYPE.equals(type))
                        && data.path("commitSHA").isTextual()) {
                    commits.putIfAbsent(data.path("commitSHA").textValue(), entry.path("seq").asLong());
                }
                if (AuditSeal.TYPE.equals(type)) {
                    vouched.addAll(LostCommitRecords.in(data));
                }
            }
        }
        return new Story(behaviour, behaviourSeq, withVouched(commits, vouched), sealed, evidenceFromStart);
    }

    /**
     * {@code commits} with the commits a seal vouched for, each where its lost record stood (before the
     * first record with a later seq), so the order of the branch is checked as if the record were there.
     */
    private static Map<String, Long> withVouched(Map<String, Long> commits, List<LostCommitRecords.Vouched> vouched) {
        if (vouched.isEmpty()) {
            return commits;
        }
        List<Map.Entry<String, Long>> all = new ArrayList<>(commits.entrySet());
        for (LostCommitRecords.Vouched v : vouched) {
            if (commits.containsKey(v.sha())) {
                continue;
            }
            int at = 0;
            while (at < all.size() && all.get(at).getValue() <= v.seq()) {
                at++;
            }
            all.add(at, Map.entry(v.sha(), v.seq()));
        }
        Map<String, Long> ordered = new LinkedHashMap<>();
        all.forEach(e -> ordered.putIfAbsent(e.getKey(), e.getValue()));
        return ordered;
    }
}
