package dev.avalon.core.brain;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.avalon.core.audit.AuditFile;
import dev.avalon.core.audit.AuditHead;
import dev.avalon.core.behaviour.BehaviourCheck;
import dev.avalon.core.governance.GovernanceStatus;
import dev.avalon.core.governance.PatchQueue;
import dev.avalon.core.json.Json;
import dev.avalon.core.port.BrainPath;
import dev.avalon.core.port.BrainStore;
import dev.avalon.core.port.BrainStoreException;
import dev.avalon.core.port.CommitInfo;
import dev.avalon.core.question.QuestionBook;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Typed reads of the brain's working tree. Writes go only through the unit of work.
 */
public final class Brain {

    private final BrainStore store;
    /** The last behaviour.avl bytes checked and their check: most actions read the same bytes again. */
    private volatile CheckedBehaviour lastBehaviour;

    private record CheckedBehaviour(byte[] bytes, BehaviourCheck check) {
    }

    public Brain(BrainStore store) {
        this.store = Objects.requireNonNull(store, "store");
    }

    public BrainStore store() {
        return store;
    }

    public Optional<byte[]> read(BrainPath path) {
        return store.read(path);
    }

    /** A JSON state file Avalon wrote itself; a file that is not JSON is a storage failure. */
    public Optional<JsonNode> readJson(BrainPath path) {
        Optional<byte[]> bytes = store.read(path);
        if (bytes.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Json.parse(bytes.get()));
        } catch (JsonProcessingException e) {
            throw new BrainStoreException(path + " is not valid JSON: " + e.getOriginalMessage(), e);
        }
    }

    public BehaviourCheck behaviour() {
        Optional<byte[]> bytes = store.read(BrainLayout.BEHAVIOUR);
        if (bytes.isEmpty()) {
            return BehaviourCheck.of(Json.nodes().missingNode());
        }
        CheckedBehaviour last = lastBehaviour;
        if (last != null && java.util.Arrays.equals(last.bytes(), bytes.get())) {
            return last.check();
        }
        BehaviourCheck check = BehaviourCheck.of(bytes.get());
        lastBehaviour = new CheckedBehaviour(bytes.get(), check);
        return check;
    }

    public QuestionBook questions() {
        return readJson(BrainLayout.QUESTIONS).map(QuestionBook::fromJson).orElse(QuestionBook.EMPTY);
    }

    public GovernanceStatus governance(Instant fallback) {
        return readJson(BrainLayout.GOVERNANCE).map(GovernanceStatus::fromJson)
                .orElse(GovernanceStatus.initial(fallback));
    }

    public PatchQueue patchQueue() {
        return readJson(BrainLayout.PATCH_QUEUE).map(PatchQueue::fromJson).orElse(PatchQueue.EMPTY);
    }

    /** The head of the audit chain as recorded in the working tree; GENESIS for a new brain. */
    public AuditHead auditHead() {
        return readJson(BrainLayout.AUDIT_HEAD)
                .map(n -> new AuditHead(n.get("seq").longValue(), n.get("hash").textValue()))
                .orElse(AuditHead.GENESIS);
    }

    public List<AuditFile> auditFiles() {
        List<AuditFile> files = new ArrayList<>();
        for (BrainPath path : store.list(BrainLayout.AUDIT_FOLDER)) {
            if (path.value().endsWith(".jsonl")) {
                files.add(new AuditFile(path, store.read(path).orElse(new byte[0])));
            }
        }
        return files;
    }

    /** Every audit head recorded in a commit trailer, oldest first, plus the working tree's. */
    public List<AuditHead> recordedAuditHeads() {
        List<AuditHead> heads = new ArrayList<>();
        List<CommitInfo> log = store.log(Integer.MAX_VALUE);
        for (int i = log.size() - 1; i >= 0; i--) {
            String trailer = log.get(i).trailers().get(BrainLayout.AUDIT_HEAD_TRAILER);
            if (trailer != null) {
                heads.add(AuditHead.parse(trailer));
            }
        }
        AuditHead working = auditHead();
        if (working.seq() > 0) {
            heads.add(working);
        }
        return heads;
    }
}
