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

/** {@code audit.verify}: walks the hash chain; a break is a CRITICAL alert and moves the brain to STATE_DR. */
final class AuditFeature implements Feature {

    @Override
    public String name() {
        return "audit";
    }

    @Override
    public List<ActionDefinition> actions() {
        return List.of(ActionDefinition.fromResource("audit.verify", AuditFeature::verify));
    }

    private static Outcome verify(ActionContext ctx) {
        AuditReport report = ctx.brain().verifyAudit();
        ObjectNode result = Json.object();
        result.put("intact", report.intact());
        result.put("entries", report.entries());
        result.put("head", report.head().toString());
        ArrayNode problems = result.putArray("problems");
        for (AuditProblem p : report.problems()) {
            problems.addObject().put("file", p.file()).put("line", p.line()).put("problem", p.problem());
        }
        if (report.intact()) {
            return Outcome.of(result);
        }
        AuditProblem first = report.problems().get(0);
        Alert alert = new Alert(AlertLevel.CRITICAL, "AUDIT_CHAIN_BROKEN",
                "The audit log is broken at " + first.file() + ":" + first.line() + ": " + first.problem(), ctx.now(),
                Map.of("problems", String.valueOf(report.problems().size())));
        Outcome.Builder b = Outcome.builder(result).alert(alert)
                .audit(new AuditRecord("dr.triggered", ctx.actor(), ctx.traceId(), result));
        if (ctx.brain().governance(ctx.now()).state() != GovernanceState.STATE_DR) {
            b.state(GovernanceState.STATE_DR, "AUDIT_CHAIN_BROKEN: " + first.problem());
        }
        return b.build();
    }
}
