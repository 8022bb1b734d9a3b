package dev.avalon.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.avalon.core.json.Json;
import dev.avalon.testkit.google.FakeGoogleCalendarServer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("avalon run wires the mail, invite, sheet and remote calendar adapters from its options")
class AdapterOptionsTest {

    private static final String CLOCK = "2026-11-23T09:30:00+01:00";
    private static final String VSB_EVENT = """
            {"action":"calendar.create_event","data":{"title":"Bestuur","start":"2026-11-24T19:30","end":"2026-11-24T21:00",\
            "domain":"VSB","attendees":["secretaris@example.org"]}}
            """;

    @TempDir
    Path tmp;

    private Path brain() {
        return tmp.resolve("brain");
    }

    private Cli.Execution run(String input, String... options) {
        List<String> args = new java.util.ArrayList<>(List.of("run", "--brain", brain().toString(), "--clock", CLOCK));
        args.addAll(List.of(options));
        return Cli.execute(input.getBytes(StandardCharsets.UTF_8), args.toArray(String[]::new));
    }

    @Test
    @DisplayName("without SMTP an invite is rendered by ical4j and written as .eml to <brain>-mail, outside the brain")
    void defaultMailFolder() throws IOException {
        Cli.Execution run = run(VSB_EVENT);

        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode invite = run.jsonLines().get(0).path("data").path("invite");
        assertThat(invite.path("status").asText()).as(run.out()).isEqualTo("SENT");
        Path mail = tmp.resolve("brain-mail");
        try (var files = Files.list(mail)) {
            Path eml = files.filter(p -> p.toString().endsWith("-REQUEST.eml")).findFirst().orElseThrow();
            assertThat(Files.readString(eml)).contains("METHOD:REQUEST", "BEGIN:VTIMEZONE", "TZID:Europe/Amsterdam");
        }
    }

    @Test
    @DisplayName("--mail-dir chooses the folder")
    void mailDir() throws IOException {
        Path mail = tmp.resolve("outbox");

        Cli.Execution run = run(VSB_EVENT, "--mail-dir", mail.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        try (var files = Files.list(mail)) {
            assertThat(files.filter(p -> p.toString().endsWith(".eml"))).hasSize(1);
        }
        assertThat(tmp.resolve("brain-mail")).doesNotExist();
    }

    @Test
    @DisplayName("--smtp-host sends through SMTP: a server that is not there leaves the invite PENDING for the retry job")
    void smtp() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }

