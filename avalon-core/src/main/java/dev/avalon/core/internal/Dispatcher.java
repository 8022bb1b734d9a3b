package dev.avalon.core.internal;

import dev.avalon.core.action.ActionCatalog;
import dev.avalon.core.action.ActionDefinition;
import dev.avalon.core.action.ActionInterceptor;
import dev.avalon.core.action.ActionRequest;
import dev.avalon.core.action.ActionResult;
import dev.avalon.core.action.Caller;
import dev.avalon.core.action.Invocation;
import dev.avalon.core.base.ActionError;
import dev.avalon.core.base.NearestName;
import dev.avalon.core.base.ErrorCode;
import dev.avalon.core.base.Refusal;
import dev.avalon.core.base.Violation;
import dev.avalon.core.port.IdSource;
import dev.avalon.core.port.CorruptFileException;
import dev.avalon.core.port.UnsafeBrainPathException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Runs a request through the interceptors, in the order of the list it was given, to the handler
 * step; a refusal anywhere becomes a {@link ActionResult.Rejected}, and so does a failure of the
 * machinery (INTERNAL_ERROR, logged with the trace id), so dispatch never throws. A path the store
 * refused as unsafe is no machinery failure but something planted in the brain: it gets a typed answer
 * from the {@link HealthProbe}.
 */
final class Dispatcher {

    private static final Logger LOG = LoggerFactory.getLogger(Dispatcher.class);

    private final ActionCatalog catalog;
    private final List<ActionInterceptor> interceptors;
    private final ActionInterceptor.Chain end;
    private final IdSource ids;
    private final HealthProbe health;

    Dispatcher(ActionCatalog catalog, List<ActionInterceptor> interceptors, ActionInterceptor.Chain end, IdSource ids,
               HealthProbe health) {
        this.catalog = catalog;
        this.interceptors = List.copyOf(interceptors);
        this.end = end;
        this.ids = ids;
        this.health = health;
    }

    ActionResult dispatch(ActionRequest request, Caller caller, Instant start) {
        Optional<ActionDefinition> def = catalog.find(request.action());
        if (def.isEmpty()) {
            String traceId = request.meta().traceId() != null ? request.meta().traceId() : ids.next("T");
            return new ActionResult.Rejected(request.action(), traceId, ActionError.of(ErrorCode.UNKNOWN_ACTION,
                    "no action named " + request.action(),
                    new Violation("$.action", "unknown action; see system.catalog"
                            + NearestName.hint(request.action(), catalog.names()))));
        }
        Invocation[] seen = {new Invocation(request, def.get(), caller, start)};
        try {
            return link(0, seen).proceed(seen[0]);
        } catch (Refusal r) {
            return new ActionResult.Rejected(request.action(), traceOf(seen[0]), r.error());
        } catch (CorruptFileException e) {
            String traceId = traceOf(seen[0]);
            LOG.warn("action {} met a corrupt file (trace {}): {}", request.action(), traceId, e.getMessage());
            return new ActionResult.Rejected(request.action(), traceId, health.corrupt(e, start, traceId));
        } catch (UnsafeBrainPathException e) {
            String traceId = traceOf(seen[0]);
            LOG.warn("action {} refused (trace {}): {}", request.action(), traceId, e.getMessage());
            return new ActionResult.Rejected(request.action(), traceId, health.refusal(e, start, traceId));
        } catch (RuntimeException e) {
            String traceId = traceOf(seen[0]);
            LOG.error("action {} failed (trace {})", request.action(), traceId, e);
            return new ActionResult.Rejected(request.action(), traceId, ActionError.of(ErrorCode.INTERNAL_ERROR,
                    "an internal error occurred; see the log for trace " + traceId,
                    new Violation("$", e.getClass().getSimpleName())));
        }
    }

    /**
     * The chain from interceptor {@code i} on. A refusal thrown inside becomes a {@code Rejected} answer
     * at each link, so an interceptor before it sees the refusal as the answer it gets back; the latest
     * invocation is remembered for the trace id.
     */
    private ActionInterceptor.Chain link(int i, Invocation[] seen) {
        return invocation -> {
            seen[0] = invocation;
            try {
                return i == interceptors.size() ? end.proceed(invocation)
                        : interceptors.get(i).intercept(invocation, link(i + 1, seen));
            } catch (Refusal r) {
                return new ActionResult.Rejected(invocation.action(), traceOf(invocation), r.error());
            }
        };
    }

    private String traceOf(Invocation invocation) {
        return invocation.traceId() != null ? invocation.traceId() : ids.next("T");
    }
}
