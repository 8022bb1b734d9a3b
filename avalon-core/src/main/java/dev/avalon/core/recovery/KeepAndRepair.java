package dev.avalon.core.recovery;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.avalon.core.action.ActionContext;
import dev.avalon.core.action.Outcome;
import dev.avalon.core.audit.AuditRecord;
import dev.avalon.core.base.Violation;
import dev.avalon.core.behaviour.BehaviourCheck;
import dev.avalon.core.brain.Brain;
import dev.avalon.core.brain.BrainValidation;
import dev.avalon.core.governance.GovernanceState;
import dev.avalon.core.json.CanonicalJson;
import dev.avalon.core.json.Json;
import dev.avalon.core.layout.BrainLayout;
import dev.avalon.core.port.BrainPath;
import dev.avalon.core.port.CommitInfo;
import dev.avalon.core.port.FileChange;
import dev.avalon.core.question.Question;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * KEEP_AND_REPAIR: the current state stays; each broken file that history holds in a valid form is put
 * back (behaviour.avl as the record of the head last saw it, any other file as HEAD has it), a broken
 * derived file (a weekly sheet) is rebuilt from its sources instead ({@code from: "rebuilt"}), what was
 * entered since HEAD is listed, a broken audit chain is sealed ({@link AuditSealing}), and what cannot
 * be repaired (history itself, working state) is named. The brain leaves STATE_DR only when nothing is left.
 */
final class KeepAndRepair {

    private final Diagnosis diagnosis;
    private final SafeVersions safeVersions;
    private final Function<Brain, BrainValidation> validations;
    private final Resolution resolution;
    private final DerivedFiles derivedFiles;

    KeepAndRepair(Diagnosis diagnosis, SafeVersions safeVersions, Function<Brain, BrainValidation> validations,
                  Resolution resolution, DerivedFiles derivedFiles) {
        this.diagnosis = diagnosis;
        this.safeVersions = safeVersions;
        this.validations = validations;
        this.resolution = resolution;
        this.derivedFiles = derivedFiles;
    }

    Outcome repair(ActionContext ctx, Question answered) {
        Brain brain = ctx.brain();
        List<Finding> findings = diagnosis.run();
        Optional<CommitInfo> head = brain.store().head();
        List<Violation> headProblems = head.map(h -> safeVersions.problems(brain.store(), h.sha())).orElse(List.of());
        Map<BrainPath, String> repaired = new TreeMap<>();
        List<FileChange> writes = new ArrayList<>();
        List<Finding> notRepaired = new ArrayList<>();
        for (Finding f : findings) {
            Optional<BrainPath> file = repairable(f);
            if (file.isPresent() && !repaired.containsKey(file.get())) {
                Optional<Map.Entry<String, byte[]>> good = file.get().equals(BrainLayout.BEHAVIOUR)
                        ? recordedBehaviour(brain) : head.filter(h -> valid(headProblems, file.get()))
                        .flatMap(h -> brain.store().readAt(h.sha(), file.get()).map(b -> Map.entry(h.sha(), b)));
                if (good.isPresent()) {
                    repaired.put(file.get(), good.get().getKey());
                    writes.add(FileChange.put(file.get(), good.get().getValue()));
                    continue;
                }
            }
            if (file.isEmpty() || !repaired.containsKey(file.get())) {
                notRepaired.add(f);
            }
        }
        // derived files (weekly sheets, a logbook journal from the audit log) are rebuilt from their sources as
        // repaired so far, rather than put back;
        // they stay out of putBack below, since rebuilding one loses nothing that was entered
        Map<BrainPath, byte[]> rebuilt = derivedFiles.rebuild(ctx,
                findings.stream().map(KeepAndRepair::derivable).flatMap(Optional::stream).distinct().toList(), writes);
        rebuilt.keySet().forEach(path -> {
            repaired.put(path, DerivedFiles.REBUILT);
            writes.removeIf(w -> w.path().equals(path));
            notRepaired.removeIf(f -> derivable(f).filter(path::equals).isPresent());
        });

        AuditSealing sealing = AuditSealing.of(ctx, findings, answered.id());
        notRepaired.removeIf(sealing::mends);
        long headSeq = head.map(EnteredAfter::auditSeq).orElse(0L);
        Map<BrainPath, byte[]> putBack = new java.util.LinkedHashMap<>();
        writes.forEach(w -> {
            if (w instanceof FileChange.Put put) {
                putBack.put(put.path(), put.content());
            }
        });
        ObjectNode enteredAfter = EnteredAfter.of(brain.auditFiles(), EnteredAfter.since(brain.store(), putBack, headSeq));
        rebuilt.forEach((path, bytes) -> writes.add(FileChange.put(path, bytes))); // verified with the rest below
        Brain after = new Brain(TreeView.withChanges(brain.store(), writes));
        validations.apply(after).validate(after).problems().stream()
                .filter(v -> notRepaired.stream().noneMatch(f -> f.where().equals(v.path())))
                .filter(v -> repaired.keySet().stream().anyMatch(p -> v.path().equals(p.value())
                        || v.path().startsWith(p.value() + ":")))
                .forEach(v -> notRepaired.add(new Finding("validation", v.path(), v.problem())));

        ObjectNode data = Json.object();
        data.put("questionId", answered.id());
        ObjectNode result = Json.object();
        ArrayNode done = result.putArray("repaired");
        repaired.forEach((path, from) -> done.addObject().put("path", path.value()).put("from", from));
        sealing.listIn(done);
        data.set("repaired", done.deepCopy());
        ArrayNode left = data.putArray("notRepaired");
        notRepaired.forEach(f -> left.add(f.toString()));
        result.set("enteredAfter", enteredAfter);
        data.set("enteredAfter", enteredAfter.get("counts"));
        Outcome.Builder out = Outcome.builder();
        writes.forEach(out::change);
        sealing.applyTo(out);
        if (!notRepaired.isEmpty()) {
            out.audit(new AuditRecord("dr.repaired", ctx.actor(), ctx.traceId(), data));
            return out.merge(resolution.stillBroken(ctx, answered, notRepaired, "dr.repair_incomplete", Json.object(), result))
                    .result(result).build();
        }
        result.put("resolved", true);
        result.put("state", GovernanceState.STATE_NORMAL.name());
        return out.close(answered).audit(new AuditRecord("dr.repaired", ctx.actor(), ctx.traceId(), data))
                .state(GovernanceState.STATE_NORMAL, "dr.repaired: " + repaired.keySet() + " put back and verified")
                .result(result).build();
    }

