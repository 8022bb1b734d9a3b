package dev.avalon.core.backup;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.avalon.core.action.ActionContext;
import dev.avalon.core.action.Outcome;
import dev.avalon.core.audit.AuditRecord;
import dev.avalon.core.base.ErrorCode;
import dev.avalon.core.base.Refusal;
import dev.avalon.core.base.Violation;
import dev.avalon.core.brain.Brain;
import dev.avalon.core.brain.BrainValidation;
import dev.avalon.core.json.CanonicalJson;
import dev.avalon.core.json.Json;
import dev.avalon.core.layout.BrainLayout;
import dev.avalon.core.port.Alert;
import dev.avalon.core.port.AlertLevel;
import dev.avalon.core.port.BackupManifest;
import dev.avalon.core.port.BackupStore;
import dev.avalon.core.port.BrainArchive;
import dev.avalon.core.port.BrainStoreException;
import dev.avalon.core.port.CommitInfo;
import dev.avalon.core.port.UnpackedBrain;
import dev.avalon.core.schedule.JobRun;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The backup actions and the daily backup: a bundle of every ref through {@link BrainArchive}, its
 * manifest, both into the {@link BackupStore}, then the retention policy applied to what is stored.
 * A backup copies committed history only, so making one changes nothing a crash could leave half
 * done; the audit entry that records it follows.
 */
final class Backups {

    static final DateTimeFormatter ID = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    private final RetentionPolicy policy;
    private final Function<Brain, BrainValidation> validation;

    Backups(RetentionPolicy policy, Function<Brain, BrainValidation> validation) {
        this.policy = policy;
        this.validation = validation;
    }

    /** {@code backup.run}: a backup now, then retention. */
    Outcome run(ActionContext ctx) {
        BrainArchive archive = port(ctx, BrainArchive.class);
        BackupStore store = port(ctx, BackupStore.class);
        return make(ctx, archive, store);
    }

    /** The daily backup job; without the ports it does nothing, and a failure is an IMPORTANT alert. */
    Outcome daily(ActionContext ctx, JobRun run) {
        Optional<BrainArchive> archive = ctx.port(BrainArchive.class);
        Optional<BackupStore> store = ctx.port(BackupStore.class);
        if (archive.isEmpty() || store.isEmpty() || ctx.brain().store().head().isEmpty()) {
            ObjectNode result = Json.object();
            result.put("skipped", archive.isEmpty() ? "no BrainArchive is wired"
                    : store.isEmpty() ? "no BackupStore is wired" : "nothing is committed yet");
            return Outcome.of(result);
        }
        try {
            return make(ctx, archive.get(), store.get());
        } catch (BrainStoreException e) {
            ObjectNode result = Json.object();
            result.put("failed", String.valueOf(e.getMessage()));
            return Outcome.builder(result)
                    .audit(new AuditRecord("backup.failed", ctx.actor(), ctx.traceId(), result))
                    .alert(new Alert(AlertLevel.IMPORTANT, "BACKUP_FAILED", "The daily backup failed: "
                            + e.getMessage(), ctx.now(), Map.of())).build();
        }
    }

    private Outcome make(ActionContext ctx, BrainArchive archive, BackupStore store) {
        Optional<CommitInfo> head = ctx.brain().store().head();
        if (head.isEmpty()) {
            throw new Refusal(ErrorCode.NOT_FOUND, "nothing is committed yet, so there is nothing to back up",
                    new Violation("$", "a backup holds the committed history; the brain has no commit"));
        }
        byte[] bundle = archive.bundle();
        String version = head.flatMap(h -> ctx.brain().store().readAt(h.sha(), BrainLayout.BEHAVIOUR))
                .flatMap(Backups::version).orElse("");
        BackupManifest manifest = new BackupManifest(ID.format(ctx.now()), ctx.now(), head.get().sha(), version,
                CanonicalJson.sha256Hex(bundle), bundle.length);
        store.put(manifest, bundle);
        List<BackupManifest> stored = store.list();
        Set<String> keep = Retention.keep(stored.stream().map(m -> new Snapshot(m.createdAt(), m.id())).toList(),
                policy, ctx.zone()).stream().map(Snapshot::id).collect(Collectors.toSet());
        ObjectNode result = Json.object();
        result.set("backup", toJson(manifest));
        ArrayNode removed = result.putArray("removed");
        for (BackupManifest m : stored) {
            if (!keep.contains(m.id())) {
                store.delete(m.id());
                removed.add(m.id());
            }
        }
        result.put("kept", keep.size());
        return Outcome.builder(result).audit(new AuditRecord("backup.created", ctx.actor(), ctx.traceId(), result))
                .build();
    }

