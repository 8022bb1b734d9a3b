package dev.avalon.caldav;

import dev.avalon.core.port.RetryPolicy;

import dev.avalon.core.port.RemoteCalendarException;
import dev.avalon.core.port.RemoteCalendarException.Kind;
import dev.avalon.core.port.RemoteChanges;
import dev.avalon.core.port.RemoteEvent;
import dev.avalon.testkit.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@DisplayName("CalDavCalendar against a scripted server: retries, refusals, tokens, truncation and the XML it sends")
class CalDavCalendarTest {

    private static final String ONE_EVENT = """
            BEGIN:VCALENDAR\r
            VERSION:2.0\r
            PRODID:-//Test//EN\r
            BEGIN:VEVENT\r
            UID:one@example.org\r
            DTSTAMP:20261123T070000Z\r
            DTSTART:20261124T100000Z\r
            DTEND:20261124T110000Z\r
            SUMMARY:One\r
            END:VEVENT\r
            END:VCALENDAR\r
            """;

    private ScriptedDavServer server;
    private final List<Duration> slept = new ArrayList<>();
    private final MutableClock clock = MutableClock.at("2026-11-23T08:00:00+01:00");

    @BeforeEach
    void start() throws Exception {
        server = new ScriptedDavServer();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private CalDavCalendar calendar() {
        return new CalDavCalendar(CalDavConfig.custom(server.calendar())
                .login("anna", "pa:ss word")
                .retry(new RetryPolicy(3, Duration.ofSeconds(1), Duration.ofSeconds(8), Duration.ZERO))
                .sleeper(slept::add)
                .random(new Random(1))
                .clock(clock)
                .build());
    }

    private static String sync(String token, String... responses) {
        return "<d:multistatus xmlns:d=\"DAV:\">" + String.join("", responses) + "<d:sync-token>" + token
                + "</d:sync-token></d:multistatus>";
    }

    private static String member(String href, String etag) {
        return "<d:response><d:href>" + href + "</d:href><d:propstat><d:prop><d:getetag>" + etag
                + "</d:getetag></d:prop><d:status>HTTP/1.1 200 OK</d:status></d:propstat></d:response>";
    }

    private static String gone(String href) {
        return "<d:response><d:href>" + href + "</d:href><d:status>HTTP/1.1 404 Not Found</d:status></d:response>";
    }

    private static String data(String href, String etag, String ics) {
        return "<d:multistatus xmlns:d=\"DAV:\" xmlns:c=\"urn:ietf:params:xml:ns:caldav\"><d:response><d:href>" + href
                + "</d:href><d:propstat><d:prop><d:getetag>" + etag + "</d:getetag><c:calendar-data>"
                + ics.replace("&", "&amp;").replace("<", "&lt;")
                + "</c:calendar-data></d:prop><d:status>HTTP/1.1 200 OK</d:status></d:propstat></d:response>"
                + "</d:multistatus>";
    }

    private static Document xml(String body) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        return factory.newDocumentBuilder().parse(new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    @DisplayName("a full listing: sync-collection with an empty token at Depth 0, then calendar-multiget of the members")
    void fullListing() throws Exception {
        server.then(207, sync("tok-1", member("/dav/anna/work/one.ics", "\"e1\"")))
                .then(207, data("/dav/anna/work/one.ics", "\"e1\"", ONE_EVENT));

        RemoteChanges all = calendar().changes(Optional.empty());

        assertThat(all.fullSync()).isTrue();
        assertThat(all.nextSyncToken()).isEqualTo("tok-1");
        assertThat(all.events()).singleElement().satisfies(e -> {
            assertThat(e.remoteId()).isEqualTo("one");
            assertThat(e.etag()).isEqualTo("\"e1\"");
            assertThat(e.title()).isEqualTo("One");
            assertThat(e.start()).isEqualTo(Instant.parse("2026-11-24T10:00:00Z"));
        });
        ScriptedDavServer.Request report = server.requests().get(0);
        assertThat(report.method()).isEqualTo("REPORT");
        assertThat(report.header("Depth")).isEqualTo("0");
        Document body = xml(report.body());
        assertThat(body.getDocumentElement().getNamespaceURI()).isEqualTo("DAV:");
        assertThat(body.getDocumentElement().getLocalName()).isEqualTo("sync-collection");
        assertThat(body.getElementsByTagNameNS("DAV:", "sync-token").item(0).getTextContent()).isEmpty();
        assertThat(body.getElementsByTagNameNS("DAV:", "sync-level").item(0).getTextContent()).isEqualTo("1");
        Document multiget = xml(server.requests().get(1).body());
        assertThat(multiget.getDocumentElement().getLocalName()).isEqualTo("calendar-multiget");
        assertThat(multiget.getDocumentElement().getNamespaceURI()).isEqualTo("urn:ietf:params:xml:ns:caldav");
        assertThat(multiget.getElementsByTagNameNS("DAV:", "href").item(0).getTextContent())
                .isEqualTo("/dav/anna/work/one.ics");
    }

    @Test
    @DisplayName("a token is sent as text (escaped), deleted members come back cancelled, unchanged listings are empty")
    void incrementalListing() throws Exception {
        server.then(207, sync("tok-3", gone("/dav/anna/work/old00001.ics")));

        RemoteChanges changes = calendar().changes(Optional.of("tok<&>2"));

        assertThat(changes.fullSync()).isFalse();
        assertThat(changes.events()).singleElement().satisfies(e -> {
            assertThat(e.remoteId()).isEqualTo("old00001");
            assertThat(e.cancelled()).isTrue();
        });
        assertThat(xml(server.requests().get(0).body()).getElementsByTagNameNS("DAV:", "sync-token").item(0)
                .getTextContent()).isEqualTo("tok<&>2");
    }

    @Test
    @DisplayName("a token refused with DAV:valid-sync-token (403) makes a full listing that says so")
    void refusedToken() throws Exception {
        server.then(403, "<d:error xmlns:d=\"DAV:\"><d:valid-sync-token/></d:error>")
                .then(207, sync("tok-9", member("/dav/anna/work/one.ics", "\"e1\"")))
                .then(207, data("/dav/anna/work/one.ics", "\"e1\"", ONE_EVENT));

        RemoteChanges changes = calendar().changes(Optional.of("expired"));

        assertThat(changes.fullSync()).isTrue();
        assertThat(changes.nextSyncToken()).isEqualTo("tok-9");
        assertThat(changes.events()).extracting(RemoteEvent::remoteId).containsExactly("one");
        assertThat(xml(server.requests().get(1).body()).getElementsByTagNameNS("DAV:", "sync-token").item(0)
                .getTextContent()).isEmpty();
    }

    @Test
    @DisplayName("a plain 403 on a listing is UNAUTHORIZED, not a resync")
    void plainForbidden() {
        server.then(403, "");

        assertThatThrownBy(() -> calendar().changes(Optional.of("tok")))
                .isInstanceOfSatisfying(RemoteCalendarException.class,
                        e -> assertThat(e.kind()).isEqualTo(Kind.UNAUTHORIZED));
    }

    @Test
    @DisplayName("an incremental report failing with 500 after every retry falls back to a full listing")
    void serverErrorOnAToken() {
        server.then(500, "").then(500, "").then(500, "").then(500, "")
                .then(207, sync("tok-2"));

        RemoteChanges changes = calendar().changes(Optional.of("tok-1"));

        assertThat(changes.fullSync()).isTrue();
        assertThat(changes.events()).isEmpty();
        assertThat(slept).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(4));
    }

    @Test
    @DisplayName("5xx and 429 are retried with backoff and Retry-After; a full listing failing every time is UNAVAILABLE")
    void retries() {
        server.then(503, "").then(429, Map.of("Retry-After", "5"), "").then(207, sync("tok-1"));

        assertThat(calendar().changes(Optional.empty()).nextSyncToken()).isEqualTo("tok-1");
        assertThat(slept).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(5));

        slept.clear();
        server.then(502, "").then(502, "").then(502, "").then(502, "");
        assertThatThrownBy(() -> calendar().changes(Optional.empty()))
                .isInstanceOfSatisfying(RemoteCalendarException.class,
                        e -> assertThat(e.kind()).isEqualTo(Kind.UNAVAILABLE));
        assertThat(slept).hasSize(3);
    }

