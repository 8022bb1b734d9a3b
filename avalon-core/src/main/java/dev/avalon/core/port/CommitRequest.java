package dev.avalon.core.port;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What to commit: exactly {@code paths} as they are in the working tree now (a path missing from
 * the working tree is committed as a deletion), nothing else.
 *
 * @param paths    the files the user consented to, plus the audit files
 * @param subject  the first line of the message
 * @param trailers written as {@code Key: value} lines after a blank line, in this order
 * @param time     author and committer time (from the injected clock)
 * @param author   name recorded as author and committer
 */
public record CommitRequest(List<BrainPath> paths, String subject, Map<String, String> trailers, Instant time,
                            String author) {
    public CommitRequest {
        paths = List.copyOf(paths);
        if (paths.isEmpty()) {
            throw new IllegalArgumentException("a commit needs at least one path");
        }
        Objects.requireNonNull(subject, "subject");
        if (subject.isBlank() || subject.contains("\n")) {
            throw new IllegalArgumentException("subject must be one non-blank line");
        }
        trailers = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(trailers));
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(author, "author");
    }

    /** The full commit message: subject, blank line, trailers. */
    public String message() {
        StringBuilder sb = new StringBuilder(subject).append('\n');
        if (!trailers.isEmpty()) {
            sb.append('\n');
            trailers.forEach((k, v) -> sb.append(k).append(": ").append(v).append('\n'));
        }
        return sb.toString();
    }
}
