package dev.avalon.core.schedule;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.avalon.core.brain.Brain;
import dev.avalon.core.json.Json;
import dev.avalon.core.port.BrainPath;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The scheduler's memory, persisted in {@code state/scheduler.json} (schema
 * {@code schema/scheduler.schema.json}): one {@link JobRecord} per job name.
 *
 * @param jobs records by job name
 */
public record SchedulerState(Map<String, JobRecord> jobs) {

    public static final BrainPath PATH = dev.avalon.core.layout.BrainLayout.SCHEDULER;
    public static final SchedulerState EMPTY = new SchedulerState(Map.of());

    public SchedulerState {
        jobs = Map.copyOf(jobs);
    }

    public static SchedulerState read(Brain brain) {
        return brain.readJson(PATH).map(SchedulerState::fromJson).orElse(EMPTY);
    }

    public Optional<JobRecord> record(String job) {
        return Optional.ofNullable(jobs.get(job));
    }

    public SchedulerState with(String job, JobRecord record) {
        Map<String, JobRecord> next = new TreeMap<>(jobs);
        next.put(job, record);
        return new SchedulerState(next);
    }

    /** This state after {@code run} happened at {@code at}. */
    public SchedulerState ran(JobRun run, Instant at, boolean failed) {
        JobRecord current = record(run.job()).orElse(JobRecord.seen(run.slot()));
        return with(run.job(), current.ran(run, at, failed));
    }

    public ObjectNode toJson() {
        ObjectNode n = Json.object();
        ObjectNode j = n.putObject("jobs");
        new TreeMap<>(jobs).forEach((name, r) -> j.set(name, r.toJson()));
        return n;
    }

    public static SchedulerState fromJson(JsonNode n) {
        Map<String, JobRecord> map = new TreeMap<>();
        n.path("jobs").properties().forEach(e -> map.put(e.getKey(), JobRecord.fromJson(e.getValue())));
        return new SchedulerState(map);
    }
}
