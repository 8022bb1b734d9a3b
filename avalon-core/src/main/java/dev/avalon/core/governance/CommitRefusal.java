package dev.avalon.core.governance;

import java.util.Objects;

/**
 * One failed commit precondition.
 *
 * @param reason which one
 * @param detail the facts (the file, the state, …)
 */
public record CommitRefusal(CommitRefusalReason reason, String detail) {
    public CommitRefusal {
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(detail, "detail");
    }
}
