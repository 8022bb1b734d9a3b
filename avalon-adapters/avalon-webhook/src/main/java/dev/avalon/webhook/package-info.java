/**
 * {@link dev.avalon.core.port.WebhookSender} over {@code java.net.http}: outbound webhooks signed as
 * {@link dev.avalon.core.automation.WebhookSignature} describes. Nothing is {@code null} unless its
 * documentation says so.
 */
package dev.avalon.webhook;