    /** The file a finding is about, when history may hold a valid form of it: not the audit log, not working state. */
    private static Optional<BrainPath> repairable(Finding f) {
        return fileOf(f).filter(path -> !BrainLayout.isState(path));
    }

    /**
     * The file a finding is about, when a feature may rebuild it from its sources: a derived file, or
     * working state the audit log holds the making of (a logbook journal); not the audit log, and not the
     * freeze's own files or the record of the head, which the kernel keeps.
     */
    private static Optional<BrainPath> derivable(Finding f) {
        return fileOf(f).filter(path -> !path.equals(BrainLayout.QUESTIONS) && !path.equals(BrainLayout.GOVERNANCE)
                && !path.equals(BrainLayout.AUDIT_HEAD));
    }

    /** The brain file a finding is about, if it is about one and not about the audit log or history. */
    private static Optional<BrainPath> fileOf(Finding f) {
        if (f.check().equals("audit") || f.where().startsWith("commit ") || f.where().equals("HEAD")) {
            return Optional.empty();
        }
        String file = f.where().contains(":") ? f.where().substring(0, f.where().indexOf(':')) : f.where();
        BrainPath path;
        try {
            path = BrainPath.of(file);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        return path.isUnder(BrainLayout.AUDIT_FOLDER) ? Optional.empty() : Optional.of(path);
    }

    private static boolean valid(List<Violation> problems, BrainPath file) {
        return problems.stream().noneMatch(v -> v.path().equals(file.value()) || v.path().startsWith(file.value() + ":"));
    }

    /**
     * behaviour.avl as the record of the head says Avalon last wrote it, found in the file's history:
     * the commit that holds it, and its bytes.
     */
    private static Optional<Map.Entry<String, byte[]>> recordedBehaviour(Brain brain) {
        String wanted = brain.recordedHead().behaviourSha256();
        for (CommitInfo c : brain.store().history(BrainLayout.BEHAVIOUR)) {
            Optional<byte[]> bytes = brain.store().readAt(c.sha(), BrainLayout.BEHAVIOUR);
            if (bytes.isPresent() && BehaviourCheck.of(bytes.get()).valid()
                    && (wanted == null || wanted.equals(CanonicalJson.sha256Hex(bytes.get())))) {
                return Optional.of(Map.entry(c.sha(), bytes.get()));
            }
        }
        return Optional.empty();
    }
}
