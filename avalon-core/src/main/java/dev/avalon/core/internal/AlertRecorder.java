package dev.avalon.core.internal;

import dev.avalon.core.alert.AlertFeature;
import dev.avalon.core.alert.AlertLog;
import dev.avalon.core.brain.Brain;
import dev.avalon.core.json.Json;
import dev.avalon.core.port.Alert;
import dev.avalon.core.port.AlertSink;
import dev.avalon.core.port.BrainStore;
import dev.avalon.core.port.FileChange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;

/**
 * The sink every part of the kernel raises alerts through: it keeps each alert in
 * {@code state/alerts.json} (the pull channel, deduplicated by code and subject), then hands it to the
 * host's sink (the push channel). An alert that cannot be kept, because the brain itself is failing,
 * still reaches the host: the push channel must not depend on the thing the alert is about.
 */
final class AlertRecorder implements AlertSink {

    private static final Logger LOG = LoggerFactory.getLogger(AlertRecorder.class);

    private final Brain brain;
    private final BrainStore store;
    private final AlertSink host;

    AlertRecorder(Brain brain, BrainStore store, AlertSink host) {
        this.brain = brain;
        this.store = store;
        this.host = host;
    }

    @Override
    public void raise(Alert alert) {
        try {
            AlertLog next = AlertFeature.log(brain).record(alert);
            try {
                store.apply(List.of(FileChange.put(AlertLog.PATH, Json.pretty(next.toJson()))));
            } finally {
                brain.changed();
            }
        } catch (RuntimeException e) {
            LOG.warn("could not keep alert {} in the brain: {}", alert.code(), e.toString());
        }
        try {
            host.raise(alert);
        } catch (RuntimeException e) {
            LOG.warn("alert sink failed for {}: {}", alert.code(), e.toString());
        }
    }
}
