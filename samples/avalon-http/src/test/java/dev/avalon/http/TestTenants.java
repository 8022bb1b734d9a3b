package dev.avalon.http;

import dev.avalon.core.Avalon;
import dev.avalon.git.GitBrainStore;
import dev.avalon.tenants.TenantBrains;
import dev.avalon.tenants.TenantUnavailableException;

import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneId;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * A tenant per folder under a root, each a git brain, opened on first use. Tenant {@code slow} has low
 * rate limits, {@code broken} fails inside, {@code locked} cannot be opened. For tests.
 */
final class TestTenants implements TenantBrains {

    private final Path root;
    private final Clock clock;
    private final Map<String, Avalon> open = new ConcurrentHashMap<>();
    private final Map<String, GitBrainStore> stores = new ConcurrentHashMap<>();

    TestTenants(Path root, Clock clock) {
        this.root = root;
        this.clock = clock;
    }

    @Override
    public <T> T with(String tenant, Function<Avalon, T> work) {
        if (tenant.equals("locked")) {
            throw new TenantUnavailableException(tenant, new IllegalStateException("the brain is open in another process"));
        }
        if (tenant.equals("broken")) {
            throw new IllegalStateException("a failure with a secret inside: at dev.avalon.Secret.method(Secret.java:1)");
        }
        Avalon avalon = open.computeIfAbsent(tenant, t -> {
            GitBrainStore store = GitBrainStore.open(root.resolve(t));
            stores.put(t, store);
            Avalon.Builder b = Avalon.builder().brain(store).clock(clock).zone(ZoneId.of("Europe/Amsterdam"))
                    .alerts(alert -> { });
            b = t.equals("slow") ? b.rateLimits(2, 1) : b.rateLimits(Integer.MAX_VALUE, Integer.MAX_VALUE);
            return b.build();
        });
        return work.apply(avalon);
    }

    GitBrainStore store(String tenant) {
        with(tenant, a -> a);
        return stores.get(tenant);
    }

    Path folder(String tenant) {
        return root.resolve(tenant);
    }

    @Override
    public Set<String> openTenants() {
        return Set.copyOf(open.keySet());
    }

    @Override
    public void close() {
        open.values().forEach(Avalon::close);
        open.clear();
    }
}
