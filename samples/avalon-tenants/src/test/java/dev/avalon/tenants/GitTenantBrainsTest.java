package dev.avalon.tenants;

import dev.avalon.core.Avalon;
import dev.avalon.core.action.ActionResult;
import dev.avalon.core.port.SealKeys;
import dev.avalon.testkit.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@DisplayName("GitTenantBrains: one git brain per tenant, opened lazily, closed when idle, in parallel across tenants")
class GitTenantBrainsTest {

    private static final String HEALTH = "{\"action\":\"system.health\"}";
    /** Guards against a deadlock failing as a hang; never reached when the code is right. */
    private static final long PATIENCE_SECONDS = 60;

    @TempDir
    Path root;

    private final MutableClock clock = MutableClock.at("2026-12-01T10:00:00Z");
    private final Map<String, AtomicInteger> opened = new ConcurrentHashMap<>();
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private GitTenantBrains brains;

    /** The real git opener, counting how often each tenant's brain is opened. */
    private BrainOpener counting() {
        BrainOpener git = BrainOpener.git(clock, ZoneId.of("Europe/Amsterdam"), SealKeys.none());
        return (tenant, folder) -> {
            opened.computeIfAbsent(tenant, t -> new AtomicInteger()).incrementAndGet();
            return git.open(tenant, folder);
        };
    }

    private GitTenantBrains.Builder builder() {
        return GitTenantBrains.builder(root).clock(clock).opener(counting()).idleAfter(Duration.ofMinutes(10));
    }

    private int opens(String tenant) {
        return opened.getOrDefault(tenant, new AtomicInteger()).get();
    }

    private boolean healthy(String tenant) {
        return brains.with(tenant, avalon -> avalon.dispatch(HEALTH)) instanceof ActionResult.Ok;
    }

    @AfterEach
    void closeAll() {
        if (brains != null) {
            brains.close();
        }
        threads.shutdownNow();
    }

    @Test
    @DisplayName("a brain is opened on first use, in root/<tenant> as a git repository (root created too), and then stays open")
    void lazyOpen() {
        Path brainsRoot = root.resolve("srv").resolve("brains");
        brains = GitTenantBrains.builder(brainsRoot).clock(clock).opener(counting()).build();
        assertThat(brains.openTenants()).isEmpty();
        assertThat(brainsRoot).doesNotExist();

        assertThat(healthy("anna")).isTrue();
        assertThat(healthy("anna")).isTrue();

        assertThat(brains.openTenants()).containsExactly("anna");
        assertThat(brainsRoot.resolve("anna").resolve(".git")).isDirectory();
        assertThat(opens("anna")).isEqualTo(1);
    }

    @Test
    @DisplayName("the default opener wires a git brain with the builder's clock")
    void defaultOpener() {
        brains = GitTenantBrains.builder(root).clock(clock).build();
        assertThat(brains.with("anna", Avalon::clock)).isSameAs(clock);
        assertThat(root.resolve("anna").resolve(".git")).isDirectory();
    }

