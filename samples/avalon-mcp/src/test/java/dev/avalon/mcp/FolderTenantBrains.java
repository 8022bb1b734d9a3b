package dev.avalon.mcp;

import dev.avalon.core.Avalon;
import dev.avalon.git.GitBrainStore;
import dev.avalon.tenants.TenantBrains;
import dev.avalon.tenants.TenantUnavailableException;

import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/** A small {@link TenantBrains} for the tests: tenant {@code t} is the git brain in {@code root/t}. */
final class FolderTenantBrains implements TenantBrains {

    /** The tenant whose brain never opens. */
    static final String BROKEN = "broken";

    private final Path root;
    private final Map<String, Avalon> open = new HashMap<>();

    FolderTenantBrains(Path root) {
        this.root = root;
    }

    @Override
    public <T> T with(String tenant, Function<Avalon, T> work) {
        if (tenant.equals(BROKEN)) {
            throw new TenantUnavailableException(tenant, new IllegalStateException("its brain is locked"));
        }
        Avalon avalon;
        synchronized (open) {
            avalon = open.computeIfAbsent(tenant, t -> Avalon.builder().brain(GitBrainStore.open(root.resolve(t)))
                    .clock(Clock.systemUTC()).zone(ZoneId.of("Europe/Amsterdam")).alerts(alert -> { }).build());
        }
        synchronized (avalon) {
            return work.apply(avalon);
        }
    }

    @Override
    public Set<String> openTenants() {
        synchronized (open) {
            return Set.copyOf(open.keySet());
        }
    }

    @Override
    public void close() {
        synchronized (open) {
            open.values().forEach(Avalon::close);
            open.clear();
        }
    }
}