        Cli.Execution run = run(VSB_EVENT, "--smtp-host", "127.0.0.1", "--smtp-port", String.valueOf(closedPort),
                "--smtp-security", "NONE");

        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode invite = run.jsonLines().get(0).path("data").path("invite");
        assertThat(invite.path("status").asText()).as(run.out()).isEqualTo("PENDING");
        assertThat(tmp.resolve("brain-mail")).doesNotExist();
    }

    @Test
    @DisplayName("--google-base-url and the OAuth options make the calendar talk to the Calendar API: an event is written when it is made")
    void google() {
        try (FakeGoogleCalendarServer google = FakeGoogleCalendarServer.builder().start()) {
            String input = """
                    {"action":"calendar.create_event","data":{"title":"Overleg","start":"2026-11-24T10:00","end":"2026-11-24T11:00","domain":"WERK"}}
                    {"action":"calendar.sync"}
                    """;

            Cli.Execution run = run(input, "--google-base-url", google.baseUri().toString(),
                    "--google-token-url", google.tokenUri().toString(),
                    "--google-client-id", FakeGoogleCalendarServer.CLIENT_ID,
                    "--google-client-secret", FakeGoogleCalendarServer.CLIENT_SECRET,
                    "--google-refresh-token", FakeGoogleCalendarServer.REFRESH_TOKEN);

            assertThat(run.exitCode()).as(run.err()).isZero();
            JsonNode sync = run.jsonLines().get(1);
            assertThat(sync.path("ok").asBoolean()).as(sync.toString()).isTrue();
            assertThat(sync.path("data").path("pushed")).as("the event was written when it was made").isEmpty();
            assertThat(google.calendar("primary").liveEvents()).singleElement()
                    .satisfies(e -> assertThat(e.path("summary").asText()).isEqualTo("Overleg"));
        }
    }

    @Test
    @DisplayName("without a remote calendar calendar.sync is refused as PORT_MISSING and the rest works")
    void noRemote() {
        Cli.Execution run = run("{\"action\":\"calendar.sync\"}\n");

        assertThat(run.exitCode()).isZero();
        assertThat(run.jsonLines().get(0).path("error").path("code").asText()).isEqualTo("PORT_MISSING");
    }

    @Test
    @DisplayName("contradictory or incomplete options are usage errors that name the option, before any brain is created")
    void usageErrors() {
        assertUsage(run("", "--mail-dir", brain().resolve("mail").toString()), "--mail-dir", "inside the brain");
        assertUsage(run("", "--smtp-port", "25"), "--smtp-port need --smtp-host");
        assertUsage(run("", "--smtp-host", "mail.example.org", "--mail-dir", tmp.resolve("m").toString()),
                "--mail-dir and --smtp-host");
        assertUsage(run("", "--smtp-host", "mail.example.org", "--smtp-user", "me"), "--smtp-password");
        assertUsage(run("", "--google-base-url", "http://127.0.0.1:1/calendar/v3"),
                "--google-client-id", "--google-client-secret", "--google-refresh-token");
        assertUsage(run("", "--google-token-url", "http://127.0.0.1:1/token"), "--google-token-url needs --google-base-url");
    }

    static final String OUTBOUND_SECRET = "outbound-secret-0123456789";
    static final String INBOUND_SECRET = "deploy-secret-0123456789";

    private Path secretsFile(String permissions) throws IOException {
        Path file = tmp.resolve("webhook.secrets");
        Files.writeString(file, "# ref secret\n" + AdapterOptions.OUTBOUND + " " + OUTBOUND_SECRET + "\n\ndeploy "
                + INBOUND_SECRET + "\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(permissions));
        return file;
    }

    private static String hmac(String secret, String text) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return HexFormat.of().formatHex(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
    }

    private record Received(String signature, String idempotencyKey, String body) {
    }

    /** The options as picocli binds them for {@code avalon run}. */
    @picocli.CommandLine.Command(name = "probe")
    static final class Probe {
        @picocli.CommandLine.Mixin
        AdapterOptions options;
    }

    private Adapters adapters(String... args) {
        Probe probe = new Probe();
        new picocli.CommandLine(probe).parseArgs(args);
        return probe.options.adapters(brain(), java.time.Clock.fixed(Instant.parse("2026-11-23T08:30:00Z"),
                java.time.ZoneOffset.UTC));
    }

    @Test
    @DisplayName("--webhook-secrets: the webhook sender signs with the outbound secret; a loopback receiver checks it")
    void outboundWebhook() throws Exception {
        List<Received> received = new CopyOnWriteArrayList<>();
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/hook", exchange -> {
            received.add(new Received(exchange.getRequestHeaders().getFirst("Avalon-Signature"),
                    exchange.getRequestHeaders().getFirst("Idempotency-Key"),
                    new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        server.start();
        try {
            Adapters adapters = adapters("--webhook-secrets", secretsFile("rw-------").toString());
            assertThat(adapters.secrets().secret("deploy")).hasValueSatisfying(
                    b -> assertThat(new String(b, StandardCharsets.UTF_8)).isEqualTo(INBOUND_SECRET));
            assertThat(adapters.secrets().secret(AdapterOptions.OUTBOUND)).as("signing secrets check nothing").isEmpty();
            int status = adapters.webhooks().send("http://127.0.0.1:" + server.getAddress().getPort() + "/hook",
                    "{\"ping\":true}", "D-1");

            assertThat(status).isEqualTo(204);
            assertThat(received).singleElement().satisfies(r -> {
                assertThat(r.body()).isEqualTo("{\"ping\":true}");
                long t = Instant.parse("2026-11-23T08:30:00Z").getEpochSecond();
                assertThat(r.signature()).isEqualTo("t=" + t + ",v1=" + hmac(OUTBOUND_SECRET, t + "." + r.body()));
                assertThat(r.idempotencyKey()).isEqualTo("D-1");
            });
        } finally {
            server.stop(0);
        }
    }

    @Test
    @DisplayName("--webhook-secrets wires the sender into avalon run: a WEBHOOK to a closed port stays PENDING for a retry")
    void webhookWired() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        String session = """
                {"action":"automation.create","data":{"automation":{"id":"ping","name":"Ping","enabled":true,\
                "trigger":{"type":"MANUAL"},"actions":[{"type":"WEBHOOK","url":"https://127.0.0.1:%d/hook","body":"{}"}]}}}
                {"action":"automation.run","data":{"id":"ping"}}
                """.formatted(closedPort);
        Cli.Execution run = run(session, "--webhook-secrets", secretsFile("rw-------").toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode state = Json.mapper().readTree(brain().resolve("state/automations.json").toFile());
        assertThat(state.path("outbox")).as(run.out()).singleElement().satisfies(e -> {
            assertThat(e.path("type").asText()).isEqualTo("WEBHOOK");
            assertThat(e.path("status").asText()).isEqualTo("PENDING");
            assertThat(e.path("lastError").asText()).contains("the call failed");
        });
    }

    @Test
    @DisplayName("--webhook-secrets: an inbound webhook signed with the secret of its secretRef is taken, a wrong one refused")
    void inboundWebhook() throws Exception {
        long t = Instant.parse("2026-11-23T08:30:00Z").getEpochSecond();
        String body = "{\"deploy\":\"v2\"}";
        String good = hmac(INBOUND_SECRET, t + "." + body);
        String bad = hmac(OUTBOUND_SECRET, t + "." + body);
        String session = """
                {"action":"automation.create","data":{"automation":{"id":"deploy","name":"Deploy","enabled":true,\
                "trigger":{"type":"WEBHOOK","secretRef":"deploy"},"actions":[{"type":"NOTIFY","level":"INFO","title":"Deploy","message":"done"}]}}}
                {"action":"automation.webhook","data":{"id":"deploy","timestamp":%d,"body":%s,"signature":"%s"}}
                {"action":"automation.webhook","data":{"id":"deploy","timestamp":%d,"body":%s,"signature":"%s"}}
                """.formatted(t, Json.mapper().writeValueAsString(body), good, t, Json.mapper().writeValueAsString(body), bad);
        Cli.Execution run = run(session, "--webhook-secrets", secretsFile("r--------").toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        List<JsonNode> lines = run.jsonLines();
        assertThat(lines.get(1).path("ok").asBoolean()).as(run.out()).isTrue();
        assertThat(lines.get(2).path("error").path("code").asText()).as(run.out()).isEqualTo("FORBIDDEN");
    }

    @Test
    @DisplayName("--mail-from with --smtp-host wires the automations' mail sender: a server that is not there leaves the mail PENDING")
    void textMail() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        String session = """
                {"action":"automation.create","data":{"automation":{"id":"mail","name":"Mail","enabled":true,\
                "trigger":{"type":"MANUAL"},"actions":[{"type":"EMAIL","to":["jan@example.org"],"subject":"Hoi","body":"Test"}]}}}
                {"action":"automation.run","data":{"id":"mail"}}
                """;
        Cli.Execution run = run(session, "--smtp-host", "127.0.0.1", "--smtp-port", String.valueOf(closedPort),
                "--smtp-security", "NONE", "--mail-from", "agenda@example.org");

        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode state = Json.mapper().readTree(brain().resolve("state/automations.json").toFile());
        assertThat(state.path("outbox")).as(state.toString()).singleElement().satisfies(e -> {
            assertThat(e.path("type").asText()).isEqualTo("EMAIL");
            assertThat(e.path("status").asText()).isEqualTo("PENDING");
            assertThat(e.path("lastError").asText()).doesNotContain("no TextMailSender");
        });
    }

    @Test
    @DisplayName("webhook secrets readable by others, inside the brain or too short, and --mail-from without SMTP, are usage errors")
    void secretUsageErrors() throws IOException {
        assertUsage(run("", "--webhook-secrets", secretsFile("rw-r-----").toString()), "--webhook-secrets",
                "chmod 600");
        Path weak = tmp.resolve("weak.secrets");
        Files.writeString(weak, "outbound short\n");
        Files.setPosixFilePermissions(weak, PosixFilePermissions.fromString("rw-------"));
        assertUsage(run("", "--webhook-secrets", weak.toString()), "line 1", "shorter than 16 bytes");
        assertThat(run("", "--webhook-secrets", weak.toString()).err()).doesNotContain("short\n");
        assertUsage(run("", "--mail-from", "agenda@example.org"), "--mail-from needs --smtp-host");
        assertUsage(run("", "--webhook-secrets", brain().resolve("secrets").toString()), "inside the brain");
    }

    private void assertUsage(Cli.Execution run, String... inMessage) {
        assertThat(run.exitCode()).as(run.err()).isEqualTo(2);
        assertThat(run.err()).contains(inMessage);
        assertThat(run.out()).isEmpty();
        assertThat(brain()).doesNotExist();
    }
}
