package dev.avalon.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import dev.avalon.core.json.Json;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

@DisplayName("An independent client: the TypeScript MCP SDK drives the stdio server")
class NodeClientIT {

    private static final Path SOURCES = Path.of(System.getProperty("avalon.mcp.node", "src/test/node"));
    private static final Path TARGET = Path.of(System.getProperty("avalon.mcp.target", "target"));

    @TempDir
    Path tmp;

    @Test
    @DisplayName("lists every tool with its schemas, logs a day, reads the week and gets a bad argument refused")
    void typescriptClient() throws Exception {
        assumeTrue(runs("node", "--version") && runs("npm", "--version"),
                "node and npm are not installed: the TypeScript SDK client is skipped (apt-get install nodejs npm)");
        Path client = TARGET.resolve("node-client");
        Files.createDirectories(client);
        for (String file : List.of("package.json", "package-lock.json", "client.mjs")) {
            Files.copy(SOURCES.resolve(file), client.resolve(file), StandardCopyOption.REPLACE_EXISTING);
        }
        if (!Files.isDirectory(client.resolve("node_modules/@modelcontextprotocol/sdk"))) {
            Run install = run(client, 600, "npm", "ci", "--no-audit", "--no-fund");
            assertThat(install.exit()).as("npm ci: %s", install.err()).isZero();
        }

        Run session = run(client, 300, "node", "client.mjs", StdioServerIT.JAR.toAbsolutePath().toString(),
                tmp.resolve("brain").toString(), tmp.resolve("seal.key").toString());
        assertThat(session.exit()).as("node client.mjs: %s", session.err()).isZero();
        List<String> lines = session.out().lines().filter(l -> l.startsWith("{")).toList();
        assertThat(lines).as(session.out()).isNotEmpty();
        JsonNode seen = Json.parse(lines.get(lines.size() - 1));

        int actions = StdioServerIT.actionCount(tmp.resolve("reference"));
        assertThat(seen.path("server").path("name").asText()).isEqualTo("avalon");
        assertThat(seen.path("toolCount").asInt()).isEqualTo(actions);
        assertThat(seen.path("withInputSchema").asInt()).isEqualTo(actions);
        assertThat(seen.path("withOutputSchema").asInt()).isEqualTo(actions);

        JsonNode added = seen.path("added");
        assertThat(added.path("isError").asBoolean()).as(added.toString()).isFalse();
        assertThat(added.path("structuredContent").path("data").path("entriesThisWeek").asInt()).isEqualTo(1);
        assertThat(added.path("content").get(0).path("text").asText()).startsWith("logbook.add_daily_entry done");

        JsonNode week = seen.path("week").path("structuredContent").path("data");
        assertThat(week.path("entries")).hasSize(1);
        assertThat(week.path("entries").get(0).toString()).contains("Offerte VSB afronden");

        JsonNode refused = seen.path("refused");
        assertThat(refused.path("isError").asBoolean()).isTrue();
        assertThat(refused.path("content").get(0).path("text").asText()).contains("VALIDATION_FAILED").contains("stress");
        assertThat(refused.path("structuredContent").path("error").path("code").asText()).isEqualTo("VALIDATION_FAILED");
    }

    private record Run(int exit, String out, String err) {
    }

    private Run run(Path dir, int timeoutSeconds, String... command) throws IOException, InterruptedException {
        Path out = Files.createTempFile(tmp, "out", ".txt");
        Path err = Files.createTempFile(tmp, "err", ".txt");
        Process process = new ProcessBuilder(command).directory(dir.toFile())
                .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError(String.join(" ", command) + " did not end within " + timeoutSeconds + " s: "
                    + Files.readString(err, StandardCharsets.UTF_8));
        }
        return new Run(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }

    private static boolean runs(String... command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
