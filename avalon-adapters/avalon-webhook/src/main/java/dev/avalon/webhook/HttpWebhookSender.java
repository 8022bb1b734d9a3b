package dev.avalon.webhook;

import dev.avalon.core.automation.WebhookSignature;
import dev.avalon.core.port.WebhookSender;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Posts an automation's webhook as JSON, signed: the header {@value #SIGNATURE_HEADER} carries
 * {@code t=<unix seconds>,v1=<hex HMAC-SHA256 of "t.body">}, one {@code v1} per secret the supplier gives
 * (two while a secret is being rotated), and {@value #IDEMPOTENCY_HEADER} the delivery's id, the same on
 * every attempt. A 2xx is a success; a timeout, a connection failure, a 408, 429 or 5xx may pass on a
 * later attempt (the automations' outbox retries with backoff); any other answer will not.
 *
 * <p>The secrets come from the host (a key file or a secret store), never from the brain. Redirects are
 * not followed: a signed call goes where it was addressed or nowhere.
 */
public final class HttpWebhookSender implements WebhookSender {

    /** The header with the signature. */
    public static final String SIGNATURE_HEADER = "Avalon-Signature";
    /** The header with the delivery id. */
    public static final String IDEMPOTENCY_HEADER = "Idempotency-Key";

    private final HttpClient http;
    private final Supplier<List<byte[]>> secrets;
    private final Clock clock;
    private final Duration timeout;

    /**
     * @param secrets the secrets to sign with, newest first; at least one
     * @param clock   the time the signature carries
     * @param timeout how long one call may take
     */
    public HttpWebhookSender(Supplier<List<byte[]>> secrets, Clock clock, Duration timeout) {
        this(HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER).build(),
                secrets, clock, timeout);
    }

    HttpWebhookSender(HttpClient http, Supplier<List<byte[]>> secrets, Clock clock, Duration timeout) {
        this.http = Objects.requireNonNull(http, "http");
        this.secrets = Objects.requireNonNull(secrets, "secrets");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
    }

    @Override
    public int send(String url, String body) {
        return send(url, body, null);
    }

    @Override
    public int send(String url, String body, String deliveryId) {
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            throw new WebhookException("not a URL: " + e.getMessage(), false);
        }
        if (!"https".equals(uri.getScheme()) && !"http".equals(uri.getScheme())) {
            throw new WebhookException("only http(s) URLs take webhooks", false);
        }
        List<byte[]> keys = secrets.get();
        if (keys == null || keys.isEmpty()) {
            throw new WebhookException("no webhook secret is configured to sign with", false);
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(timeout)
                .header("Content-Type", "application/json; charset=utf-8")
                .header(SIGNATURE_HEADER, WebhookSignature.header(clock.instant(), body, keys))
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (deliveryId != null && !deliveryId.isBlank()) {
            request.header(IDEMPOTENCY_HEADER, deliveryId);
        }
        HttpResponse<Void> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.discarding());
        } catch (IOException e) {
            throw new WebhookException("the call failed: " + e.getClass().getSimpleName(), true);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new WebhookException("interrupted", true);
        }
        int status = response.statusCode();
        if (status >= 200 && status < 300) {
            return status;
        }
        boolean laterMayHelp = status == 408 || status == 429 || status >= 500;
        throw new WebhookException("the receiver answered HTTP " + status, laterMayHelp);
    }

    @Override
    public String toString() {
        // the secrets stay out of logs
        return "HttpWebhookSender[timeout=" + timeout + "]";
    }
}
