package dev.avalon.google.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.avalon.core.port.RemoteCalendarException;
import dev.avalon.core.port.RemoteCalendarException.Kind;
import dev.avalon.google.GoogleCalendarConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;

/**
 * OAuth2 access tokens from the refresh-token grant, kept until shortly before they expire.
 * A 429, a 5xx or a broken connection at the token endpoint is retried with the adapter's backoff.
 * Thread-safe: one refresh at a time.
 */
public final class AccessTokens {

    private static final Logger LOG = LoggerFactory.getLogger(AccessTokens.class);
    private static final Duration MARGIN = Duration.ofSeconds(60);

    private final HttpClient http;
    private final GoogleCalendarConfig config;
    private final ObjectMapper json;
    private String token;
    private Instant refreshAt = Instant.MIN;

    public AccessTokens(HttpClient http, GoogleCalendarConfig config, ObjectMapper json) {
        this.http = http;
        this.config = config;
        this.json = json;
    }

    /** A token believed valid: the cached one, or a new one when it is missing or about to expire. */
    public synchronized String current() {
        if (token == null || !config.clock().instant().isBefore(refreshAt)) {
            refresh();
        }
        return token;
    }

    /** Forgets the cached token (the API refused it), so the next {@link #current()} fetches another. */
    public synchronized void invalidate() {
        token = null;
    }

    private void refresh() {
        String form = "grant_type=refresh_token"
                + "&client_id=" + encode(config.clientId())
                + "&client_secret=" + encode(config.clientSecret())
                + "&refresh_token=" + encode(config.refreshToken());
        HttpRequest request = HttpRequest.newBuilder(config.tokenUri())
                .timeout(config.requestTimeout())
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(form, StandardCharsets.UTF_8))
                .build();
        Instant asked;
        HttpResponse<String> response;
        int retry = 0;
        while (true) {
            asked = config.clock().instant();
            String why;
            try {
                response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
                int status = response.statusCode();
                if (status != 429 && status < 500) {
                    break;
                }
                why = "HTTP " + status;
            } catch (IOException e) {
                response = null;
                why = e.getMessage();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new RemoteCalendarException(Kind.UNAVAILABLE, "interrupted while refreshing the access token", e);
            }
            // the grant is idempotent: asking again for a token changes nothing but the token
            if (retry >= config.retry().maxRetries()) {
                throw new RemoteCalendarException(response != null && response.statusCode() == 429
                        ? Kind.RATE_LIMITED : Kind.UNAVAILABLE,
                        "token endpoint failed after " + retry + " retries: " + why);
            }
            Duration delay = config.retry().delay(retry++, config.random().nextDouble());
            LOG.info("token endpoint: {}; retry {} in {} ms", why, retry, delay.toMillis());
            try {
                config.sleeper().sleep(delay);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new RemoteCalendarException(Kind.UNAVAILABLE, "interrupted while backing off", e);
            }
        }
        JsonNode body = readQuietly(response.body());
        int status = response.statusCode();
        if (status == 400 || status == 401) {
            // never echo the request: it holds the secret and the refresh token
            throw new RemoteCalendarException(Kind.UNAUTHORIZED, "token endpoint refused the refresh token: "
                    + body.path("error").asText("HTTP " + status));
        }
        if (status != 200 || !body.hasNonNull("access_token")) {
            throw new RemoteCalendarException(Kind.UNAVAILABLE, "token endpoint answered HTTP " + status);
        }
        Duration lifetime = Duration.ofSeconds(body.path("expires_in").asLong(3600));
        Duration margin = lifetime.dividedBy(2).compareTo(MARGIN) < 0 ? lifetime.dividedBy(2) : MARGIN;
        token = body.get("access_token").asText();
        refreshAt = asked.plus(lifetime).minus(margin);
    }

    private JsonNode readQuietly(String body) {
        try {
            return json.readTree(body == null || body.isEmpty() ? "{}" : body);
        } catch (IOException e) {
            return json.createObjectNode();
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
