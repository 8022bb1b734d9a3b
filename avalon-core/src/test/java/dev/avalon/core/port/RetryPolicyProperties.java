package dev.avalon.core.port;


import net.jqwik.api.ForAll;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

@Label("RetryPolicy: Google's truncated exponential backoff, min(cap, base·2^n + random)")
class RetryPolicyProperties {

    @Property
    @Label("every delay lies in [min(cap, base·2^n), min(cap, base·2^n + jitter)], so no retry fires at once")
    void delayWithinCeiling(@ForAll @IntRange(min = 0, max = 200) int retry,
                            @ForAll @LongRange(min = 1, max = 60_000) long baseMillis,
                            @ForAll @LongRange(min = 0, max = 600_000) long extraCapMillis,
                            @ForAll @LongRange(min = 0, max = 5_000) long jitterMillis,
                            @ForAll @DoubleRange(min = 0.0, max = 1.0, maxIncluded = false) double unit) {
        RetryPolicy policy = new RetryPolicy(5, Duration.ofMillis(baseMillis),
                Duration.ofMillis(baseMillis + extraCapMillis), Duration.ofMillis(jitterMillis));

        Duration ceiling = policy.ceiling(retry);
        Duration delay = policy.delay(retry, unit);

        assertThat(ceiling).isLessThanOrEqualTo(policy.cap()).isGreaterThanOrEqualTo(policy.base());
        assertThat(delay).isGreaterThanOrEqualTo(ceiling).isGreaterThanOrEqualTo(policy.base())
                .isLessThanOrEqualTo(policy.cap());
        Duration withJitter = ceiling.plus(policy.jitter());
        assertThat(delay).isLessThanOrEqualTo(withJitter.compareTo(policy.cap()) < 0 ? withJitter : policy.cap());
        if (retry < 40) {
            Duration exponential = Duration.ofMillis(baseMillis).multipliedBy(1L << retry);
            assertThat(ceiling).isEqualTo(exponential.compareTo(policy.cap()) < 0 ? exponential : policy.cap());
        }
    }

    @Property
    @Label("ceilings never shrink from one retry to the next")
    void ceilingsGrow(@ForAll @IntRange(min = 0, max = 100) int retry,
                      @ForAll @LongRange(min = 1, max = 10_000) long baseMillis) {
        RetryPolicy policy = new RetryPolicy(5, Duration.ofMillis(baseMillis), Duration.ofSeconds(32));

        assertThat(policy.ceiling(retry + 1)).isGreaterThanOrEqualTo(policy.ceiling(retry));
    }
}
