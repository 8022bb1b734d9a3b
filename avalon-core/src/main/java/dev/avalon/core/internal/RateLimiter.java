package dev.avalon.core.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;

/**
 * A sliding-window log per key: at most {@code limit} events in any window of {@code window}.
 * Not thread-safe; the dispatcher serializes calls.
 */
final class RateLimiter {

    private final Map<String, Deque<Instant>> log = new HashMap<>();
    private final Duration window;

    RateLimiter(Duration window) {
        this.window = window;
    }

    /** Records an event for {@code key} at {@code now} if under {@code limit}; false when over it. */
    boolean tryAcquire(String key, int limit, Instant now) {
        Deque<Instant> events = log.computeIfAbsent(key, k -> new ArrayDeque<>());
        Instant cutoff = now.minus(window);
        while (!events.isEmpty() && !events.peekFirst().isAfter(cutoff)) {
            events.pollFirst();
        }
        if (events.size() >= limit) {
            return false;
        }
        events.addLast(now);
        return true;
    }
}
