package dev.avalon.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.avalon.core.action.CatalogFormat;
import dev.avalon.tenants.KeyGrant;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static dev.avalon.http.ServerFixture.bearer;
import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("The HTTP API, driven by the JDK's HttpClient against the started server")
class AvalonHttpServerTest {

    static final String CHAT = "{\"conversationId\":\"c-1\",\"role\":\"user\",\"text\":\"Zet de begroting op de agenda.\","
            + "\"ts\":\"2026-11-23T09:15:00+01:00\"}";
    static final String CHAT_ENVELOPE = "{\"action\":\"chatlog.append\",\"data\":" + CHAT + "}";
    static final String CHATLOG = "chatlogs/2026-11-23.jsonl";

    @TempDir
    Path root;
    ServerFixture f;

    @BeforeEach
    void start() {
        f = new ServerFixture(root);
    }

    @AfterEach
    void stop() {
        f.close();
    }

    long chatLines(String tenant) throws IOException {
        Path file = f.tenants.folder(tenant).resolve(CHATLOG);
        return Files.exists(file) ? Files.readAllLines(file).stream().filter(l -> !l.isBlank()).count() : 0;
    }

    static void assertEnvelope(ServerFixture.Answer a, int status, String code) {
        assertThat(a.status()).as(a.body()).isEqualTo(status);
        assertThat(a.header("Content-Type")).startsWith("application/json");
        JsonNode body = a.json();
        assertThat(body.path("ok").asBoolean(true)).isFalse();
        assertThat(body.path("error").path("code").asText()).isEqualTo(code);
        assertThat(body.path("error").path("message").asText()).isNotBlank();
        assertThat(body.path("error").path("details").isArray()).isTrue();
        assertThat(body.path("traceId").asText()).isNotBlank();
        assertNoStackTrace(a);
    }

    static void assertNoStackTrace(ServerFixture.Answer a) {
        assertThat(a.body()).doesNotContain("Exception").doesNotContain("\tat ").doesNotContain("at dev.")
                .doesNotContain("at io.").doesNotContain("at org.").doesNotContain("<html").doesNotContain("<HTML");
    }

    @Nested
    @DisplayName("an action runs")
    class Actions {

        @Test
        @DisplayName("through POST /v1/actions with the envelope as body")
        void envelope() throws IOException {
            ServerFixture.Answer a = f.post("/v1/actions", CHAT_ENVELOPE, bearer(TestKeys.ALICE));
            assertThat(a.status()).as(a.body()).isEqualTo(200);
            assertThat(a.json().path("ok").asBoolean()).isTrue();
            assertThat(a.json().path("action").asText()).isEqualTo("chatlog.append");
            assertThat(chatLines("alice")).isEqualTo(1);
        }

        @Test
        @DisplayName("through POST /v1/actions/{action} with the data as body, the server wrapping it")
        void dataOnly() throws IOException {
            ServerFixture.Answer a = f.post("/v1/actions/chatlog.append", CHAT, bearer(TestKeys.ALICE));
            assertThat(a.status()).as(a.body()).isEqualTo(200);
            assertThat(a.json().path("action").asText()).isEqualTo("chatlog.append");
            assertThat(chatLines("alice")).isEqualTo(1);
            assertThat(chatLines("bob")).isZero();
        }

        @Test
        @DisplayName("on the brain of the key's tenant only")
        void tenantOfTheKey() throws IOException {
            f.post("/v1/actions/chatlog.append", CHAT, bearer(TestKeys.BOB));
            assertThat(chatLines("bob")).isEqualTo(1);
            assertThat(Files.exists(f.tenants.folder("alice").resolve(CHATLOG))).isFalse();
        }

