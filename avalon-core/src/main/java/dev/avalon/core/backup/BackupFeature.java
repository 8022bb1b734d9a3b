package dev.avalon.core.backup;

import com.fasterxml.jackson.databind.JsonNode;
import dev.avalon.core.action.ActionContext;
import dev.avalon.core.action.ActionDefinition;
import dev.avalon.core.action.Outcome;
import dev.avalon.core.brain.Brain;
import dev.avalon.core.brain.BrainValidation;
import dev.avalon.core.feature.Feature;
import dev.avalon.core.port.BackupStore;
import dev.avalon.core.port.BrainArchive;
import dev.avalon.core.port.BrainRemote;
import dev.avalon.core.port.Ports;
import dev.avalon.core.schedule.JobTiming;
import dev.avalon.core.schedule.Schedule;
import dev.avalon.core.schedule.ScheduledJob;

import java.time.Duration;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * Backups and the remote as a feature: the push of each commit after it is durable (port
 * {@code BrainRemote}), its {@code remote-push} retry job, the daily {@code backup} job at 03:00
 * local (ports {@code BrainArchive} and {@code BackupStore}) and the actions {@code backup.run},
 * {@code backup.list} and {@code backup.verify}. Without the ports nothing is pushed, their jobs are
 * not scheduled, and the actions answer PORT_MISSING ({@code backup.list} still shows the remote).
 */
public final class BackupFeature implements Feature {

    /** The job that names a push whose backoff has passed; the delivery after it pushes. */
    public static final String PUSH_JOB = "remote-push";
    /** The daily backup job. */
    public static final String BACKUP_JOB = "backup";

    private final Backups backups;
    private final Ports ports;

    /**
     * @param validation the validation {@code system.validate} runs, for a given brain (so a backup's
     *                   scratch brain is checked by every feature's validators)
     * @param ports      the host's ports: a job is scheduled only for what is wired
     */
    public BackupFeature(Function<Brain, BrainValidation> validation, Ports ports) {
        this.backups = new Backups(RetentionPolicy.DEFAULT, Objects.requireNonNull(validation, "validation"));
        this.ports = Objects.requireNonNull(ports, "ports");
    }

    @Override
    public String name() {
        return "backup";
    }

    @Override
    public List<ActionDefinition> actions() {
        return List.of(ActionDefinition.fromResource("backup.run", backups::run),
                ActionDefinition.fromResource("backup.list", backups::list),
                ActionDefinition.fromResource("backup.verify", backups::verify));
    }

    /** The {@code remote-push} job when a BrainRemote is wired, the {@code backup} job when the backup ports are. */
    @Override
    public List<ScheduledJob> jobs() {
        List<ScheduledJob> jobs = new ArrayList<>();
        if (ports.find(BrainRemote.class).isPresent()) {
            jobs.add(new ScheduledJob(PUSH_JOB, JobTiming.fixed(new Schedule.Every(Duration.ofMinutes(15))),
                    RemotePush::due));
        }
        if (ports.find(BrainArchive.class).isPresent() && ports.find(BackupStore.class).isPresent()) {
            jobs.add(new ScheduledJob(BACKUP_JOB, JobTiming.fixed(new Schedule.Daily(LocalTime.of(3, 0))),
                    backups::daily));
        }
        return List.copyOf(jobs);
    }

    @Override
    public Optional<Outcome> deliver(ActionContext context, JsonNode answer) {
        return RemotePush.deliver(context, answer);
    }

    @Override
    public Map<String, BrainValidation.FileValidator> validators(Brain brain, Ports ports) {
        return Map.of(RemoteState.PATH.value(), BrainValidation.schema("schema/remote.schema.json"));
    }
}
