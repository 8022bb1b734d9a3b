package dev.avalon.http;

import dev.avalon.tenants.KeyRing;
import dev.avalon.tenants.TenantBrains;

import java.nio.file.Path;
import java.time.Clock;

/** The test key ring and tenant brains as the main's {@link Backends}. */
public final class TestBackends implements Backends {

    @Override
    public KeyRing keyRing(Path keys) {
        return new TestKeys();
    }

    @Override
    public TenantBrains tenantBrains(Path root, Clock clock, dev.avalon.core.port.SealKeys sealKeys) {
        return new TestTenants(root, ServerFixture.CLOCK);
    }
}