        @Test
        @DisplayName("the governed flow: a patch, its approval in GET /v1/questions, JA, the commit consent, JA, a commit")
        void governedFlow() {
            String[] key = bearer(TestKeys.ALICE);
            ServerFixture.Answer proposed = f.post("/v1/actions/behaviour.propose_patch", "{\"patch\":{\"id\":\"USR-1\","
                    + "\"type\":\"PATCH\",\"path\":\"reminderEscalationRules.threshold\",\"before\":3,\"after\":2,"
                    + "\"rationale\":\"Eerder een duwtje.\",\"riskLevel\":\"LOW\",\"source\":\"USER\"}}", key);
            assertThat(proposed.status()).as(proposed.body()).isEqualTo(200);
            String approval = proposed.json().at("/ask/0/id").asText();
            assertThat(approval).isNotBlank();
            assertThat(f.get("/v1/questions", key).body()).contains(approval);
            String headBefore = f.snapshot("alice").get("HEAD");

            ServerFixture.Answer applied = f.post("/v1/actions/question.answer",
                    "{\"id\":\"" + approval + "\",\"answer\":\"JA\"}", key);
            assertThat(applied.status()).as(applied.body()).isEqualTo(200);
            String consent = applied.json().at("/ask/0/id").asText();
            ServerFixture.Answer committed = f.post("/v1/actions",
                    "{\"action\":\"question.answer\",\"data\":{\"id\":\"" + consent + "\",\"answer\":\"JA\"}}", key);
            assertThat(committed.status()).as(committed.body()).isEqualTo(200);
            String sha = committed.json().at("/data/commitSha").asText();
            assertThat(sha).matches("[0-9a-f]{40}").isNotEqualTo(headBefore);
            assertThat(f.snapshot("alice").get("HEAD")).isEqualTo(sha);

            assertEnvelope(f.post("/v1/actions/question.answer", "{\"id\":\"" + approval + "\",\"answer\":\"JA\"}", key),
                    409, "QUESTION_CLOSED");
        }

        @Test
        @DisplayName("a high-risk action needs Avalon-Confirm: true (meta.confirm): 403 CONFIRMATION_REQUIRED without it")
        void confirm() {
            String data = "{\"enabled\":true,\"reason\":\"Vakantie\"}";
            assertEnvelope(f.post("/v1/actions/governance.set_auto_mode", data, bearer(TestKeys.ALICE)), 403,
                    "CONFIRMATION_REQUIRED");
            ServerFixture.Answer confirmed = f.post("/v1/actions/governance.set_auto_mode", data,
                    bearer(TestKeys.ALICE, "Avalon-Confirm", "true"));
            assertThat(confirmed.status()).as(confirmed.body()).isEqualTo(200);
        }

        @Test
        @DisplayName("GET /v1/questions is question.list of the key's tenant")
        void questions() {
            ServerFixture.Answer a = f.get("/v1/questions", bearer(TestKeys.ALICE));
            assertThat(a.status()).as(a.body()).isEqualTo(200);
            assertThat(a.json().path("action").asText()).isEqualTo("question.list");
            assertThat(a.json().path("data").isObject()).isTrue();
            ServerFixture.Answer all = f.get("/v1/questions?status=all", bearer(TestKeys.ALICE));
            assertThat(all.status()).as(all.body()).isEqualTo(200);
            ServerFixture.Answer bad = f.get("/v1/questions?status=whatever", bearer(TestKeys.ALICE));
            assertEnvelope(bad, 422, "VALIDATION_FAILED");
        }
    }

    @Nested
    @DisplayName("the bearer key")
    class Auth {

        @Test
        @DisplayName("missing: 401, WWW-Authenticate: Bearer, an Avalon error envelope")
        void missing() {
            ServerFixture.Answer a = f.post("/v1/actions", CHAT_ENVELOPE);
            assertEnvelope(a, 401, "UNAUTHORIZED");
            assertThat(a.header("WWW-Authenticate")).startsWith("Bearer");
            assertThat(a.json().path("error").path("message").asText()).contains("required");
        }

        @Test
        @DisplayName("unknown and malformed keys get one and the same answer, so no key's existence leaks")
        void wrong() {
            ServerFixture.Answer unknown = f.post("/v1/actions", CHAT_ENVELOPE, bearer(TestKeys.UNKNOWN));
            ServerFixture.Answer malformed = f.post("/v1/actions", CHAT_ENVELOPE, bearer("not-a-key"));
            ServerFixture.Answer basic = f.post("/v1/actions", CHAT_ENVELOPE, "Authorization", "Basic YWxpY2U6eA==");
            for (ServerFixture.Answer a : new ServerFixture.Answer[] {unknown, malformed, basic}) {
                assertEnvelope(a, 401, "UNAUTHORIZED");
                assertThat(a.header("WWW-Authenticate")).contains("invalid_token");
                assertThat(a.json().path("error").path("message").asText()).isEqualTo("the API key is not valid");
            }
        }

