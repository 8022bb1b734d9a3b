package dev.avalon.http;

import dev.avalon.core.Avalon;
import dev.avalon.tenants.TenantBrains;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/** The scheduler: every period, each open tenant's brain runs the jobs that are due. */
final class TenantTicker implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(TenantTicker.class);

    private final TenantBrains brains;
    private final ScheduledExecutorService timer;

    TenantTicker(TenantBrains brains, Duration period) {
        this.brains = brains;
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "avalon-tick");
            t.setDaemon(true);
            return t;
        });
        timer.scheduleWithFixedDelay(this::tickAll, period.toMillis(), period.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Ticks every open tenant once; one tenant's failure does not stop the others. */
    void tickAll() {
        for (String tenant : brains.openTenants()) {
            try {
                // ifOpen: a tick is housekeeping and must not keep an idle brain from being closed
                brains.ifOpen(tenant, Avalon::tick);
            } catch (RuntimeException e) {
                // the timer must survive: a tenant that cannot tick now is tried again next period
                LOG.warn("the tick of tenant {} failed", tenant, e);
            }
        }
    }

    /** True once closed: no tick runs after that. */
    boolean stopped() {
        return timer.isTerminated();
    }

    @Override
    public void close() {
        timer.shutdownNow();
        try {
            timer.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