    /** {@code backup.list}: the stored backups, newest first, and where the push to the remote stands. */
    Outcome list(ActionContext ctx) {
        ObjectNode result = Json.object();
        ArrayNode list = result.putArray("backups");
        // the remote's status is worth seeing without a backup store
        ctx.port(BackupStore.class).map(BackupStore::list).orElse(List.of()).stream().sorted(Comparator.comparing(BackupManifest::createdAt).reversed())
                .forEach(m -> list.add(toJson(m)));
        result.set("remote", RemotePush.status(ctx));
        return Outcome.of(result);
    }

    /** {@code backup.verify}'s data: the backup to check, the newest when absent. */
    record VerifyData(String id) {
    }

    /**
     * {@code backup.verify}: the bundle's sha256 against its manifest, then the bundle unpacked into a
     * scratch brain: git's object check, HEAD against the manifest, the audit chain and every
     * validator that {@code system.validate} runs.
     */
    Outcome verify(ActionContext ctx) {
        BrainArchive archive = port(ctx, BrainArchive.class);
        BackupStore store = port(ctx, BackupStore.class);
        String wanted = ctx.dataAs(VerifyData.class).id();
        List<BackupManifest> stored = store.list();
        BackupManifest manifest = stored.stream()
                .filter(m -> wanted == null || m.id().equals(wanted))
                .max(Comparator.comparing(BackupManifest::createdAt))
                .orElseThrow(() -> new Refusal(ErrorCode.NOT_FOUND, wanted == null ? "there is no backup yet"
                        : "no backup " + wanted, new Violation("$.data.id", wanted == null ? "no backup is stored"
                        : "no stored backup has this id")));
        byte[] bundle = store.read(manifest.id()).orElseThrow(() -> new Refusal(ErrorCode.NOT_FOUND,
                "the bundle of backup " + manifest.id() + " is missing",
                new Violation("$.data.id", "the manifest is stored but its bundle is not")));
        List<Violation> problems = new ArrayList<>();
        String sha256 = CanonicalJson.sha256Hex(bundle);
        boolean hashMatches = sha256.equals(manifest.sha256());
        if (!hashMatches) {
            problems.add(new Violation("bundle", "sha256 " + sha256 + " is not the manifest's " + manifest.sha256()));
        }
        boolean auditIntact = false;
        boolean objectsSound = false;
        try (UnpackedBrain unpacked = archive.unpack(bundle)) {
            unpacked.integrityProblems().forEach(p -> problems.add(new Violation("objects", p)));
            objectsSound = unpacked.integrityProblems().isEmpty();
            String head = unpacked.store().head().map(CommitInfo::sha).orElse("");
            if (!head.equals(manifest.head())) {
                problems.add(new Violation("HEAD", "is " + head + " but the manifest says " + manifest.head()));
            }
            Brain scratch = new Brain(unpacked.store());
            BrainValidation.Report report = validation.apply(scratch).validate(scratch);
            auditIntact = report.audit().intact();
            problems.addAll(report.problems());
        } catch (BrainStoreException e) {
            problems.add(new Violation("bundle", "cannot be unpacked: " + e.getMessage()));
        }
        ObjectNode result = Json.object();
        result.put("id", manifest.id());
        result.put("verified", problems.isEmpty());
        result.put("sha256Matches", hashMatches);
        result.put("objectsSound", objectsSound);
        result.put("auditIntact", auditIntact);
        ArrayNode list = result.putArray("problems");
        problems.forEach(v -> list.addObject().put("path", v.path()).put("problem", v.problem()));
        return Outcome.of(result);
    }

    static ObjectNode toJson(BackupManifest m) {
        ObjectNode n = Json.object();
        n.put("id", m.id());
        n.put("createdAt", m.createdAt().toString());
        n.put("head", m.head());
        n.put("behaviourVersion", m.behaviourVersion());
        n.put("sha256", m.sha256());
        n.put("size", m.size());
        return n;
    }

    private static Optional<String> version(byte[] behaviour) {
        try {
            JsonNode doc = Json.parse(behaviour);
            return doc.hasNonNull("version") ? Optional.of(doc.get("version").asText()) : Optional.empty();
        } catch (java.io.IOException e) {
            return Optional.empty();
        }
    }

    private static <T> T port(ActionContext ctx, Class<T> type) {
        return ctx.port(type).orElseThrow(() -> new Refusal(ErrorCode.PORT_MISSING, "no " + type.getSimpleName()
                + " is wired", new Violation("$", "wire a " + type.getSimpleName() + " to use backups")));
    }
}
