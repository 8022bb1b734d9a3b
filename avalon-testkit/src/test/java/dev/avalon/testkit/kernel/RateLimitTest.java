package dev.avalon.testkit.kernel;

import dev.avalon.core.base.ErrorCode;
import dev.avalon.core.port.MonotonicClock;
import dev.avalon.testkit.MutableClock;
import dev.avalon.testkit.brain.InMemoryBrainStore;
import dev.avalon.testkit.harness.AvalonHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import static dev.avalon.testkit.harness.AvalonHarness.data;
import static org.assertj.core.api.Assertions.assertThat;

/** The rate limiter counts real time from the monotonic port, never the domain clock. */
class RateLimitTest {

    private final AtomicLong nanos = new AtomicLong(123_456_789L);
    private AvalonHarness h;

    @BeforeEach
    void open() {
        h = AvalonHarness.on(new InMemoryBrainStore(), MutableClock.at("2026-11-23T08:00:00+01:00"),
                b -> b.rateLimits(5, 2).port(MonotonicClock.class, nanos::get));
    }

    @AfterEach
    void close() {
        h.close();
    }

    private void spendWriteBudget() {
        for (int i = 0; i < 5; i++) {
            h.dispatch("reminder.list").assertOk();
        }
    }

    @Test
    @DisplayName("over the limit: RATE_LIMITED with retryAfterMs, the time until the oldest request leaves the window")
    void retryAfter() {
        spendWriteBudget();
        nanos.addAndGet(Duration.ofSeconds(20).toNanos());
        var refused = h.dispatch("reminder.list").assertRejected(ErrorCode.RATE_LIMITED);
        assertThat(refused.json().at("/error/retryAfterMs").asLong()).isEqualTo(40_000);
        assertThat(refused.rejected().error().retryAfterMs()).isEqualTo(40_000L);
    }

    @Test
    @DisplayName("a domain clock that stands still (a manual clock) does not freeze the window: real time frees it")
    void manualDomainClockDoesNotJam() {
        spendWriteBudget();
        h.dispatch("reminder.list").assertRejected(ErrorCode.RATE_LIMITED);
        // the domain clock jumps a week: that is not real time passing
        h.clock().advance(Duration.ofDays(7));
        h.dispatch("reminder.list").assertRejected(ErrorCode.RATE_LIMITED);
        nanos.addAndGet(Duration.ofSeconds(61).toNanos());
        h.dispatch("reminder.list").assertOk();
    }

    @Test
    @DisplayName("tick, health and the questions have a budget of their own: a burst of other calls never blocks them")
    void controlBudget() {
        spendWriteBudget();
        h.dispatch("reminder.list").assertRejected(ErrorCode.RATE_LIMITED);
        h.dispatch("system.health").assertOk();
        h.dispatch("question.list").assertOk();
        h.dispatch("system.tick", data("now", "2026-11-23T08:05:00+01:00")).assertOk();
    }

    @Test
    @DisplayName("the monotonic time line may wrap around Long.MAX_VALUE without confusing the window")
    void wrapAround() {
        nanos.set(Long.MAX_VALUE - Duration.ofSeconds(10).toNanos());
        spendWriteBudget();
        h.dispatch("reminder.list").assertRejected(ErrorCode.RATE_LIMITED);
        nanos.addAndGet(Duration.ofSeconds(61).toNanos()); // overflows to a negative value
        h.dispatch("reminder.list").assertOk();
    }
}
