package dev.avalon.http;

import dev.avalon.tenants.FileKeyRing;
import dev.avalon.tenants.ScopeCatalogue;
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
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@DisplayName("The server's main")
class AvalonHttpMainTest {

    @TempDir
    Path dir;

    @Test
    @DisplayName("reads --brains, --keys, --port, --bind and --public-url")
    void parses() {
        LaunchOptions o = LaunchOptions.parse("--brains", "b", "--keys", "k.json", "--key-file", "s.key", "--port", "9090",
                "--bind", "0.0.0.0", "--public-url", "https://a.example");
        assertThat(o).isEqualTo(new LaunchOptions(Path.of("b"), Path.of("k.json"), Path.of("s.key"), 9090, "0.0.0.0",
                "https://a.example"));
        LaunchOptions d = LaunchOptions.parse("--brains", "b");
        assertThat(d.keys()).hasFileName("keys.json");
        assertThat(d.sealKey()).hasFileName("seal.key");
        assertThat(d.keys().getParent()).isEqualTo(d.sealKey().getParent());
        assertThat(d.port()).isEqualTo(8080);
        assertThat(d.bind()).isEqualTo("127.0.0.1");
    }

    @Test
    @DisplayName("names every problem with the command line at once")
    void problems() {
        assertThatThrownBy(() -> LaunchOptions.parse("--port", "x", "--what", "y"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--port must be a number").hasMessageContaining("unknown option --what")
                .hasMessageContaining("--brains DIR is required");
    }

    @Test
    @DisplayName("starts the server on the backends, ready when the key file is readable and the brains writable")
    void launches() throws Exception {
        Path keys = Files.writeString(dir.resolve("keys.json"), "{}");
        Path brains = Files.createDirectories(dir.resolve("brains"));
        Backends backends = new TestBackends();
        try (AvalonHttpMain.Running running = AvalonHttpMain.launch(
                LaunchOptions.parse("--brains", brains.toString(), "--keys", keys.toString(), "--key-file",
                        dir.resolve("seal.key").toString(), "--port", "0"), backends)) {
            HttpClient client = HttpClient.newHttpClient();
            HttpResponse<String> ready = client.send(HttpRequest.newBuilder(URI.create(running.server().uri() + "/readyz"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(ready.statusCode()).as(ready.body()).isEqualTo(200);
            HttpResponse<String> doc = client.send(HttpRequest.newBuilder(URI.create(running.server().uri() + "/openapi.json"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(doc.statusCode()).isEqualTo(200);
            assertThat(doc.body()).contains("/v1/actions/chatlog.append");
            HttpResponse<String> action = client.send(HttpRequest.newBuilder(
                    URI.create(running.server().uri() + "/v1/actions/chatlog.append"))
                    .header("Authorization", "Bearer " + TestKeys.ALICE)
                    .POST(HttpRequest.BodyPublishers.ofString(AvalonHttpServerTest.CHAT)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(action.statusCode()).as(action.body()).isEqualTo(200);
            assertThat(brains.resolve("alice").resolve(AvalonHttpServerTest.CHATLOG)).exists();
        }
    }

    @Test
    @DisplayName("on the real backends: a key made in the key file opens its tenant's git brain, created on first use")
    void launchesOnFiles() throws Exception {
        Path keys = dir.resolve("keys.json");
        Path brains = Files.createDirectories(dir.resolve("brains"));
        FileKeyRing ring = new FileKeyRing(keys, Clock.systemUTC());
        String key = ring.create("anna", List.of("chatlog:*"), Instant.now().plus(Duration.ofDays(1)),
                new ScopeCatalogue(Set.of("chatlog:write", "chatlog:read"))).key();
        try (AvalonHttpMain.Running running = AvalonHttpMain.launch(
                LaunchOptions.parse("--brains", brains.toString(), "--keys", keys.toString(), "--key-file",
                        dir.resolve("seal.key").toString(), "--port", "0"),
                Backends.files())) {
            HttpClient client = HttpClient.newHttpClient();
            HttpResponse<String> action = client.send(HttpRequest.newBuilder(
                    URI.create(running.server().uri() + "/v1/actions/chatlog.append"))
                    .header("Authorization", "Bearer " + key)
                    .POST(HttpRequest.BodyPublishers.ofString(AvalonHttpServerTest.CHAT)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(action.statusCode()).as(action.body()).isEqualTo(200);
            assertThat(brains.resolve("anna").resolve(AvalonHttpServerTest.CHATLOG)).exists();
            ring.revoke(ring.list().get(0).id());
            HttpResponse<String> revoked = client.send(HttpRequest.newBuilder(
                    URI.create(running.server().uri() + "/v1/questions"))
                    .header("Authorization", "Bearer " + key).GET().build(), HttpResponse.BodyHandlers.ofString());
            assertThat(revoked.statusCode()).as(revoked.body()).isEqualTo(401);
        }
    }
}
