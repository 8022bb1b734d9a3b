package dev.avalon.mcp;

import dev.avalon.tenants.SealKeyFile;
import dev.avalon.core.Avalon;
import dev.avalon.core.action.Caller;
import dev.avalon.git.GitBrainStore;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("AvalonMcpServer: arguments, the scheduler while it serves, the brain closed at the end")
class AvalonMcpServerTest {

    private static final String INITIALIZE = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":"
            + "{\"protocolVersion\":\"2025-06-18\",\"capabilities\":{},\"clientInfo\":{\"name\":\"t\",\"version\":\"1\"}}}\n";

    @TempDir
    Path tmp;

    @Test
    @DisplayName("the scheduler ticks Avalon while the server runs and stops with it; the brain is closed")
    void ticks() throws Exception {
        Avalon avalon = open(tmp.resolve("brain"));
        PipedOutputStream client = new PipedOutputStream();
        try (PipedInputStream in = new PipedInputStream(client)) {
            AvalonMcpServer server = new AvalonMcpServer(avalon, in, new ByteArrayOutputStream(), Duration.ofMillis(20));
            // bounded wait for the scheduler, not a timing assertion
            for (int i = 0; i < 1500 && server.ticks() < 3; i++) {
                Thread.sleep(20);
            }
            assertThat(server.ticks()).isGreaterThanOrEqualTo(3);
            server.close();
            long after = server.ticks();
            Thread.sleep(100);
            assertThat(server.ticks()).as("no tick after close").isEqualTo(after);
            client.close();
        }
        try (Avalon again = open(tmp.resolve("brain"))) {
            assertThat(again.dispatch("{\"action\":\"system.health\",\"data\":{}}", Caller.owner()).ok()).isTrue();
        }
    }

    @Test
    @DisplayName("end of input ends the server with 0; stdout holds only the protocol; the brain is closed")
    void endOfInput() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = AvalonMcpServer.run(new String[] {"--brain", tmp.resolve("brain").toString(), "--key-file",
                        tmp.resolve("seal.key").toString()},
                new ByteArrayInputStream(INITIALIZE.getBytes(StandardCharsets.UTF_8)), out,
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(code).as(err.toString(StandardCharsets.UTF_8)).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8).lines())
                .allSatisfy(line -> assertThat(line).startsWith("{\"jsonrpc\":\"2.0\""));
        try (Avalon again = Avalon.builder().brain(GitBrainStore.open(tmp.resolve("brain"))).clock(Clock.systemUTC())
                .zone(ZoneId.of("Europe/Amsterdam")).alerts(a -> { })
                .sealKeys(SealKeyFile.readOrCreate(tmp.resolve("seal.key"))).build()) {
            assertThat(again.dispatch("{\"action\":\"system.health\",\"data\":{}}", Caller.owner()).ok()).isTrue();
        }
    }

    @Test
    @DisplayName("bad arguments: the usage on stderr and exit code 2")
    void badArguments() {
        for (String[] args : new String[][] {{}, {"--brain"}, {"--brain", "b", "--zone", "Mars/Olympus"}, {"--what"}}) {
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            int code = AvalonMcpServer.run(args, new ByteArrayInputStream(new byte[0]), new ByteArrayOutputStream(),
                    new PrintStream(err, true, StandardCharsets.UTF_8));
            assertThat(code).isEqualTo(2);
            assertThat(err.toString(StandardCharsets.UTF_8)).contains("usage: java -jar avalon-mcp.jar --brain DIR");
        }
    }

    private static Avalon open(Path folder) {
        return Avalon.builder().brain(GitBrainStore.open(folder)).clock(Clock.systemUTC())
                .zone(ZoneId.of("Europe/Amsterdam")).alerts(a -> { }).build();
    }
}
