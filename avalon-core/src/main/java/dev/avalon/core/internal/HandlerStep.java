package dev.avalon.core.internal;

import dev.avalon.core.action.ActionContext;
import dev.avalon.core.action.ActionInterceptor;
import dev.avalon.core.action.ActionResult;
import dev.avalon.core.action.Invocation;
import dev.avalon.core.action.Outcome;
import dev.avalon.core.base.Effect;
import dev.avalon.core.base.Refusal;
import dev.avalon.core.port.FileChange;
import dev.avalon.core.port.MonotonicClock;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

/**
 * The end of the chain: the handler decides, the unit of work applies its outcome (with the
 * idempotency record, if the request has a key, in the same write), then workflows continue and
 * deliveries go out, each durable step a unit of its own.
 */
final class HandlerStep implements ActionInterceptor.Chain {

    private final Clock clock;
    private final MonotonicClock time;
    private final ContextFactory contexts;
    private final UnitOfWork unitOfWork;
    private final WorkflowDriver workflows;
    private final DeliveryDriver deliveries;
    private final Receipts receipts;

    HandlerStep(Clock clock, MonotonicClock time, ContextFactory contexts, UnitOfWork unitOfWork, WorkflowDriver workflows,
                DeliveryDriver deliveries, Receipts receipts) {
        this.clock = clock;
        this.time = time;
        this.contexts = contexts;
        this.unitOfWork = unitOfWork;
        this.workflows = workflows;
        this.deliveries = deliveries;
        this.receipts = receipts;
    }

    @Override
    public ActionResult proceed(Invocation invocation) {
        long started = time.nanoTime();
        Instant now = clock.instant();
        ActionContext ctx = contexts.of(invocation.request(), invocation.caller(), now);
        String traceId = ctx.traceId();
        Outcome outcome;
        try {
            outcome = invocation.definition().handler().handle(ctx);
        } catch (Refusal refusal) {
            // the commonest refusals start here; answering at once spares unwinding the whole chain
            return new ActionResult.Rejected(invocation.action(), traceId, refusal.error());
        }
        if (outcome.refusal().isPresent()) {
            return new ActionResult.Rejected(invocation.action(), traceId, outcome.refusal().get());
        }
        boolean changing = invocation.definition().effect() != Effect.READ;
        String key = changing ? invocation.request().meta().idempotencyKey() : null;
        String requestHash = key == null ? null : Receipts.requestHash(invocation.request());
        UnitOfWork.Applied provisional = new UnitOfWork.Applied(outcome.result(), outcome.ask(), outcome.alerts());
        ActionResult.Ok stored = key == null ? null : answer(invocation, provisional, started);
        List<FileChange> receipt = key == null ? List.of()
                : List.of(receipts.record(invocation.caller(), key, requestHash, stored, now));
        UnitOfWork.Applied applied = unitOfWork.apply(outcome, receipt, now, ctx.actor(), traceId);
        if (key != null) {
            receipts.written(invocation.caller(), key, requestHash, stored);
        }
        if (changing) {
            applied = workflows.advance(applied, now, ctx.actor(), traceId);
            applied = deliveries.deliver(applied, now, ctx.actor(), traceId);
        }
        ActionResult.Ok ok = answer(invocation, applied, started);
        if (key != null && !sameAnswer(provisional, applied)) {
            // what followed the action's own unit added to the answer: the record says it all
            unitOfWork.apply(Outcome.builder().change(receipts.record(invocation.caller(), key, requestHash, ok, now))
                    .build(), now, ctx.actor(), traceId);
            receipts.written(invocation.caller(), key, requestHash, ok);
        } else if (key != null) {
            // the answer a replay gets, to the millisecond
            return stored;
        }
        return ok;
    }

    private static boolean sameAnswer(UnitOfWork.Applied a, UnitOfWork.Applied b) {
        return a.result().equals(b.result()) && a.asked().equals(b.asked()) && a.alerts().equals(b.alerts());
    }

    /** The answer; its duration is real time (a tick moves the domain clock by days in a moment). */
    private ActionResult.Ok answer(Invocation invocation, UnitOfWork.Applied applied, long started) {
        long ms = (time.nanoTime() - started) / 1_000_000;
        return new ActionResult.Ok(invocation.action(), invocation.traceId(), Math.max(0, ms), applied.result(),
                applied.asked(), applied.alerts(), contexts.zone());
    }
}
