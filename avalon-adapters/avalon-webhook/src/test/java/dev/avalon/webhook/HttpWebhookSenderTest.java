package dev.avalon.webhook;

import com.sun.net.httpserver.HttpServer;
import dev.avalon.core.automation.WebhookSignature;
import dev.avalon.core.port.WebhookSender.WebhookException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Signed webhooks to a real HTTP server on a loopback port, checked as a receiver would. */
@DisplayName("HttpWebhookSender signs, names the delivery and tells a retry from a lost cause")
class HttpWebhookSenderTest {

    private static final byte[] OLD = "whsec_old".getBytes(StandardCharsets.UTF_8);
    private static final byte[] NEW = "whsec_new".getBytes(StandardCharsets.UTF_8);
    private static final Instant NOW = Instant.parse("2026-11-23T08:00:00Z");
    private static final String BODY = "{\"event\":\"finance.spent\",\"usedPercent\":84}";

    private record Received(String signature, String idempotencyKey, String contentType, String body) {
    }

    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final AtomicInteger status = new AtomicInteger(200);
    private HttpServer server;
    private String url;

    @BeforeEach
    void start() throws Exception {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/hook", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            received.add(new Received(exchange.getRequestHeaders().getFirst(HttpWebhookSender.SIGNATURE_HEADER),
                    exchange.getRequestHeaders().getFirst(HttpWebhookSender.IDEMPOTENCY_HEADER),
                    exchange.getRequestHeaders().getFirst("Content-Type"), new String(body, StandardCharsets.UTF_8)));
            exchange.sendResponseHeaders(status.get(), -1);
            exchange.close();
        });
        server.start();
        url = "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private HttpWebhookSender sender(List<byte[]> secrets) {
        return new HttpWebhookSender(() -> secrets, Clock.fixed(NOW, ZoneOffset.UTC), Duration.ofSeconds(5));
    }

    @Test
    @DisplayName("the receiver verifies the signature of the body it got, and sees the delivery id")
    void signed() {
        assertThat(sender(List.of(NEW)).send(url, BODY, "AO-0001")).isEqualTo(200);

        Received r = received.get(0);
        assertThat(r.body()).isEqualTo(BODY);
        assertThat(r.idempotencyKey()).isEqualTo("AO-0001");
        assertThat(r.contentType()).startsWith("application/json");
        assertThat(WebhookSignature.verify(r.signature(), r.body(), List.of(NEW), NOW, WebhookSignature.TOLERANCE))
                .isEqualTo(WebhookSignature.Check.VALID);
        assertThat(WebhookSignature.verify(r.signature(), r.body(), List.of(NEW), NOW.plusSeconds(301),
                WebhookSignature.TOLERANCE)).as("a replay six minutes later").isEqualTo(WebhookSignature.Check.STALE);
    }

    @Test
    @DisplayName("during a rotation a receiver that knows only the old or only the new secret accepts the call")
    void rotation() {
        sender(List.of(NEW, OLD)).send(url, BODY, "AO-0002");

        String header = received.get(0).signature();
        assertThat(header).matches("t=\\d+,v1=[0-9a-f]{64},v1=[0-9a-f]{64}");
        for (byte[] known : List.of(OLD, NEW)) {
            assertThat(WebhookSignature.verify(header, BODY, List.of(known), NOW, WebhookSignature.TOLERANCE))
                    .isEqualTo(WebhookSignature.Check.VALID);
        }
    }

    @Test
    @DisplayName("a retry carries the same delivery id; 5xx, 408 and 429 may pass later, 4xx will not")
    void statuses() {
        for (int code : new int[] {500, 503, 408, 429}) {
            status.set(code);
            assertThatThrownBy(() -> sender(List.of(NEW)).send(url, BODY, "AO-0003"))
                    .isInstanceOfSatisfying(WebhookException.class, e -> assertThat(e.transientFailure()).isTrue());
        }
        status.set(400);
        assertThatThrownBy(() -> sender(List.of(NEW)).send(url, BODY, "AO-0003"))
                .isInstanceOfSatisfying(WebhookException.class, e -> assertThat(e.transientFailure()).isFalse());
        status.set(204);
        assertThat(sender(List.of(NEW)).send(url, BODY, "AO-0003")).isEqualTo(204);
        assertThat(received).extracting(Received::idempotencyKey).containsOnly("AO-0003");
    }

    @Test
    @DisplayName("a receiver that is down is a failure a later attempt may fix; no secret or a bad URL is not")
    void unreachable() {
        String down = url;
        server.stop(0);
        assertThatThrownBy(() -> sender(List.of(NEW)).send(down, BODY, "AO-0004"))
                .isInstanceOfSatisfying(WebhookException.class, e -> assertThat(e.transientFailure()).isTrue());
        assertThatThrownBy(() -> sender(List.of()).send(down, BODY, "AO-0004"))
                .isInstanceOfSatisfying(WebhookException.class, e -> assertThat(e.transientFailure()).isFalse());
        assertThatThrownBy(() -> sender(List.of(NEW)).send("ftp://example.org/x", BODY, "AO-0004"))
                .isInstanceOfSatisfying(WebhookException.class, e -> assertThat(e.transientFailure()).isFalse());
        assertThat(sender(List.of(NEW)).toString()).doesNotContain("whsec");
    }
}
