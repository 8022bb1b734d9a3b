package dev.avalon.core.internal;

import dev.avalon.core.action.ActionInterceptor;
import dev.avalon.core.action.ActionResult;
import dev.avalon.core.action.Invocation;
import dev.avalon.core.base.ErrorCode;
import dev.avalon.core.base.Refusal;
import dev.avalon.core.base.Violation;

import java.util.Optional;

/**
 * (4) A request with {@code meta.idempotencyKey} that was answered before gets the stored answer,
 * and nothing runs again; the same key with another action or data is a conflict. The record itself
 * is written by the handler step, inside the action's unit of work ({@link Receipts}).
 */
final class IdempotencyInterceptor implements ActionInterceptor {

    private final Receipts receipts;

    IdempotencyInterceptor(Receipts receipts) {
        this.receipts = receipts;
    }

    @Override
    public ActionResult intercept(Invocation invocation, Chain chain) {
        String key = invocation.request().meta().idempotencyKey();
        if (key == null) {
            return chain.proceed(invocation);
        }
        Optional<Receipts.Stored> stored = receipts.find(invocation.caller(), key);
        if (stored.isEmpty()) {
            return chain.proceed(invocation);
        }
        if (!stored.get().requestHash().equals(Receipts.requestHash(invocation.request()))) {
            throw new Refusal(ErrorCode.IDEMPOTENCY_CONFLICT, "this idempotency key was used for a different request",
                    new Violation("$.meta.idempotencyKey", "already used with another action or data"));
        }
        return stored.get().answer();
    }
}
