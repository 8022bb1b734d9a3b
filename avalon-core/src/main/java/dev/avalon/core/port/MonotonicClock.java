package dev.avalon.core.port;

/**
 * A time source that only moves forward, for measuring how much real time passed (rate limits,
 * durations). It is not the domain clock: a host that runs Avalon on a manual {@link java.time.Clock}
 * still has its requests counted in real time, so a clock that stands still never freezes the limiter.
 *
 * <pre>{@code
 * Avalon.builder()...port(MonotonicClock.class, fakeTicker::nanos)
 * }</pre>
 */
@FunctionalInterface
public interface MonotonicClock {

    /** The system's monotonic clock ({@link System#nanoTime()}); the default when a host wires none. */
    MonotonicClock SYSTEM = System::nanoTime;

    /** Nanoseconds since an arbitrary, fixed origin; only differences mean anything. */
    long nanoTime();
}
