package dev.avalon.testkit.google;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.avalon.testkit.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("FakeGoogleCalendarServer keeps the rules Google documents: sync-token restrictions, replies, PATCH vs PUT, events.instances, 403 reasons")
class FakeGoogleCalendarServerRulesTest {

    private final MutableClock clock = MutableClock.at("2026-11-23T08:00:00+01:00");
    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();
    private FakeGoogleCalendarServer google;
    private String events;
    private String token;

    private void start(boolean opaqueInstanceIds) throws Exception {
        google = FakeGoogleCalendarServer.builder().clock(clock).opaqueInstanceIds(opaqueInstanceIds).start();
        events = google.baseUri() + "/calendars/primary/events";
        token = token();
    }

    @AfterEach
    void stop() {
        if (google != null) {
            google.close();
        }
    }

    private record Reply(int status, JsonNode body) {
        String reason() {
            return body.path("error").path("errors").get(0).path("reason").asText();
        }
    }

    private String token() throws Exception {
        HttpResponse<String> response = tokenRequest();
        assertThat(response.statusCode()).isEqualTo(200);
        return json.readTree(response.body()).path("access_token").asText();
    }

    private HttpResponse<String> tokenRequest() throws Exception {
        String form = "grant_type=refresh_token&client_id=" + enc(FakeGoogleCalendarServer.CLIENT_ID)
                + "&client_secret=" + enc(FakeGoogleCalendarServer.CLIENT_SECRET)
                + "&refresh_token=" + enc(FakeGoogleCalendarServer.REFRESH_TOKEN);
        return http.send(HttpRequest.newBuilder(google.tokenUri())
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private Reply call(String method, String uri, String ifMatch, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(uri)).header("Authorization", "Bearer " + token)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (ifMatch != null) {
            request.header("If-Match", ifMatch);
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        return new Reply(response.statusCode(), response.body().isEmpty() ? null : json.readTree(response.body()));
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static final String EVENT = """
            {"id": "abc00001", "summary": "Board",
             "start": {"dateTime": "2026-11-23T09:00:00+01:00"}, "end": {"dateTime": "2026-11-23T10:00:00+01:00"},
             "attendees": [{"email": "ann@example.com"}]}""";

    private static final String SERIES = """
            {"id": "ser00001", "summary": "Stand-up",
             "start": {"dateTime": "2026-11-23T09:00:00+01:00", "timeZone": "Europe/Amsterdam"},
             "end": {"dateTime": "2026-11-23T09:15:00+01:00", "timeZone": "Europe/Amsterdam"},
             "recurrence": ["RRULE:FREQ=WEEKLY;COUNT=3"]}""";

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"timeMin=2026-11-01T00:00:00Z", "timeMax=2026-12-01T00:00:00Z", "orderBy=updated",
            "q=Board", "updatedMin=2026-11-01T00:00:00Z", "showDeleted=false"})
    @DisplayName("a sync token is refused (400 syncTokenWithRequestRestrictions) together with")
    void syncTokenRestrictions(String parameter) throws Exception {
        start(false);
        String syncToken = call("GET", events + "?showDeleted=true", null, null).body().path("nextSyncToken").asText();

        Reply refused = call("GET", events + "?showDeleted=true&syncToken=" + enc(syncToken) + "&" + parameter
                .replace(":", "%3A"), null, null);

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.reason()).isEqualTo("syncTokenWithRequestRestrictions");
    }

    @Test
    @DisplayName("an incremental listing must repeat the full listing's showDeleted")
    void showDeletedAsInitially() throws Exception {
        start(false);
        String withoutDeleted = call("GET", events + "?showDeleted=false", null, null).body()
                .path("nextSyncToken").asText();
        String withDeleted = call("GET", events + "?showDeleted=true", null, null).body()
                .path("nextSyncToken").asText();

        assertThat(call("GET", events + "?showDeleted=true&syncToken=" + enc(withoutDeleted), null, null).status())
                .isEqualTo(400);
        assertThat(call("GET", events + "?showDeleted=true&syncToken=" + enc(withDeleted), null, null).status())
                .isEqualTo(200);
    }