        @Test
        @DisplayName("expired and revoked keys: 401 saying so")
        void expiredRevoked() {
            ServerFixture.Answer expired = f.get("/v1/questions", bearer(TestKeys.EXPIRED));
            assertEnvelope(expired, 401, "UNAUTHORIZED");
            assertThat(expired.json().path("error").path("message").asText()).contains("expired");
            ServerFixture.Answer revoked = f.get("/v1/questions", bearer(TestKeys.REVOKED));
            assertEnvelope(revoked, 401, "UNAUTHORIZED");
            assertThat(revoked.json().path("error").path("message").asText()).contains("revoked");
        }

        @Test
        @DisplayName("out of scope: Avalon refuses FORBIDDEN, 403, nothing written")
        void outOfScope() throws IOException {
            ServerFixture.Answer a = f.post("/v1/actions/chatlog.append", CHAT, bearer(TestKeys.ALICE_READ_ONLY));
            assertEnvelope(a, 403, "FORBIDDEN");
            assertThat(chatLines("alice")).isZero();
            assertThat(f.get("/v1/questions", bearer(TestKeys.ALICE_READ_ONLY)).status()).isEqualTo(200);
        }

        @Test
        @DisplayName("health, readiness and the OpenAPI document need no key")
        void open() {
            assertThat(f.get("/healthz").status()).isEqualTo(200);
            assertThat(f.get("/readyz").status()).isEqualTo(200);
            assertThat(f.get("/openapi.json").status()).isEqualTo(200);
        }
    }

    @Nested
    @DisplayName("idempotency")
    class Idempotency {

        @Test
        @DisplayName("the same Idempotency-Key with the same body: the same answer, one write")
        void replay() throws IOException {
            ServerFixture.Answer first = f.post("/v1/actions/chatlog.append", CHAT,
                    bearer(TestKeys.ALICE, "Idempotency-Key", "append-1"));
            Map<String, String> after = f.snapshot("alice");
            ServerFixture.Answer second = f.post("/v1/actions/chatlog.append", CHAT,
                    bearer(TestKeys.ALICE, "Idempotency-Key", "append-1"));
            assertThat(first.status()).as(first.body()).isEqualTo(200);
            assertThat(second.status()).isEqualTo(200);
            assertThat(second.json()).isEqualTo(first.json());
            assertThat(chatLines("alice")).isEqualTo(1);
            assertThat(f.snapshot("alice")).isEqualTo(after);
        }

        @Test
        @DisplayName("the header and the envelope's meta.idempotencyKey are one key: a replay through either form")
        void headerIsMeta() throws IOException {
            ServerFixture.Answer first = f.post("/v1/actions/chatlog.append", CHAT,
                    bearer(TestKeys.ALICE, "Idempotency-Key", "append-2"));
            ServerFixture.Answer second = f.post("/v1/actions", "{\"action\":\"chatlog.append\",\"data\":" + CHAT
                    + ",\"meta\":{\"idempotencyKey\":\"append-2\"}}", bearer(TestKeys.ALICE));
            assertThat(second.json()).isEqualTo(first.json());
            assertThat(chatLines("alice")).isEqualTo(1);
        }

        @Test
        @DisplayName("the same key with another body: 409 IDEMPOTENCY_CONFLICT, nothing written")
        void conflict() throws IOException {
            f.post("/v1/actions/chatlog.append", CHAT, bearer(TestKeys.ALICE, "Idempotency-Key", "append-3"));
            Map<String, String> before = f.snapshot("alice");
            ServerFixture.Answer other = f.post("/v1/actions/chatlog.append", CHAT.replace("begroting", "vakantie"),
                    bearer(TestKeys.ALICE, "Idempotency-Key", "append-3"));
            assertEnvelope(other, 409, "IDEMPOTENCY_CONFLICT");
            assertThat(chatLines("alice")).isEqualTo(1);
            assertThat(f.snapshot("alice")).isEqualTo(before);
        }

