package dev.avalon.core.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.avalon.core.action.Outcome;
import dev.avalon.core.audit.AuditRecord;
import dev.avalon.core.behaviour.Behaviour;
import dev.avalon.core.behaviour.BehaviourCheck;
import dev.avalon.core.brain.Brain;
import dev.avalon.core.governance.GovernanceStatus;
import dev.avalon.core.json.Json;
import dev.avalon.core.layout.BrainLayout;
import dev.avalon.core.schedule.SchedulerState;

import java.time.Instant;

/**
 * A new brain gets the default behaviour.avl, governance state and the scheduler's record of its creation
 * in its working tree (not committed).
 */
final class Bootstrap {

    private Bootstrap() {
    }

    /** Initializes {@code brain} if it is new; whether it was. */
    static boolean initializeIfNew(Brain brain, UnitOfWork unitOfWork, Instant now) {
        boolean fresh = brain.read(BrainLayout.BEHAVIOUR).isEmpty() && brain.store().head().isEmpty()
                && brain.read(BrainLayout.GOVERNANCE).isEmpty();
        if (!fresh) {
            return false;
        }
        Behaviour defaults = BehaviourCheck.defaults();
        ObjectNode data = Json.object();
        data.put("version", defaults.version().toString());
        data.put("behaviourSha256", defaults.sha256());
        // this brain keeps its evidence from the start: it is never taken for one from before sealing
        data.put("evidence", true);
        Outcome init = Outcome.builder()
                .write(BrainLayout.BEHAVIOUR, defaults.bytes())
                .writeJson(BrainLayout.GOVERNANCE, GovernanceStatus.initial(now).toJson())
                // the scheduled jobs count from here, not from the host's first tick
                .writeJson(SchedulerState.PATH, SchedulerState.createdAt(now).toJson())
                .audit(new AuditRecord("brain.initialized", "avalon", null, data))
                .build();
        unitOfWork.apply(init, now, "avalon", "bootstrap");
        return true;
    }
}
