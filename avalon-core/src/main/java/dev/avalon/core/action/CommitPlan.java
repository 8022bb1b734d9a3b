package dev.avalon.core.action;

import dev.avalon.core.port.BrainPath;
import dev.avalon.core.port.CommitInfo;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * A commit an outcome asks for, already cleared by {@code CommitGate}. The unit of work adds the
 * audit files and the audit-head trailer, commits, verifies, then applies {@link #then()}.
 *
 * @param paths     the consented content files
 * @param expected  sha256 of each consented file's content, re-checked against the commit after it is made
 * @param subject   first line of the commit message
 * @param trailers  extra trailers
 * @param then      the follow-up outcome once the commit is verified (pure)
 */
public record CommitPlan(List<BrainPath> paths, Map<BrainPath, String> expected, String subject,
                         Map<String, String> trailers, Function<CommitInfo, Outcome> then) {
    public CommitPlan {
        paths = List.copyOf(paths);
        expected = Map.copyOf(expected);
        Objects.requireNonNull(subject, "subject");
        trailers = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(trailers));
        Objects.requireNonNull(then, "then");
    }

    /** The same plan with another follow-up. */
    public CommitPlan withThen(Function<CommitInfo, Outcome> next) {
        return new CommitPlan(paths, expected, subject, trailers, next);
    }
}