        @Test
        @DisplayName("a header that differs from the body's meta.idempotencyKey: 400 naming the field")
        void headerAndBodyDiffer() throws IOException {
            ServerFixture.Answer a = f.post("/v1/actions", "{\"action\":\"chatlog.append\",\"data\":" + CHAT
                    + ",\"meta\":{\"idempotencyKey\":\"one\"}}", bearer(TestKeys.ALICE, "Idempotency-Key", "two"));
            assertEnvelope(a, 400, "INVALID_REQUEST");
            assertThat(a.json().path("error").path("details").get(0).path("path").asText())
                    .isEqualTo("$.meta.idempotencyKey");
            assertThat(chatLines("alice")).isZero();
        }
    }

    @Nested
    @DisplayName("the trace id")
    class Trace {

        @Test
        @DisplayName("comes from traceparent's trace-id, lands in the answer and is echoed in X-Trace-Id")
        void traceparent() {
            ServerFixture.Answer a = f.post("/v1/actions/chatlog.append", CHAT, bearer(TestKeys.ALICE,
                    "traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"));
            assertThat(a.json().path("traceId").asText()).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
            assertThat(a.header("X-Trace-Id")).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
        }

        @Test
        @DisplayName("or from X-Request-Id; without either the server makes one, and echoes it")
        void requestId() {
            ServerFixture.Answer a = f.post("/v1/actions", CHAT_ENVELOPE, bearer(TestKeys.ALICE, "X-Request-Id", "req-42"));
            assertThat(a.json().path("traceId").asText()).isEqualTo("req-42");
            assertThat(a.header("X-Trace-Id")).isEqualTo("req-42");
            ServerFixture.Answer none = f.get("/v1/questions", bearer(TestKeys.ALICE));
            assertThat(none.header("X-Trace-Id")).isNotBlank().isEqualTo(none.json().path("traceId").asText());
            ServerFixture.Answer refused = f.get("/v1/questions", "X-Request-Id", "req-43");
            assertThat(refused.header("X-Trace-Id")).isEqualTo("req-43");
            assertThat(refused.json().path("traceId").asText()).isEqualTo("req-43");
        }
    }

    @Nested
    @DisplayName("limits")
    class Limits {

        @Test
        @DisplayName("a body over the limit: 413 PAYLOAD_TOO_LARGE in the envelope, nothing written")
        void tooLarge() throws IOException {
            Map<String, String> before = f.snapshot("alice");
            String big = "{\"action\":\"chatlog.append\",\"data\":{\"conversationId\":\"c\",\"role\":\"user\",\"text\":\""
                    + "x".repeat(300 * 1024) + "\"}}";
            assertEnvelope(f.post("/v1/actions", big, bearer(TestKeys.ALICE)), 413, "PAYLOAD_TOO_LARGE");
            assertThat(f.snapshot("alice")).isEqualTo(before);
        }

        @Test
        @DisplayName("a body over the limit without a Content-Length (chunked) is cut off at the limit: 413 too")
        void tooLargeChunked() {
            byte[] big = ("{\"text\":\"" + "x".repeat(300 * 1024) + "\"}").getBytes(StandardCharsets.UTF_8);
            ServerFixture.Answer a = f.send("POST", "/v1/actions/chatlog.append",
                    HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(big)),
                    bearer(TestKeys.ALICE, "Content-Type", "application/json"));
            assertEnvelope(a, 413, "PAYLOAD_TOO_LARGE");
        }

