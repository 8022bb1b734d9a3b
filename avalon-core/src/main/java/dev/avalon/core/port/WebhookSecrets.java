package dev.avalon.core.port;

import java.util.Optional;

/**
 * The shared secrets of inbound webhooks, kept by the host (never in the brain, which is versioned):
 * an automation's WEBHOOK trigger names its secret by reference.
 */
@FunctionalInterface
public interface WebhookSecrets {

    /** The secret kept under {@code ref}, if any. */
    Optional<byte[]> secret(String ref);
}
