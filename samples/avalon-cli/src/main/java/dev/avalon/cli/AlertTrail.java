package dev.avalon.cli;

import dev.avalon.core.port.Alert;
import dev.avalon.core.port.AlertSink;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * An alert sink that passes every alert on and remembers it, so the demo can tell what an automation
 * raised after the action that triggered it had already answered.
 */
final class AlertTrail implements AlertSink {

    private final AlertSink next;
    private final List<Alert> raised = new ArrayList<>();

    AlertTrail(AlertSink next) {
        this.next = Objects.requireNonNull(next, "next");
    }

    @Override
    public void raise(Alert alert) {
        synchronized (raised) {
            raised.add(alert);
        }
        next.raise(alert);
    }

    /** How many alerts were raised so far: a mark for {@link #since(int)}. */
    int mark() {
        synchronized (raised) {
            return raised.size();
        }
    }

    /** The alerts raised after {@code mark}, oldest first. */
    List<Alert> since(int mark) {
        synchronized (raised) {
            return List.copyOf(raised.subList(Math.min(mark, raised.size()), raised.size()));
        }
    }
}
