package dev.avalon.core.schedule;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The scheduler as a pure function: jobs + what ran before + now + zone → the runs due now.
 *
 * <p>For each job, the slots that may fire lie in {@code (baseline, now]}, where the baseline is the
 * job's last fired slot, or, before its first run, the brain's creation (recorded in the state), so a
 * brain created on Sunday whose host first ticks on Monday at 08:05 still gets that Monday's 08:00
 * weekclose, while a brain created after a slot never replays it. A brain from before the creation
 * was recorded counts from the moment the scheduler first saw the job. Of those slots only the
 * <b>latest</b> fires, once:
 * <ul>
 *   <li>it is <b>on time</b> when it is the only slot in the window and {@code now} is at most
 *       {@link #ON_TIME} after it;</li>
 *   <li>it is <b>late</b> otherwise: the host was down at the slot, or several slots passed while it
 *       was down; they are caught up by this one run, never one run per missed slot.</li>
 * </ul>
 * Slots follow {@link Slots} across DST: a nonexistent local time fires at the end of the gap, a
 * repeated one fires once. Because the baseline only moves forward, no slot ever fires twice.
 * Whether jobs run at all in a governance state is the caller's decision (the kernel runs none in
 * STATE_DR or STATE_INCONSISTENT, by the state gate's table).
 */
public final class Scheduler {

    /** How long after its slot a run still counts as on time. */
    public static final Duration ON_TIME = Duration.ofMinutes(5);

    private Scheduler() {
    }

    /**
     * What to do now.
     *
     * @param due   the runs due, in job order
     * @param state the state with every job registered (jobs seen for the first time get {@code since = now});
     *              runs are recorded with {@link SchedulerState#ran} as they happen
     */
    public record Plan(List<JobRun> due, SchedulerState state) {
        public Plan {
            due = List.copyOf(due);
            Objects.requireNonNull(state, "state");
        }
    }

    /**
     * The runs due at {@code now}.
     *
     * @param jobs      the registered jobs
     * @param behaviour the behaviour document the timings read
     * @param state     what ran before
     * @param now       the current instant
     * @param zone      the user's zone
     */
    public static Plan plan(List<ScheduledJob> jobs, JsonNode behaviour, SchedulerState state, Instant now,
                            ZoneId zone) {
        Objects.requireNonNull(behaviour, "behaviour");
        List<JobRun> due = new ArrayList<>();
        SchedulerState next = state;
        Optional<Instant> created = state.created().filter(c -> c.isBefore(now));
        for (ScheduledJob job : jobs) {
            Optional<JobRecord> known = state.record(job.name());
            if (known.isEmpty()) {
                // first sight: the slots since the brain's creation, or only a slot exactly now
                next = next.with(job.name(), JobRecord.seen(created.orElse(now.minusNanos(1))));
            }
            Instant baseline = next.record(job.name()).orElseThrow().baseline();
            Optional<JobRun> run = dueRun(job.name(), job.timing().schedule(behaviour), zone, baseline, now);
            if (known.isEmpty()) {
                // no tick saw this slot come: whatever fires on first sight before now is a catch-up
                run = run.map(r -> r.slot().isBefore(now) && !r.late() ? new JobRun(r.job(), r.slot(), true) : r);
            }
            run.ifPresent(due::add);
        }
        return new Plan(due, next);
    }

    /** The one run of a schedule due in {@code (baseline, now]}, if any. */
    public static Optional<JobRun> dueRun(String job, Schedule schedule, ZoneId zone, Instant baseline, Instant now) {
        Optional<Instant> latest = Slots.latestAtOrBefore(schedule, zone, now);
        if (latest.isEmpty() || !latest.get().isAfter(baseline)) {
            return Optional.empty();
        }
        Instant slot = latest.get();
        boolean missedOthers = Slots.latestBefore(schedule, zone, slot).map(p -> p.isAfter(baseline)).orElse(false);
        boolean late = missedOthers || Duration.between(slot, now).compareTo(ON_TIME) > 0;
        return Optional.of(new JobRun(job, slot, late));
    }
}
