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

    /**
     * Runs {@code work} on {@code tenant}'s brain only when it is open, for housekeeping such as the
     * scheduler's tick: it never opens a brain, and implementations that close idle brains do not count
     * it as use, so ticking does not keep every brain open forever.
     *
     * <pre>{@code
     * for (String tenant : brains.openTenants()) {
     *     brains.ifOpen(tenant, Avalon::tick);
     * }
     * }</pre>
     *
     * @return the work's result, or empty when the brain was not open
     */
    default <T> java.util.Optional<T> ifOpen(String tenant, Function<Avalon, T> work) {
        return openTenants().contains(tenant) ? java.util.Optional.of(with(tenant, work)) : java.util.Optional.empty();
    }

    /** Closes every open brain. */
    @Override
    void close();
}
