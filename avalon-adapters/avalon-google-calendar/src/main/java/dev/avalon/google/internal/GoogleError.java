package dev.avalon.google.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.avalon.core.port.RemoteCalendarException.Kind;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What a Google API error body says: {@code {"error": {"code", "message", "errors": [{"domain", "reason"}]}}}.
 *
 * @param status  the HTTP status
 * @param message the top message, or the HTTP status when the body is not Google's error shape
 * @param domains every {@code errors[].domain}
 * @param reasons every {@code errors[].reason}
 */
public record GoogleError(int status, String message, List<String> domains, List<String> reasons) {

    // Google's error guide: only these two (and HTTP 429) clear up after a short exponential backoff
    private static final Set<String> RETRYABLE_REASONS = Set.of("rateLimitExceeded", "userRateLimitExceeded");

    public GoogleError {
        domains = List.copyOf(domains);
        reasons = List.copyOf(reasons);
    }

    /** Reads a response body; anything unreadable becomes an error with no reasons. */
    public static GoogleError parse(ObjectMapper json, int status, String body) {
        List<String> domains = new ArrayList<>();
        List<String> reasons = new ArrayList<>();
        String message = "HTTP " + status;
        try {
            JsonNode error = json.readTree(body == null ? "" : body).path("error");
            if (error.hasNonNull("message")) {
                message = "HTTP " + status + " " + error.get("message").asText();
            }
            for (JsonNode detail : error.path("errors")) {
                domains.add(detail.path("domain").asText());
                reasons.add(detail.path("reason").asText());
            }
        } catch (IOException | RuntimeException e) {
            // not Google's error shape (a proxy's HTML page, an empty body): the status alone decides
        }
        return new GoogleError(status, message, domains, reasons);
    }

    /** True for the refusals a short backoff cures: HTTP 429, and 403 {@code rateLimitExceeded}/{@code userRateLimitExceeded}. */
    public boolean isRetryableRateLimit() {
        return status == 429 || (status == 403 && reasons.stream().anyMatch(RETRYABLE_REASONS::contains));
    }

    /**
     * How a 403 that is no retryable rate limit is meant, in words a user can act on: the API not enabled for the
     * project, a daily quota or a Calendar usage limit spent. Empty for any other error.
     */
    public Optional<Refusal> refusal() {
        if (status != 403 || isRetryableRateLimit()) {
            return Optional.empty();
        }
        if (reasons.contains("accessNotConfigured")) {
            return Optional.of(new Refusal(Kind.NOT_CONFIGURED, "the Calendar API is not enabled for this project"
                    + " (enable it for the OAuth client's project in the Google Cloud console)"));
        }
        if (reasons.contains("dailyLimitExceeded")) {
            return Optional.of(new Refusal(Kind.QUOTA_EXHAUSTED, "the project's daily quota of Calendar API requests"
                    + " is used up; retrying before the quota resets does not help"));
        }
        if (reasons.contains("quotaExceeded")) {
            return Optional.of(new Refusal(Kind.QUOTA_EXHAUSTED, "the calendar reached one of Google Calendar's"
                    + " usage limits (too many events created or guests invited); Google lifts it after some hours"));
        }
        return Optional.empty();
    }

    /** A 403 that no retry fixes: its kind and what it means. */
    public record Refusal(Kind kind, String meaning) {
    }
}
