package dev.avalon.core.internal;

import dev.avalon.core.action.ActionInterceptor;
import dev.avalon.core.action.ActionResult;
import dev.avalon.core.action.Invocation;
import dev.avalon.core.base.ErrorCode;
import dev.avalon.core.base.Refusal;
import dev.avalon.core.base.Violation;

/** (2) The caller holds the scope the action requires (RBAC; the host grants scopes). */
final class CallerScopeInterceptor implements ActionInterceptor {

    @Override
    public ActionResult intercept(Invocation invocation, Chain chain) {
        String scope = invocation.definition().scope();
        if (!invocation.caller().may(scope)) {
            throw new Refusal(ErrorCode.FORBIDDEN, "the caller lacks scope " + scope,
                    new Violation("$.action", "requires scope " + scope));
        }
        return chain.proceed(invocation);
    }
}
