package dev.avalon.google;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Capped exponential backoff with full jitter for idempotent calls that were rate-limited (HTTP 429,
 * HTTP 403 {@code usageLimits}) or met a server error or a broken connection. Before retry {@code n}
 * (0-based) the adapter waits a uniformly random time in {@code [0, min(cap, base · 2^n))}, but at
 * least what the server's {@code Retry-After} asks; a {@code Retry-After} longer than {@code cap} is
 * not waited for: the call fails at once.
 *
 * @param maxRetries how many times a call is retried after its first attempt (0 = never)
 * @param base       the ceiling of the first delay
 * @param cap        the largest ceiling and the longest {@code Retry-After} honoured
 */
public record RetryPolicy(int maxRetries, Duration base, Duration cap) {

    public RetryPolicy {
        Objects.requireNonNull(base, "base");
        Objects.requireNonNull(cap, "cap");
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
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems));
        }
    }

    /** Five retries, starting under one second, capped at 32 seconds (Google's own advice). */
    public static RetryPolicy ofDefaults() {
        return new RetryPolicy(5, Duration.ofSeconds(1), Duration.ofSeconds(32));
    }

    /** {@code min(cap, base · 2^retry)}: the upper bound of the delay before retry {@code retry}. */
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
     * The delay before retry {@code retry}, from {@code unit} uniform in {@code [0, 1)}.
     */
    public Duration delay(int retry, double unit) {
        if (!(unit >= 0 && unit < 1)) {
            throw new IllegalArgumentException("unit must be in [0, 1): " + unit);
        }
        return Duration.ofNanos((long) (ceiling(retry).toNanos() * unit));
    }
}
