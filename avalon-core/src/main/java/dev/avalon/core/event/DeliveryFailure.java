package dev.avalon.core.event;

import java.util.Objects;

/**
 * A subscriber (or middleware) that threw while an event was delivered; the others still heard it.
 *
 * @param subscriber the subscription's name
 * @param event      the event's name
 * @param problem    the exception, as text
 */
public record DeliveryFailure(String subscriber, String event, String problem) {
    public DeliveryFailure {
        Objects.requireNonNull(subscriber, "subscriber");
        Objects.requireNonNull(event, "event");
        Objects.requireNonNull(problem, "problem");
    }
}
