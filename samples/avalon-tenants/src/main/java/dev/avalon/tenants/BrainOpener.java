package dev.avalon.tenants;

import dev.avalon.core.Avalon;
import dev.avalon.core.port.AlertSink;
import dev.avalon.core.port.BrainStore;
import dev.avalon.core.port.SealKeys;
import dev.avalon.git.GitBrainStore;

import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneId;
import java.util.Objects;
import java.util.function.UnaryOperator;

/** Opens one tenant's brain: how a server wires its Avalon (clock, zone, seal keys, adapters). */
@FunctionalInterface
public interface BrainOpener {

    /**
     * An Avalon on the brain in {@code folder}, created and initialised when it is new.
     *
     * @param tenant the tenant the brain belongs to (validated)
     * @param folder the tenant's folder below the brains root
     */
    Avalon open(String tenant, Path folder);

    /**
     * The plain wiring: a git brain in {@code folder}, the clock, the zone and the seal keys, alerts to
     * the log. The store is closed again when building the Avalon fails, so the brain stays free.
     */
    static BrainOpener git(Clock clock, ZoneId zone, SealKeys sealKeys) {
        return git(clock, zone, sealKeys, UnaryOperator.identity());
    }

    /**
     * As {@link #git(Clock, ZoneId, SealKeys)}, with {@code settings} applied to each builder last: the
     * server's rate limits, adapters or alert sink.
     */
    static BrainOpener git(Clock clock, ZoneId zone, SealKeys sealKeys, UnaryOperator<Avalon.Builder> settings) {
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(zone, "zone");
        Objects.requireNonNull(sealKeys, "sealKeys");
        Objects.requireNonNull(settings, "settings");
        return (tenant, folder) -> {
            AlertSink alerts = new LoggedAlerts(tenant);
            BrainStore store = GitBrainStore.open(folder);
            try {
                return settings.apply(Avalon.builder().brain(store).clock(clock).zone(zone).alerts(alerts)
                        .sealKeys(sealKeys)).build();
            } catch (RuntimeException e) {
                store.close();
                throw e;
            }
        };
    }
}
