package dev.avalon.http.load;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.avalon.core.action.Caller;
import dev.avalon.core.action.CatalogFormat;
import dev.avalon.core.port.SealKeys;
import dev.avalon.http.AvalonHttpServer;
import dev.avalon.tenants.BrainOpener;
import dev.avalon.tenants.FileKeyRing;
import dev.avalon.tenants.GitTenantBrains;
import dev.avalon.tenants.ScopeCatalogue;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Many clients over many brains through the HTTP API, bounded in time: nothing acknowledged is lost
 * or written twice. The same clients then run the same mix in process on the same brains: the baseline
 * the HTTP figures are compared with, measured in the same run. CI runs a small load;
 * {@code -Davalon.load.clients=200 -Davalon.load.tenants=200 -Davalon.load.seconds=60} is the run
 * docs/BENCHMARKS.md reports. The figures go to {@code target/load-report.txt}; nothing here asserts on time.
 */
@DisplayName("Load over loopback")
class LoadTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ZoneId ZONE = ZoneId.of("Europe/Amsterdam");

    @TempDir
    Path dir;

    @Test
    @DisplayName("concurrent clients over their brains: every acknowledged write is in its brain exactly once")
    void noAcknowledgedWriteIsLostOrDoubled() throws Exception {
        int clients = Integer.getInteger("avalon.load.clients", 12);
        int tenants = Integer.getInteger("avalon.load.tenants", 12);
        int seconds = Integer.getInteger("avalon.load.seconds", 5);
        LoadRun.Settings settings = new LoadRun.Settings(clients, tenants, Duration.ofSeconds(seconds), 0.5, 42);
        Path root = dir.resolve("brains");
        FileKeyRing ring = new FileKeyRing(dir.resolve("keys.json"), Clock.systemUTC());
        ScopeCatalogue scopes = new ScopeCatalogue(Set.of("logbook:write", "logbook:read"));
        List<LoadRun.Client> all = new ArrayList<>();
        List<String> keys = new ArrayList<>();
        for (int t = 0; t < tenants; t++) {
            keys.add(ring.create(tenant(t), List.of("logbook:*"), Instant.now().plus(Duration.ofDays(1)), scopes).key());
        }
        for (int c = 0; c < clients; c++) {
            all.add(new LoadRun.Client(keys.get(c % tenants), tenant(c % tenants)));
        }
        LocalDate day = LocalDate.now(ZONE);
        LoadRun run;
        LoadRun.Report report;
        try (GitTenantBrains brains = brains(root);
             AvalonHttpServer server = AvalonHttpServer.builder().keys(ring).brains(brains)
                     .openApi(() -> brains.with(tenant(0), a -> a.exportCatalog(CatalogFormat.OPENAPI)))
                     .port(0).workers(Math.max(32, Math.min(clients, 256))).tickEvery(null).accessLog(line -> { })
                     .build().start()) {
            run = new LoadRun(LoadRun.overHttp(server.uri()), "http", day);
            report = run.run(settings, all);
        }
        // the baseline in the same run: the same clients and mix, dispatched in process on the same brains
        LoadRun direct;
        LoadRun.Report baseline;
        try (GitTenantBrains brains = brains(root)) {
            direct = new LoadRun(LoadRun.inProcess(brains, new Caller("load", Set.of("logbook:*"))), "direct", day);
            baseline = direct.run(settings, all);
        }
        // the acknowledged writes, read back from the brains after the server and every brain have closed
        Map<String, Integer> doubled = new TreeMap<>();
        List<String> lost = new ArrayList<>();
        try (GitTenantBrains reopened = brains(root)) {
            for (int t = 0; t < tenants; t++) {
                String tenant = tenant(t);
                Map<String, Integer> seen = reopened.with(tenant, a -> activities(
                        a.dispatch("{\"action\":\"logbook.week\",\"data\":{\"week\":\"" + LoadRun.isoWeek(day) + "\"}}")
                                .toJson()));
                seen.forEach((activity, n) -> {
                    if (n > 1) {
                        doubled.put(tenant + "/" + activity, n);
                    }
                });
                for (LoadRun r : List.of(run, direct)) {
                    for (String activity : r.acknowledged().getOrDefault(tenant, List.of())) {
                        if (!seen.containsKey(activity)) {
                            lost.add(tenant + "/" + activity);
                        }
                    }
                }
            }
        }
        String figures = line("http", clients, tenants, report) + line("direct", clients, tenants, baseline)
                + String.format(Locale.ROOT, "http/direct: throughput %.2f, p50 %.2f, p99 %.2f; lost=%d doubled=%d%n",
                report.throughput() / baseline.throughput(), report.p50Ms() / baseline.p50Ms(),
                report.p99Ms() / baseline.p99Ms(), lost.size(), doubled.size());
        Path target = Path.of(System.getProperty("avalon.load.report", "target/load-report.txt"));
        Files.createDirectories(target.toAbsolutePath().getParent());
        Files.writeString(target, figures, StandardCharsets.UTF_8);
        System.out.print(figures);

        assertThat(report.writesAcknowledged()).as("writes acknowledged").isPositive();
        assertThat(report.reads()).as("reads answered").isPositive();
        assertThat(lost).as("acknowledged writes missing from their brain").isEmpty();
        assertThat(doubled).as("writes recorded twice").isEmpty();
        assertThat(report.statuses().keySet()).as("statuses seen").containsOnly(200);
        assertThat(baseline.writesAcknowledged()).as("baseline writes acknowledged").isPositive();
    }

    private static String line(String label, int clients, int tenants, LoadRun.Report r) {
        return String.format(Locale.ROOT,
                "%-6s clients=%d tenants=%d seconds=%.1f requests=%d throughput=%.1f/s writesAcknowledged=%d reads=%d "
                        + "refusals=%d retries=%d p50=%.1fms p99=%.1fms max=%.1fms statuses=%s%n",
                label, clients, tenants, r.seconds(), r.requests(), r.throughput(), r.writesAcknowledged(), r.reads(),
                r.refusals(), r.retries(), r.p50Ms(), r.p99Ms(), r.maxMs(), new TreeMap<>(r.statuses()));
    }

    private static GitTenantBrains brains(Path root) {
        // the load is many callers on purpose: the per-caller rate limit is lifted for this run
        return GitTenantBrains.builder(root).clock(Clock.systemUTC()).zone(ZONE)
                .opener(BrainOpener.git(Clock.systemUTC(), ZONE, SealKeys.none(), b -> b.rateLimits(1_000_000, 1_000_000)))
                .maxOpen(10_000).build();
    }

    private static Map<String, Integer> activities(JsonNode answer) {
        assertThat(answer.path("ok").asBoolean()).as(answer.toString()).isTrue();
        Map<String, Integer> seen = new TreeMap<>();
        for (JsonNode e : answer.path("data").path("entries")) {
            seen.merge(e.path("activiteit").asText(), 1, Integer::sum);
        }
        return seen;
    }

    private static String tenant(int i) {
        return String.format(Locale.ROOT, "t%03d", i);
    }
}