        @Test
        @DisplayName("too many requests: 429 RATE_LIMITED with Retry-After in whole seconds from retryAfterMs")
        void rateLimited() {
            ServerFixture.Answer last = null;
            for (int i = 0; i < 5; i++) {
                last = f.get("/v1/questions", bearer(TestKeys.SLOW));
                if (last.status() == 429) {
                    break;
                }
            }
            assertEnvelope(last, 429, "RATE_LIMITED");
            long ms = last.json().path("error").path("retryAfterMs").asLong();
            assertThat(ms).isPositive();
            assertThat(last.header("Retry-After")).isEqualTo(Long.toString(ApiRoutes.seconds(ms)));
            assertThat(Long.parseLong(last.header("Retry-After")) * 1000).isGreaterThanOrEqualTo(ms);
        }

        @Test
        @DisplayName("a client that stops half way through its request is cut off after the idle timeout")
        void idle() throws IOException {
            try (ServerFixture other = new ServerFixture(root.resolve("other"),
                    b -> b.idleTimeout(java.time.Duration.ofMillis(300)));
                 Socket s = new Socket(other.server.uri().getHost(), other.server.port())) {
                // far shorter than the default idle timeout (30 s): a read that ends before it means the
                // configured one cut the connection
                s.setSoTimeout(20_000);
                s.getOutputStream().write("GET /healthz HTTP/1.1\r\nHost: x\r\nX-Slow: "
                        .getBytes(StandardCharsets.ISO_8859_1));
                s.getOutputStream().flush();
                String answer = new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                assertThat(answer).doesNotContain("<html").doesNotContain("Exception");
            }
        }

