package dev.avalon.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.avalon.testkit.google.FakeGoogleCalendarServer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

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

    private void assertUsage(Cli.Execution run, String... inMessage) {
        assertThat(run.exitCode()).as(run.err()).isEqualTo(2);
        assertThat(run.err()).contains(inMessage);
        assertThat(run.out()).isEmpty();
        assertThat(brain()).doesNotExist();
    }
}
