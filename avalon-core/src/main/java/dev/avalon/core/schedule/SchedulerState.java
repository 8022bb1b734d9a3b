package dev.avalon.core.schedule;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.avalon.core.brain.Brain;
import dev.avalon.core.json.Json;
import dev.avalon.core.port.BrainPath;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The scheduler's memory, persisted in {@code state/scheduler.json} (schema
 * {@code schema/scheduler.schema.json}): when the brain was created and one {@link JobRecord} per job name.
 *
 * @param created when the brain was created, which a job's slots count from; empty for a brain from
 *                before this was recorded, whose jobs count from the first tick that saw them
 * @param jobs    records by job name
 */
public record SchedulerState(Optional<Instant> created, Map<String, JobRecord> jobs) {

    public static final BrainPath PATH = dev.avalon.core.layout.BrainLayout.SCHEDULER;
    public static final SchedulerState EMPTY = new SchedulerState(Map.of());

    public SchedulerState {
        Objects.requireNonNull(created, "created");
        jobs = Map.copyOf(jobs);
    }

    /** A state without a recorded creation instant. */
    public SchedulerState(Map<String, JobRecord> jobs) {
        this(Optional.empty(), jobs);
    }

    /** The memory of a brain created at {@code at}, before any job ran. */
    public static SchedulerState createdAt(Instant at) {
        return new SchedulerState(Optional.of(at), Map.of());
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
        return new SchedulerState(created, next);
    }

    /** This state after {@code run} happened at {@code at}. */
    public SchedulerState ran(JobRun run, Instant at, boolean failed) {
        JobRecord current = record(run.job()).orElse(JobRecord.seen(run.slot()));
        return with(run.job(), current.ran(run, at, failed));
    }

    /** This state after {@code run} failed at {@code at} because of {@code problem}. */
    public SchedulerState failed(JobRun run, Instant at, String problem) {
        JobRecord current = record(run.job()).orElse(JobRecord.seen(run.slot()));
        return with(run.job(), current.failed(run, at, problem));
    }

    public ObjectNode toJson() {
        ObjectNode n = Json.object();
        created.ifPresent(c -> n.put("created", c.toString()));
        ObjectNode j = n.putObject("jobs");
        new TreeMap<>(jobs).forEach((name, r) -> j.set(name, r.toJson()));
        return n;
    }

    public static SchedulerState fromJson(JsonNode n) {
        Map<String, JobRecord> map = new TreeMap<>();
        n.path("jobs").properties().forEach(e -> map.put(e.getKey(), JobRecord.fromJson(e.getValue())));
        Optional<Instant> created = n.hasNonNull("created")
                ? Optional.of(Instant.parse(n.get("created").textValue())) : Optional.empty();
        return new SchedulerState(created, map);
    }
}
