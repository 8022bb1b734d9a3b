package dev.avalon.caldav;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;

/**
 * A loopback HTTP server that answers each request with the next scripted answer and records what it was
 * sent: for what a real server does not do on demand (fail, throttle, truncate, refuse a token).
 */
final class ScriptedDavServer implements AutoCloseable {

    /** An answer; {@code headers} may be empty. */
    record Answer(int status, Map<String, String> headers, String body) {
        static Answer of(int status, String body) {
            return new Answer(status, Map.of(), body);
        }
    }

    /** A request as received. */
    record Request(String method, String path, Map<String, List<String>> headers, String body) {
        String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().get(0)).findFirst().orElse(null);
        }
    }

    private final HttpServer server;
    private final Deque<Answer> script = new ArrayDeque<>();
    private final List<Request> requests = new ArrayList<>();

    ScriptedDavServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    URI calendar() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/dav/anna/work/");
    }

    synchronized ScriptedDavServer then(int status, String body) {
        script.add(Answer.of(status, body));
        return this;
    }

    synchronized ScriptedDavServer then(int status, Map<String, String> headers, String body) {
        script.add(new Answer(status, headers, body));
        return this;
    }

    synchronized List<Request> requests() {
        return List.copyOf(requests);
    }

    private void handle(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        Answer answer;
        synchronized (this) {
            requests.add(new Request(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(),
                    Map.copyOf(exchange.getRequestHeaders()), body));
            answer = script.isEmpty() ? Answer.of(500, "nothing scripted") : script.poll();
        }
        answer.headers().forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
        byte[] bytes = answer.body().getBytes(StandardCharsets.UTF_8);
        if (!answer.body().isEmpty()) {
            exchange.getResponseHeaders().add("Content-Type",
                    answer.body().startsWith("<") ? "application/xml; charset=utf-8" : "text/calendar; charset=utf-8");
        }
        exchange.sendResponseHeaders(answer.status(), bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            exchange.getResponseBody().write(bytes);
        }
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
