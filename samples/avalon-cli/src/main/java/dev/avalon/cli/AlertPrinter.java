package dev.avalon.cli;

import dev.avalon.core.port.Alert;
import dev.avalon.core.port.AlertSink;

import java.io.PrintWriter;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Alerts as one line each on the error stream: {@code ALERT <level> <code> <at>: <message> {details}}.
 * One line per alert so that a host reading stderr can split them without a parser.
 */
final class AlertPrinter implements AlertSink {

    private final PrintWriter err;

    AlertPrinter(PrintWriter err) {
        this.err = Objects.requireNonNull(err, "err");
    }

    @Override
    public void raise(Alert alert) {
        StringBuilder line = new StringBuilder("ALERT ").append(alert.level()).append(' ').append(alert.code())
                .append(' ').append(alert.at()).append(": ").append(oneLine(alert.message()));
        if (!alert.details().isEmpty()) {
            // sorted, so the same alert always prints the same line
            line.append(' ').append(oneLine(new TreeMap<>(alert.details()).toString()));
        }
        // the sink must not throw; a PrintWriter records errors instead of throwing them
        synchronized (err) {
            err.println(line);
            err.flush();
        }
    }

    private static String oneLine(String text) {
        return text.replaceAll("[\\r\\n]+", " ");
    }
}
