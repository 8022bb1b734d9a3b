package dev.avalon.google;

import dev.avalon.core.port.RetryPolicy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.avalon.core.port.RemoteCalendarException;
import dev.avalon.core.port.RemoteCalendarException.Kind;
import dev.avalon.core.port.RemoteChanges;
import dev.avalon.core.port.RemoteEvent;
import dev.avalon.testkit.MutableClock;
import dev.avalon.testkit.google.FakeCalendar;
import dev.avalon.testkit.google.FakeGoogleCalendarServer;
import dev.avalon.testkit.google.InjectedFailure;
import dev.avalon.testkit.google.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.function.UnaryOperator;
import java.util.random.RandomGenerator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@DisplayName("GoogleCalendar does what the Calendar API v3 documentation asks of a client (against the loopback fake)")
class GoogleCalendarAsDocumentedTest {

    private static final Instant NINE = Instant.parse("2026-11-23T08:00:00Z");

    private final MutableClock clock = MutableClock.at("2026-11-23T08:00:00+01:00");
    private final List<Duration> sleeps = new ArrayList<>();
    private FakeGoogleCalendarServer google;
    private FakeCalendar primary;

    private GoogleCalendar open(UnaryOperator<FakeGoogleCalendarServer.Builder> server,
                                UnaryOperator<GoogleCalendarConfig.Builder> settings) {
        google = server.apply(FakeGoogleCalendarServer.builder().clock(clock)).start();
        primary = google.calendar("primary");
        GoogleCalendarConfig.Builder builder = GoogleCalendarConfig.custom("primary", FakeGoogleCalendarServer.CLIENT_ID,
                        FakeGoogleCalendarServer.CLIENT_SECRET, FakeGoogleCalendarServer.REFRESH_TOKEN)
                .baseUri(google.baseUri())
                .tokenUri(google.tokenUri())
                .clock(clock)
                .retry(new RetryPolicy(5, Duration.ofSeconds(1), Duration.ofSeconds(8)))
                .sleeper(delay -> {
                    sleeps.add(delay);
                    clock.advance(delay);
                })
                .random(new Random(42));
        return new GoogleCalendar(settings.apply(builder).build());
    }

    private GoogleCalendar open() {
        return open(UnaryOperator.identity(), UnaryOperator.identity());
    }

    @AfterEach
    void stop() {
        if (google != null) {
            google.close();
        }
    }

    private static RemoteEvent timed(String id, String title, List<String> attendees) {
        return new RemoteEvent(id, null, null, title, "", "", NINE, NINE.plus(Duration.ofHours(1)),
                "Europe/Amsterdam", null, null, List.of(), null, null, false, attendees, "5",
                Map.of("avalonId", "evt-" + id), null);
    }

    private static RemoteEvent timed(String id, String title) {
        return timed(id, title, List.of());
    }

    private void userAdds(String id) {
        primary.add("""
                {"id": "%s", "summary": "Event %s",
                 "start": {"dateTime": "2026-11-24T09:00:00+01:00", "timeZone": "Europe/Amsterdam"},
                 "end": {"dateTime": "2026-11-24T10:00:00+01:00", "timeZone": "Europe/Amsterdam"}}
                """.formatted(id, id));
    }

    private List<RecordedRequest> lists() {
        return google.requests().stream().filter(RecordedRequest::isList).toList();
    }

    private static JsonNode attendee(JsonNode event, String email) {
        for (JsonNode a : event.path("attendees")) {
            if (a.path("email").asText().equals(email)) {
                return a;
            }
        }
        throw new AssertionError("no attendee " + email + " in " + event);
    }

    @Nested
    @DisplayName("guests' replies")
    class Replies {