    @Test
    @DisplayName("attendees written without a reply await one; a guest's reply gives a new ETag; a bare attendee written again is reset")
    void guestReplies() throws Exception {
        start(false);
        Reply inserted = call("POST", events, null, EVENT);
        assertThat(inserted.body().path("attendees").get(0).path("responseStatus").asText()).isEqualTo("needsAction");

        JsonNode replied = google.calendar("primary").reply("abc00001", "ann@example.com", "accepted", "Fine");
        assertThat(replied.path("etag").asText()).isNotEqualTo(inserted.body().path("etag").asText());
        assertThat(replied.path("attendees").get(0).path("comment").asText()).isEqualTo("Fine");

        Reply patched = call("PATCH", events + "/abc00001", replied.path("etag").asText(),
                "{\"attendees\": [{\"email\": \"ann@example.com\"}]}");
        assertThat(patched.body().path("attendees").get(0).path("responseStatus").asText())
                .as("arrays are replaced whole by a patch").isEqualTo("needsAction");
    }

    @Test
    @DisplayName("PATCH keeps reminders, conferenceData and attachments it does not name; PUT drops them")
    void patchKeepsPutDrops() throws Exception {
        start(false);
        call("POST", events, null, EVENT);
        String etag = google.calendar("primary").edit("abc00001", """
                {"reminders": {"useDefault": false}, "conferenceData": {"conferenceId": "x"},
                 "attachments": [{"fileUrl": "https://drive.example.com/a"}]}""").path("etag").asText();

        Reply patched = call("PATCH", events + "/abc00001", etag, "{\"summary\": \"Board (patched)\"}");
        assertThat(patched.body().has("reminders")).isTrue();
        assertThat(patched.body().has("conferenceData")).isTrue();
        assertThat(patched.body().has("attachments")).isTrue();

        Reply put = call("PUT", events + "/abc00001", patched.body().path("etag").asText(),
                EVENT.replace("Board", "Board (put)"));
        assertThat(put.body().has("reminders")).isFalse();
        assertThat(put.body().has("conferenceData")).isFalse();
        assertThat(put.body().has("attachments")).isFalse();
    }

    @Test
    @DisplayName("a recurring timed event needs timeZone on start and end (400 otherwise); a single event does not")
    void recurringNeedsTimeZone() throws Exception {
        start(false);
        String withoutZone = SERIES.replace(", \"timeZone\": \"Europe/Amsterdam\"", "");

        assertThat(call("POST", events, null, withoutZone).status()).isEqualTo(400);
        assertThat(call("POST", events, null, SERIES).status()).isEqualTo(200);
        assertThat(call("POST", events, null, EVENT).status()).isEqualTo(200);
    }

    @Test
    @DisplayName("events.instances lists the occurrences, originalStart picks one, showDeleted adds cancelled ones; a deleted series is 410")
    void instancesEndpoint() throws Exception {
        start(false);
        google.calendar("primary").add(SERIES);
        google.calendar("primary").delete("ser00001_20261130T080000Z");

        Reply all = call("GET", events + "/ser00001/instances", null, null);
        assertThat(all.body().path("items")).extracting(i -> i.path("id").asText())
                .containsExactly("ser00001_20261123T080000Z", "ser00001_20261207T080000Z");
        Reply withDeleted = call("GET", events + "/ser00001/instances?showDeleted=true", null, null);
        assertThat(withDeleted.body().path("items")).hasSize(3);
        Reply one = call("GET", events + "/ser00001/instances?originalStart=" + enc("2026-12-07T09:00:00+01:00"),
                null, null);
        assertThat(one.body().path("items")).singleElement()
                .satisfies(i -> assertThat(i.path("id").asText()).isEqualTo("ser00001_20261207T080000Z"));
        assertThat(call("GET", events + "/nothere1/instances", null, null).status()).isEqualTo(404);

        google.calendar("primary").delete("ser00001");
        assertThat(call("GET", events + "/ser00001/instances", null, null).status()).isEqualTo(410);
    }

