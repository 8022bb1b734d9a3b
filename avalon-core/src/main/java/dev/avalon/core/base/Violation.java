package dev.avalon.core.base;

import java.util.Objects;

/**
 * One thing wrong with a request.
 *
 * @param path    where, as a JSON path from the request root, e.g. {@code $.data.patch.before}
 * @param problem what, in one sentence
 */
public record Violation(String path, String problem) {
    public Violation {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(problem, "problem");
    }
}
