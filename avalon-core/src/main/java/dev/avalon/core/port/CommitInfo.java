package dev.avalon.core.port;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * A commit as the brain reports it.
 *
 * @param sha      full hex object id
 * @param message  the whole message, trailers included
 * @param time     the commit time
 * @param trailers {@code Key: value} lines at the end of the message, in order
 */
public record CommitInfo(String sha, String message, Instant time, Map<String, String> trailers) {
    public CommitInfo {
        Objects.requireNonNull(sha, "sha");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(time, "time");
        trailers = Map.copyOf(trailers);
    }
}
