package dev.avalon.mail;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Where and how {@link SmtpMailSender} delivers.
 *
 * <pre>{@code
 * SmtpConfig config = SmtpConfig.of("smtp.example.org")            // port 587, STARTTLS
 *         .withLogin("avalon@example.org", secret)
 *         .withTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(20), Duration.ofSeconds(20));
 * }</pre>
 *
 * @param host           the SMTP server
 * @param port           its port
 * @param security       how the connection is protected
 * @param username       the login, or {@code null} to send without authentication
 * @param password       the password, {@code null} exactly when {@code username} is
 * @param connectTimeout how long to wait for the connection
 * @param readTimeout    how long to wait for each answer of the server
 * @param writeTimeout   how long one write may take
 * @param trustedHosts   hosts whose certificate is trusted without checking ({@code mail.smtp.ssl.trust},
 *                       e.g. a test server's name, or {@code *}), or {@code null} to check certificates
 */
public record SmtpConfig(String host, int port, SmtpSecurity security, String username, String password,
                         Duration connectTimeout, Duration readTimeout, Duration writeTimeout, String trustedHosts) {

    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);
    public static final Duration DEFAULT_READ_TIMEOUT = Duration.ofSeconds(30);
    public static final Duration DEFAULT_WRITE_TIMEOUT = Duration.ofSeconds(30);

    public SmtpConfig {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(security, "security");
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(readTimeout, "readTimeout");
        Objects.requireNonNull(writeTimeout, "writeTimeout");
        List<String> problems = new ArrayList<>();
        if (host.isBlank()) {
            problems.add("host: must not be blank");
        }
        if (port < 1 || port > 65_535) {
            problems.add("port: must be 1..65535");
        }
        if ((username == null) != (password == null)) {
            problems.add("username/password: give both or neither");
        }
        for (Duration timeout : List.of(connectTimeout, readTimeout, writeTimeout)) {
            if (timeout.isNegative() || timeout.isZero() || timeout.toMillis() > Integer.MAX_VALUE) {
                problems.add("timeouts: must be positive and below 24 days");
                break;
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("invalid SMTP configuration: " + String.join("; ", problems));
        }
    }

    /** {@code host} on port 587 with STARTTLS, no login, default timeouts, certificates checked. */
    public static SmtpConfig of(String host) {
        return new SmtpConfig(host, 587, SmtpSecurity.STARTTLS, null, null,
                DEFAULT_CONNECT_TIMEOUT, DEFAULT_READ_TIMEOUT, DEFAULT_WRITE_TIMEOUT, null);
    }

    public SmtpConfig withPort(int newPort) {
        return new SmtpConfig(host, newPort, security, username, password, connectTimeout, readTimeout, writeTimeout, trustedHosts);
    }

    public SmtpConfig withSecurity(SmtpSecurity newSecurity) {
        return new SmtpConfig(host, port, newSecurity, username, password, connectTimeout, readTimeout, writeTimeout, trustedHosts);
    }

    public SmtpConfig withLogin(String newUsername, String newPassword) {
        return new SmtpConfig(host, port, security, Objects.requireNonNull(newUsername, "username"),
                Objects.requireNonNull(newPassword, "password"), connectTimeout, readTimeout, writeTimeout, trustedHosts);
    }

    public SmtpConfig withTimeouts(Duration connect, Duration read, Duration write) {
        return new SmtpConfig(host, port, security, username, password, connect, read, write, trustedHosts);
    }

    public SmtpConfig withTrustedHosts(String hosts) {
        return new SmtpConfig(host, port, security, username, password, connectTimeout, readTimeout, writeTimeout, hosts);
    }

    /** Whether the sender logs in. */
    public boolean authenticates() {
        return username != null;
    }

    /** Never shows the password. */
    @Override
    public String toString() {
        return "SmtpConfig[" + host + ":" + port + " " + security + (username == null ? "" : " as " + username)
                + " connect " + connectTimeout + " read " + readTimeout + " write " + writeTimeout
                + (trustedHosts == null ? "" : " trusting " + trustedHosts) + "]";
    }
}
