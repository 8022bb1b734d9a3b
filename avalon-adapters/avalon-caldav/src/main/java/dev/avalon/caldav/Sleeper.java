package dev.avalon.caldav;

import java.time.Duration;

/**
 * Waits between retries. The adapter never sleeps by itself: tests inject a sleeper that records the
 * delays and returns at once.
 */
@FunctionalInterface
public interface Sleeper {

    /** Waits {@code delay}; an interrupt ends the wait early. */
    void sleep(Duration delay) throws InterruptedException;

    /** The sleeper of production: {@link Thread#sleep}. */
    static Sleeper real() {
        return delay -> Thread.sleep(delay.toMillis());
    }
}
