package dev.avalon.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.avalon.mcp.AvalonMcpServer;
import dev.avalon.mcp.ToolSchemaValidator;
import dev.avalon.tenants.FileKeyRing;
import dev.avalon.tenants.ScopeCatalogue;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.spec.McpSchema;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("MCP over Streamable HTTP on the server's main")
class McpOverHttpTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    @DisplayName("the SDK's client lists every action as a tool and calls them on the key's tenant; without a key: 401")
    void toolsOnTheTenantsBrain() throws Exception {
        Path keys = dir.resolve("keys.json");
        Path brains = Files.createDirectories(dir.resolve("brains"));
        FileKeyRing ring = new FileKeyRing(keys, Clock.systemUTC());
        String key = ring.create("anna", List.of("logbook:*"), Instant.now().plus(Duration.ofDays(1)),
                new ScopeCatalogue(Set.of("logbook:write", "logbook:read"))).key();
        try (AvalonHttpMain.Running running = AvalonHttpMain.launch(
                LaunchOptions.parse("--brains", brains.toString(), "--keys", keys.toString(), "--key-file",
                        dir.resolve("seal.key").toString(), "--port", "0"),
                Backends.files())) {
            HttpResponse<String> anonymous = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create(running.server().uri() + "/mcp")).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/list\"}"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(anonymous.statusCode()).isEqualTo(401);
            assertThat(JSON.readTree(anonymous.body()).path("error").path("code").asText()).isEqualTo("UNAUTHORIZED");

            HttpClientStreamableHttpTransport transport = HttpClientStreamableHttpTransport
                    .builder(running.server().uri().toString()).endpoint("/mcp").jsonMapper(AvalonMcpServer.mapper())
                    .requestBuilder(HttpRequest.newBuilder().header("Authorization", "Bearer " + key)).build();
            try (McpSyncClient client = McpClient.sync(transport).jsonSchemaValidator(new ToolSchemaValidator())
                    .requestTimeout(Duration.ofSeconds(60)).initializationTimeout(Duration.ofSeconds(60)).build()) {
                client.initialize();
                List<McpSchema.Tool> tools = client.listTools().tools();
                assertThat(tools).extracting(McpSchema.Tool::name)
                        .contains("logbook_add_daily_entry", "question_answer", "behaviour_propose_patch");
                assertThat(tools).allSatisfy(t -> assertThat(t.outputSchema()).isNotNull());

                McpSchema.CallToolResult written = client.callTool(new McpSchema.CallToolRequest("logbook_add_daily_entry",
                        Map.of("activiteit", "Offerte VSB afronden", "domein", "VSB", "stress", 6, "motivatie", 7,
                                "status", "done", "moveCount", 1)));
                assertThat(written.isError()).as(written.toString()).isFalse();
                McpSchema.CallToolResult week = client.callTool(new McpSchema.CallToolRequest("logbook_week", Map.of()));
                JsonNode envelope = JSON.valueToTree(week.structuredContent());
                assertThat(envelope.path("data").path("entries")).hasSize(1);

                McpSchema.CallToolResult outOfScope = client.callTool(new McpSchema.CallToolRequest("chatlog_append",
                        Map.of("conversationId", "c-1", "role", "user", "text", "hallo")));
                assertThat(outOfScope.isError()).isTrue();
                assertThat(JSON.valueToTree(outOfScope.structuredContent()).path("error").path("code").asText())
                        .isEqualTo("FORBIDDEN");
            }
            assertThat(brains.resolve("anna").resolve(".git")).isDirectory();
        }
    }
}
