package dev.avalon.core.internal;

import dev.avalon.core.action.ActionInterceptor;
import dev.avalon.core.action.ActionResult;
import dev.avalon.core.action.Invocation;
import dev.avalon.core.base.ErrorCode;
import dev.avalon.core.base.Refusal;
import dev.avalon.core.base.Violation;

import java.time.Clock;
import java.time.Duration;

/** (3) A sliding one-minute window per caller, stricter for high-risk actions. */
final class RateLimitInterceptor implements ActionInterceptor {

    private final RateLimiter limiter = new RateLimiter(Duration.ofMinutes(1));
    private final Clock clock;
    private final int perMinute;
    private final int highRiskPerMinute;

    RateLimitInterceptor(Clock clock, int perMinute, int highRiskPerMinute) {
        this.clock = clock;
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
        String bucket = invocation.caller().id() + (high ? "#high" : "");
        if (!limiter.tryAcquire(bucket, limit, clock.instant())) {
            throw new Refusal(ErrorCode.RATE_LIMITED, "too many requests; at most " + limit + " per minute",
                    new Violation("$.action", "rate limit of " + limit + "/min reached"));
        }
        return chain.proceed(invocation);
    }
}
