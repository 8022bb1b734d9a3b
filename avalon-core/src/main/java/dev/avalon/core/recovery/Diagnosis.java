package dev.avalon.core.recovery;

import java.util.List;

/**
 * Every check the kernel runs on the brain as it is now: behaviour.avl, the audit chain's tail,
 * the evidence of history (seal, HEAD, commits) and the validation of every file against its schema.
 * Empty when the brain is healthy.
 */
@FunctionalInterface
public interface Diagnosis {
    List<Finding> run();
}
