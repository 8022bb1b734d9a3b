package dev.avalon.core.audit;

import java.util.Objects;

/**
 * One thing wrong with the audit log.
 *
 * @param file    the file's brain path, or {@code audit} for a problem of the chain as a whole
 * @param line    1-based line number; {@code 0} for a problem of a whole file or of the whole chain
 * @param problem what is wrong, in words
 */
public record AuditProblem(String file, int line, String problem) {

    public AuditProblem {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(problem, "problem");
        if (line < 0) {
            throw new IllegalArgumentException("line must be >= 0, was " + line);
        }
    }

    @Override
    public String toString() {
        return file + ":" + line + ": " + problem;
    }
}