        @ParameterizedTest(name = "{0} updates")
        @EnumSource(WriteMode.class)
        @DisplayName("an Avalon change keeps each guest's reply, comment and optional flag; a new guest awaits a reply")
        void repliesSurviveAnUpdate(WriteMode mode) {
            GoogleCalendar calendar = open(UnaryOperator.identity(), b -> b.writeMode(mode));
            primary.add("""
                    {"id": "rsv00001", "summary": "Board",
                     "start": {"dateTime": "2026-11-23T09:00:00+01:00", "timeZone": "Europe/Amsterdam"},
                     "end": {"dateTime": "2026-11-23T10:00:00+01:00", "timeZone": "Europe/Amsterdam"},
                     "attendees": [{"email": "ann@example.com", "optional": true}, {"email": "bob@example.com"}]}
                    """);
            primary.reply("rsv00001", "ann@example.com", "accepted", "I'll bring the figures");
            primary.reply("rsv00001", "bob@example.com", "declined", null);
            String etag = calendar.get("rsv00001").orElseThrow().etag();

            calendar.update(timed("rsv00001", "Board (moved room)",
                    List.of("ann@example.com", "bob@example.com", "carol@example.com")), etag);

            JsonNode stored = primary.event("rsv00001").orElseThrow();
            assertThat(stored.path("summary").asText()).isEqualTo("Board (moved room)");
            JsonNode ann = attendee(stored, "ann@example.com");
            assertThat(ann.path("responseStatus").asText()).isEqualTo("accepted");
            assertThat(ann.path("comment").asText()).isEqualTo("I'll bring the figures");
            assertThat(ann.path("optional").asBoolean()).isTrue();
            assertThat(attendee(stored, "bob@example.com").path("responseStatus").asText()).isEqualTo("declined");
            assertThat(attendee(stored, "carol@example.com").path("responseStatus").asText()).isEqualTo("needsAction");
        }

        @Test
        @DisplayName("the replies of the version last read are used without reading again; a guest dropped by Avalon is dropped")
        void repliesFromTheLastRead() {
            GoogleCalendar calendar = open();
            calendar.insert(timed("rsv00002", "Lunch", List.of("ann@example.com", "bob@example.com")));
            primary.reply("rsv00002", "ann@example.com", "tentative", null);
            String etag = calendar.changes(Optional.empty()).events().get(0).etag();
            google.clearRequests();

            calendar.update(timed("rsv00002", "Lunch", List.of("ann@example.com")), etag);

            assertThat(google.requests()).extracting(RecordedRequest::method).containsExactly("PATCH");
            JsonNode stored = primary.event("rsv00002").orElseThrow();
            assertThat(stored.path("attendees")).hasSize(1);
            assertThat(attendee(stored, "ann@example.com").path("responseStatus").asText()).isEqualTo("tentative");
        }
    }

    @Nested
    @DisplayName("fields Avalon does not own")
    class Unowned {

        @Test
        @DisplayName("by default an update keeps the reminders, conference link and attachments the user set in Google")
        void defaultUpdateKeepsThem() {
            GoogleCalendar calendar = open();
            calendar.insert(timed("kep00001", "Board"));
            String etag = primary.edit("kep00001", """
                    {"reminders": {"useDefault": false, "overrides": [{"method": "popup", "minutes": 10}]},
                     "conferenceData": {"conferenceId": "abc-defg-hij", "entryPoints": [{"entryPointType": "video",
                        "uri": "https://meet.example.com/abc-defg-hij"}]},
                     "attachments": [{"fileUrl": "https://drive.example.com/agenda", "title": "Agenda"}]}
                    """).path("etag").asText();

            RemoteEvent updated = calendar.update(timed("kep00001", "Board (renamed)"), etag);

            JsonNode stored = primary.event("kep00001").orElseThrow();
            assertThat(updated.title()).isEqualTo("Board (renamed)");
            assertThat(stored.path("reminders").path("overrides")).hasSize(1);
            assertThat(stored.path("conferenceData").path("conferenceId").asText()).isEqualTo("abc-defg-hij");
            assertThat(stored.path("attachments")).hasSize(1);
            assertThat(google.requests()).filteredOn(r -> r.method().equals("PATCH")).singleElement()
                    .satisfies(r -> assertThat(r.ifMatch()).contains(etag));
        }
    }

    @Nested
    @DisplayName("403 refusals")
    class Refusals {

