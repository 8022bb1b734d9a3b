package dev.avalon.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import dev.avalon.cli.AvalonCli;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.ServerParameters;
import io.modelcontextprotocol.client.transport.StdioClientTransport;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("The README's MCP line: the server on the brain avalon demo made")
class DemoBrainIT {

    @TempDir
    Path tmp;

    @Test
    @DisplayName("avalon demo --brain DIR, then java -jar avalon-mcp.jar --brain DIR serves that week")
    void demoBrain() throws Exception {
        Path brain = tmp.resolve("demo-brain");
        Path key = tmp.resolve("seal.key");
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int demo = AvalonCli.commandLine(new ByteArrayInputStream(new byte[0]), new PrintWriter(out), new PrintWriter(err))
                .execute("demo", "--brain", brain.toString(), "--key-file", key.toString());
        assertThat(demo).as(err.toString()).isZero();

        StdioClientTransport transport = new StdioClientTransport(ServerParameters.builder("java")
                .args("-jar", StdioServerIT.JAR.toString(), "--brain", brain.toString(), "--key-file", key.toString())
                .build(), AvalonMcpServer.mapper());
        try (McpSyncClient client = McpClient.sync(transport).jsonSchemaValidator(new ToolSchemaValidator())
                .requestTimeout(Duration.ofSeconds(60)).initializationTimeout(Duration.ofSeconds(60)).build()) {
            ToolSession session = new ToolSession(client);
            session.initialize();
            session.listTools();
            JsonNode week = session.ok("logbook_week", "{\"week\":\"2026-W48\"}");
            assertThat(week.path("entries").size()).isGreaterThan(0);
            JsonNode history = session.ok("behaviour_history", "{}");
            assertThat(history.toString()).contains("reminderEscalationRules.threshold");
        }
        transport.awaitForExit();
    }
}