    @Test
    @DisplayName("with opaque instance ids the server names instances itself and a client-built id names nothing")
    void opaqueInstanceIds() throws Exception {
        start(true);
        google.calendar("primary").add(SERIES);
        long second = Instant.parse("2026-11-30T08:00:00Z").getEpochSecond();

        Reply listed = call("GET", events + "?singleEvents=true", null, null);
        assertThat(listed.body().path("items")).extracting(i -> i.path("id").asText()).contains("ser00001_R" + second);
        assertThat(call("GET", events + "/ser00001_20261130T080000Z", null, null).status()).isEqualTo(404);
        Reply instance = call("GET", events + "/ser00001_R" + second, null, null);
        assertThat(instance.status()).isEqualTo(200);

        Reply written = call("PATCH", events + "/ser00001_R" + second, instance.body().path("etag").asText(),
                "{\"summary\": \"Stand-up (moved)\"}");
        assertThat(written.body().path("id").asText()).isEqualTo("ser00001_R" + second);
        assertThat(google.calendar("primary").event("ser00001_20261130T080000Z").orElseThrow().path("summary").asText())
                .isEqualTo("Stand-up (moved)");
    }

    @Test
    @DisplayName("a deleted event comes back with a write that sets status confirmed; any other write is 404")
    void deletedEventRestored() throws Exception {
        start(false);
        call("POST", events, null, EVENT);
        google.calendar("primary").delete("abc00001");
        String etag = google.calendar("primary").event("abc00001").orElseThrow().path("etag").asText();

        assertThat(call("PUT", events + "/abc00001", etag, EVENT).status()).isEqualTo(404);
        Reply restored = call("PUT", events + "/abc00001", etag, EVENT.replace("{\"id\"", "{\"status\": \"confirmed\", \"id\""));
        assertThat(restored.status()).isEqualTo(200);
        assertThat(restored.body().path("status").asText()).isEqualTo("confirmed");
        assertThat(google.calendar("primary").liveEvents()).hasSize(1);
    }

    @Test
    @DisplayName("403 accessNotConfigured, dailyLimitExceeded and quotaExceeded are usageLimits refusals of their own")
    void forbiddenReasons() throws Exception {
        start(false);
        google.failNext(InjectedFailure.accessNotConfigured(), InjectedFailure.dailyLimitExceeded(),
                InjectedFailure.quotaExceeded());

        for (String reason : new String[] {"accessNotConfigured", "dailyLimitExceeded", "quotaExceeded"}) {
            Reply refused = call("GET", events, null, null);
            assertThat(refused.status()).isEqualTo(403);
            assertThat(refused.reason()).isEqualTo(reason);
            assertThat(refused.body().path("error").path("errors").get(0).path("domain").asText())
                    .isEqualTo("usageLimits");
        }
        assertThat(call("GET", events, null, null).status()).isEqualTo(200);
    }

    @Test
    @DisplayName("failures for later pages pass the first page by; token endpoint failures answer the next token requests")
    void pageAndTokenFailures() throws Exception {
        start(false);
        for (int i = 1; i <= 3; i++) {
            google.calendar("primary").add(EVENT.replace("abc00001", "abc0000" + i + "0"));
        }
        google.failNextPages(InjectedFailure.gone());
        Reply first = call("GET", events + "?maxResults=2", null, null);
        assertThat(first.status()).isEqualTo(200);
        assertThat(call("GET", events + "?maxResults=2&pageToken=" + first.body().path("nextPageToken").asText(),
                null, null).status()).isEqualTo(410);

        google.failNextTokenRequests(429, 503);
        assertThat(tokenRequest().statusCode()).isEqualTo(429);
        assertThat(tokenRequest().statusCode()).isEqualTo(503);
        assertThat(tokenRequest().statusCode()).isEqualTo(200);
    }
}
