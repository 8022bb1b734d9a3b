package dev.avalon.core.internal;

import dev.avalon.core.audit.AuditProblem;
import dev.avalon.core.base.Violation;
import dev.avalon.core.behaviour.BehaviourCheck;
import dev.avalon.core.brain.Brain;
import dev.avalon.core.brain.BrainValidation;
import dev.avalon.core.layout.BrainLayout;
import dev.avalon.core.recovery.Diagnosis;
import dev.avalon.core.recovery.Finding;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Every check on the brain as it is now, for disaster recovery: behaviour.avl, the audit chain, the
 * evidence of history ({@link Evidence#full}) and each file against its schema and its engine's
 * validator. A problem two checks report is listed once, under the first.
 */
final class Checkup implements Diagnosis {

    private final Brain brain;
    private final BrainValidation validation;
    private final Evidence evidence;

    Checkup(Brain brain, BrainValidation validation, Evidence evidence) {
        this.brain = brain;
        this.validation = validation;
        this.evidence = evidence;
    }

    @Override
    public List<Finding> run() {
        List<Finding> found = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        BehaviourCheck behaviour = brain.behaviour();
        if (brain.read(BrainLayout.BEHAVIOUR).isEmpty()) {
            add(found, seen, new Finding("behaviour", BrainLayout.BEHAVIOUR.value(), "is missing"));
        }
        for (Violation v : behaviour.problems()) {
            add(found, seen, new Finding("behaviour", BrainLayout.BEHAVIOUR.value() + ":" + v.path(), v.problem()));
        }
        BrainValidation.Report report = validation.validate(brain);
        Set<String> audit = new LinkedHashSet<>();
        for (AuditProblem p : report.audit().problems()) {
            Finding f = new Finding("audit", p.file() + ":" + p.line(), p.problem());
            audit.add(f.toString());
            add(found, seen, f);
        }
        for (Violation v : report.problems()) {
            if (!v.path().startsWith(BrainLayout.BEHAVIOUR.value()) && !audit.contains(v.path() + ": " + v.problem())) {
                add(found, seen, new Finding("validation", v.path(), v.problem()));
            }
        }
        boolean behaviourReported = found.stream().anyMatch(f -> f.check().equals("behaviour"));
        for (Evidence.Finding e : evidence.full()) {
            if (behaviourReported && e.where().equals(BrainLayout.BEHAVIOUR.value())
                    && e.kind() == Evidence.Kind.HISTORY) {
                // "is invalid" again: the behaviour check named the field already
                continue;
            }
            add(found, seen, new Finding("evidence", e.where(), e.problem()));
        }
        return found;
    }

    private static void add(List<Finding> found, Set<String> seen, Finding f) {
        if (seen.add(f.toString())) {
            found.add(f);
        }
    }
}