    @Test
    @DisplayName("a Retry-After beyond the cap fails at once as RATE_LIMITED")
    void retryAfterBeyondTheCap() {
        server.then(429, Map.of("Retry-After", "3600"), "");

        assertThatThrownBy(() -> calendar().get("abc00001"))
                .isInstanceOfSatisfying(RemoteCalendarException.class,
                        e -> assertThat(e.kind()).isEqualTo(Kind.RATE_LIMITED));
        assertThat(slept).isEmpty();
    }

    @Test
    @DisplayName("HTTP Basic authentication; a 401 is UNAUTHORIZED and no message holds the password")
    void basicAuthentication() {
        server.then(401, "");

        assertThatThrownBy(() -> calendar().get("abc00001"))
                .isInstanceOfSatisfying(RemoteCalendarException.class, e -> {
                    assertThat(e.kind()).isEqualTo(Kind.UNAUTHORIZED);
                    assertThat(e.getMessage()).doesNotContain("pa:ss word");
                });
        assertThat(server.requests().get(0).header("Authorization")).isEqualTo("Basic "
                + Base64.getEncoder().encodeToString("anna:pa:ss word".getBytes(StandardCharsets.UTF_8)));
        assertThat(CalDavConfig.custom(server.calendar()).login("anna", "pa:ss word").build().toString())
                .doesNotContain("pa:ss word");
    }

