package dev.avalon.tenants;

import dev.avalon.core.port.Alert;
import dev.avalon.core.port.AlertSink;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Objects;

/** A tenant's alerts as log lines, for servers that have no better place to send them. */
final class LoggedAlerts implements AlertSink {

    private static final Logger LOG = LoggerFactory.getLogger(LoggedAlerts.class);

    private final String tenant;

    LoggedAlerts(String tenant) {
        this.tenant = Objects.requireNonNull(tenant, "tenant");
    }

    @Override
    public void raise(Alert alert) {
        switch (alert.level()) {
            case CRITICAL -> LOG.error("tenant {}: {} {} {}", tenant, alert.code(), alert.message(), alert.details());
            case IMPORTANT -> LOG.warn("tenant {}: {} {} {}", tenant, alert.code(), alert.message(), alert.details());
            default -> LOG.info("tenant {}: {} {} {}", tenant, alert.code(), alert.message(), alert.details());
        }
    }
}
