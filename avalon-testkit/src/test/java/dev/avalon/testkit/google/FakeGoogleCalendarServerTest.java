package dev.avalon.testkit.google;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.avalon.testkit.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("FakeGoogleCalendarServer answers like the Calendar API over plain HTTP")
class FakeGoogleCalendarServerTest {

    private final MutableClock clock = MutableClock.at("2026-11-23T08:00:00+01:00");
    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();
    private FakeGoogleCalendarServer google;
    private String events;

    @BeforeEach
    void start() {
        google = FakeGoogleCalendarServer.builder().clock(clock).tokenLifetime(Duration.ofMinutes(5)).start();
        events = google.baseUri() + "/calendars/primary/events";
    }

    @AfterEach
    void stop() {
        google.close();
    }

    private record Reply(int status, JsonNode body, HttpResponse<String> raw) {
    }

    private String token() throws Exception {
        String form = "grant_type=refresh_token&client_id=" + enc(FakeGoogleCalendarServer.CLIENT_ID)
                + "&client_secret=" + enc(FakeGoogleCalendarServer.CLIENT_SECRET)
                + "&refresh_token=" + enc(FakeGoogleCalendarServer.REFRESH_TOKEN);
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(google.tokenUri())
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode body = json.readTree(response.body());
        assertThat(body.path("expires_in").asLong()).isEqualTo(300);
        return body.path("access_token").asText();
    }