        @Test
        @DisplayName("accessNotConfigured is NOT_CONFIGURED at once and says the Calendar API is not enabled")
        void apiNotEnabled() {
            GoogleCalendar calendar = open();
            google.failNext(InjectedFailure.accessNotConfigured());

            assertThatThrownBy(() -> calendar.changes(Optional.empty()))
                    .isInstanceOfSatisfying(RemoteCalendarException.class, e -> {
                        assertThat(e.kind()).isEqualTo(Kind.NOT_CONFIGURED);
                        assertThat(e.getMessage()).contains("the Calendar API is not enabled for this project");
                    });
            assertThat(sleeps).isEmpty();
            assertThat(google.requests()).hasSize(1);
        }

        @Test
        @DisplayName("dailyLimitExceeded and quotaExceeded are QUOTA_EXHAUSTED at once: no backoff refills them")
        void quotasAreNotRetried() {
            GoogleCalendar calendar = open();
            google.failNext(InjectedFailure.dailyLimitExceeded());

            assertThatThrownBy(() -> calendar.changes(Optional.empty()))
                    .isInstanceOfSatisfying(RemoteCalendarException.class, e -> {
                        assertThat(e.kind()).isEqualTo(Kind.QUOTA_EXHAUSTED);
                        assertThat(e.getMessage()).contains("daily quota");
                    });
            google.clearRequests();
            google.failNext(InjectedFailure.quotaExceeded());
            assertThatThrownBy(() -> calendar.insert(timed("quo00001", "Board")))
                    .isInstanceOfSatisfying(RemoteCalendarException.class, e -> {
                        assertThat(e.kind()).isEqualTo(Kind.QUOTA_EXHAUSTED);
                        assertThat(e.getMessage()).contains("usage limits");
                    });
            assertThat(sleeps).isEmpty();
            assertThat(google.requests()).hasSize(1);
        }

        @Test
        @DisplayName("rateLimitExceeded, userRateLimitExceeded and 429 are still retried")
        void rateLimitsAreRetried() {
            GoogleCalendar calendar = open();
            google.failNext(InjectedFailure.usageLimit("rateLimitExceeded", null),
                    InjectedFailure.usageLimit("userRateLimitExceeded", null), InjectedFailure.tooManyRequests(null));

            assertThat(calendar.changes(Optional.empty()).fullSync()).isTrue();
            assertThat(sleeps).hasSize(3);
        }
    }

    @Nested
    @DisplayName("instances of a series")
    class Instances {

        private static final Instant SECOND = Instant.parse("2026-11-30T08:00:00Z");
        private static final Instant THIRD = Instant.parse("2026-12-07T08:00:00Z");

        private void userAddsSeries() {
            primary.add(StandUpSeries.JSON);
        }

        private RemoteEvent instance(Instant original, Instant start, String title, boolean cancelled) {
            return StandUpSeries.instance(original, start, title, cancelled);
        }

        @Test
        @DisplayName("when Google names instances its own way, they are found through events.instances and written under Google's id")
        void opaqueInstanceIds() {
            GoogleCalendar calendar = open(b -> b.opaqueInstanceIds(true), UnaryOperator.identity());
            userAddsSeries();

            RemoteEvent moved = calendar.update(instance(SECOND, SECOND.plus(Duration.ofHours(2)), "Stand-up (later)",
                    false), null);

            assertThat(moved.remoteId()).isEqualTo(RemoteEvent.instanceId("series001", SECOND, false));
            assertThat(primary.event(moved.remoteId()).orElseThrow().path("summary").asText())
                    .isEqualTo("Stand-up (later)");
            assertThat(google.requests()).extracting(r -> r.method() + " " + r.path().replaceAll(".*/events", ""))
                    .containsExactly("GET /series001/instances", "PATCH /series001_R" + SECOND.getEpochSecond());

            Optional<RemoteEvent> read = calendar.get(moved.remoteId());
            assertThat(read).hasValueSatisfying(e -> {
                assertThat(e.title()).isEqualTo("Stand-up (later)");
                assertThat(e.etag()).isEqualTo(moved.etag());
            });

            calendar.delete(RemoteEvent.instanceId("series001", THIRD, false),
                    calendar.get(RemoteEvent.instanceId("series001", THIRD, false)).orElseThrow().etag());
            assertThat(primary.instances("series001")).hasSize(3);
        }

