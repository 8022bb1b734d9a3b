package dev.avalon.core.schedule;

import java.time.Instant;
import java.util.Objects;

/**
 * One run of a job.
 *
 * @param job  the job's name
 * @param slot the scheduled instant this run stands for
 * @param late true when the slot passed while the host was down and this is the one catch-up run
 */
public record JobRun(String job, Instant slot, boolean late) {
    public JobRun {
        Objects.requireNonNull(job, "job");
        Objects.requireNonNull(slot, "slot");
    }
}
