package dev.avalon.core.internal;

import dev.avalon.core.action.ActionInterceptor;
import dev.avalon.core.action.ActionResult;
import dev.avalon.core.action.Invocation;
import dev.avalon.core.base.ErrorCode;
import dev.avalon.core.base.Refusal;
import dev.avalon.core.base.Violation;

/** (7) A high-risk action runs only with {@code meta.confirm: true}. */
final class ConfirmationInterceptor implements ActionInterceptor {

    @Override
    public ActionResult intercept(Invocation invocation, Chain chain) {
        if (invocation.definition().highRisk() && !invocation.request().meta().confirm()) {
            throw new Refusal(ErrorCode.CONFIRMATION_REQUIRED, invocation.action() + " needs explicit confirmation",
                    new Violation("$.meta.confirm", "must be true for this high-risk action"));
        }
        return chain.proceed(invocation);
    }
}
