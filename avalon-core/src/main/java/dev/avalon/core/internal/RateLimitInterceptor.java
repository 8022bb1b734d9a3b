package dev.avalon.core.internal;

import dev.avalon.core.action.ActionInterceptor;
import dev.avalon.core.action.ActionResult;
import dev.avalon.core.action.Invocation;
import dev.avalon.core.base.ActionError;
import dev.avalon.core.base.ErrorCode;
import dev.avalon.core.base.Refusal;
import dev.avalon.core.base.Violation;
import dev.avalon.core.port.MonotonicClock;

import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;

/**
 * (3) A sliding one-minute window per caller on real (monotonic) time, stricter for high-risk
 * actions. The actions a front end needs to keep a conversation alive — the tick, the questions and
 * the health check — count in a budget of their own, so a burst of writes never locks the user out of
 * answering a question.
 */
final class RateLimitInterceptor implements ActionInterceptor {

    /** Actions with a budget of their own. */
    static final Set<String> CONTROL_ACTIONS = Set.of("system.tick", "system.health", "question.list",
            "question.answer");

    private static final long WINDOW_NANOS = Duration.ofMinutes(1).toNanos();

    private final RateLimiter limiter = new RateLimiter(WINDOW_NANOS);
    private final MonotonicClock time;
    private final int perMinute;
    private final int highRiskPerMinute;

    RateLimitInterceptor(MonotonicClock time, int perMinute, int highRiskPerMinute) {
        this.time = time;
        this.perMinute = perMinute;
        this.highRiskPerMinute = highRiskPerMinute;
    }

    @Override
    public ActionResult intercept(Invocation invocation, Chain chain) {
        boolean high = invocation.definition().highRisk();
        int limit = high ? highRiskPerMinute : perMinute;
        if (limit == Integer.MAX_VALUE) {
            // no limit: a sliding log would keep every request of the last minute for nothing
            return chain.proceed(invocation);
        }
        String budget = high ? "#high" : CONTROL_ACTIONS.contains(invocation.action()) ? "#control" : "";
        OptionalLong wait = limiter.tryAcquire(invocation.caller().id() + budget, limit, time.nanoTime());
        if (wait.isPresent()) {
            long retryAfterMs = Math.max(1, (wait.getAsLong() + 999_999) / 1_000_000);
            throw new Refusal(new ActionError(ErrorCode.RATE_LIMITED,
                    "too many requests; at most " + limit + " per minute; retry after " + retryAfterMs + " ms",
                    List.of(new Violation("$.action", "rate limit of " + limit + "/min reached")),
                    retryAfterMs));
        }
        return chain.proceed(invocation);
    }
}