    @Test
    @DisplayName("many threads using one new tenant at once open its brain once")
    void concurrentFirstUse() throws Exception {
        brains = builder().build();
        int callers = 12;
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Boolean>> results = new ArrayList<>();
        for (int i = 0; i < callers; i++) {
            results.add(threads.submit(() -> {
                start.await();
                return healthy("anna");
            }));
        }
        start.countDown();
        for (Future<Boolean> result : results) {
            assertThat(result.get(PATIENCE_SECONDS, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(opens("anna")).isEqualTo(1);
        assertThat(brains.openTenants()).containsExactly("anna");
    }

    @Test
    @DisplayName("two tenants run in parallel: a call on one brain does not hold up a call on another")
    void tenantsInParallel() throws Exception {
        brains = builder().build();
        CountDownLatch annaInside = new CountDownLatch(1);
        CountDownLatch bobDone = new CountDownLatch(1);
        Future<Boolean> anna = threads.submit(() -> brains.with("anna", avalon -> {
            annaInside.countDown();
            try {
                // only finishes when bob's call ran meanwhile
                return bobDone.await(PATIENCE_SECONDS, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }));
        assertThat(annaInside.await(PATIENCE_SECONDS, TimeUnit.SECONDS)).isTrue();

        assertThat(healthy("bob")).isTrue();
        bobDone.countDown();

        assertThat(anna.get(PATIENCE_SECONDS, TimeUnit.SECONDS)).isTrue();
        assertThat(brains.openTenants()).containsExactlyInAnyOrder("anna", "bob");
    }

    @Test
    @DisplayName("a brain idle for idleAfter is closed by the sweep, and opened again by the next call")
    void idleClose() {
        brains = builder().build();
        healthy("anna");
        clock.advance(Duration.ofMinutes(5));
        healthy("bob");

        clock.advance(Duration.ofMinutes(5));
        assertThat(brains.sweepIdle()).containsExactly("anna");
        assertThat(brains.openTenants()).containsExactly("bob");

        assertThat(healthy("anna")).isTrue();
        assertThat(opens("anna")).isEqualTo(2);
        assertThat(opens("bob")).isEqualTo(1);
    }

    @Test
    @DisplayName("a brain with a call running is never closed, however long the call takes")
    void notClosedWhileInFlight() throws Exception {
        brains = builder().build();
        CountDownLatch inside = new CountDownLatch(1);
        CountDownLatch finish = new CountDownLatch(1);
        Future<Boolean> call = threads.submit(() -> brains.with("anna", avalon -> {
            inside.countDown();
            try {
                finish.await(PATIENCE_SECONDS, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            // the brain must still work at the end of a long call
            return avalon.dispatch(HEALTH) instanceof ActionResult.Ok;
        }));
        assertThat(inside.await(PATIENCE_SECONDS, TimeUnit.SECONDS)).isTrue();

        clock.advance(Duration.ofHours(1));
        assertThat(brains.sweepIdle()).isEmpty();
        assertThat(brains.openTenants()).containsExactly("anna");

        finish.countDown();
        assertThat(call.get(PATIENCE_SECONDS, TimeUnit.SECONDS)).isTrue();
        assertThat(brains.sweepIdle()).isEmpty();
        clock.advance(Duration.ofMinutes(10));
        assertThat(brains.sweepIdle()).containsExactly("anna");
    }

    @Test
    @DisplayName("beyond maxOpen the least recently used idle brain is closed")
    void maximumOpen() {
        brains = builder().maxOpen(2).build();
        healthy("anna");
        clock.advance(Duration.ofSeconds(1));
        healthy("bob");
        clock.advance(Duration.ofSeconds(1));
        healthy("anna");
        clock.advance(Duration.ofSeconds(1));

        healthy("carol");

        assertThat(brains.openTenants()).containsExactlyInAnyOrder("anna", "carol");
        assertThat(healthy("bob")).isTrue();
        assertThat(opens("bob")).isEqualTo(2);
        assertThat(brains.openTenants()).containsExactlyInAnyOrder("carol", "bob");
    }

    @Test
    @DisplayName("a tenant whose folder is unusable is TenantUnavailableException; after the fix the next call works")
    void unusableFolder() throws Exception {
        brains = builder().build();
        Path folder = root.resolve("anna");
        Files.writeString(folder, "not a brain");

        assertThatThrownBy(() -> healthy("anna")).isInstanceOf(TenantUnavailableException.class)
                .hasMessageContaining("anna");
        assertThat(brains.openTenants()).isEmpty();
        assertThat(healthy("bob")).isTrue();

        Files.delete(folder);
        assertThat(healthy("anna")).isTrue();
        assertThat(brains.openTenants()).containsExactlyInAnyOrder("anna", "bob");
    }

    @Test
    @DisplayName("a tenant id that is not a folder name is refused before anything is opened or created")
    void badTenant() throws Exception {
        brains = builder().build();
        for (String bad : List.of("../x", "A", "", "a/b", ".git")) {
            assertThatThrownBy(() -> brains.with(bad, avalon -> 1)).as(bad)
                    .isInstanceOf(IllegalArgumentException.class);
        }
        assertThat(opened).isEmpty();
        try (var entries = Files.list(root)) {
            assertThat(entries).isEmpty();
        }
    }

    @Test
    @DisplayName("close() closes every brain (a running call's brain when it ends); later calls are refused")
    void closeAll_() throws Exception {
        brains = builder().build();
        healthy("anna");
        CountDownLatch inside = new CountDownLatch(1);
        CountDownLatch finish = new CountDownLatch(1);
        Future<Boolean> running = threads.submit(() -> brains.with("bob", avalon -> {
            inside.countDown();
            try {
                finish.await(PATIENCE_SECONDS, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return avalon.dispatch(HEALTH) instanceof ActionResult.Ok;
        }));
        assertThat(inside.await(PATIENCE_SECONDS, TimeUnit.SECONDS)).isTrue();

        brains.close();
        assertThat(brains.openTenants()).isEmpty();
        finish.countDown();
        assertThat(running.get(PATIENCE_SECONDS, TimeUnit.SECONDS)).isTrue();
        assertThatThrownBy(() -> healthy("anna")).isInstanceOf(IllegalStateException.class);

        // the brains' git locks are released: another instance can open both
        try (GitTenantBrains again = builder().build()) {
            assertThat(again.with("anna", avalon -> avalon.dispatch(HEALTH)) instanceof ActionResult.Ok).isTrue();
            assertThat(again.with("bob", avalon -> avalon.dispatch(HEALTH)) instanceof ActionResult.Ok).isTrue();
        }
    }

    @Test
    @DisplayName("with sweepEvery the instance sweeps idle brains on its own thread")
    void ownSweeper() throws Exception {
        brains = builder().idleAfter(Duration.ZERO).sweepEvery(Duration.ofMillis(20)).build();
        healthy("anna");
        // wait for the sweeper, bounded; how soon it runs is not asserted
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(PATIENCE_SECONDS);
        while (!brains.openTenants().isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(brains.openTenants()).isEmpty();
    }

    @Test
    @DisplayName("ifOpen runs only on an open brain, opens none, and does not keep a brain from going idle")
    void ifOpen() {
        brains = builder().build();
        assertThat(brains.ifOpen("anna", Avalon::tick)).isEmpty();
        assertThat(opened).isEmpty();
        assertThat(root.resolve("anna")).doesNotExist();

        healthy("anna");
        clock.advance(Duration.ofMinutes(9));
        for (String tenant : brains.openTenants()) {
            assertThat(brains.ifOpen(tenant, Avalon::tick)).isPresent();
        }
        clock.advance(Duration.ofMinutes(1));
        assertThat(brains.sweepIdle()).containsExactly("anna");
        assertThat(brains.ifOpen("anna", Avalon::tick)).isEmpty();
        assertThat(opens("anna")).isEqualTo(1);
    }
}
