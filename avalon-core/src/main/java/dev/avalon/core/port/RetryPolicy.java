package dev.avalon.core.port;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Truncated exponential backoff, as Google describes it for its APIs, shared by the adapters of remote
 * calendars for idempotent calls that were rate-limited (HTTP 429, or Google's 403
 * {@code rateLimitExceeded}) or met a server error or a broken connection. Before retry {@code n}
 * (0-based) the adapter waits
 * {@code min(cap, base · 2^n + random)} with {@code random} uniform in {@code [0, jitter)}: with the defaults
 * 1 s plus up to 1 s before the first retry, 2 s plus up to 1 s before the second, and so on. The wait is at
 * least what the server's {@code Retry-After} asks; a {@code Retry-After} longer than {@code cap} is not
 * waited for: the call fails at once.
 *
 * @param maxRetries how many times a call is retried after its first attempt (0 = never)
 * @param base       the delay before the first retry, without the random part
 * @param cap        the longest delay and the longest {@code Retry-After} honoured
 * @param jitter     the random part's upper bound (exclusive); zero for none
 */
public record RetryPolicy(int maxRetries, Duration base, Duration cap, Duration jitter) {

    public RetryPolicy {
        Objects.requireNonNull(base, "base");
        Objects.requireNonNull(cap, "cap");
        Objects.requireNonNull(jitter, "jitter");
        List<String> problems = new ArrayList<>();
        if (maxRetries < 0) {
            problems.add("maxRetries must not be negative");
        }
        if (base.isNegative() || base.isZero()) {
            problems.add("base must be positive");
        }
        if (cap.compareTo(base) < 0) {
            problems.add("cap must not be shorter than base");
        }
        if (jitter.isNegative()) {
            problems.add("jitter must not be negative");
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems));
        }
    }

    /** A policy whose random part is as long as {@code base}. */
    public RetryPolicy(int maxRetries, Duration base, Duration cap) {
        this(maxRetries, base, cap, base);
    }

    /** Five retries: 1 s, 2 s, 4 s, 8 s, 16 s, each plus up to 1 s, capped at 32 s (Google's own advice). */
    public static RetryPolicy ofDefaults() {
        return new RetryPolicy(5, Duration.ofSeconds(1), Duration.ofSeconds(32), Duration.ofSeconds(1));
    }

    /** {@code min(cap, base · 2^retry)}: the delay before retry {@code retry} without its random part. */
    public Duration ceiling(int retry) {
        if (retry < 0) {
            throw new IllegalArgumentException("retry must not be negative");
        }
        // shifting past 62 bits would overflow; by then the cap has long been reached
        if (retry >= 62) {
            return cap;
        }
        long factor = 1L << retry;
        long baseNanos = base.toNanos();
        if (baseNanos > cap.toNanos() / factor) {
            return cap;
        }
        return Duration.ofNanos(baseNanos * factor);
    }

    /**
     * The delay before retry {@code retry}, {@code min(cap, base · 2^retry + unit · jitter)}, from {@code unit}
     * uniform in {@code [0, 1)}. Never shorter than {@code base}: a retry never fires at once.
     */
    public Duration delay(int retry, double unit) {
        if (!(unit >= 0 && unit < 1)) {
            throw new IllegalArgumentException("unit must be in [0, 1): " + unit);
        }
        Duration exponential = ceiling(retry);
        Duration random = Duration.ofNanos((long) (jitter.toNanos() * unit));
        Duration room = cap.minus(exponential);
        return exponential.plus(random.compareTo(room) > 0 ? room : random);
    }
}