    private Reply call(String method, String uri, String token, String ifMatch, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(uri)).header("Authorization", "Bearer " + token)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (ifMatch != null) {
            request.header("If-Match", ifMatch);
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        return new Reply(response.statusCode(), response.body().isEmpty() ? null : json.readTree(response.body()),
                response);
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static final String EVENT = """
            {"id": "abc00001", "summary": "Board",
             "start": {"dateTime": "2026-11-23T09:00:00+01:00"}, "end": {"dateTime": "2026-11-23T10:00:00+01:00"}}""";

    @Test
    @DisplayName("access tokens are refused with 401 once their lifetime has passed on the clock")
    void tokensExpire() throws Exception {
        String token = token();
        assertThat(call("GET", events, token, null, null).status()).isEqualTo(200);

        clock.advance(Duration.ofMinutes(5));

        Reply refused = call("GET", events, token, null, null);
        assertThat(refused.status()).isEqualTo(401);
        assertThat(refused.body().path("error").path("errors").get(0).path("reason").asText()).isEqualTo("authError");
    }

    @Test
    @DisplayName("inserts take client ids once (409 duplicate), If-Match guards writes (412), a deleted event is 410")
    void insertsAndPreconditions() throws Exception {
        String token = token();
        Reply inserted = call("POST", events, token, null, EVENT);
        assertThat(inserted.status()).isEqualTo(200);
        assertThat(inserted.body().path("iCalUID").asText()).isEqualTo("abc00001@google.com");
        String etag = inserted.body().path("etag").asText();

        Reply duplicate = call("POST", events, token, null, EVENT);
        assertThat(duplicate.status()).isEqualTo(409);
        assertThat(duplicate.body().path("error").path("errors").get(0).path("reason").asText()).isEqualTo("duplicate");
        assertThat(call("POST", events, token, null, EVENT.replace("abc00001", "ABC")).status()).isEqualTo(400);

        assertThat(call("DELETE", events + "/abc00001", token, "\"stale\"", null).status()).isEqualTo(412);
        assertThat(call("DELETE", events + "/abc00001", token, etag, null).status()).isEqualTo(204);
        assertThat(call("DELETE", events + "/abc00001", token, etag, null).status()).isEqualTo(410);
    }

    @Test
    @DisplayName("sync tokens list changes with deletions reduced to id and status, refuse another singleEvents, and expire to 410")
    void syncTokens() throws Exception {
        String token = token();
        google.calendar("primary").add(EVENT);
        Reply full = call("GET", events + "?singleEvents=true", token, null, null);
        String syncToken = full.body().path("nextSyncToken").asText();

        google.calendar("primary").delete("abc00001");
        Reply changed = call("GET", events + "?singleEvents=true&syncToken=" + enc(syncToken), token, null, null);
        assertThat(changed.body().path("items")).singleElement().satisfies(item -> {
            assertThat(item.path("status").asText()).isEqualTo("cancelled");
            assertThat(item.has("summary")).isFalse();
        });

        assertThat(call("GET", events + "?singleEvents=false&syncToken=" + enc(syncToken), token, null, null).status())
                .isEqualTo(400);
        google.expireSyncTokens();
        Reply gone = call("GET", events + "?singleEvents=true&syncToken=" + enc(syncToken), token, null, null);
        assertThat(gone.status()).isEqualTo(410);
        assertThat(gone.body().path("error").path("errors").get(0).path("reason").asText()).isEqualTo("fullSyncRequired");
    }

    private static final String SERIES = """
            {"id": "ser00001", "summary": "Stand-up",
             "start": {"dateTime": "2026-11-23T09:00:00+01:00", "timeZone": "Europe/Amsterdam"},
             "end": {"dateTime": "2026-11-23T09:15:00+01:00", "timeZone": "Europe/Amsterdam"},
             "recurrence": ["RRULE:FREQ=WEEKLY;UNTIL=20261214T080000Z", "EXDATE;TZID=Europe/Amsterdam:20261130T090000"]}""";

    @Test
    @DisplayName("an instance id answers the occurrence with the series' ETag; PUT stores an exception, DELETE cancels one; no occurrence is 404")
    void instances() throws Exception {
        String token = token();
        String seriesEtag = google.calendar("primary").add(SERIES).path("etag").asText();
        String second = events + "/ser00001_20261207T080000Z";

        Reply occurrence = call("GET", second, token, null, null);
        assertThat(occurrence.status()).isEqualTo(200);
        assertThat(occurrence.body().path("etag").asText()).isEqualTo(seriesEtag);
        assertThat(occurrence.body().path("recurringEventId").asText()).isEqualTo("ser00001");
        assertThat(occurrence.body().path("originalStartTime").path("dateTime").asText())
                .isEqualTo("2026-12-07T09:00:00+01:00");
        assertThat(occurrence.body().has("recurrence")).isFalse();
        assertThat(call("GET", events + "/ser00001_20261130T080000Z", token, null, null).status())
                .as("an EXDATE removes the occurrence").isEqualTo(404);
        assertThat(call("GET", events + "/ser00001_20261124T080000Z", token, null, null).status()).isEqualTo(404);

        String moved = occurrence.body().toString().replace("2026-12-07T09:", "2026-12-07T11:");
        assertThat(call("PUT", second, token, "\"stale\"", moved).status()).isEqualTo(412);
        Reply written = call("PUT", second, token, seriesEtag, moved);
        assertThat(written.status()).isEqualTo(200);
        assertThat(written.body().path("start").path("dateTime").asText()).isEqualTo("2026-12-07T11:00:00+01:00");
        assertThat(written.body().path("originalStartTime").path("dateTime").asText())
                .isEqualTo("2026-12-07T09:00:00+01:00");
        assertThat(google.calendar("primary").event("ser00001").orElseThrow().path("etag").asText())
                .isEqualTo(seriesEtag);

        assertThat(call("DELETE", events + "/ser00001_20261214T080000Z", token, seriesEtag, null).status())
                .isEqualTo(204);
        assertThat(google.calendar("primary").instances("ser00001")).extracting(i -> i.path("id").asText())
                .containsExactly("ser00001_20261123T080000Z", "ser00001_20261207T080000Z");
        Reply showDeleted = call("GET", events + "?singleEvents=true&showDeleted=true", token, null, null);
        assertThat(showDeleted.body().path("items")).extracting(i -> i.path("id").asText() + " "
                + i.path("status").asText()).containsExactly("ser00001_20261123T080000Z confirmed",
                "ser00001_20261207T080000Z confirmed", "ser00001_20261214T080000Z cancelled");
    }

    @Test
    @DisplayName("injected rate limits carry Retry-After and the usageLimits reason, then requests are served again")
    void injectedFailures() throws Exception {
        String token = token();
        google.failNext(InjectedFailure.usageLimit("userRateLimitExceeded", Duration.ofSeconds(2)));

        Reply limited = call("GET", events, token, null, null);
        assertThat(limited.status()).isEqualTo(403);
        assertThat(limited.raw().headers().firstValue("Retry-After")).contains("2");
        assertThat(limited.body().path("error").path("errors").get(0).path("domain").asText()).isEqualTo("usageLimits");
        assertThat(call("GET", events, token, null, null).status()).isEqualTo(200);
        assertThat(google.requests()).extracting(RecordedRequest::status).containsExactly(403, 200);
    }

    @Test
    @DisplayName("failures injected for writes pass reads by and answer the next write, which stores nothing")
    void injectedWriteFailures() throws Exception {
        String token = token();
        JsonNode stored = call("POST", events, token, null, EVENT).body();
        google.failNextWrites(InjectedFailure.serverError());

        assertThat(call("GET", events, token, null, null).status()).isEqualTo(200);
        assertThat(call("PUT", events + "/abc00001", token, stored.path("etag").asText(),
                EVENT.replace("Board", "Board (moved)")).status()).isEqualTo(500);
        assertThat(call("GET", events + "/abc00001", token, null, null).body().path("summary").asText())
                .isEqualTo("Board");
        assertThat(call("PUT", events + "/abc00001", token, stored.path("etag").asText(),
                EVENT.replace("Board", "Board (moved)")).status()).isEqualTo(200);
    }

    @Test
    @DisplayName("the token endpoint refuses a wrong client (401) and a wrong refresh token (400 invalid_grant)")
    void tokenEndpointRefusals() throws IOException, InterruptedException {
        HttpResponse<String> wrongGrant = http.send(HttpRequest.newBuilder(google.tokenUri())
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=refresh_token&client_id="
                        + enc(FakeGoogleCalendarServer.CLIENT_ID) + "&client_secret="
                        + enc(FakeGoogleCalendarServer.CLIENT_SECRET) + "&refresh_token=nope")).build(),
                HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> wrongClient = http.send(HttpRequest.newBuilder(google.tokenUri())
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=refresh_token&client_id=x&client_secret=y"
                        + "&refresh_token=nope")).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(wrongGrant.statusCode()).isEqualTo(400);
        assertThat(json.readTree(wrongGrant.body()).path("error").asText()).isEqualTo("invalid_grant");
        assertThat(wrongClient.statusCode()).isEqualTo(401);
        assertThat(google.tokenRequests()).isEqualTo(2);
    }
}
