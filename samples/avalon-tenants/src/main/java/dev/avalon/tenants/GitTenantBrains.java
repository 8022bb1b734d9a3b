package dev.avalon.tenants;

import dev.avalon.core.Avalon;
import dev.avalon.core.port.SealKeys;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * One git brain per tenant below a root folder: tenant {@code anna}'s brain is {@code root/anna},
 * created and initialised on first use.
 *
 * <pre>{@code
 * try (GitTenantBrains brains = GitTenantBrains.builder(Path.of("/srv/avalon/brains"))
 *         .clock(Clock.systemUTC()).idleAfter(Duration.ofMinutes(10)).maxOpen(2_000)
 *         .sweepEvery(Duration.ofMinutes(1)).build()) {
 *     ActionResult result = brains.with(grant.tenant(), avalon -> avalon.dispatch(json, grant.caller()));
 * }
 * }</pre>
 *
 * <p>A brain is opened by the first call for its tenant; concurrent first calls wait for that one
 * opening (calls for other tenants do not). Calls on one brain are serialised by Avalon itself,
 * calls on different brains run in parallel. A brain unused for {@code idleAfter} is closed by
 * {@link #sweepIdle()} (run by the class's own sweeper thread when {@code sweepEvery} is set), and
 * beyond {@code maxOpen} open brains the least recently used idle ones are closed. A brain is never
 * closed while a call runs on it, so {@code maxOpen} is exceeded while that many calls are running.
 * A brain that cannot be opened is a {@link TenantUnavailableException}; the next call tries again.
 */
public final class GitTenantBrains implements TenantBrains {

    private static final Logger LOG = LoggerFactory.getLogger(GitTenantBrains.class);

    private final Path root;
    private final BrainOpener opener;
    private final Clock clock;
    private final Duration idleAfter;
    private final int maxOpen;
    private final ScheduledExecutorService sweeper;
    private final ConcurrentHashMap<String, Slot> slots = new ConcurrentHashMap<>();
    private volatile boolean closed;

    /**
     * One tenant's place: its brain once opened, and the calls running on it. Guarded by its own
     * monitor, so opening one tenant's brain holds up only that tenant's calls.
     */
    private static final class Slot {
        final String tenant;
        Avalon avalon;
        int inFlight;
        volatile Instant lastUsed;
        /** Closed, or closing when its last call ends; no longer in the map. */
        boolean retired;

        Slot(String tenant) {
            this.tenant = tenant;
        }
    }

    private GitTenantBrains(Builder builder) {
        this.root = builder.root;
        this.clock = builder.clock;
        this.opener = builder.opener != null ? builder.opener
                : BrainOpener.git(builder.clock, builder.zone, builder.sealKeys);
        this.idleAfter = builder.idleAfter;
        this.maxOpen = builder.maxOpen;
        if (builder.sweepEvery != null) {
            sweeper = Executors.newSingleThreadScheduledExecutor(runnable -> {
                Thread thread = new Thread(runnable, "avalon-tenant-sweeper");
                thread.setDaemon(true);
                return thread;
            });
            long every = builder.sweepEvery.toMillis();
            sweeper.scheduleWithFixedDelay(this::sweepLogged, every, every, TimeUnit.MILLISECONDS);
        } else {
            sweeper = null;
        }
    }

    /** Brains below {@code root}, one folder per tenant. */
    public static Builder builder(Path root) {
        return new Builder(root);
    }

    /**
     * {@inheritDoc}
     *
     * @throws IllegalArgumentException when {@code tenant} is not a tenant id (see {@link Tenant})
     * @throws IllegalStateException    after {@link #close()}
     */
    @Override
    public <T> T with(String tenant, Function<Avalon, T> work) {
        String id = new Tenant(tenant).id();
        Objects.requireNonNull(work, "work");
        Slot slot = acquire(id);
        try {
            evictBeyondMax();
            return work.apply(slot.avalon);
        } finally {
            release(slot, true);
        }
    }

    /**
     * {@inheritDoc} The call does not refresh the brain's idle time, and while it runs the brain is not
     * closed.
     */
    @Override
    public <T> Optional<T> ifOpen(String tenant, Function<Avalon, T> work) {
        String id = new Tenant(tenant).id();
        Objects.requireNonNull(work, "work");
        Slot slot = slots.get(id);
        if (slot == null) {
            return Optional.empty();
        }
        synchronized (slot) {
            if (slot.retired || slot.avalon == null) {
                return Optional.empty();
            }
            slot.inFlight++;
        }
        try {
            return Optional.ofNullable(work.apply(slot.avalon));
        } finally {
            release(slot, false);
        }
    }

    @Override
    public Set<String> openTenants() {
        Set<String> open = new TreeSet<>();
        for (Slot slot : slots.values()) {
            synchronized (slot) {
                if (slot.avalon != null && !slot.retired) {
                    open.add(slot.tenant);
                }
            }
        }
        return Set.copyOf(open);
    }

    /**
     * Closes the brains that no call has used for {@code idleAfter}, by the clock. Brains with a call
     * running stay open.
     *
     * @return the tenants whose brains were closed
     */
    public Set<String> sweepIdle() {
        Instant now = clock.instant();
        Set<String> swept = new TreeSet<>();
        for (Slot slot : slots.values()) {
            synchronized (slot) {
                if (idle(slot) && !now.isBefore(slot.lastUsed.plus(idleAfter))) {
                    retire(slot);
                    swept.add(slot.tenant);
                }
            }
        }
        if (!swept.isEmpty()) {
            LOG.debug("closed the idle brains of {}", swept);
        }
        return Set.copyOf(swept);
    }

    /** Closes every open brain now, a brain with a call running as soon as that call ends; later calls fail. */
    @Override
    public void close() {
        closed = true;
        if (sweeper != null) {
            sweeper.shutdownNow();
        }
        for (Slot slot : slots.values()) {
            synchronized (slot) {
                if (!slot.retired) {
                    retire(slot);
                }
            }
        }
    }

    private Slot acquire(String tenant) {
        while (true) {
            if (closed) {
                throw new IllegalStateException("the tenants' brains are closed");
            }
            Slot slot = slots.computeIfAbsent(tenant, Slot::new);
            synchronized (slot) {
                if (slot.retired) {
                    // closed between the lookup and the lock: a fresh slot opens the brain again
                    continue;
                }
                if (closed) {
                    retire(slot);
                    throw new IllegalStateException("the tenants' brains are closed");
                }
                if (slot.avalon == null) {
                    slot.avalon = open(slot);
                }
                slot.inFlight++;
                slot.lastUsed = clock.instant();
                return slot;
            }
        }
    }

    /** Opens the slot's brain; called holding the slot's monitor. */
    private Avalon open(Slot slot) {
        try {
            Avalon avalon = Objects.requireNonNull(opener.open(slot.tenant, root.resolve(slot.tenant)), "opened brain");
            LOG.debug("opened the brain of tenant {}", slot.tenant);
            return avalon;
        } catch (RuntimeException e) {
            // forget the slot, so the next call tries again instead of meeting the same failure
            slot.retired = true;
            slots.remove(slot.tenant, slot);
            LOG.warn("cannot open the brain of tenant {}: {}", slot.tenant, e.toString());
            throw new TenantUnavailableException(slot.tenant, e);
        }
    }

    private void release(Slot slot, boolean used) {
        synchronized (slot) {
            slot.inFlight--;
            if (used) {
                slot.lastUsed = clock.instant();
            }
            if (slot.retired && slot.inFlight == 0) {
                closeBrain(slot);
            }
        }
    }

    /** Closes the least recently used idle brains while more than {@code maxOpen} are open. */
    private void evictBeyondMax() {
        int excess = slots.size() - maxOpen;
        if (excess <= 0) {
            return;
        }
        // the times are read once: sorting on a field other threads move would break the sort's contract
        record Aged(Slot slot, Instant lastUsed) {
        }
        List<Aged> byAge = slots.values().stream().map(s -> new Aged(s, s.lastUsed))
                .sorted(Comparator.comparing(Aged::lastUsed, Comparator.nullsLast(Comparator.naturalOrder())))
                .toList();
        for (Aged aged : byAge) {
            Slot slot = aged.slot();
            if (excess <= 0) {
                return;
            }
            synchronized (slot) {
                if (idle(slot)) {
                    retire(slot);
                    excess--;
                    LOG.debug("closed the brain of tenant {}: more than {} brains open", slot.tenant, maxOpen);
                }
            }
        }
    }

    /** Open, current and without a running call; called holding the slot's monitor. */
    private static boolean idle(Slot slot) {
        return !slot.retired && slot.avalon != null && slot.inFlight == 0;
    }

    /** Takes the slot out of the map and closes its brain now or, with calls running, after the last; holding its monitor. */
    private void retire(Slot slot) {
        slot.retired = true;
        slots.remove(slot.tenant, slot);
        if (slot.inFlight == 0) {
            closeBrain(slot);
        }
    }

    private static void closeBrain(Slot slot) {
        if (slot.avalon == null) {
            return;
        }
        try {
            slot.avalon.close();
        } catch (RuntimeException e) {
            LOG.warn("closing the brain of tenant {} failed: {}", slot.tenant, e.toString());
        } finally {
            slot.avalon = null;
        }
    }

    private void sweepLogged() {
        try {
            sweepIdle();
        } catch (RuntimeException e) {
            // the sweeper must keep running; the next sweep tries again
            LOG.warn("sweeping idle brains failed: {}", e.toString());
        }
    }

    /** Settings of {@link GitTenantBrains}; only the root is required. */
    public static final class Builder {
        private final Path root;
        private BrainOpener opener;
        private Clock clock = Clock.systemUTC();
        private ZoneId zone = ZoneId.of("Europe/Amsterdam");
        private SealKeys sealKeys = SealKeys.none();
        private Duration idleAfter = Duration.ofMinutes(10);
        private int maxOpen = 1_000;
        private Duration sweepEvery;

        private Builder(Path root) {
            this.root = Objects.requireNonNull(root, "root").toAbsolutePath().normalize();
        }

        /** How a brain is opened; default {@link BrainOpener#git} with this builder's clock, zone and seal keys. */
        public Builder opener(BrainOpener value) {
            this.opener = Objects.requireNonNull(value, "opener");
            return this;
        }

        /** The clock idleness is measured by, and the brains' clock for the default opener. Default: system UTC. */
        public Builder clock(Clock value) {
            this.clock = Objects.requireNonNull(value, "clock");
            return this;
        }

        /** The user zone for the default opener. Default: Europe/Amsterdam. */
        public Builder zone(ZoneId value) {
            this.zone = Objects.requireNonNull(value, "zone");
            return this;
        }

        /** The seal keys for the default opener. Default: none (brains unsealed). */
        public Builder sealKeys(SealKeys value) {
            this.sealKeys = Objects.requireNonNull(value, "sealKeys");
            return this;
        }

        /** How long a brain stays open without calls. Default: 10 minutes. */
        public Builder idleAfter(Duration value) {
            if (value.isNegative()) {
                throw new IllegalArgumentException("idleAfter is negative: " + value);
            }
            this.idleAfter = value;
            return this;
        }

        /** How many brains may be open before idle ones are closed, least recently used first. Default: 1,000. */
        public Builder maxOpen(int value) {
            if (value < 1) {
                throw new IllegalArgumentException("maxOpen must be at least 1: " + value);
            }
            this.maxOpen = value;
            return this;
        }

        /** Sweep idle brains on a thread of the instance every {@code value}; default: only when {@link #sweepIdle()} is called. */
        public Builder sweepEvery(Duration value) {
            if (value.isNegative() || value.isZero()) {
                throw new IllegalArgumentException("sweepEvery must be positive: " + value);
            }
            this.sweepEvery = value;
            return this;
        }

        public GitTenantBrains build() {
            return new GitTenantBrains(this);
        }
    }
}
