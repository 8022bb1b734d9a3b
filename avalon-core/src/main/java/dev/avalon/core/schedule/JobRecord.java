package dev.avalon.core.schedule;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.avalon.core.json.Json;

import java.time.Instant;
import java.util.Objects;

/**
 * What the scheduler remembers of one job.
 *
 * @param since     when the scheduler first saw the job; slots before it never fire
 * @param lastSlot  the slot of the last run, {@code null} before the first run
 * @param lastRunAt when the last run happened, {@code null} before the first run
 * @param late      whether the last run was a late catch-up
 * @param failed    whether the last run failed (it is not retried: the next slot runs again)
 * @param lastFailure the most recent failed run, kept after later runs succeed so a health report
 *                    can show it; {@code null} when the job never failed
 */
public record JobRecord(Instant since, Instant lastSlot, Instant lastRunAt, boolean late, boolean failed,
                        Failure lastFailure) {

    /**
     * One failed run.
     *
     * @param slot    the slot it ran for
     * @param at      when it failed
     * @param problem why, as reported in the {@code scheduler.job_failed} audit entry
     */
    public record Failure(Instant slot, Instant at, String problem) {
        public Failure {
            Objects.requireNonNull(slot, "slot");
            Objects.requireNonNull(at, "at");
            Objects.requireNonNull(problem, "problem");
        }
    }

    public JobRecord {
        Objects.requireNonNull(since, "since");
    }

    /** A record without a remembered failure. */
    public JobRecord(Instant since, Instant lastSlot, Instant lastRunAt, boolean late, boolean failed) {
        this(since, lastSlot, lastRunAt, late, failed, null);
    }

    /** A job first seen at {@code at}. */
    public static JobRecord seen(Instant at) {
        return new JobRecord(at, null, null, false, false);
    }

    /** This record after {@code run} failed at {@code at} because of {@code problem}. */
    public JobRecord failed(JobRun run, Instant at, String problem) {
        return new JobRecord(since, run.slot(), at, run.late(), true, new Failure(run.slot(), at, problem));
    }

    /** Slots after this instant may fire. */
    public Instant baseline() {
        return lastSlot != null ? lastSlot : since;
    }

    public JobRecord ran(JobRun run, Instant at, boolean didFail) {
        return new JobRecord(since, run.slot(), at, run.late(), didFail, lastFailure);
    }

    public ObjectNode toJson() {
        ObjectNode n = Json.object();
        n.put("since", since.toString());
        if (lastSlot != null) {
            n.put("lastSlot", lastSlot.toString());
            n.put("lastRunAt", lastRunAt.toString());
            n.put("late", late);
            n.put("failed", failed);
        }
        if (lastFailure != null) {
            n.putObject("lastFailure").put("slot", lastFailure.slot().toString())
                    .put("at", lastFailure.at().toString()).put("problem", lastFailure.problem());
        }
        return n;
    }

    public static JobRecord fromJson(JsonNode n) {
        Instant slot = n.hasNonNull("lastSlot") ? Instant.parse(n.get("lastSlot").textValue()) : null;
        Instant runAt = n.hasNonNull("lastRunAt") ? Instant.parse(n.get("lastRunAt").textValue()) : null;
        JsonNode f = n.path("lastFailure");
        Failure failure = f.isObject() ? new Failure(Instant.parse(f.get("slot").textValue()),
                Instant.parse(f.get("at").textValue()), f.get("problem").textValue()) : null;
        return new JobRecord(Instant.parse(n.get("since").textValue()), slot, runAt,
                n.path("late").asBoolean(false), n.path("failed").asBoolean(false), failure);
    }
}
