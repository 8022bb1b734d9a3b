package dev.avalon.core.recovery;

import dev.avalon.core.audit.AuditLines;
import com.fasterxml.jackson.databind.JsonNode;
import dev.avalon.core.audit.AuditFile;
import dev.avalon.core.governance.GovernanceState;
import dev.avalon.core.governance.GovernanceStatus;

import java.time.Instant;
import java.util.List;

/**
 * The governance state of a brain whose {@code state/governance.json} cannot be read, rebuilt from the
 * audit log: every change of state is audited ({@code governance.state_changed}), so the last one says
 * the state, since when and why. A brain whose log records no change is in the state it started in.
 */
public final class RebuiltGovernance {

    private RebuiltGovernance() {
    }

    public static GovernanceStatus of(List<AuditFile> audit, Instant fallback) {
        GovernanceStatus status = GovernanceStatus.initial(fallback);
        for (JsonNode entry : AuditLines.entries(audit)) {
            if (!"governance.state_changed".equals(entry.path("type").asText(""))) {
                continue;
            }
            try {
                JsonNode data = entry.path("data");
                status = new GovernanceStatus(GovernanceState.valueOf(data.path("to").asText("")),
                        Instant.parse(entry.path("ts").asText("")), data.path("reason").asText(""));
            } catch (RuntimeException e) {
                // an entry that does not say a state: the audit check names it
            }
        }
        return status;
    }
}
