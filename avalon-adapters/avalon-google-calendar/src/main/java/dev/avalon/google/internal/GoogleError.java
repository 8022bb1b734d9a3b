package dev.avalon.google.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * What a Google API error body says: {@code {"error": {"code", "message", "errors": [{"domain", "reason"}]}}}.
 *
 * @param message the top message, or the HTTP status when the body is not Google's error shape
 * @param domains every {@code errors[].domain}
 * @param reasons every {@code errors[].reason}
 */
public record GoogleError(String message, List<String> domains, List<String> reasons) {

    private static final Set<String> RATE_LIMIT_REASONS =
            Set.of("rateLimitExceeded", "userRateLimitExceeded", "quotaExceeded");

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
        return new GoogleError(message, domains, reasons);
    }

    /** True for Google's usage-limit refusals, which may be retried after a pause. */
    public boolean isRateLimit() {
        return domains.contains("usageLimits") || reasons.stream().anyMatch(RATE_LIMIT_REASONS::contains);
    }
}
