package dev.avalon.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import dev.avalon.core.brain.Brain;
import dev.avalon.core.logbook.LogbookJournal;
import dev.avalon.core.port.LogbookSheet;
import dev.avalon.core.port.SheetRenderer;
import dev.avalon.core.time.IsoWeek;
import dev.avalon.testkit.MutableClock;
import dev.avalon.testkit.brain.InMemoryBrainStore;
import dev.avalon.testkit.harness.AvalonHarness;
import dev.avalon.xlsx.XlsxSheetRenderer;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

import java.io.IOException;
import java.time.LocalDate;
import java.time.temporal.IsoFields;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The weekclose of a whole year: 365 daily entries journaled through {@code logbook.add_daily_entry}
 * (in the setup, not timed), then {@link #avalonWeekcloses} closes the 52 weeks one after the other
 * through the action pipeline on an in-memory brain with the real {@link XlsxSheetRenderer}: freeze,
 * sheet written and read back, metrics, proposals (each answered NEE, so behaviour.avl stays put),
 * one consent answered JA, commit and verification. {@link #rawPoiRows} writes the same entry rows
 * with raw POI, as {@link SheetBenchmark#rawPoi} does. One shot per iteration, on a new brain.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(1)
@Warmup(iterations = 10)
@Measurement(iterations = 10)
public class WeekcloseBenchmark {

    private static final LocalDate FIRST_MONDAY = LocalDate.of(2026, 1, 5);
    private static final String[] ACTIVITIES = {"rapport schrijven", "hardlopen", "boodschappen", "weekplanning",
            "tandarts bellen", "offerte uitwerken", "zolder opruimen"};
    private static final String[] DOMAINS = {"WERK", "GEZONDHEID", "PRIVE", "VSB", "FINANCIEN"};
    private static final String[] STATUSES = {"done", "partial", "not_done"};

    private final SheetBenchmark rows = new SheetBenchmark();

    @Setup(Level.Trial)
    public void rows() {
        rows.setUp();
    }

    /** A new brain with a year journaled, for each iteration of {@link #avalonWeekcloses}. */
    @State(Scope.Thread)
    public static class Year {
        AvalonHarness harness;
        final XlsxSheetRenderer renderer = new XlsxSheetRenderer();
        final List<String> weeks = new ArrayList<>();

    @Setup(Level.Iteration)
    public void journalAYear() {
        weeks.clear();
        // the setup journals 365 entries in a second, far above the 50 a minute a chat front end gets
        harness = AvalonHarness.on(new InMemoryBrainStore(), MutableClock.at("2027-01-04T10:00:00+01:00"),
                b -> b.port(SheetRenderer.class, renderer).rateLimits(100_000, 100_000));
        for (int entry = 0; entry < SheetBenchmark.ENTRIES; entry++) {
            LocalDate day = FIRST_MONDAY.plusWeeks(Math.min(entry / 7, SheetBenchmark.WEEKS - 1))
                    .plusDays(entry % 7);
            harness.dispatch("logbook.add_daily_entry", """
                    {"date":"%s","activiteit":"%s %d","domein":"%s","stress":%d,"motivatie":%d,"status":"%s",
                     "moveCount":%d}""".formatted(day, ACTIVITIES[entry % ACTIVITIES.length], entry,
                    DOMAINS[entry % DOMAINS.length], 1 + entry % 10, 10 - entry % 10,
                    STATUSES[entry % STATUSES.length], entry % 4)).assertOk();
        }
        for (int w = 0; w < SheetBenchmark.WEEKS; w++) {
            LocalDate monday = FIRST_MONDAY.plusWeeks(w);
            weeks.add(String.format("%d-W%02d", monday.get(IsoFields.WEEK_BASED_YEAR),
                    monday.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR)));
        }
    }

    @TearDown(Level.Iteration)
    public void close() {
        harness.close();
    }
    }

    @Benchmark
    public void avalonWeekcloses(Year year, Blackhole hole) {
        AvalonHarness harness = year.harness;
        for (String week : year.weeks) {
            JsonNode answer = harness.dispatch("weekclose.start", "{\"week\":\"" + week + "\"}").assertOk().json();
            Deque<JsonNode> open = new ArrayDeque<>();
            answer.path("ask").forEach(open::add);
            String commitSha = null;
            while (commitSha == null) {
                JsonNode question = open.poll();
                if (question == null) {
                    throw new IllegalStateException("weekclose " + week + " stopped without asking: " + answer);
                }
                boolean consent = "COMMIT_CONSENT".equals(question.path("kind").asText());
                answer = harness.dispatch("question.answer", "{\"id\":\"" + question.path("id").asText()
                        + "\",\"answer\":\"" + (consent ? "JA" : "NEE") + "\"}").assertOk().json();
                answer.path("ask").forEach(open::add);
                if (consent) {
                    commitSha = answer.at("/data/commitSha").asText();
                }
            }
            hole.consume(commitSha);
        }
    }

    /**
     * The weekclose's sheet step alone for the 52 weeks, as its compile step does it: each week's rows
     * read from the journal in the brain, the workbook rendered, read back and compared with the rows.
     */
    @Benchmark
    public void avalonSheetSteps(Year year, Blackhole hole) {
        Brain brain = new Brain(year.harness.store());
        for (String week : year.weeks) {
            LogbookSheet sheet = LogbookJournal.week(brain, IsoWeek.parse(week)).toSheet();
            byte[] bytes = year.renderer.logbook(sheet);
            if (!year.renderer.readLogbook(bytes).equals(sheet)) {
                throw new IllegalStateException("the sheet of " + week + " did not read back");
            }
            hole.consume(bytes);
        }
    }

    @Benchmark
    public void rawPoiRows(Blackhole hole) throws IOException {
        rows.rawPoi(hole);
    }

    /** Raw POI writing the same workbooks with summary and chart and reading them back (a reference). */
    @Benchmark
    public void rawPoiWorkbooks(Blackhole hole) throws IOException {
        rows.rawPoiWorkbook(hole);
    }
}
