package dev.avalon.core.schedule;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("The scheduler decides due runs from jobs, last runs, now and zone")
class SchedulerTest {

    private static final ZoneId AMS = ZoneId.of("Europe/Amsterdam");

    private static Instant at(String offsetDateTime) {
        return OffsetDateTime.parse(offsetDateTime).toInstant();
    }

    @Test
    @DisplayName("a local time in the spring-forward gap fires at the end of the gap")
    void gapFiresAtNextValidInstant() {
        List<Instant> slots = Slots.on(new Schedule.Daily(LocalTime.of(2, 30)), AMS, LocalDate.of(2026, 3, 29));
        assertThat(slots).containsExactly(at("2026-03-29T03:00:00+02:00"));
    }

    @Test
    @DisplayName("a local time that occurs twice in the autumn fires once, at its first occurrence")
    void overlapFiresOnce() {
        List<Instant> slots = Slots.on(new Schedule.Daily(LocalTime.of(2, 30)), AMS, LocalDate.of(2026, 10, 25));
        assertThat(slots).containsExactly(at("2026-10-25T02:30:00+02:00"));
    }

    @Test
    @DisplayName("every 15 minutes across the spring gap gives one slot for the whole missing hour")
    void everyThroughGap() {
        List<Instant> slots = Slots.on(new Schedule.Every(Duration.ofMinutes(15)), AMS, LocalDate.of(2026, 3, 29));
        assertThat(slots).hasSize(96 - 4).doesNotHaveDuplicates().isSorted();
        assertThat(slots).contains(at("2026-03-29T01:45:00+01:00"), at("2026-03-29T03:00:00+02:00"),
                at("2026-03-29T03:15:00+02:00"));
    }

    @Test
    @DisplayName("every 15 minutes across the autumn overlap fires the repeated hour once")
    void everyThroughOverlap() {
        List<Instant> slots = Slots.on(new Schedule.Every(Duration.ofMinutes(15)), AMS, LocalDate.of(2026, 10, 25));
        assertThat(slots).hasSize(96).doesNotHaveDuplicates();
        assertThat(slots).doesNotContain(at("2026-10-25T02:00:00+01:00"));
    }

    @Test
    @DisplayName("a slot reached while up fires on time, once")
    void onTime() {
        Schedule daily = new Schedule.Daily(LocalTime.of(17, 0));
        Instant baseline = at("2026-11-23T16:59:00+01:00");
        JobRun run = Scheduler.dueRun("daily-log", daily, AMS, baseline, at("2026-11-23T17:00:30+01:00")).orElseThrow();
        assertThat(run.slot()).isEqualTo(at("2026-11-23T17:00:00+01:00"));
        assertThat(run.late()).isFalse();
        assertThat(Scheduler.dueRun("daily-log", daily, AMS, run.slot(), at("2026-11-23T17:01:00+01:00"))).isEmpty();
    }

    @Test
    @DisplayName("three days down fire the latest missed slot once, marked late")
    void missedSlotsFireOnceLate() {
        Schedule daily = new Schedule.Daily(LocalTime.of(17, 0));
        JobRun run = Scheduler.dueRun("daily-log", daily, AMS, at("2026-11-20T17:00:00+01:00"),
                at("2026-11-23T09:00:00+01:00")).orElseThrow();
        assertThat(run.slot()).isEqualTo(at("2026-11-22T17:00:00+01:00"));
        assertThat(run.late()).isTrue();
    }

    @Test
    @DisplayName("a single slot caught up long after it passed is late too")
    void singleMissedSlotIsLate() {
        Schedule weekly = new Schedule.Weekly(DayOfWeek.MONDAY, LocalTime.of(8, 0));
        JobRun run = Scheduler.dueRun("weekclose", weekly, AMS, at("2026-11-20T00:00:00+01:00"),
                at("2026-11-23T11:00:00+01:00")).orElseThrow();
        assertThat(run.slot()).isEqualTo(at("2026-11-23T08:00:00+01:00"));
        assertThat(run.late()).isTrue();
    }

    @Test
    @DisplayName("a job seen for the first time does not replay the past, and its registration is kept")
    void firstSightDoesNotReplay() {
        ScheduledJob job = new ScheduledJob("daily-log", JobTiming.fixed(new Schedule.Daily(LocalTime.of(17, 0))),
                (ctx, run) -> { throw new AssertionError("not run"); });
        Scheduler.Plan plan = Scheduler.plan(List.of(job), dev.avalon.core.json.Json.object(), SchedulerState.EMPTY,
                at("2026-11-23T18:00:00+01:00"), AMS);
        assertThat(plan.due()).isEmpty();
        assertThat(plan.state().record("daily-log")).isPresent();
        Scheduler.Plan next = Scheduler.plan(List.of(job), dev.avalon.core.json.Json.object(), plan.state(),
                at("2026-11-24T17:00:00+01:00"), AMS);
        assertThat(next.due()).containsExactly(new JobRun("daily-log", at("2026-11-24T17:00:00+01:00"), false));
    }

    @Test
    @DisplayName("the state survives its JSON form")
    void stateRoundTrip() {
        SchedulerState s = SchedulerState.EMPTY.with("a", JobRecord.seen(at("2026-11-23T00:00:00Z")))
                .ran(new JobRun("a", at("2026-11-23T17:00:00+01:00"), true), at("2026-11-23T18:00:00+01:00"), false);
        assertThat(SchedulerState.fromJson(s.toJson())).isEqualTo(s);
    }
}
