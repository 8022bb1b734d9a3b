package dev.avalon.core.internal;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.avalon.core.action.ActionContext;
import dev.avalon.core.action.ActionDefinition;
import dev.avalon.core.action.Outcome;
import dev.avalon.core.audit.AuditProblem;
import dev.avalon.core.audit.AuditRecord;
import dev.avalon.core.audit.AuditReport;
import dev.avalon.core.feature.Feature;
import dev.avalon.core.governance.GovernanceState;
import dev.avalon.core.json.Json;
import dev.avalon.core.port.Alert;
import dev.avalon.core.port.AlertLevel;

import java.util.List;
import java.util.Map;

/**
 * {@code audit.verify}: walks the hash chain and checks the rest of the evidence ({@link Evidence#full}:
 * the seal, the branch's commits, behaviour.avl). A broken chain or history is a CRITICAL alert and
 * moves the brain to STATE_DR; a valid behaviour.avl that no applied patch explains moves it to
 * STATE_INCONSISTENT.
 */
final class AuditFeature implements Feature {

    private final Evidence evidence;

    AuditFeature(Evidence evidence) {
        this.evidence = evidence;
    }

    @Override
    public String name() {
        return "audit";
    }

    @Override
    public List<ActionDefinition> actions() {
        return List.of(ActionDefinition.fromResource("audit.verify", this::verify));
    }

    private Outcome verify(ActionContext ctx) {
        AuditReport report = ctx.brain().verifyAudit();
        List<Evidence.Finding> findings = evidence.full().stream()
                .filter(f -> !isChainProblem(f, report)).toList();
        ObjectNode result = Json.object();
        result.put("intact", report.intact() && findings.isEmpty());
        result.put("entries", report.entries());
        result.put("head", report.head().toString());
        ArrayNode problems = result.putArray("problems");
        for (AuditProblem p : report.problems()) {
            problems.addObject().put("file", p.file()).put("line", p.line()).put("problem", p.problem());
        }
        for (Evidence.Finding f : findings) {
            problems.addObject().put("file", f.where()).put("line", 0).put("problem", f.problem());
        }
        if (report.intact() && findings.isEmpty()) {
            return Outcome.of(result);
        }
        GovernanceState state = ctx.brain().governance(ctx.now()).state();
        boolean history = !report.intact() || findings.stream().anyMatch(f -> f.kind() == Evidence.Kind.HISTORY);
        String code;
        String message;
        if (!report.intact()) {
            AuditProblem first = report.problems().get(0);
            code = "AUDIT_CHAIN_BROKEN";
            message = "The audit log is broken at " + first.file() + ":" + first.line() + ": " + first.problem();
        } else {
            Evidence.Finding first = findings.stream()
                    .filter(f -> !history || f.kind() == Evidence.Kind.HISTORY).findFirst().orElseThrow();
            code = history ? "HISTORY_TAMPERED" : "BEHAVIOUR_UNEXPLAINED";
            message = first.toString();
        }
        Alert alert = new Alert(AlertLevel.CRITICAL, code, message, ctx.now(),
                Map.of("problems", String.valueOf(problems.size())));
        Outcome.Builder b = Outcome.builder(result).alert(alert);
        if (history) {
            b.audit(new AuditRecord("dr.triggered", ctx.actor(), ctx.traceId(), result));
            if (state != GovernanceState.STATE_DR) {
                b.state(GovernanceState.STATE_DR, code + ": " + message);
            }
        } else if (state == GovernanceState.STATE_NORMAL || state == GovernanceState.STATE_AUTO_MODE) {
            b.audit(new AuditRecord("behaviour.inconsistent", ctx.actor(), ctx.traceId(), result));
            b.state(GovernanceState.STATE_INCONSISTENT, code + ": " + message);
        }
        return b.build();
    }

    /** The chain's own problems are in the report already. */
    private static boolean isChainProblem(Evidence.Finding f, AuditReport report) {
        return report.problems().stream().anyMatch(p -> f.where().equals(p.file() + ":" + p.line())
                && f.problem().equals(p.problem()));
    }
}
