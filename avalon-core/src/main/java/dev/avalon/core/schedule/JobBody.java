package dev.avalon.core.schedule;

import dev.avalon.core.action.ActionContext;
import dev.avalon.core.action.Outcome;

/** What one run of a job does. Pure, like a handler: the unit of work applies the outcome. */
@FunctionalInterface
public interface JobBody {
    /**
     * @param context a context whose request is the synthetic {@code system.job} action
     * @param run     which slot this run is for and whether it is late
     */
    Outcome run(ActionContext context, JobRun run);
}
