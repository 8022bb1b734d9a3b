package dev.avalon.tenants;

import dev.avalon.core.Avalon;

import java.util.function.Function;

/**
 * The brains of every tenant: a tenant is one brain. Brains are opened on first use and closed when
 * idle; work on one brain is serialised, different brains run in parallel.
 */
public interface TenantBrains extends AutoCloseable {

    /**
     * Runs {@code work} on {@code tenant}'s brain, opening it when it is not open.
     *
     * @throws TenantUnavailableException when the brain cannot be opened (e.g. its folder is unsafe or it is locked)
     */
    <T> T with(String tenant, Function<Avalon, T> work);

    /** The tenants whose brains are open now (a server ticks their schedulers). */
    java.util.Set<String> openTenants();

    /** Closes every open brain. */
    @Override
    void close();
}
