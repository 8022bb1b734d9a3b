package dev.avalon.google;

import dev.avalon.core.port.RetryPolicy;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Random;
import java.util.random.RandomGenerator;

/**
 * Settings of a {@link GoogleCalendar}. Build one with {@link #custom}; every problem is reported at
 * once. {@link #toString()} hides the client secret and the refresh token.
 *
 * <pre>{@code
 * GoogleCalendarConfig config = GoogleCalendarConfig.custom("primary", clientId, clientSecret, refreshToken)
 *         .singleEvents(true)
 *         .build();
 * }</pre>
 *
 * @param baseUri        API root, default {@code https://www.googleapis.com/calendar/v3}
 * @param calendarId     the calendar to mirror ({@code primary} or an address)
 * @param clientId       OAuth client id
 * @param clientSecret   OAuth client secret
 * @param refreshToken   the user's OAuth refresh token (scope {@code calendar} or {@code calendar.events})
 * @param tokenUri       OAuth token endpoint, default {@code https://oauth2.googleapis.com/token}
 * @param singleEvents   list recurring events as their instances; used for full and incremental sync alike
 * @param pageSize       {@code maxResults} of a listing page (1–2500)
 * @param retry          backoff for idempotent calls
 * @param writeMode      {@code PATCH} (the default: what Avalon does not own stays) or {@code PUT} for updates
 * @param requestTimeout timeout of one HTTP exchange
 * @param clock          for token expiry and {@code Retry-After} dates
 * @param sleeper        waits between retries
 * @param random         the jitter source
 */
public record GoogleCalendarConfig(URI baseUri, String calendarId, String clientId, String clientSecret,
                                   String refreshToken, URI tokenUri, boolean singleEvents, int pageSize,
                                   RetryPolicy retry, WriteMode writeMode, Duration requestTimeout, Clock clock,
                                   Sleeper sleeper, RandomGenerator random) {

    /** Google's API root. */
    public static final URI GOOGLE_API = URI.create("https://www.googleapis.com/calendar/v3");
    /** Google's OAuth2 token endpoint. */
    public static final URI GOOGLE_TOKEN_ENDPOINT = URI.create("https://oauth2.googleapis.com/token");

    public GoogleCalendarConfig {
        List<String> problems = new ArrayList<>();
        require(problems, baseUri, "baseUri");
        require(problems, tokenUri, "tokenUri");
        requireText(problems, calendarId, "calendarId");
        requireText(problems, clientId, "clientId");
        requireText(problems, clientSecret, "clientSecret");
        requireText(problems, refreshToken, "refreshToken");
        require(problems, retry, "retry");
        require(problems, writeMode, "writeMode");
        require(problems, clock, "clock");
        require(problems, sleeper, "sleeper");
        require(problems, random, "random");
        if (pageSize < 1 || pageSize > 2500) {
            problems.add("pageSize must be between 1 and 2500");
        }
        if (requestTimeout == null || requestTimeout.isNegative() || requestTimeout.isZero()) {
            problems.add("requestTimeout must be positive");
        }
        for (URI uri : new URI[] {baseUri, tokenUri}) {
            if (uri != null && !("https".equals(uri.getScheme()) || "http".equals(uri.getScheme()))) {
                problems.add("not an http(s) URI: " + uri);
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("invalid Google Calendar configuration: " + String.join("; ", problems));
        }
    }

    /** A builder with the defaults for everything but the calendar and the credentials. */
    public static Builder custom(String calendarId, String clientId, String clientSecret, String refreshToken) {
        return new Builder(calendarId, clientId, clientSecret, refreshToken);
    }

    @Override
    public String toString() {
        return "GoogleCalendarConfig[baseUri=" + baseUri + ", calendarId=" + calendarId + ", clientId=" + clientId
                + ", clientSecret=***, refreshToken=***, tokenUri=" + tokenUri + ", singleEvents=" + singleEvents
                + ", pageSize=" + pageSize + ", retry=" + retry + ", writeMode=" + writeMode
                + ", requestTimeout=" + requestTimeout + "]";
    }

    private static void require(List<String> problems, Object value, String name) {
        if (value == null) {
            problems.add(name + " is required");
        }
    }

    private static void requireText(List<String> problems, String value, String name) {
        if (value == null || value.isBlank()) {
            problems.add(name + " is required");
        }
    }

    /** Builds a {@link GoogleCalendarConfig}; optional settings have production defaults. */
    public static final class Builder {
        private final String calendarId;
        private final String clientId;
        private final String clientSecret;
        private final String refreshToken;
        private URI baseUri = GOOGLE_API;
        private URI tokenUri = GOOGLE_TOKEN_ENDPOINT;
        private boolean singleEvents;
        private int pageSize = 250;
        private RetryPolicy retry = RetryPolicy.ofDefaults();
        private WriteMode writeMode = WriteMode.PATCH;
        private Duration requestTimeout = Duration.ofSeconds(30);
        private Clock clock = Clock.systemUTC();
        private Sleeper sleeper = Sleeper.real();
        private RandomGenerator random = new Random();

        private Builder(String calendarId, String clientId, String clientSecret, String refreshToken) {
            this.calendarId = calendarId;
            this.clientId = clientId;
            this.clientSecret = clientSecret;
            this.refreshToken = refreshToken;
        }

        public Builder baseUri(URI value) {
            this.baseUri = value;
            return this;
        }

        public Builder tokenUri(URI value) {
            this.tokenUri = value;
            return this;
        }

        public Builder singleEvents(boolean value) {
            this.singleEvents = value;
            return this;
        }

        public Builder pageSize(int value) {
            this.pageSize = value;
            return this;
        }

        public Builder retry(RetryPolicy value) {
            this.retry = value;
            return this;
        }

        public Builder writeMode(WriteMode value) {
            this.writeMode = value;
            return this;
        }

        public Builder requestTimeout(Duration value) {
            this.requestTimeout = value;
            return this;
        }

        public Builder clock(Clock value) {
            this.clock = value;
            return this;
        }

        public Builder sleeper(Sleeper value) {
            this.sleeper = value;
            return this;
        }

        public Builder random(RandomGenerator value) {
            this.random = value;
            return this;
        }

        public GoogleCalendarConfig build() {
            return new GoogleCalendarConfig(baseUri, calendarId, clientId, clientSecret, refreshToken, tokenUri,
                    singleEvents, pageSize, retry, writeMode, requestTimeout, clock, sleeper, random);
        }
    }
}
