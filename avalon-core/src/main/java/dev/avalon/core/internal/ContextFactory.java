package dev.avalon.core.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.avalon.core.action.ActionContext;
import dev.avalon.core.action.ActionRequest;
import dev.avalon.core.action.Caller;
import dev.avalon.core.action.RequestMeta;
import dev.avalon.core.brain.Brain;
import dev.avalon.core.port.IdSource;
import dev.avalon.core.port.Ports;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;

/** Builds every {@link ActionContext}: the one place that knows its ten parts. */
final class ContextFactory {

    private final Brain brain;
    private final Clock clock;
    private final ZoneId zone;
    private final IdSource ids;
    private final Ports ports;
    private final Duration questionTtl;

    /** The user's zone, in which answers write their times. */
    ZoneId zone() {
        return zone;
    }

    ContextFactory(Brain brain, Clock clock, ZoneId zone, IdSource ids, Ports ports, Duration questionTtl) {
        this.brain = brain;
        this.clock = clock;
        this.zone = zone;
        this.ids = ids;
        this.ports = ports;
        this.questionTtl = questionTtl;
    }

    /** The context of a request whose trace id is set. */
    ActionContext of(ActionRequest request, Caller caller, Instant now) {
        return new ActionContext(request, caller, request.meta().traceId(), now, clock, zone, brain, ids, ports,
                questionTtl);
    }

    /** The context of a step Avalon takes on its own (a job, a workflow step, a delivery, a recovery). */
    ActionContext internal(String action, ObjectNode data, String actor, String traceId, Instant now) {
        ActionRequest request = new ActionRequest(action, data, new RequestMeta(null, traceId, actor, false));
        return of(request, Caller.owner(), now);
    }

    Clock clock() {
        return clock;
    }

    IdSource ids() {
        return ids;
    }

    Brain brain() {
        return brain;
    }
}
