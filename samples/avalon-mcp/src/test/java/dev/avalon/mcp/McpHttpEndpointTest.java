package dev.avalon.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import dev.avalon.core.action.CatalogFormat;
import dev.avalon.tenants.KeyGrant;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("MCP over Streamable HTTP: one servlet serves each key's tenant's brain")
class McpHttpEndpointTest {

    /** The fake bearer tokens the test filter knows, as the server's authentication would grant them. */
    private static final Map<String, KeyGrant> GRANTS = Map.of(
            "key-anna", new KeyGrant("k-anna", "anna", Set.of("*"), Instant.parse("2100-01-01T00:00:00Z")),
            "key-bram", new KeyGrant("k-bram", "bram", Set.of("*"), Instant.parse("2100-01-01T00:00:00Z")),
            "key-anna-read", new KeyGrant("k-anna-read", "anna", Set.of("logbook:read"),
                    Instant.parse("2100-01-01T00:00:00Z")),
            "key-broken", new KeyGrant("k-broken", FolderTenantBrains.BROKEN, Set.of("*"),
                    Instant.parse("2100-01-01T00:00:00Z")));

    @TempDir
    Path brains;

    private FolderTenantBrains tenants;
    private McpHttpEndpoint endpoint;
    private Server jetty;
    private String base;

    @BeforeEach
    void start() throws Exception {
        tenants = new FolderTenantBrains(brains);
        JsonNode catalog = tenants.with("catalogue", a -> a.exportCatalog(CatalogFormat.MCP));
        endpoint = new McpHttpEndpoint(tenants, catalog);
        jetty = new Server();
        ServerConnector connector = new ServerConnector(jetty);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        jetty.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler();
        context.addFilter(new FilterHolder(new BearerFilter()), "/*", EnumSet.of(DispatcherType.REQUEST));
        ServletHolder servlet = new ServletHolder(endpoint.servlet());
        servlet.setAsyncSupported(true);
        context.addServlet(servlet, "/mcp");
        jetty.setHandler(context);
        jetty.start();
        base = "http://127.0.0.1:" + connector.getLocalPort();
    }

    @AfterEach
    void stop() throws Exception {
        endpoint.close();
        jetty.stop();
        tenants.close();
    }

    @Test
    @DisplayName("two tenants list the same tools and each sees only its own brain; a patch is approved and committed")
    void twoTenants() throws Exception {
        int actions = tenants.with("catalogue", a -> a.catalog().all().size());
        try (McpSyncClient anna = client("key-anna"); McpSyncClient bram = client("key-bram")) {
            ToolSession a = new ToolSession(anna);
            ToolSession b = new ToolSession(bram);
            a.initialize();
            b.initialize();
            Scenarios.everyActionIsATool(a, actions);
            Scenarios.everyActionIsATool(b, actions);

            a.ok("logbook_add_daily_entry", Scenarios.DAILY_ENTRY);
            assertThat(a.ok("logbook_week", "{}").path("entries")).hasSize(1);
            assertThat(b.ok("logbook_week", "{}").path("entries")).isEmpty();

            String sha = Scenarios.patchApprovedAndCommitted(a);
            try (Git git = Git.open(brains.resolve("anna").toFile())) {
                assertThat(git.log().call().iterator().next().getName()).isEqualTo(sha);
            }
            JsonNode bramRules = b.ok("behaviour_get", "{\"path\":\"reminderEscalationRules.threshold\"}");
            assertThat(bramRules.toString()).contains("3");
            Scenarios.badArgumentIsRefusedNamingTheField(b);
        }
    }

    @Test
    @DisplayName("a key's scopes hold: a read-only key's write is refused FORBIDDEN and changes nothing")
    void scopes() {
        try (McpSyncClient reader = client("key-anna-read")) {
            ToolSession r = new ToolSession(reader);
            r.initialize();
            r.listTools();
            CallToolResult refused = r.call("logbook_add_daily_entry", Scenarios.DAILY_ENTRY);
            assertThat(refused.isError()).isTrue();
            assertThat(ToolSession.text(refused)).contains("FORBIDDEN");
            assertThat(r.ok("logbook_week", "{}").path("entries")).isEmpty();
        }
    }

    @Test
    @DisplayName("a tenant whose brain cannot be opened gets isError BRAIN_FAILURE, not a protocol error")
    void brainUnavailable() {
        try (McpSyncClient broken = client("key-broken")) {
            ToolSession s = new ToolSession(broken);
            s.initialize();
            s.listTools();
            CallToolResult result = s.call("logbook_week", "{}");
            assertThat(result.isError()).isTrue();
            assertThat(ToolSession.text(result)).contains("BRAIN_FAILURE").contains("locked");
        }
    }

    private McpSyncClient client(String bearer) {
        HttpClientStreamableHttpTransport transport = HttpClientStreamableHttpTransport.builder(base)
                .endpoint("/mcp")
                .jsonMapper(AvalonMcpServer.mapper())
                .requestBuilder(HttpRequest.newBuilder().header("Authorization", "Bearer " + bearer))
                .build();
        return McpClient.sync(transport)
                .jsonSchemaValidator(new ToolSchemaValidator())
                .requestTimeout(Duration.ofSeconds(60))
                .initializationTimeout(Duration.ofSeconds(60))
                .build();
    }

    /** What the HTTP server's authentication does, reduced to a table of fake bearer tokens. */
    private static final class BearerFilter implements Filter {
        @Override
        public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
                throws IOException, ServletException {
            String header = ((HttpServletRequest) request).getHeader("Authorization");
            KeyGrant grant = header != null && header.startsWith("Bearer ") ? GRANTS.get(header.substring(7)) : null;
            if (grant == null) {
                ((HttpServletResponse) response).sendError(401);
                return;
            }
            request.setAttribute(KeyGrant.REQUEST_ATTRIBUTE, grant);
            chain.doFilter(request, response);
        }
    }
}
