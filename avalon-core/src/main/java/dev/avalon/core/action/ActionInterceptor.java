package dev.avalon.core.action;

/**
 * One link of the dispatch chain, in the manner of a command bus's interceptors: it may look at the
 * invocation, refuse it (return a {@link ActionResult.Rejected} or throw a
 * {@link dev.avalon.core.base.Refusal}), change it, or pass it on with {@link Chain#proceed} and
 * look at, or replace, what comes back.
 *
 * <p>Avalon's own interceptors run in a fixed order (trace id, caller scope, rate limit, idempotency,
 * governance state gate, schema validation, confirmation). A host's own, added with
 * {@code Avalon.builder().interceptor(..)}, run right after the trace id is set and before
 * everything else, in the order they were added, so they see every request that names a known
 * action, the refused ones included — the place for a host's metrics or access log:
 *
 * <pre>{@code
 * Map<String, Long> nanosByAction = new HashMap<>();
 * ActionInterceptor timing = (invocation, chain) -> {
 *     long start = System.nanoTime();
 *     ActionResult result = chain.proceed(invocation);
 *     nanosByAction.merge(invocation.action(), System.nanoTime() - start, Long::sum);
 *     return result;
 * };
 * Avalon avalon = Avalon.builder()
 *         .brain(GitBrainStore.open(Path.of("brain")))
 *         .clock(Clock.systemUTC())
 *         .alerts(System.err::println)
 *         .interceptor(timing)
 *         .build();
 * }</pre>
 *
 * <p>Interceptors run under the brain's one-writer lock and must not call back into the same Avalon.
 */
@FunctionalInterface
public interface ActionInterceptor {

    /**
     * @param invocation the request, its definition and caller
     * @param chain      the rest of the chain; call {@link Chain#proceed} at most once
     * @return the answer; never {@code null}
     */
    ActionResult intercept(Invocation invocation, Chain chain);

    /** The links after this one, ending in the handler and the unit of work. */
    @FunctionalInterface
    interface Chain {
        ActionResult proceed(Invocation invocation);
    }
}
