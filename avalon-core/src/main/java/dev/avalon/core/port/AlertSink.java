package dev.avalon.core.port;

/** Where alerts go (a notification service, a log, a chat message); supplied by the host. */
@FunctionalInterface
public interface AlertSink {
    /** Delivers one alert. Must not throw; a sink that cannot deliver should log and return. */
    void raise(Alert alert);
}