    @Test
    @DisplayName("a truncated sync answer (507 on the collection) is continued with the token it carried")
    void truncatedSync() throws Exception {
        server.then(207, sync("tok-a", member("/dav/anna/work/one.ics", "\"e1\""),
                        "<d:response><d:href>/dav/anna/work/</d:href><d:status>HTTP/1.1 507 Insufficient Storage"
                                + "</d:status></d:response>"))
                .then(207, sync("tok-b", member("/dav/anna/work/two00001.ics", "\"e2\"")))
                .then(207, data("/dav/anna/work/one.ics", "\"e1\"", ONE_EVENT)
                        .replace("</d:multistatus>", "") + data("/dav/anna/work/two00001.ics", "\"e2\"",
                        ONE_EVENT.replace("UID:one", "UID:two")).replaceFirst("^<d:multistatus[^>]*>", ""));

        RemoteChanges all = calendar().changes(Optional.empty());

        assertThat(all.nextSyncToken()).isEqualTo("tok-b");
        assertThat(all.events()).extracting(RemoteEvent::remoteId).containsExactlyInAnyOrder("one", "two00001");
        assertThat(xml(server.requests().get(1).body()).getElementsByTagNameNS("DAV:", "sync-token").item(0)
                .getTextContent()).isEqualTo("tok-a");
    }

    @Test
    @DisplayName("an answer with a document type declaration is refused, never expanded")
    void noDoctype() {
        server.then(207, "<!DOCTYPE d [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
                + "<d:multistatus xmlns:d=\"DAV:\"><d:sync-token>&x;</d:sync-token></d:multistatus>");

        assertThatThrownBy(() -> calendar().changes(Optional.empty()))
                .isInstanceOfSatisfying(RemoteCalendarException.class,
                        e -> assertThat(e.kind()).isEqualTo(Kind.UNAVAILABLE));
    }

    @Test
    @DisplayName("an insert is a PUT with If-None-Match: *; a write answered without ETag is read back for it")
    void insertWithoutEtagInTheAnswer() {
        Instant nine = Instant.parse("2026-11-23T08:00:00Z");
        RemoteEvent event = new RemoteEvent("abc00001", null, null, "Board", "", "", nine, nine.plusSeconds(3600),
                "Europe/Amsterdam", null, null, List.of(), null, null, false, List.of(), null, Map.of(), null);
        server.then(201, "").then(200, Map.of("ETag", "\"v1\""), ONE_EVENT);

        RemoteEvent stored = calendar().insert(event);

        assertThat(stored.etag()).isEqualTo("\"v1\"");
        ScriptedDavServer.Request put = server.requests().get(0);
        assertThat(put.method()).isEqualTo("PUT");
        assertThat(put.path()).isEqualTo("/dav/anna/work/abc00001.ics");
        assertThat(put.header("If-None-Match")).isEqualTo("*");
        assertThat(put.header("Content-Type")).startsWith("text/calendar");
        assertThat(put.body()).contains("DTSTART;TZID=Europe/Amsterdam:20261123T090000", "BEGIN:VTIMEZONE",
                "TZID:Europe/Amsterdam", "UID:abc00001");
        assertThat(server.requests().get(1).method()).isEqualTo("GET");
    }

    @Test
    @DisplayName("a delete sends If-Match; a 412 for an event that is gone by now is no error, for one that changed a CONFLICT")
    void deletePreconditions() {
        server.then(412, "").then(404, "");
        calendar().delete("abc00001", "\"old\"");
        assertThat(server.requests().get(0).header("If-Match")).isEqualTo("\"old\"");

        server.then(412, "").then(200, Map.of("ETag", "\"new\""), ONE_EVENT);
        assertThatThrownBy(() -> calendar().delete("abc00001", "\"old\""))
                .isInstanceOfSatisfying(RemoteCalendarException.class, e -> {
                    assertThat(e.kind()).isEqualTo(Kind.CONFLICT);
                    assertThat(e.current()).hasValueSatisfying(c -> assertThat(c.etag()).isEqualTo("\"new\""));
                });
    }

    @Test
    @DisplayName("the configuration reports every problem at once and adds the collection's trailing slash")
    void configuration() {
        assertThat(CalDavConfig.custom(URI.create("https://dav.example.org/cal")).build().calendar())
                .isEqualTo(URI.create("https://dav.example.org/cal/"));
        assertThatThrownBy(() -> CalDavConfig.custom(URI.create("ftp://x/")).login("a:b", null).multigetBatch(0)
                .build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not an http(s) URL")
                .hasMessageContaining("':'")
                .hasMessageContaining("user and password go together")
                .hasMessageContaining("multigetBatch");
    }
}