        @Test
        @DisplayName("with Google's own instance ids a listing names each instance the port's way")
        void listingNamesInstancesThePortsWay() {
            GoogleCalendar calendar = open(b -> b.opaqueInstanceIds(true), b -> b.singleEvents(true));
            userAddsSeries();

            RemoteChanges all = calendar.changes(Optional.empty());

            assertThat(all.events()).extracting(RemoteEvent::remoteId).contains(
                    RemoteEvent.instanceId("series001", SECOND, false), RemoteEvent.instanceId("series001", THIRD, false));
            calendar.update(instance(THIRD, THIRD, "Stand-up", true), null);
            RemoteChanges changed = calendar.changes(Optional.of(all.nextSyncToken()));
            assertThat(changed.events()).filteredOn(RemoteEvent::cancelled).singleElement()
                    .satisfies(e -> assertThat(e.remoteId()).isEqualTo(RemoteEvent.instanceId("series001", THIRD, false)));
        }
    }

    @Nested
    @DisplayName("inserts")
    class Inserts {

        @Test
        @DisplayName("an insert under the id of an event the user deleted brings it back confirmed instead of adopting it cancelled")
        void deletedEventIsRestored() {
            GoogleCalendar calendar = open();
            calendar.insert(timed("rev00001", "Board"));
            primary.delete("rev00001");

            RemoteEvent stored = calendar.insert(timed("rev00001", "Board (again)"));

            assertThat(stored.cancelled()).isFalse();
            assertThat(stored.title()).isEqualTo("Board (again)");
            JsonNode remote = primary.event("rev00001").orElseThrow();
            assertThat(remote.path("status").asText()).isEqualTo("confirmed");
            assertThat(remote.path("etag").asText()).isEqualTo(stored.etag());
            assertThat(primary.liveEvents()).hasSize(1);
        }

        @Test
        @DisplayName("a recurring event without a zone is sent with timeZone UTC, which Google requires of a rule")
        void recurringEventGetsAZone() {
            GoogleCalendar calendar = open();
            RemoteEvent series = new RemoteEvent("rec00001", null, null, "Stand-up", "", "", NINE,
                    NINE.plus(Duration.ofMinutes(15)), null, null, null, List.of("RRULE:FREQ=DAILY;COUNT=3"), null, null,
                    false, List.of(), null, Map.of(), null);

            RemoteEvent stored = calendar.insert(series);

            assertThat(stored.recurrence()).containsExactly("RRULE:FREQ=DAILY;COUNT=3");
            assertThat(primary.event("rec00001").orElseThrow().path("start").path("timeZone").asText()).isEqualTo("UTC");
            assertThat(primary.instances("rec00001")).hasSize(3);
        }
    }

    @Nested
    @DisplayName("listings")
    class Listings {

        @Test
        @DisplayName("the full and the incremental listing both send showDeleted=true; the full one still leaves deleted events out")
        void showDeletedAlike() {
            GoogleCalendar calendar = open(b -> b.pageSize(2), UnaryOperator.identity());
            userAdds("shd00001");
            userAdds("shd00002");
            userAdds("shd00003");
            primary.delete("shd00003");

            RemoteChanges all = calendar.changes(Optional.empty());
            primary.delete("shd00002");
            RemoteChanges changed = calendar.changes(Optional.of(all.nextSyncToken()));

            assertThat(all.events()).extracting(RemoteEvent::remoteId).containsExactlyInAnyOrder("shd00001", "shd00002");
            assertThat(changed.fullSync()).isFalse();
            assertThat(changed.events()).singleElement().satisfies(e -> {
                assertThat(e.remoteId()).isEqualTo("shd00002");
                assertThat(e.cancelled()).isTrue();
            });
            assertThat(lists()).allSatisfy(r -> assertThat(r.query()).containsEntry("showDeleted", "true"));
        }

