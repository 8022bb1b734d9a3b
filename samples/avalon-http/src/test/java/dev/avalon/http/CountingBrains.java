package dev.avalon.http;

import dev.avalon.core.Avalon;
import dev.avalon.tenants.TenantBrains;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.function.Function;

/** Tenant brains that note which tenants the scheduler's thread worked on. */
final class CountingBrains implements TenantBrains {

    private final TenantBrains inner;
    private final CountDownLatch ticked;
    private final Set<String> tenants = ConcurrentHashMap.newKeySet();

    CountingBrains(TenantBrains inner, CountDownLatch ticked) {
        this.inner = inner;
        this.ticked = ticked;
    }

    @Override
    public <T> T with(String tenant, Function<Avalon, T> work) {
        T result = inner.with(tenant, work);
        if (Thread.currentThread().getName().equals("avalon-tick")) {
            tenants.add(tenant);
            ticked.countDown();
        }
        return result;
    }

    Set<String> tickedTenants() {
        return Set.copyOf(tenants);
    }

    @Override
    public Set<String> openTenants() {
        return inner.openTenants();
    }

    @Override
    public void close() {
        inner.close();
    }
}
