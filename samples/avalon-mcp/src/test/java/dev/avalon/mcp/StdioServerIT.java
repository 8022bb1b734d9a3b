package dev.avalon.mcp;

import dev.avalon.tenants.SealKeyFile;
import com.fasterxml.jackson.databind.JsonNode;
import dev.avalon.core.Avalon;
import dev.avalon.core.action.Caller;
import dev.avalon.git.GitBrainStore;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.ServerParameters;
import io.modelcontextprotocol.client.transport.StdioClientTransport;
import io.modelcontextprotocol.spec.McpSchema;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("MCP over stdio: the SDK's client drives java -jar avalon-mcp.jar --brain DIR")
class StdioServerIT {

    static final Path JAR = Path.of(System.getProperty("avalon.mcp.jar", "target/avalon-mcp.jar"));

    @TempDir
    Path tmp;

    @Test
    @DisplayName("initialize, list every action as a tool, log a day, approve and commit a patch, refuse a bad argument")
    void session() throws Exception {
        assertThat(JAR).as("the shaded jar is built in package").exists();
        Path brain = tmp.resolve("brain");
        Path key = tmp.resolve("seal.key");
        ServerParameters command = ServerParameters.builder("java")
                .args("-jar", JAR.toString(), "--brain", brain.toString(), "--zone", "Europe/Amsterdam",
                        "--key-file", key.toString())
                .build();
        StdioClientTransport transport = new StdioClientTransport(command, AvalonMcpServer.mapper());
        String sha;
        ToolSession session;
        try (McpSyncClient client = McpClient.sync(transport)
                .jsonSchemaValidator(new ToolSchemaValidator())
                .requestTimeout(Duration.ofSeconds(60))
                .initializationTimeout(Duration.ofSeconds(60))
                .build()) {
            session = new ToolSession(client);
            McpSchema.InitializeResult init = session.initialize();
            assertThat(init.serverInfo().name()).isEqualTo("avalon");
            assertThat(init.instructions()).contains("question_answer");
            assertThat(init.capabilities().tools()).isNotNull();

            Scenarios.everyActionIsATool(session, actionCount(tmp.resolve("reference")));

            JsonNode entry = session.ok("logbook_add_daily_entry", Scenarios.DAILY_ENTRY);
            assertThat(entry.toString()).contains("Offerte VSB afronden");

            sha = Scenarios.patchApprovedAndCommitted(session);
            assertThat(session.ok("question_list", "{}").toString()).doesNotContain("PATCH_APPROVAL\",\"status\":\"OPEN");

            Map<String, String> before = files(brain);
            Scenarios.badArgumentIsRefusedNamingTheField(session);
            assertThat(files(brain)).as("the brain after a refused call").isEqualTo(before);
        }
        // closing the client ends the server's input: it stops and closes the brain, releasing its lock
        transport.awaitForExit();
        Files.writeString(JAR.resolveSibling("mcp-stdio-transcript.txt"), String.join("\n", session.transcript));

        // the server has ended with its input and closed the brain: its history has the commit, and it opens again
        try (Git git = Git.open(brain.toFile())) {
            RevCommit head = git.log().call().iterator().next();
            assertThat(head.getName()).isEqualTo(sha);
        }
        try (Avalon again = Avalon.builder().brain(GitBrainStore.open(brain)).clock(Clock.systemUTC())
                .zone(ZoneId.of("Europe/Amsterdam")).alerts(a -> { }).sealKeys(SealKeyFile.readOrCreate(key)).build()) {
            JsonNode rules = again.dispatch("{\"action\":\"behaviour.get\",\"data\":{\"path\":\"reminderEscalationRules.threshold\"}}",
                    Caller.owner()).toJson();
            assertThat(rules.path("ok").asBoolean()).as(rules.toString()).isTrue();
            assertThat(rules.path("data").toString()).contains("2");
        }
    }

    @Test
    @DisplayName("SIGTERM closes the brain: the next opener finds it unlocked; stdout carries nothing but protocol")
    void terminated() throws Exception {
        Path brain = tmp.resolve("brain");
        Path key = tmp.resolve("seal.key");
        Path out = tmp.resolve("stdout.txt");
        Process server = new ProcessBuilder("java", "-jar", JAR.toString(), "--brain", brain.toString(),
                "--key-file", key.toString())
                .redirectOutput(out.toFile()).redirectError(tmp.resolve("stderr.txt").toFile()).start();
        // one request proves the brain is open before the signal
        server.getOutputStream().write(("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":"
                + "{\"protocolVersion\":\"2025-06-18\",\"capabilities\":{},\"clientInfo\":{\"name\":\"t\",\"version\":\"1\"}}}\n")
                .getBytes(java.nio.charset.StandardCharsets.UTF_8));
        server.getOutputStream().flush();
        for (int i = 0; i < 600 && Files.size(out) == 0; i++) {
            Thread.sleep(100);
        }
        assertThat(Files.readString(out)).startsWith("{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":");
        server.destroy(); // SIGTERM
        assertThat(server.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        assertThat(Files.readString(out).lines()).allSatisfy(line -> assertThat(line).startsWith("{\"jsonrpc\""));
        try (Avalon again = Avalon.builder().brain(GitBrainStore.open(brain)).clock(Clock.systemUTC())
                .zone(ZoneId.of("Europe/Amsterdam")).alerts(a -> { }).sealKeys(SealKeyFile.readOrCreate(key)).build()) {
            assertThat(again.dispatch("{\"action\":\"system.health\",\"data\":{}}", Caller.owner()).ok()).isTrue();
        }
    }

    /** How many actions Avalon has, asked of an Avalon of its own. */
    static int actionCount(Path folder) {
        try (Avalon avalon = Avalon.builder().brain(GitBrainStore.open(folder)).clock(Clock.systemUTC())
                .zone(ZoneId.of("Europe/Amsterdam")).alerts(a -> { }).build()) {
            return avalon.catalog().all().size();
        }
    }

    /** Every file of the brain but git's own, with the sha-256 of its content. */
    static Map<String, String> files(Path brain) throws IOException {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> all = Files.walk(brain)) {
            all.filter(Files::isRegularFile).filter(p -> !brain.relativize(p).startsWith(".git")).forEach(p -> {
                try {
                    files.put(brain.relativize(p).toString(),
                            HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(p))));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                } catch (java.security.NoSuchAlgorithmException e) {
                    throw new IllegalStateException(e);
                }
            });
        }
        return files;
    }
}