        @Test
        @DisplayName("a page token refused during a full listing (410 or 400) restarts the listing once, without duplicates")
        void refusedPageTokenRestarts() {
            GoogleCalendar calendar = open(b -> b.pageSize(2), UnaryOperator.identity());
            for (int i = 1; i <= 5; i++) {
                userAdds("pgt0000" + i);
            }
            google.failNextPages(InjectedFailure.gone());

            RemoteChanges all = calendar.changes(Optional.empty());

            assertThat(all.fullSync()).isTrue();
            assertThat(all.events()).extracting(RemoteEvent::remoteId).hasSize(5).doesNotHaveDuplicates();
            assertThat(lists()).extracting(RecordedRequest::status).containsExactly(200, 410, 200, 200, 200);
            assertThat(lists().get(2).query()).doesNotContainKey("pageToken");

            google.clearRequests();
            google.failNextPages(new InjectedFailure(400, "global", "invalid", Optional.empty(), false));
            assertThat(calendar.changes(Optional.empty()).events()).hasSize(5);
        }

        @Test
        @DisplayName("a page token refused twice in one listing is an error, not an endless loop")
        void refusedTwiceFails() {
            GoogleCalendar calendar = open(b -> b.pageSize(2), UnaryOperator.identity());
            for (int i = 1; i <= 5; i++) {
                userAdds("pgt0000" + i);
            }
            google.failNextPages(InjectedFailure.gone(), InjectedFailure.gone());

            assertThatThrownBy(() -> calendar.changes(Optional.empty()))
                    .isInstanceOfSatisfying(RemoteCalendarException.class,
                            e -> assertThat(e.kind()).isEqualTo(Kind.UNAVAILABLE));
            assertThat(lists()).extracting(RecordedRequest::status).containsExactly(200, 410, 200, 410);
        }

        @Test
        @DisplayName("410 on a later page of an incremental listing starts a full resync")
        void goneDuringIncremental() {
            GoogleCalendar calendar = open(b -> b.pageSize(2), UnaryOperator.identity());
            userAdds("inc00001");
            RemoteChanges first = calendar.changes(Optional.empty());
            for (int i = 2; i <= 5; i++) {
                userAdds("inc0000" + i);
            }
            google.failNextPages(InjectedFailure.gone());

            RemoteChanges resync = calendar.changes(Optional.of(first.nextSyncToken()));

            assertThat(resync.fullSync()).isTrue();
            assertThat(resync.events()).hasSize(5);
        }
    }

    @Nested
    @DisplayName("backoff and tokens")
    class Backoff {

        /** Always the same unit, so each delay is known. */
        private static RandomGenerator unit(double value) {
            return new RandomGenerator() {
                @Override
                public long nextLong() {
                    throw new UnsupportedOperationException("only nextDouble is used for jitter");
                }

                @Override
                public double nextDouble() {
                    return value;
                }
            };
        }

        @Test
        @DisplayName("the first retry waits at least the base (1 s), even when the random part is zero")
        void firstRetryNotAtOnce() {
            GoogleCalendar calendar = open(UnaryOperator.identity(), b -> b.random(unit(0.0)));
            google.failNext(InjectedFailure.serverError(), InjectedFailure.serverError());

            calendar.changes(Optional.empty());

            assertThat(sleeps).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2));
        }

        @Test
        @DisplayName("429 and 503 from the token endpoint are retried with the backoff, then the call goes through")
        void tokenEndpointRetried() {
            GoogleCalendar calendar = open(UnaryOperator.identity(), b -> b.random(unit(0.5)));
            google.failNextTokenRequests(429, 503);

            assertThat(calendar.changes(Optional.empty()).fullSync()).isTrue();

            assertThat(google.tokenRequests()).isEqualTo(3);
            assertThat(sleeps).containsExactly(Duration.ofMillis(1500), Duration.ofMillis(2500));
        }

        @Test
        @DisplayName("a token endpoint that keeps failing is given up after the policy's retries")
        void tokenEndpointBounded() {
            GoogleCalendar calendar = open(UnaryOperator.identity(),
                    b -> b.retry(new RetryPolicy(2, Duration.ofSeconds(1), Duration.ofSeconds(8))));
            google.failNextTokenRequests(503, 503, 503, 503);

            assertThatThrownBy(() -> calendar.changes(Optional.empty()))
                    .isInstanceOfSatisfying(RemoteCalendarException.class,
                            e -> assertThat(e.kind()).isEqualTo(Kind.UNAVAILABLE));
            assertThat(google.tokenRequests()).isEqualTo(3);
            assertThat(google.requests()).isEmpty();
        }
    }
}
