package dev.avalon.core.schedule;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Random clock walks over the Amsterdam DST changes of 2026 with random host downtime. The oracle
 * enumerates slots independently of {@link Slots}: a day's slot for local time t is the first whole
 * minute of that local day whose local time of day is at least t.
 */
class SchedulerProperties {

    private static final ZoneId AMS = ZoneId.of("Europe/Amsterdam");

    /** One step of the walk: how long until the next tick, and whether the host is down meanwhile. */
    record Step(int minutes, boolean down) {
    }

    @Provide
    Arbitrary<Schedule> schedules() {
        Arbitrary<LocalTime> times = Arbitraries.integers().between(0, 24 * 4 - 1).map(q -> LocalTime.of(q / 4, (q % 4) * 15));
        Arbitrary<LocalTime> nightly = Arbitraries.of(LocalTime.of(2, 0), LocalTime.of(2, 30), LocalTime.of(2, 59),
                LocalTime.of(3, 0), LocalTime.of(1, 59));
        Arbitrary<LocalTime> anyTime = Arbitraries.oneOf(times, nightly);
        return Arbitraries.oneOf(
                anyTime.map(Schedule.Daily::new),
                Combinators.combine(Arbitraries.of(DayOfWeek.class), anyTime).as(Schedule.Weekly::new),
                Arbitraries.of(15, 30, 60, 180).map(m -> new Schedule.Every(Duration.ofMinutes(m))));
    }

    @Provide
    Arbitrary<List<Step>> walks() {
        Arbitrary<Step> up = Arbitraries.integers().between(1, 20).map(m -> new Step(m, false));
        Arbitrary<Step> down = Arbitraries.integers().between(30, 4 * 24 * 60).map(m -> new Step(m, true));
        return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(12, up), net.jqwik.api.Tuple.of(1, down))
                .list().ofMinSize(10).ofMaxSize(400);
    }

    @Provide
    Arbitrary<Instant> starts() {
        // around the spring change (29 March) and the autumn change (25 October) of 2026
        return Arbitraries.oneOf(
                Arbitraries.integers().between(0, 4 * 24 * 60).map(m ->
                        ZonedDateTime.of(2026, 3, 26, 0, 0, 0, 0, AMS).toInstant().plusSeconds(60L * m)),
                Arbitraries.integers().between(0, 4 * 24 * 60).map(m ->
                        ZonedDateTime.of(2026, 10, 22, 0, 0, 0, 0, AMS).toInstant().plusSeconds(60L * m)));
    }

    @Property(tries = 150)
    @Label("across DST-spanning walks with downtime: no slot twice, every slot it was up for, one late run per outage")
    void walksFireEachSlotAtMostOnce(@ForAll("schedules") Schedule schedule, @ForAll("walks") List<Step> walk,
                                     @ForAll("starts") Instant start) {
        Instant baseline = start;
        Instant now = start;
        Set<Instant> fired = new HashSet<>();
        java.util.Map<LocalDate, List<Instant>> days = new java.util.HashMap<>();
        for (Step step : walk) {
            Instant previous = now;
            now = now.plusSeconds(60L * step.minutes());
            List<Instant> window = oracle(schedule, previous, now, days);
            var run = Scheduler.dueRun("job", schedule, AMS, baseline, now);
            if (window.isEmpty()) {
                assertThat(run).as("nothing due between %s and %s", previous, now).isEmpty();
                continue;
            }
            Instant latest = window.get(window.size() - 1);
            assertThat(run).as("a run for the window (%s, %s] holding %s", previous, now, window).isPresent();
            assertThat(run.get().slot()).isEqualTo(latest);
            assertThat(fired.add(run.get().slot())).as("slot %s fired twice", latest).isTrue();
            boolean upForIt = window.size() == 1 && Duration.between(latest, now).compareTo(Scheduler.ON_TIME) <= 0;
            assertThat(run.get().late()).as("late flag of %s at %s (window %s)", latest, now, window).isEqualTo(!upForIt);
            baseline = run.get().slot();
        }
    }

    /** Slots in (from, to], enumerated minute by minute per local day. */
    static List<Instant> oracle(Schedule schedule, Instant from, Instant to, java.util.Map<LocalDate, List<Instant>> days) {
        List<Instant> out = new ArrayList<>();
        LocalDate first = from.atZone(AMS).toLocalDate().minusDays(1);
        LocalDate last = to.atZone(AMS).toLocalDate();
        for (LocalDate d = first; !d.isAfter(last); d = d.plusDays(1)) {
            for (Instant s : days.computeIfAbsent(d, x -> oracleDay(schedule, x))) {
                if (s.isAfter(from) && !s.isAfter(to)) {
                    out.add(s);
                }
            }
        }
        return out;
    }

    private static List<Instant> oracleDay(Schedule schedule, LocalDate day) {
        List<LocalTime> times = new ArrayList<>();
        if (schedule instanceof Schedule.Daily d) {
            times.add(d.time());
        } else if (schedule instanceof Schedule.Weekly w) {
            if (day.getDayOfWeek() == w.day()) {
                times.add(w.time());
            }
        } else {
            long step = ((Schedule.Every) schedule).period().toMinutes();
            for (long m = 0; m < 24 * 60; m += step) {
                times.add(LocalTime.of((int) (m / 60), (int) (m % 60)));
            }
        }
        times.sort(null);
        Set<Instant> slots = new java.util.TreeSet<>();
        Instant end = day.plusDays(1).atStartOfDay(AMS).toInstant();
        int next = 0;
        for (Instant i = day.atStartOfDay(AMS).toInstant(); i.isBefore(end) && next < times.size(); i = i.plusSeconds(60)) {
            LocalTime local = i.atZone(AMS).toLocalTime();
            while (next < times.size() && !local.isBefore(times.get(next))) {
                slots.add(i);
                next++;
            }
        }
        return new ArrayList<>(slots);
    }
}
