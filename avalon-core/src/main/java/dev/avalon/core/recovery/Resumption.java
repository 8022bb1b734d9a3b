package dev.avalon.core.recovery;

import dev.avalon.core.action.ActionContext;
import dev.avalon.core.action.Outcome;

/**
 * What the engines ask again as the brain leaves STATE_DR: a flow that waits on a question the brain no
 * longer holds (a question book rebuilt after it could not be read keeps only what history and the audit
 * log know) would otherwise wait for good.
 */
@FunctionalInterface
public interface Resumption {

    /** Nothing to ask again. */
    Resumption NONE = ctx -> Outcome.builder().build();

    Outcome resume(ActionContext ctx);
}
