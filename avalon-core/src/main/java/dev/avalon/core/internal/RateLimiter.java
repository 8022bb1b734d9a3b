package dev.avalon.core.internal;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalLong;

/**
 * A sliding-window log per key: at most {@code limit} events in any window, on a monotonic
 * nanosecond time line. Not thread-safe; the dispatcher serializes calls.
 */
final class RateLimiter {

    private final Map<String, Deque<Long>> log = new HashMap<>();
    private final long windowNanos;

    RateLimiter(long windowNanos) {
        this.windowNanos = windowNanos;
    }

    /**
     * Records an event for {@code key} at {@code now} if under {@code limit}: empty when recorded,
     * else the nanoseconds until the oldest event leaves the window and one more fits.
     */
    OptionalLong tryAcquire(String key, int limit, long now) {
        Deque<Long> events = log.computeIfAbsent(key, k -> new ArrayDeque<>());
        // differences, not comparisons: nanoTime may overflow, its differences do not
        while (!events.isEmpty() && now - events.peekFirst() >= windowNanos) {
            events.pollFirst();
        }
        if (events.size() >= limit) {
            return OptionalLong.of(Math.max(1, windowNanos - (now - events.peekFirst())));
        }
        events.addLast(now);
        return OptionalLong.empty();
    }
}
