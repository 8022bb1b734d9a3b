package dev.avalon.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.avalon.tenants.KeyGrant;
import dev.avalon.tenants.KeyRing;
import dev.avalon.tenants.TenantBrains;
import io.javalin.Javalin;
import io.javalin.http.HttpResponseException;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServlet;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.AbstractConnector;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.ServerConnector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Avalon's HTTP JSON API for many tenants, on Javalin (Jetty 12).
 *
 * <pre>{@code
 * try (AvalonHttpServer server = AvalonHttpServer.builder()
 *         .keys(keyRing)
 *         .brains(tenantBrains)
 *         .openApi(() -> anyAvalon.exportCatalog(CatalogFormat.OPENAPI))
 *         .port(8080)
 *         .build()
 *         .start()) {
 *     ...
 * }
 * }</pre>
 *
 * <p>Routes: {@code POST /v1/actions} (the envelope), {@code POST /v1/actions/{action}} (the data),
 * {@code GET /v1/questions}, {@code GET /openapi.json}, {@code GET /healthz}, {@code GET /readyz}, and
 * the MCP servlet at {@code /mcp} when one is given. Everything under {@code /v1} and {@code /mcp} needs
 * {@code Authorization: Bearer avl_…}. Every answer is JSON; a refusal is Avalon's error envelope with
 * the status of {@link StatusTable}. See docs/HTTP.md.
 */
