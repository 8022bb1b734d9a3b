package dev.avalon.http;

import dev.avalon.core.action.CatalogFormat;
import dev.avalon.mcp.McpHttpEndpoint;
import dev.avalon.tenants.SealKeyFile;
import dev.avalon.tenants.TenantBrains;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Clock;

/**
 * {@code java -jar avalon-http.jar --brains DIR [--keys FILE] [--key-file FILE] [--port 8080] [--bind 127.0.0.1]}: serves the
 * HTTP API until the process is stopped; the brains are closed on the way out.
 */
public final class AvalonHttpMain {

    private static final Logger LOG = LoggerFactory.getLogger(AvalonHttpMain.class);

    private AvalonHttpMain() {
    }

    public static void main(String[] args) {
        LaunchOptions options;
        try {
            options = LaunchOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        Running running = launch(options, Backends.files());
        Runtime.getRuntime().addShutdownHook(new Thread(running::close, "avalon-http-shutdown"));
    }

    /** The server, its MCP endpoint and the brains they serve, closed together. */
    public record Running(AvalonHttpServer server, McpHttpEndpoint mcp, TenantBrains brains) implements AutoCloseable {
        @Override
        public void close() {
            try {
                server.close();
            } finally {
                try {
                    mcp.close();
                } finally {
                    brains.close();
                }
            }
        }
    }

    /** Starts the server that {@code options} describe on {@code backends}. */
    public static Running launch(LaunchOptions options, Backends backends) {
        try {
            // a new brains folder is made now, not at the first request, so /readyz holds from the start
            Files.createDirectories(options.brains());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the brains folder " + options.brains(), e);
        }
        // the seal key the avalon command uses: a brain sealed by one opens in the other
        TenantBrains brains = backends.tenantBrains(options.brains(), Clock.systemUTC(),
                SealKeyFile.readOrCreate(options.sealKey()));
        McpHttpEndpoint mcp = new McpHttpEndpoint(brains, backends.catalogExport(CatalogFormat.MCP));
        AvalonHttpServer.Builder builder = AvalonHttpServer.builder()
                .mcp(mcp.servlet())
                .keys(backends.keyRing(options.keys()))
                .brains(brains)
                .openApi(backends::openApiExport)
                .host(options.bind())
                .port(options.port())
                .readiness(ReadinessCheck.readableFile("keys", options.keys()))
                .readiness(ReadinessCheck.writableFolder("brains", options.brains()));
        if (options.publicUrl() != null) {
            builder.publicUrl(options.publicUrl());
        }
        try {
            AvalonHttpServer server = builder.build().start();
            LOG.info("serving the brains in {}", options.brains());
            return new Running(server, mcp, brains);
        } catch (RuntimeException e) {
            mcp.close();
            brains.close();
            throw e;
        }
    }
}
