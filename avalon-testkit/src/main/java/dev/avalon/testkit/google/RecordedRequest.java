package dev.avalon.testkit.google;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A calendar request the fake server received (token requests are counted separately).
 *
 * @param method  HTTP method
 * @param path    decoded path, e.g. {@code /calendar/v3/calendars/primary/events}
 * @param query   decoded query parameters (the last value of a repeated one)
 * @param ifMatch the {@code If-Match} header, if sent
 * @param status  the HTTP status answered
 */
public record RecordedRequest(String method, String path, Map<String, String> query, Optional<String> ifMatch,
                              int status) {
    public RecordedRequest {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(path, "path");
        query = Map.copyOf(query);
        Objects.requireNonNull(ifMatch, "ifMatch");
    }

    /** True for an events listing ({@code GET …/events}). */
    public boolean isList() {
        return method.equals("GET") && path.endsWith("/events");
    }
}
