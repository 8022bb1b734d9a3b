package dev.avalon.core.action;

import java.time.Instant;
import java.util.Objects;

/**
 * One request on its way through the dispatch chain.
 *
 * @param request    the parsed envelope; its trace id is set once the trace-id interceptor has run
 * @param definition the catalogue entry the request names
 * @param caller     who calls, with the scopes the host granted
 * @param startedAt  when dispatch began, by the injected clock
 */
public record Invocation(ActionRequest request, ActionDefinition definition, Caller caller, Instant startedAt) {

    public Invocation {
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(definition, "definition");
        Objects.requireNonNull(caller, "caller");
        Objects.requireNonNull(startedAt, "startedAt");
    }

    /** The action's name, e.g. {@code behaviour.propose_patch}. */
    public String action() {
        return request.action();
    }

    /** The trace id; {@code null} only before the trace-id interceptor. */
    public String traceId() {
        return request.meta().traceId();
    }

    /** The same invocation with another request (same action). */
    public Invocation withRequest(ActionRequest next) {
        if (!next.action().equals(request.action())) {
            throw new IllegalArgumentException("an interceptor cannot change the action");
        }
        return new Invocation(next, definition, caller, startedAt);
    }
}
