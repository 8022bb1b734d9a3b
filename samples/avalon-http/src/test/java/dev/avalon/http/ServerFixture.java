package dev.avalon.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.avalon.core.action.CatalogFormat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

/** A started server on an ephemeral port over {@link TestTenants} and {@link TestKeys}, and a client. */
final class ServerFixture implements AutoCloseable {

    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-23T11:00:00Z"), ZoneOffset.UTC);
    static final ObjectMapper JSON = new ObjectMapper();

    final TestTenants tenants;
    final AvalonHttpServer server;
    final List<String> accessLog = new CopyOnWriteArrayList<>();
    final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();

    ServerFixture(Path root, UnaryOperator<AvalonHttpServer.Builder> more) {
        this.tenants = new TestTenants(root, CLOCK);
        AvalonHttpServer.Builder b = AvalonHttpServer.builder()
                .keys(new TestKeys())
                .brains(tenants)
                .openApi(() -> tenants.with("catalog", a -> a.exportCatalog(CatalogFormat.OPENAPI)))
                .port(0)
                .tickEvery(null)
                .accessLog(accessLog::add);
        this.server = more.apply(b).build().start();
    }

    ServerFixture(Path root) {
        this(root, b -> b);
    }

    /** An answer: status, headers, body. */
    record Answer(int status, Map<String, List<String>> headers, String body) {
        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("not JSON: " + body, e);
            }
        }

        String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().get(0)).findFirst().orElse(null);
        }

        String code() {
            return json().path("error").path("code").asText();
        }
    }

    Answer send(String method, String path, HttpRequest.BodyPublisher body, String... headers) {
        HttpRequest.Builder r = HttpRequest.newBuilder(URI.create(server.uri() + path))
                .timeout(Duration.ofSeconds(30)).method(method, body);
        for (int i = 0; i < headers.length; i += 2) {
            r.header(headers[i], headers[i + 1]);
        }
        try {
            HttpResponse<byte[]> res = client.send(r.build(), HttpResponse.BodyHandlers.ofByteArray());
            return new Answer(res.statusCode(), res.headers().map(), new String(res.body(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    Answer post(String path, String body, String... headers) {
        return post(path, body.getBytes(StandardCharsets.UTF_8), headers);
    }

    Answer post(String path, byte[] body, String... headers) {
        return send("POST", path, HttpRequest.BodyPublishers.ofByteArray(body), withJson(headers));
    }

    Answer get(String path, String... headers) {
        return send("GET", path, HttpRequest.BodyPublishers.noBody(), headers);
    }

    static String[] bearer(String key, String... more) {
        String[] all = new String[more.length + 2];
        all[0] = "Authorization";
        all[1] = "Bearer " + key;
        System.arraycopy(more, 0, all, 2, more.length);
        return all;
    }

    private static String[] withJson(String[] headers) {
        for (int i = 0; i < headers.length; i += 2) {
            if (headers[i].equalsIgnoreCase("Content-Type")) {
                return headers;
            }
        }
        String[] all = new String[headers.length + 2];
        System.arraycopy(headers, 0, all, 0, headers.length);
        all[headers.length] = "Content-Type";
        all[headers.length + 1] = "application/json";
        return all;
    }

    /** Every file of the tenant's brain (its git folder included) with a hash of its content, and HEAD. */
    Map<String, String> snapshot(String tenant) {
        tenants.store(tenant);
        Path folder = tenants.folder(tenant);
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> all = Files.walk(folder)) {
            for (Path p : (Iterable<Path>) all.filter(Files::isRegularFile)::iterator) {
                String rel = folder.relativize(p).toString();
                files.put(rel, HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(p))));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
        files.put("HEAD", tenants.store(tenant).head().map(c -> c.sha()).orElse("-"));
        return files;
    }

    @Override
    public void close() {
        server.close();
        tenants.close();
    }
}
