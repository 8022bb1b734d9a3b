package dev.avalon.core.internal;

import dev.avalon.core.action.ActionInterceptor;
import dev.avalon.core.action.ActionRequest;
import dev.avalon.core.action.ActionResult;
import dev.avalon.core.action.Invocation;
import dev.avalon.core.port.IdSource;

/** (1) Every request carries a trace id: the envelope's, else a new one. */
final class TraceIdInterceptor implements ActionInterceptor {

    private final IdSource ids;

    TraceIdInterceptor(IdSource ids) {
        this.ids = ids;
    }

    @Override
    public ActionResult intercept(Invocation invocation, Chain chain) {
        ActionRequest request = invocation.request();
        if (request.meta().traceId() != null) {
            return chain.proceed(invocation);
        }
        return chain.proceed(invocation.withRequest(new ActionRequest(request.action(), request.data(),
                request.meta().withTraceId(ids.next("T")))));
    }
}
