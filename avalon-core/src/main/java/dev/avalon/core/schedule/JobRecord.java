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
 */
public record JobRecord(Instant since, Instant lastSlot, Instant lastRunAt, boolean late, boolean failed) {

    public JobRecord {
        Objects.requireNonNull(since, "since");
    }

    /** A job first seen at {@code at}. */
    public static JobRecord seen(Instant at) {
        return new JobRecord(at, null, null, false, false);
    }

    /** Slots after this instant may fire. */
    public Instant baseline() {
        return lastSlot != null ? lastSlot : since;
    }

    public JobRecord ran(JobRun run, Instant at, boolean didFail) {
        return new JobRecord(since, run.slot(), at, run.late(), didFail);
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
        return n;
    }

    public static JobRecord fromJson(JsonNode n) {
        Instant slot = n.hasNonNull("lastSlot") ? Instant.parse(n.get("lastSlot").textValue()) : null;
        Instant runAt = n.hasNonNull("lastRunAt") ? Instant.parse(n.get("lastRunAt").textValue()) : null;
        return new JobRecord(Instant.parse(n.get("since").textValue()), slot, runAt,
                n.path("late").asBoolean(false), n.path("failed").asBoolean(false));
    }
}
