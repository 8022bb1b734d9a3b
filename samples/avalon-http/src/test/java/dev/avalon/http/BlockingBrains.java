package dev.avalon.http;

import dev.avalon.core.Avalon;
import dev.avalon.tenants.TenantBrains;

import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/** Tenant brains whose every action waits for a latch: an action that takes too long. */
final class BlockingBrains implements TenantBrains {

    private final TenantBrains inner;
    private final CountDownLatch release;

    BlockingBrains(TenantBrains inner, CountDownLatch release) {
        this.inner = inner;
        this.release = release;
    }

    @Override
    public <T> T with(String tenant, Function<Avalon, T> work) {
        try {
            release.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return inner.with(tenant, work);
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
