package dev.avalon.testkit.google;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * A failure the fake server answers to one calendar request instead of serving it (or, for
 * {@link #lostResponse()}, after serving it).
 *
 * @param status        the HTTP status
 * @param domain        the Google error domain ({@code usageLimits}, {@code global})
 * @param reason        the Google error reason ({@code rateLimitExceeded}, {@code backendError}, …)
 * @param retryAfter    the {@code Retry-After} header to send, if any
 * @param applyRequest  true when the request takes effect and only its answer is replaced (a lost response)
 */
public record InjectedFailure(int status, String domain, String reason, Optional<Duration> retryAfter,
                              boolean applyRequest) {

    public InjectedFailure {
        Objects.requireNonNull(domain, "domain");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(retryAfter, "retryAfter");
    }

    /** HTTP 429 {@code rateLimitExceeded}, with a {@code Retry-After} when {@code retryAfter} is not null. */
    public static InjectedFailure tooManyRequests(Duration retryAfter) {
        return new InjectedFailure(429, "usageLimits", "rateLimitExceeded", Optional.ofNullable(retryAfter), false);
    }

    /** HTTP 403 with a usage-limit {@code reason} ({@code rateLimitExceeded}, {@code userRateLimitExceeded}). */
    public static InjectedFailure usageLimit(String reason, Duration retryAfter) {
        return new InjectedFailure(403, "usageLimits", reason, Optional.ofNullable(retryAfter), false);
    }

    /** HTTP 403 {@code forbidden}: not a rate limit, must not be retried. */
    public static InjectedFailure forbidden() {
        return new InjectedFailure(403, "global", "forbidden", Optional.empty(), false);
    }

    /** HTTP 403 {@code accessNotConfigured}: the Calendar API is not enabled for the client's project; no retry helps. */
    public static InjectedFailure accessNotConfigured() {
        return new InjectedFailure(403, "usageLimits", "accessNotConfigured", Optional.empty(), false);
    }

    /** HTTP 403 {@code dailyLimitExceeded}: the project's daily quota is spent; no retry helps today. */
    public static InjectedFailure dailyLimitExceeded() {
        return new InjectedFailure(403, "usageLimits", "dailyLimitExceeded", Optional.empty(), false);
    }

    /** HTTP 403 {@code quotaExceeded}: a Calendar usage limit (events created, guests invited) is reached for hours. */
    public static InjectedFailure quotaExceeded() {
        return new InjectedFailure(403, "usageLimits", "quotaExceeded", Optional.empty(), false);
    }

    /** HTTP 410 {@code fullSyncRequired}, as Google answers a token that is no longer valid. */
    public static InjectedFailure gone() {
        return new InjectedFailure(410, "global", "fullSyncRequired", Optional.empty(), false);
    }

    /** HTTP 500 {@code backendError}. */
    public static InjectedFailure serverError() {
        return new InjectedFailure(500, "global", "backendError", Optional.empty(), false);
    }

    /** The request takes effect but the client gets HTTP 503, as when the answer is lost on the way back. */
    public static InjectedFailure lostResponse() {
        return new InjectedFailure(503, "global", "backendError", Optional.empty(), true);
    }
}
