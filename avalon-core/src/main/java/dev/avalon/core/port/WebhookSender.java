package dev.avalon.core.port;

/**
 * Sends an automation's outbound webhook (an HTTP POST of JSON, signed by the adapter). The
 * automations' outbox calls it after the unit that queued the call is durable and retries with
 * backoff; a failure throws {@link WebhookException} saying whether a retry may help.
 */
public interface WebhookSender {

    /** Posts {@code body} (JSON text) to {@code url}; returns the HTTP status of a success. */
    int send(String url, String body);

    /**
     * Posts {@code body} to {@code url} as delivery {@code deliveryId}: the same id on every attempt of
     * one call, so a receiver can tell a retry from a new call (sent as the {@code Idempotency-Key}
     * header by the HTTP adapter). By default the id is not passed on.
     */
    default int send(String url, String body, String deliveryId) {
        return send(url, body);
    }

    /** A failed call. */
    final class WebhookException extends RuntimeException {
        private final boolean transientFailure;

        public WebhookException(String message, boolean transientFailure) {
            super(message);
            this.transientFailure = transientFailure;
        }

        /** Whether trying again later may succeed (a timeout, a 5xx), as opposed to a 4xx. */
        public boolean transientFailure() {
            return transientFailure;
        }
    }
}
