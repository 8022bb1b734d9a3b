package dev.avalon.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.avalon.git.GitBrainStore;
import dev.avalon.tenants.FileKeyRing;
import dev.avalon.tenants.ScopeCatalogue;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.ServerSocket;
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
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("java -jar avalon-http.jar, as the README starts it")
class HttpServerJarIT {

    private static final Path JAR = Path.of(System.getProperty("avalon.http.jar", "target/avalon-http.jar"));
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    @DisplayName("serves a key made in the key file, creates the tenant's brain, and leaves it closed and whole on SIGTERM")
    void servesAndStops() throws Exception {
        assertThat(JAR).as("the shaded jar is built in package").exists();
        Path keys = dir.resolve("keys.json");
        String key = new FileKeyRing(keys, Clock.systemUTC()).create("demo", List.of("*"),
                Instant.now().plus(Duration.ofDays(1)), new ScopeCatalogue(Set.of("logbook:write"))).key();
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        String java = ProcessHandle.current().info().command().orElse("java");
        Process server = new ProcessBuilder(java, "-jar", JAR.toString(), "--brains", dir.resolve("brains").toString(),
                "--keys", keys.toString(), "--key-file", dir.resolve("seal.key").toString(), "--port", String.valueOf(port))
                .redirectErrorStream(true).redirectOutput(dir.resolve("server.log").toFile()).start();
        try {
            URI base = URI.create("http://127.0.0.1:" + port);
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
            awaitReady(http, base, server);

            HttpResponse<String> written = http.send(HttpRequest.newBuilder(base.resolve("/v1/actions/logbook.add_daily_entry"))
                    .header("Authorization", "Bearer " + key).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"activiteit\":\"Offerte VSB afronden\",\"domein\":\"VSB\","
                            + "\"stress\":6,\"motivatie\":7,\"status\":\"done\",\"moveCount\":1,\"date\":null}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(written.statusCode()).as(written.body()).isEqualTo(200);

            HttpResponse<String> doc = http.send(HttpRequest.newBuilder(base.resolve("/openapi.json")).build(),
                    HttpResponse.BodyHandlers.ofString());
            JsonNode openApi = JSON.readTree(doc.body());
            assertThat(openApi.path("openapi").asText()).startsWith("3.1");
            assertThat(openApi.path("servers").path(0).path("url").asText()).contains(String.valueOf(port));

            HttpResponse<String> anonymous = http.send(HttpRequest.newBuilder(base.resolve("/v1/questions")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(anonymous.statusCode()).isEqualTo(401);
        } finally {
            server.destroy();
            assertThat(server.waitFor(60, TimeUnit.SECONDS)).as("the server stops on SIGTERM").isTrue();
        }
        // the brain was closed on the way out: it opens again here (its lock is free) and holds the entry
        Path brain = dir.resolve("brains").resolve("demo");
        try (GitBrainStore store = GitBrainStore.open(brain)) {
            assertThat(store.directory()).isDirectory();
        }
        try (var files = Files.walk(brain)) {
            assertThat(files.filter(Files::isRegularFile).filter(f -> !f.toString().contains("/.git/"))
                    .anyMatch(f -> contains(f, "Offerte VSB afronden"))).as("the entry is in the brain").isTrue();
        }
    }

    private static boolean contains(Path file, String text) {
        try {
            return Files.readString(file).contains(text);
        } catch (java.io.IOException | java.io.UncheckedIOException e) {
            return false;
        }
    }

    private static void awaitReady(HttpClient http, URI base, Process server) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (System.nanoTime() < deadline) {
            assertThat(server.isAlive()).as("the server is running").isTrue();
            try {
                if (http.send(HttpRequest.newBuilder(base.resolve("/readyz")).build(),
                        HttpResponse.BodyHandlers.ofString()).statusCode() == 200) {
                    return;
                }
            } catch (java.io.IOException notYet) {
                // not listening yet
            }
            Thread.sleep(200);
        }
        throw new AssertionError("the server did not become ready in 90 s");
    }
}
