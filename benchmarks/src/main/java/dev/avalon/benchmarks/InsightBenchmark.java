package dev.avalon.benchmarks;

import dev.avalon.core.insight.Insight;
import dev.avalon.core.insight.WeekMetrics;
import dev.avalon.core.logbook.EntryStatus;
import dev.avalon.core.logbook.LogbookEntry;
import dev.avalon.core.logbook.LogbookWeek;
import dev.avalon.core.reminder.ReminderBook;
import dev.avalon.core.time.IsoWeek;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

/**
 * The insight metrics of every week of ten years of daily entries (3,650 entries, 522 weeks):
 * {@link #avalonMetrics} calls {@code Insight.metrics} per week with the four-week window the insight
 * job reads; {@link #baselineWeeklyMeans} makes one pass over the same entries and sums stress,
 * motivation and moves per week, the least any weekly statistic has to do.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 3, time = 2)
public class InsightBenchmark {

    private static final ZoneId ZONE = ZoneId.of("Europe/Amsterdam");
    private static final String[] DOMAINS = {"WERK", "PRIVE", "VSB", "GEZONDHEID"};
    private static final EntryStatus[] STATUSES = EntryStatus.values();

    private final List<LogbookWeek> weeks = new ArrayList<>();
    private final List<LogbookEntry> entries = new ArrayList<>();

    @Setup(Level.Trial)
    public void setUp() {
        Random random = new Random(47);
        LocalDate day = LocalDate.of(2016, 11, 21);
        LocalDate end = day.plusYears(10);
        LogbookWeek week = LogbookWeek.empty(IsoWeek.of(day));
        while (day.isBefore(end)) {
            IsoWeek w = IsoWeek.of(day);
            if (!w.equals(week.week())) {
                weeks.add(week);
                week = LogbookWeek.empty(w);
            }
            LogbookEntry e = new LogbookEntry(day, "activiteit " + day, DOMAINS[random.nextInt(DOMAINS.length)],
                    1 + random.nextInt(10), 1 + random.nextInt(10), STATUSES[random.nextInt(STATUSES.length)],
                    random.nextInt(4), Instant.parse(day + "T16:00:00Z"));
            week = week.with(e);
            entries.add(e);
            day = day.plusDays(1);
        }
        weeks.add(week);
    }

    @Benchmark
    public void avalonMetrics(Blackhole bh) {
        for (int i = 0; i < weeks.size(); i++) {
            List<LogbookWeek> window = weeks.subList(Math.max(0, i - Insight.SEASON_WEEKS + 1), i + 1);
            WeekMetrics m = Insight.metrics(weeks.get(i).week(), window, ReminderBook.EMPTY, ZONE);
            bh.consume(m);
        }
    }

    @Benchmark
    public void baselineWeeklyMeans(Blackhole bh) {
        IsoWeek current = null;
        long stress = 0;
        long motivation = 0;
        long moves = 0;
        int n = 0;
        for (LogbookEntry e : entries) {
            IsoWeek w = IsoWeek.of(e.date());
            if (!w.equals(current)) {
                if (n > 0) {
                    bh.consume((double) stress / n + (double) motivation / n + moves);
                }
                current = w;
                stress = 0;
                motivation = 0;
                moves = 0;
                n = 0;
            }
            stress += e.stress();
            motivation += e.motivatie();
            moves += e.moveCount();
            n++;
        }
        bh.consume((double) stress / Math.max(1, n) + moves);
    }
}
