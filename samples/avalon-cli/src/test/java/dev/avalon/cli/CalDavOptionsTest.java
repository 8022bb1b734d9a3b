package dev.avalon.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("avalon run wires a CalDAV calendar from --caldav-url, --caldav-user and --caldav-password-file")
class CalDavOptionsTest {

    private static final String CLOCK = "2026-11-23T09:30:00+01:00";

    @TempDir
    Path tmp;

    /** One request the loopback collection received: method, path, Authorization header, body. */
    private record Seen(String method, String path, String authorization, String body) {
    }

    private HttpServer dav;
    private final List<Seen> seen = new ArrayList<>();

    /**
     * A loopback stand-in for a CalDAV collection at {@code /dav/anna/work/}: an empty sync answer, a 201 with an
     * ETag for each PUT, 404 for anything else. Enough to see what the adapter the options wired sends.
     */
    @BeforeEach
    void startCollection() throws IOException {
        dav = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        dav.createContext("/", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            synchronized (seen) {
                seen.add(new Seen(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                        exchange.getRequestHeaders().getFirst("Authorization"), body));
            }
            byte[] answer = new byte[0];
            int status = 404;
            if (exchange.getRequestMethod().equals("REPORT")) {
                status = 207;
                answer = "<d:multistatus xmlns:d=\"DAV:\"><d:sync-token>t1</d:sync-token></d:multistatus>"
                        .getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "application/xml; charset=utf-8");
            } else if (exchange.getRequestMethod().equals("PUT")) {
                status = 201;
                exchange.getResponseHeaders().add("ETag", "\"1\"");
            }
            exchange.sendResponseHeaders(status, answer.length == 0 ? -1 : answer.length);
            if (answer.length > 0) {
                exchange.getResponseBody().write(answer);
            }
            exchange.close();
        });
        dav.start();
    }

    @AfterEach
    void stopCollection() {
        dav.stop(0);
    }

    private String collection() {
        return "http://127.0.0.1:" + dav.getAddress().getPort() + "/dav/anna/work/";
    }

    private Path brain() {
        return tmp.resolve("brain");
    }

    private Cli.Execution run(String input, String... options) {
        List<String> args = new ArrayList<>(List.of("run", "--brain", brain().toString(), "--clock", CLOCK));
        args.addAll(List.of(options));
        return Cli.execute(input.getBytes(StandardCharsets.UTF_8), args.toArray(String[]::new));
    }

    @Test
    @DisplayName("a new event is written to the collection at once, with HTTP Basic authentication from the password file; the sync writes nothing more")
    void syncThroughCalDav() throws IOException {
        Path password = tmp.resolve("caldav-password");
        Files.writeString(password, "app pass: 1\n");
        String input = """
                {"action":"calendar.create_event","data":{"title":"Overleg","start":"2026-11-24T10:00","end":"2026-11-24T11:00","domain":"WERK"}}
                {"action":"calendar.sync"}
                """;

        Cli.Execution run = run(input, "--caldav-url", collection(), "--caldav-user", "anna",
                "--caldav-password-file", password.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode sync = run.jsonLines().get(1);
        assertThat(sync.path("ok").asBoolean()).as(sync.toString()).isTrue();
        assertThat(sync.path("data").path("pushed")).as("the event was written when it was made").isEmpty();
        List<Seen> puts = seen.stream().filter(s -> s.method().equals("PUT")).toList();
        assertThat(puts).singleElement().satisfies(put -> {
            assertThat(put.path()).startsWith("/dav/anna/work/").endsWith(".ics");
            assertThat(put.body()).contains("SUMMARY:Overleg", "DTSTART;TZID=Europe/Amsterdam:20261124T100000");
        });
        assertThat(seen).allSatisfy(s -> assertThat(s.authorization()).isEqualTo("Basic "
                + Base64.getEncoder().encodeToString("anna:app pass: 1".getBytes(StandardCharsets.UTF_8))));
        assertThat(run.err()).doesNotContain("app pass: 1");
    }

    @Test
    @DisplayName("without a login the collection is used without authentication")
    void withoutLogin() {
        Cli.Execution run = run("{\"action\":\"calendar.sync\"}\n", "--caldav-url", collection());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.jsonLines().get(0).path("ok").asBoolean()).as(run.out()).isTrue();
        assertThat(seen).isNotEmpty().allSatisfy(s -> assertThat(s.authorization()).isNull());
    }

    @Test
    @DisplayName("incomplete, contradictory or unreadable CalDAV options are usage errors that name the option")
    void usageErrors() {
        Path missing = tmp.resolve("no-such-file");
        assertUsage(run("", "--caldav-user", "anna"), "--caldav-user needs --caldav-url");
        assertUsage(run("", "--caldav-password-file", missing.toString()), "--caldav-password-file needs --caldav-url");
        assertUsage(run("", "--caldav-url", collection(), "--caldav-user", "anna"),
                "--caldav-user needs --caldav-password-file");
        assertUsage(run("", "--caldav-url", collection(), "--caldav-user", "anna", "--caldav-password-file",
                missing.toString()), "--caldav-password-file", "cannot be read");
        assertUsage(run("", "--caldav-url", collection(), "--google-base-url", "http://127.0.0.1:1/calendar/v3"),
                "--caldav-url and --google-base-url exclude each other");
        assertUsage(run("", "--caldav-url", "ftp://dav.example.org/cal/"), "not an http(s) URL");
        assertThat(seen).isEmpty();
    }

    @Test
    @DisplayName("a password file with nothing on its first line is refused without showing what it holds")
    void emptyPasswordFile() throws IOException {
        Path password = tmp.resolve("empty");
        Files.writeString(password, "\nsecond line\n");

        assertUsage(run("", "--caldav-url", collection(), "--caldav-user", "anna", "--caldav-password-file",
                password.toString()), "holds no password on its first line");
    }

    private void assertUsage(Cli.Execution run, String... inMessage) {
        assertThat(run.exitCode()).as(run.err()).isEqualTo(2);
        assertThat(run.err()).contains(inMessage);
        assertThat(run.err()).doesNotContain("second line");
        assertThat(run.out()).isEmpty();
        assertThat(brain()).doesNotExist();
    }
}
