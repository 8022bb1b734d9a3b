package dev.avalon.caldav;

import dev.avalon.core.port.RetryPolicy;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.random.RandomGenerator;

/**
 * Settings of a {@link CalDavCalendar}. Build one with {@link #custom}; every problem is reported at once.
 * {@link #toString()} hides the password.
 *
 * <pre>{@code
 * CalDavConfig config = CalDavConfig.custom(URI.create("https://dav.example.org/calendars/anna/work/"))
 *         .login("anna", password)
 *         .build();
 * }</pre>
 *
 * @param calendar       the calendar collection's URL (RFC 4791 §4.2); a missing trailing slash is added
 * @param user           the login for HTTP Basic authentication, or {@code null} for none
 * @param password       the password of {@code user}, or {@code null}
 * @param retry          backoff after HTTP 429, 5xx and I/O failures
 * @param requestTimeout timeout of one HTTP exchange
 * @param multigetBatch  how many resources one {@code calendar-multiget} asks for (1–1000)
 * @param clock          stamps {@code DTSTAMP}/{@code LAST-MODIFIED} and judges {@code Retry-After} dates
 * @param sleeper        waits between retries
 * @param random         the jitter source
 */
public record CalDavConfig(URI calendar, String user, String password, RetryPolicy retry, Duration requestTimeout,
                           int multigetBatch, Clock clock, Sleeper sleeper, RandomGenerator random) {

    public CalDavConfig {
        List<String> problems = new ArrayList<>();
        if (calendar == null) {
            problems.add("calendar is required");
        } else if (!("https".equals(calendar.getScheme()) || "http".equals(calendar.getScheme()))
                || calendar.getHost() == null) {
            problems.add("not an http(s) URL: " + calendar);
        } else if (!calendar.getPath().endsWith("/")) {
            calendar = URI.create(calendar + "/");
        }
        if (user != null && (user.isBlank() || user.indexOf(':') >= 0)) {
            problems.add("user must not be blank nor hold ':' (HTTP Basic authentication)");
        }
        if ((user == null) != (password == null)) {
            problems.add("user and password go together");
        }
        if (retry == null) {
            problems.add("retry is required");
        }
        if (requestTimeout == null || requestTimeout.isNegative() || requestTimeout.isZero()) {
            problems.add("requestTimeout must be positive");
        }
        if (multigetBatch < 1 || multigetBatch > 1000) {
            problems.add("multigetBatch must be between 1 and 1000");
        }
        if (clock == null) {
            problems.add("clock is required");
        }
        if (sleeper == null) {
            problems.add("sleeper is required");
        }
        if (random == null) {
            problems.add("random is required");
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("invalid CalDAV configuration: " + String.join("; ", problems));
        }
    }

    /** A builder for the calendar collection at {@code calendar}, without login, with production defaults. */
    public static Builder custom(URI calendar) {
        return new Builder(calendar);
    }

    @Override
    public String toString() {
        return "CalDavConfig[calendar=" + calendar + ", user=" + user + ", password=" + (password == null ? null : "***")
                + ", retry=" + retry + ", requestTimeout=" + requestTimeout + ", multigetBatch=" + multigetBatch + "]";
    }

    /** Builds a {@link CalDavConfig}. */
    public static final class Builder {
        private final URI calendar;
        private String user;
        private String password;
        private RetryPolicy retry = RetryPolicy.ofDefaults();
        private Duration requestTimeout = Duration.ofSeconds(30);
        private int multigetBatch = 100;
        private Clock clock = Clock.systemUTC();
        private Sleeper sleeper = Sleeper.real();
        private RandomGenerator random = new Random();

        private Builder(URI calendar) {
            this.calendar = calendar;
        }

        /** HTTP Basic authentication as {@code user} with {@code password}. */
        public Builder login(String user, String password) {
            this.user = user;
            this.password = password;
            return this;
        }

        public Builder retry(RetryPolicy value) {
            this.retry = value;
            return this;
        }

        public Builder requestTimeout(Duration value) {
            this.requestTimeout = value;
            return this;
        }

        public Builder multigetBatch(int value) {
            this.multigetBatch = value;
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

        public CalDavConfig build() {
            return new CalDavConfig(calendar, user, password, retry, requestTimeout, multigetBatch, clock, sleeper,
                    random);
        }
    }
}