public final class AvalonHttpServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(AvalonHttpServer.class);
    private static final Logger ACCESS = LoggerFactory.getLogger("dev.avalon.http.access");

    private final Builder config;
    private final Javalin app;
    private final ExecutorService workers;
    private TenantTicker ticker;
    private boolean closed;

    private AvalonHttpServer(Builder b) {
        this.config = b;
        AtomicInteger n = new AtomicInteger();
        this.workers = Executors.newFixedThreadPool(b.workers, r -> {
            Thread t = new Thread(r, "avalon-action-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        BearerAuth auth = new BearerAuth(b.keys);
        AccessLog log = new AccessLog(b.accessLog);
        ApiRoutes routes = new ApiRoutes(auth, b.brains, workers, b.requestTimeout, b.maxBodyBytes, b.openApi,
                b.publicUrl, b.readiness);
        this.app = Javalin.create(c -> {
            c.startup.showJavalinBanner = false;
            c.startup.showOldJavalinVersionWarning = false;
            c.http.prefer405over404 = true;
            c.http.maxRequestSize = b.maxBodyBytes;
            c.jetty.host = b.host;
            c.jetty.port = b.port;
            c.jetty.modifyServer(server -> server.setErrorHandler(new JsonErrors.ServerLevel()));
            c.jetty.modifyHttpConfiguration(http -> {
                http.setSendServerVersion(false);
                http.setSendXPoweredBy(false);
                http.setRequestHeaderSize(b.maxHeaderBytes);
            });
            c.jetty.modifyServletContextHandler(context -> {
                context.setErrorHandler(new JsonErrors.ContextLevel());
                if (b.mcp != null) {
                    FilterHolder gate = new FilterHolder(new McpGate(auth, log, Clock.systemUTC()));
                    // Streamable HTTP answers with server-sent events from an async request
                    gate.setAsyncSupported(true);
                    context.addFilter(gate, McpGate.ROUTE, EnumSet.of(DispatcherType.REQUEST));
                    context.addFilter(gate, McpGate.ROUTE + "/*", EnumSet.of(DispatcherType.REQUEST));
                    ServletHolder servlet = new ServletHolder("mcp", b.mcp);
                    servlet.setAsyncSupported(true);
                    context.addServlet(servlet, McpGate.ROUTE);
                    context.addServlet(servlet, McpGate.ROUTE + "/*");
                }
            });
            c.requestLogger.http((ctx, ms) -> {
                KeyGrant grant = ctx.attribute(ApiRoutes.ATTR_GRANT);
                Long in = ctx.attribute(ApiRoutes.ATTR_BYTES_IN);
                Long out = ctx.attribute(ApiRoutes.ATTR_BYTES_OUT);
                log.write(new AccessLog.Entry(ctx.method().name(), ApiRoutes.route(ctx), ctx.statusCode(),
                        Math.round(ms), grant == null ? null : grant.tenant(), grant == null ? null : grant.keyId(),
                        ApiRoutes.trace(ctx), in == null ? 0 : in, out == null ? -1 : out));
            });
            c.router.javaLangErrorHandler((res, error) -> {
                LOG.error("unexpected error in the server", error);
                try {
                    ServerRefusal r = JsonErrors.refusal(500);
                    byte[] body = r.body();
                    res.setStatus(500);
                    res.setContentType("application/json");
                    res.setContentLength(body.length);
                    res.getOutputStream().write(body);
                } catch (java.io.IOException | RuntimeException e) {
                    LOG.debug("could not answer after an error", e);
                }
            });
            c.routes.post("/v1/actions", routes::envelope);
            c.routes.post("/v1/actions/{action}", routes::action);
            c.routes.get("/v1/questions", routes::questions);
            c.routes.get("/openapi.json", routes::openApi);
            c.routes.get("/healthz", routes::health);
            c.routes.get("/readyz", routes::ready);
            c.routes.exception(HttpResponseException.class, routes::httpException);
            c.routes.exception(Exception.class, routes::unexpected);
        });
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Starts listening and, when a tick period is set, the scheduler. */
    public synchronized AvalonHttpServer start() {
        app.start();
        for (Connector connector : app.jettyServer().server().getConnectors()) {
            if (connector instanceof AbstractConnector c) {
                c.setIdleTimeout(config.idleTimeout.toMillis());
            }
        }
        if (config.tickEvery != null) {
            ticker = new TenantTicker(config.brains, config.tickEvery);
        }
        LOG.info("Avalon HTTP API listening on {}", uri());
        return this;
    }

    /** True once the scheduler has stopped (after {@link #close()}), or when none was started. */
    boolean schedulerStopped() {
        return ticker == null || ticker.stopped();
    }

    /** The port the server listens on (the real one when it was started on port 0). */
    public int port() {
        for (Connector connector : app.jettyServer().server().getConnectors()) {
            if (connector instanceof ServerConnector c && c.getLocalPort() > 0) {
                return c.getLocalPort();
            }
        }
        return app.port();
    }

    /** {@code http://host:port}. */
    public URI uri() {
        String host = config.host.contains(":") ? "[" + config.host + "]" : config.host;
        return URI.create("http://" + host + ":" + port());
    }

    /** Stops the scheduler and the server; the tenant brains stay the caller's to close. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (ticker != null) {
            ticker.close();
        }
        app.stop();
        workers.shutdown();
        try {
            if (!workers.awaitTermination(config.requestTimeout.toMillis(), TimeUnit.MILLISECONDS)) {
                workers.shutdownNow();
            }
        } catch (InterruptedException e) {
            workers.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    /** The server's settings; {@link #keys}, {@link #brains} and {@link #openApi} are required. */
    public static final class Builder {
        private KeyRing keys;
        private TenantBrains brains;
        private Supplier<JsonNode> openApi;
        private String host = "127.0.0.1";
        private int port = 8080;
        private int maxBodyBytes = 256 * 1024;
        private int maxHeaderBytes = 16 * 1024;
        private Duration requestTimeout = Duration.ofSeconds(30);
        private Duration idleTimeout = Duration.ofSeconds(30);
        private Duration tickEvery = Duration.ofMinutes(1);
        private String publicUrl;
        private final List<ReadinessCheck> readiness = new ArrayList<>();
        private Consumer<String> accessLog = ACCESS::info;
        private HttpServlet mcp;
        private int workers = 32;

        private Builder() {
        }

        /** Required: checks the bearer keys. */
        public Builder keys(KeyRing value) {
            this.keys = Objects.requireNonNull(value, "keys");
            return this;
        }

        /** Required: the tenants' brains. */
        public Builder brains(TenantBrains value) {
            this.brains = Objects.requireNonNull(value, "brains");
            return this;
        }

        /**
         * Required: the catalogue's OpenAPI export ({@code avalon.exportCatalog(CatalogFormat.OPENAPI)} of any
         * Avalon with the same features as the tenants'), asked once, on the first {@code GET /openapi.json}.
         */
        public Builder openApi(Supplier<JsonNode> value) {
            this.openApi = Objects.requireNonNull(value, "openApi");
            return this;
        }

        /** The address to bind; default {@code 127.0.0.1}. */
        public Builder host(String value) {
            this.host = Objects.requireNonNull(value, "host");
            return this;
        }

        /** The port; default 8080, 0 for any free one. */
        public Builder port(int value) {
            if (value < 0 || value > 65535) {
                throw new IllegalArgumentException("port must be 0..65535");
            }
            this.port = value;
            return this;
        }

        /** The largest request body; default 256 KiB, Avalon's own payload limit. */
        public Builder maxBodyBytes(int value) {
            if (value <= 0) {
                throw new IllegalArgumentException("maxBodyBytes must be positive");
            }
            this.maxBodyBytes = value;
            return this;
        }

        /** How long one action may take before the client is answered 503 TIMEOUT; default 30 s. */
        public Builder requestTimeout(Duration value) {
            this.requestTimeout = positive(value, "requestTimeout");
            return this;
        }

        /** How long a connection may sit idle (also while a client sends its request slowly); default 30 s. */
        public Builder idleTimeout(Duration value) {
            this.idleTimeout = positive(value, "idleTimeout");
            return this;
        }

        /** How often every open tenant ticks its scheduler; default every minute, {@code null} for never. */
        public Builder tickEvery(Duration value) {
            this.tickEvery = value == null ? null : positive(value, "tickEvery");
            return this;
        }

        /**
         * The URL clients reach this server at (e.g. {@code https://avalon.example.org} behind a proxy), put
         * in the OpenAPI document's {@code servers}; default the scheme and host of the request for it.
         */
        public Builder publicUrl(String value) {
            this.publicUrl = Objects.requireNonNull(value, "publicUrl").replaceAll("/+$", "");
            return this;
        }

        /** A condition {@code GET /readyz} checks. */
        public Builder readiness(ReadinessCheck value) {
            this.readiness.add(Objects.requireNonNull(value, "readiness"));
            return this;
        }

        /** Where access-log lines go; default the slf4j logger {@code dev.avalon.http.access} at INFO. */
        public Builder accessLog(Consumer<String> value) {
            this.accessLog = Objects.requireNonNull(value, "accessLog");
            return this;
        }

        /**
         * Mounts {@code servlet} at {@code /mcp} behind the bearer check: it finds the request's
         * {@link KeyGrant} under {@link KeyGrant#REQUEST_ATTRIBUTE}.
         */
        public Builder mcp(HttpServlet servlet) {
            this.mcp = Objects.requireNonNull(servlet, "servlet");
            return this;
        }

        /** How many actions run at once across all tenants (one brain runs one at a time); default 32. */
        public Builder workers(int value) {
            if (value <= 0) {
                throw new IllegalArgumentException("workers must be positive");
            }
            this.workers = value;
            return this;
        }

        /** @throws IllegalStateException naming every missing required setting */
        public AvalonHttpServer build() {
            List<String> missing = new ArrayList<>();
            if (keys == null) {
                missing.add("keys (KeyRing)");
            }
            if (brains == null) {
                missing.add("brains (TenantBrains)");
            }
            if (openApi == null) {
                missing.add("openApi (the catalogue's OpenAPI export)");
            }
            if (!missing.isEmpty()) {
                throw new IllegalStateException("AvalonHttpServer needs: " + String.join(", ", missing));
            }
            return new AvalonHttpServer(this);
        }

        private static Duration positive(Duration value, String name) {
            Objects.requireNonNull(value, name);
            if (value.isNegative() || value.isZero()) {
                throw new IllegalArgumentException(name + " must be positive");
            }
            return value;
        }
    }
}
