package dev.avalon.testkit.alert;

import dev.avalon.core.port.Alert;
import dev.avalon.core.port.AlertLevel;
import dev.avalon.core.port.AlertSink;

import java.util.ArrayList;
import java.util.List;

/** An {@link AlertSink} that keeps every alert for assertions. Thread-safe. */
public final class RecordingAlertSink implements AlertSink {

    private final List<Alert> alerts = new ArrayList<>();

    @Override
    public synchronized void raise(Alert alert) {
        alerts.add(alert);
    }

    public synchronized List<Alert> all() {
        return List.copyOf(alerts);
    }

    public synchronized List<Alert> at(AlertLevel level) {
        return alerts.stream().filter(a -> a.level() == level).toList();
    }

    public synchronized void clear() {
        alerts.clear();
    }
}
