package dev.avalon.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import dev.avalon.core.action.ActionResult;
import dev.avalon.tenants.KeyGrant;
import dev.avalon.tenants.TenantBrains;
import io.modelcontextprotocol.common.McpTransportContext;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.server.transport.HttpServletStreamableServerTransportProvider;
import io.modelcontextprotocol.spec.McpSchema;
import jakarta.servlet.http.HttpServlet;

import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Avalon's tools over MCP Streamable HTTP for many tenants: a servlet to mount (at {@code /mcp} by
 * default) behind the server's authentication. That authentication leaves each request's
 * {@link KeyGrant} in the request attribute {@link KeyGrant#REQUEST_ATTRIBUTE} (and refuses a request
 * without a valid key before it gets here); every tool call runs on the grant's tenant's brain as the
 * grant's {@link KeyGrant#caller() caller}, so Avalon refuses actions outside the key's scopes.
 *
 * <p>The tool list is the same for every tenant: the catalogue does not depend on a brain's content.
 */
public final class McpHttpEndpoint implements AutoCloseable {

    /** Where the servlet expects to be mounted unless told otherwise. */
    public static final String DEFAULT_PATH = "/mcp";

    private final HttpServletStreamableServerTransportProvider transport;
    private final McpSyncServer server;
    private final AtomicBoolean closed = new AtomicBoolean();

    /** As {@link #McpHttpEndpoint(TenantBrains, JsonNode, String)} at {@link #DEFAULT_PATH}. */
    public McpHttpEndpoint(TenantBrains tenants, JsonNode mcpCatalog) {
        this(tenants, mcpCatalog, DEFAULT_PATH);
    }

    /**
     * @param tenants    the brains, one per tenant
     * @param mcpCatalog what any Avalon's {@code exportCatalog(CatalogFormat.MCP)} answers
     * @param path       the path the servlet is mounted at (requests whose path does not end with it get 404)
     */
    public McpHttpEndpoint(TenantBrains tenants, JsonNode mcpCatalog, String path) {
        Objects.requireNonNull(tenants, "tenants");
        this.transport = HttpServletStreamableServerTransportProvider.builder()
                .jsonMapper(AvalonMcpServer.mapper())
                .mcpEndpoint(Objects.requireNonNull(path, "path"))
                .contextExtractor(request -> request.getAttribute(KeyGrant.REQUEST_ATTRIBUTE) instanceof KeyGrant grant
                        ? McpTransportContext.create(Map.of(KeyGrant.REQUEST_ATTRIBUTE, grant))
                        : McpTransportContext.EMPTY)
                .build();
        AvalonTools tools = new AvalonTools(mcpCatalog, (context, envelope) -> dispatch(tenants, context, envelope));
        this.server = McpServer.sync(transport)
                .serverInfo("avalon", AvalonMcpServer.version())
                .instructions(AvalonMcpServer.INSTRUCTIONS)
                .capabilities(McpSchema.ServerCapabilities.builder().tools(false).build())
                .jsonMapper(AvalonMcpServer.mapper())
                .jsonSchemaValidator(new ToolSchemaValidator())
                .validateToolInputs(false)
                .tools(tools.specifications())
                .build();
    }

    private static ActionResult dispatch(TenantBrains tenants, McpTransportContext context, String envelope) {
        if (!(context.get(KeyGrant.REQUEST_ATTRIBUTE) instanceof KeyGrant grant)) {
            // the server's authentication refuses such a request before it reaches the servlet
            throw new IllegalStateException("the request carries no key grant: mount the servlet behind authentication");
        }
        return tenants.with(grant.tenant(), avalon -> avalon.dispatch(envelope, grant.caller()));
    }

    /** The servlet to mount; it serves POST (calls), GET (the event stream) and DELETE (ends a session). */
    public HttpServlet servlet() {
        return transport;
    }

    /** Ends every MCP session. The tenants' brains are the caller's to close. */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            server.closeGracefully();
        }
    }
}