        @Test
        @DisplayName("an action that outlasts the request time limit: 503 TIMEOUT with Retry-After")
        void timeout() throws Exception {
            CountDownLatch release = new CountDownLatch(1);
            TestTenants tenants = new TestTenants(root.resolve("blocking"), ServerFixture.CLOCK);
            try (tenants; ServerFixture slow = new ServerFixture(root.resolve("other"), b -> b
                    .requestTimeout(java.time.Duration.ofMillis(200))
                    .brains(new BlockingBrains(tenants, release)))) {
                ServerFixture.Answer a = slow.get("/v1/questions", bearer(TestKeys.ALICE));
                release.countDown();
                assertEnvelope(a, 503, "TIMEOUT");
                assertThat(a.header("Retry-After")).isEqualTo("1");
            } finally {
                release.countDown();
            }
        }
    }

    @Nested
    @DisplayName("bad input")
    class BadInput {

        @Test
        @DisplayName("is answered with the envelope and the right status, and changes nothing in the brain")
        void changesNothing() {
            f.post("/v1/actions/chatlog.append", CHAT, bearer(TestKeys.ALICE));
            Map<String, String> before = f.snapshot("alice");
            String[] key = bearer(TestKeys.ALICE);
            assertEnvelope(f.post("/v1/actions", "{not json", key), 400, "INVALID_JSON");
            assertEnvelope(f.post("/v1/actions/chatlog.append", "{not json", key), 400, "INVALID_JSON");
            assertEnvelope(f.post("/v1/actions", "[1,2]", key), 400, "INVALID_REQUEST");
            assertEnvelope(f.post("/v1/actions", "{\"action\":\"chatlog.append\",\"data\":{},\"extra\":1}", key),
                    400, "INVALID_REQUEST");
            assertEnvelope(f.post("/v1/actions", new byte[] {'{', '"', (byte) 0xC3, (byte) 0x28, '"', '}'}, key),
                    400, "INVALID_JSON");
            assertEnvelope(f.post("/v1/actions/chatlog.append", new byte[] {'{', '"', (byte) 0xFF, '"', ':', '1', '}'}, key),
                    400, "INVALID_JSON");
            assertEnvelope(f.post("/v1/actions/chatlog.append", "{\"role\":\"robot\",\"text\":5}", key),
                    422, "VALIDATION_FAILED");
            assertEnvelope(f.post("/v1/actions/chatlog.nope", "{}", key), 404, "UNKNOWN_ACTION");
            assertEnvelope(f.post("/v1/actions", "{\"action\":\"chatlog.nope\",\"data\":{}}", key), 404, "UNKNOWN_ACTION");
            assertEnvelope(f.post("/v1/actions/chatlog.append", CHAT, bearer(TestKeys.ALICE, "Content-Type", "text/plain")),
                    415, "UNSUPPORTED_MEDIA_TYPE");
            assertEnvelope(f.post("/v1/actions/chatlog.append", CHAT,
                    bearer(TestKeys.ALICE, "Content-Type", "application/json; charset=iso-8859-1")),
                    415, "UNSUPPORTED_MEDIA_TYPE");
            assertEnvelope(f.post("/v1/actions/chatlog.append", CHAT), 401, "UNAUTHORIZED");
            assertThat(f.snapshot("alice")).isEqualTo(before);
        }

        @Test
        @DisplayName("never gets a stack trace or an HTML page: garbage, wrong methods, unknown routes, huge headers")
        void noStackTrace() throws IOException {
            String[] key = bearer(TestKeys.ALICE);
            assertEnvelope(f.get("/nowhere", key), 404, "NOT_FOUND");
            assertEnvelope(f.get("/v1/actions", key), 405, "METHOD_NOT_ALLOWED");
            assertEnvelope(f.send("DELETE", "/v1/actions/chatlog.append", HttpRequest.BodyPublishers.noBody(), key),
                    405, "METHOD_NOT_ALLOWED");
            assertEnvelope(f.send("PUT", "/healthz", HttpRequest.BodyPublishers.ofString("x"), key), 405,
                    "METHOD_NOT_ALLOWED");
            assertEnvelope(f.post("/v1/actions", new byte[] {0, 1, 2, (byte) 0xFE, (byte) 0xFF}, key), 400, "INVALID_JSON");
            ServerFixture.Answer huge = f.get("/v1/questions", bearer(TestKeys.ALICE, "X-Junk", "j".repeat(64 * 1024)));
            assertThat(huge.status()).isEqualTo(431);
            assertNoStackTrace(huge);
            assertThat(huge.json().path("error").path("code").asText()).isEqualTo("PAYLOAD_TOO_LARGE");
            String garbage = raw("GARBAGE / nonsense\r\n\r\n");
            assertThat(garbage).startsWith("HTTP/1.1 505").contains("\"ok\":false", "INVALID_REQUEST")
                    .doesNotContain("<html").doesNotContain("Exception");
            String badUri = raw("GET /v1/%zz HTTP/1.1\r\nHost: x\r\n\r\n");
            assertThat(badUri).startsWith("HTTP/1.1 400").contains("\"ok\":false", "application/json")
                    .doesNotContain("<html").doesNotContain("Exception");
            String noHost = raw("GET /healthz HTTP/1.1\r\n\r\n");
            assertThat(noHost).startsWith("HTTP/1.1 400").contains("\"ok\":false").doesNotContain("<html");
        }

        @Test
        @DisplayName("a failure inside the server is INTERNAL_ERROR, 500, without its message or trace")
        void internalError() {
            ServerFixture.Answer a = f.get("/v1/questions", bearer(TestKeys.BROKEN));
            assertEnvelope(a, 500, "INTERNAL_ERROR");
            assertThat(a.body()).doesNotContain("secret").doesNotContain("Secret.java");
        }

        @Test
        @DisplayName("a tenant whose brain cannot be opened: 503 TENANT_UNAVAILABLE")
        void unavailable() {
            ServerFixture.Answer a = f.get("/v1/questions", bearer(TestKeys.LOCKED));
            assertEnvelope(a, 503, "TENANT_UNAVAILABLE");
            assertThat(a.body()).doesNotContain("another process");
        }

        private String raw(String request) throws IOException {
            try (Socket s = new Socket(f.server.uri().getHost(), f.server.port())) {
                s.setSoTimeout(10_000);
                OutputStream out = s.getOutputStream();
                out.write(request.getBytes(StandardCharsets.ISO_8859_1));
                out.flush();
                InputStream in = s.getInputStream();
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
        }
    }

    @Nested
    @DisplayName("GET /openapi.json")
    class OpenApi {

        @Test
        @DisplayName("is the export plus this server and the bearer scheme, and a real OpenAPI 3.1 parser accepts it")
        void document() {
            ServerFixture.Answer a = f.get("/openapi.json");
            assertThat(a.status()).isEqualTo(200);
            ObjectNode served = (ObjectNode) a.json();
            assertThat(served.path("servers").get(0).path("url").asText()).isEqualTo(f.server.uri().toString());
            assertThat(served.path("components").path("securitySchemes").path("avalonKey").path("scheme").asText())
                    .isEqualTo("bearer");
            assertThat(served.path("security").get(0).has("avalonKey")).isTrue();

            ParseOptions options = new ParseOptions();
            options.setResolve(true);
            SwaggerParseResult parsed = new OpenAPIV3Parser().readContents(a.body(), null, options);
            assertThat(parsed.getMessages()).isEmpty();
            assertThat(parsed.getOpenAPI().getOpenapi()).isEqualTo("3.1.0");

            ObjectNode stripped = served.deepCopy();
            stripped.remove("servers");
            stripped.remove("security");
            ((ObjectNode) stripped.get("components")).remove("securitySchemes");
            JsonNode export = f.tenants.with("catalog", x -> x.exportCatalog(CatalogFormat.OPENAPI));
            assertThat(stripped).isEqualTo(export);
        }

        @Test
        @DisplayName("its paths are served under its server URL: a client calling the document reaches the action")
        void pathsAreServed() throws IOException {
            JsonNode doc = f.get("/openapi.json").json();
            String path = null;
            for (var it = doc.path("paths").fieldNames(); it.hasNext(); ) {
                String p = it.next();
                if (p.endsWith("/chatlog.append")) {
                    path = p;
                }
            }
            assertThat(path).isEqualTo("/v1/actions/chatlog.append");
            String url = doc.path("servers").get(0).path("url").asText();
            assertThat(url).isEqualTo(f.server.uri().toString());
            ServerFixture.Answer a = f.post(path, CHAT, bearer(TestKeys.ALICE));
            assertThat(a.status()).as(a.body()).isEqualTo(200);
            assertThat(chatLines("alice")).isEqualTo(1);
            // every documented operation is a route here: without a key each asks for one, none is 404 or 405
            for (var it = doc.path("paths").fieldNames(); it.hasNext(); ) {
                String p = it.next();
                assertThat(doc.path("paths").path(p).has("post")).as(p).isTrue();
                assertThat(f.post(p, "{}").status()).as(p).isEqualTo(401);
            }
        }

        @Test
        @DisplayName("names the public URL when one is set")
        void publicUrl() {
            try (ServerFixture other = new ServerFixture(root.resolve("other"), b -> b.publicUrl("https://avalon.example.org/"))) {
                assertThat(other.get("/openapi.json").json().path("servers").get(0).path("url").asText())
                        .isEqualTo("https://avalon.example.org");
            }
        }
    }

    @Nested
    @DisplayName("health and readiness")
    class Health {

        @Test
        @DisplayName("/readyz is 503 while a check fails, 200 when all hold; /healthz is 200 regardless")
        void readiness() {
            AtomicBoolean keysReadable = new AtomicBoolean(false);
            try (ServerFixture other = new ServerFixture(root.resolve("other"),
                    b -> b.readiness(new ReadinessCheck("keys", keysReadable::get))
                            .readiness(ReadinessCheck.writableFolder("brains", root)))) {
                ServerFixture.Answer not = other.get("/readyz");
                assertThat(not.status()).isEqualTo(503);
                assertThat(not.json().path("checks").path("keys").asBoolean()).isFalse();
                assertThat(not.json().path("checks").path("brains").asBoolean()).isTrue();
                assertThat(other.get("/healthz").status()).isEqualTo(200);
                keysReadable.set(true);
                assertThat(other.get("/readyz").status()).isEqualTo(200);
            }
        }
    }

    @Nested
    @DisplayName("the access log")
    class Log {

        @Test
        @DisplayName("has one line per request with route template, status, tenant, key id and trace, never the key or the body")
        void noSecrets() {
            String secret = "zebra-geheim-" + System.nanoTime();
            f.post("/v1/actions/chatlog.append", CHAT.replace("begroting", secret),
                    bearer(TestKeys.ALICE, "X-Request-Id", "req-log"));
            f.post("/v1/actions", "{\"action\":\"chatlog.append\",\"data\":{\"text\":\"" + secret + "\"}}",
                    bearer(TestKeys.UNKNOWN));
            f.get("/v1/questions?status=" + secret, bearer(TestKeys.ALICE));
            assertThat(f.accessLog).hasSize(3);
            assertThat(f.accessLog.get(0)).contains("method=POST", "route=/v1/actions/{action}", "status=200",
                    "tenant=alice", "key=k-alice", "trace=req-log", "in=" + CHAT.replace("begroting", secret).length());
            assertThat(f.accessLog.get(1)).contains("status=401", "tenant=-", "key=-");
            assertThat(f.accessLog.get(2)).contains("route=/v1/questions").doesNotContain("status=" + secret);
            for (String line : f.accessLog) {
                assertThat(line).doesNotContain(secret).doesNotContain(TestKeys.ALICE).doesNotContain(TestKeys.UNKNOWN)
                        .doesNotContain("avl_").doesNotContain("Bearer");
            }
        }
    }

    @Nested
    @DisplayName("a servlet mounted at /mcp")
    class Mcp {

        @Test
        @DisplayName("is behind the bearer check and finds the KeyGrant under KeyGrant.REQUEST_ATTRIBUTE")
        void mounted() {
            try (ServerFixture other = new ServerFixture(root.resolve("other"), b -> b.mcp(new EchoTenant()))) {
                ServerFixture.Answer a = other.post("/mcp", "{}", bearer(TestKeys.BOB));
                assertThat(a.status()).isEqualTo(200);
                assertThat(a.body()).isEqualTo("tenant=bob key=k-bob");
                assertThat(other.get("/mcp/sub", bearer(TestKeys.ALICE)).body()).isEqualTo("tenant=alice key=k-alice");
                ServerFixture.Answer refused = other.post("/mcp", "{}");
                assertEnvelope(refused, 401, "UNAUTHORIZED");
                assertThat(refused.header("WWW-Authenticate")).startsWith("Bearer");
                assertEnvelope(other.post("/mcp", "{}", bearer(TestKeys.REVOKED)), 401, "UNAUTHORIZED");
                assertThat(other.accessLog).anySatisfy(l -> assertThat(l).contains("route=/mcp", "tenant=bob", "status=200"));
                assertThat(other.accessLog).noneSatisfy(l -> assertThat(l).contains("avl_"));
                // the API is still there next to it
                assertThat(other.get("/v1/questions", bearer(TestKeys.ALICE)).status()).isEqualTo(200);
            }
        }
    }

    @Nested
    @DisplayName("the scheduler")
    class Scheduler {

        @Test
        @DisplayName("ticks every open tenant and stops when the server closes")
        void ticks() throws InterruptedException {
            CountDownLatch ticked = new CountDownLatch(1);
            TestTenants tenants = new TestTenants(root.resolve("ticking"), ServerFixture.CLOCK);
            CountingBrains counting = new CountingBrains(tenants, ticked);
            ServerFixture other = new ServerFixture(root.resolve("other"),
                    b -> b.brains(counting).tickEvery(java.time.Duration.ofMillis(20)));
            try {
                other.get("/v1/questions", bearer(TestKeys.ALICE));
                assertThat(ticked.await(30, TimeUnit.SECONDS)).isTrue();
                assertThat(counting.tickedTenants()).contains("alice");
            } finally {
                other.close();
                tenants.close();
            }
            assertThat(other.server.schedulerStopped()).isTrue();
        }
    }

    /**
     * Echoes the tenant and key id of the grant the gate left on the request, from an async request as
     * the MCP transport answers (server-sent events).
     */
    static final class EchoTenant extends HttpServlet {
        @Override
        protected void service(HttpServletRequest req, HttpServletResponse res) throws IOException {
            KeyGrant grant = (KeyGrant) req.getAttribute(KeyGrant.REQUEST_ATTRIBUTE);
            jakarta.servlet.AsyncContext async = req.startAsync();
            res.setContentType("text/plain");
            res.getWriter().write("tenant=" + grant.tenant() + " key=" + grant.keyId());
            async.complete();
        }
    }
}
