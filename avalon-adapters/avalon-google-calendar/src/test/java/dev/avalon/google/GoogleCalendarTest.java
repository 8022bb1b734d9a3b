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

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.function.UnaryOperator;
import java.util.random.RandomGenerator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@DisplayName("GoogleCalendar against the loopback fake of the Calendar API")
class GoogleCalendarTest {

    private static final Instant NINE = Instant.parse("2026-11-23T08:00:00Z");

    private final MutableClock clock = MutableClock.at("2026-11-23T08:00:00+01:00");
    private final List<Duration> sleeps = new ArrayList<>();
    private FakeGoogleCalendarServer google;
    private FakeCalendar primary;

    private GoogleCalendar open(int pageSize, UnaryOperator<GoogleCalendarConfig.Builder> settings) {
        google = FakeGoogleCalendarServer.builder().clock(clock).pageSize(pageSize)
                .tokenLifetime(Duration.ofMinutes(10)).start();
        primary = google.calendar("primary");
        GoogleCalendarConfig.Builder builder = GoogleCalendarConfig.custom("primary", FakeGoogleCalendarServer.CLIENT_ID,
                        FakeGoogleCalendarServer.CLIENT_SECRET, FakeGoogleCalendarServer.REFRESH_TOKEN)
                .baseUri(google.baseUri())
                .tokenUri(google.tokenUri())
                .clock(clock)
                .retry(new RetryPolicy(5, Duration.ofSeconds(1), Duration.ofSeconds(4)))
                // sleeping moves the fake clock instead of the thread
                .sleeper(delay -> {
                    sleeps.add(delay);
                    clock.advance(delay);
                })
                .random(new Random(42));
        return new GoogleCalendar(settings.apply(builder).build());
    }

    private GoogleCalendar open() {
        return open(250, UnaryOperator.identity());
    }

    @AfterEach
    void stop() {
        if (google != null) {
            google.close();
        }
    }

    private static RemoteEvent timed(String id, String title) {
        return new RemoteEvent(id, null, null, title, "", "", NINE, NINE.plus(Duration.ofHours(1)),
                "Europe/Amsterdam", null, null, List.of(), null, null, false, List.of(), "5",
                Map.of("avalonId", "evt-" + id, "domain", "VSB"), null);
    }

    private void userAdds(String id, String title) {
        primary.add("""
                {"id": "%s", "summary": "%s",
                 "start": {"dateTime": "2026-11-24T09:00:00+01:00", "timeZone": "Europe/Amsterdam"},
                 "end": {"dateTime": "2026-11-24T10:00:00+01:00", "timeZone": "Europe/Amsterdam"}}
                """.formatted(id, title));
    }

    private List<RecordedRequest> lists() {
        return google.requests().stream().filter(RecordedRequest::isList).toList();
    }

    /** Answers the given units in order, then 0.5 for ever. */
    private static RandomGenerator units(double... values) {
        Deque<Double> queue = new ArrayDeque<>();
        for (double v : values) {
            queue.add(v);
        }
        return new RandomGenerator() {
            @Override
            public long nextLong() {
                throw new UnsupportedOperationException("only nextDouble is used for jitter");
            }

            @Override
            public double nextDouble() {
                return queue.isEmpty() ? 0.5 : queue.poll();
            }
        };
    }

    @Nested
    @DisplayName("sync")
    class Sync {

        @Test
        @DisplayName("a full sync follows nextPageToken over every page and ends with a sync token")
        void fullSyncPages() {
            GoogleCalendar calendar = open(3, UnaryOperator.identity());
            for (int i = 0; i < 7; i++) {
                userAdds("page%05d".formatted(i), "Event " + i);
            }

            RemoteChanges all = calendar.changes(Optional.empty());

            assertThat(all.fullSync()).isTrue();
            assertThat(all.events()).extracting(RemoteEvent::remoteId).hasSize(7).doesNotHaveDuplicates();
            List<RecordedRequest> pages = lists();
            assertThat(pages).hasSize(3);
            assertThat(pages.get(0).query()).doesNotContainKey("pageToken")
                    .containsEntry("singleEvents", "false").containsEntry("showDeleted", "true");
            assertThat(pages.subList(1, 3)).allSatisfy(r -> assertThat(r.query()).containsKey("pageToken"));
        }

        @Test
        @DisplayName("an incremental sync sends the token with showDeleted and the same singleEvents, and lists only the change")
        void incrementalSync() {
            GoogleCalendar calendar = open(2, b -> b.singleEvents(true));
            userAdds("inc00001", "Dentist");
            userAdds("inc00002", "Lunch");
            userAdds("inc00003", "Gym");
            RemoteChanges first = calendar.changes(Optional.empty());

            clock.advance(Duration.ofHours(1));
            primary.move("inc00002", NINE.plus(Duration.ofDays(2)), NINE.plus(Duration.ofDays(2)).plusSeconds(1800));
            RemoteChanges changed = calendar.changes(Optional.of(first.nextSyncToken()));

            assertThat(changed.fullSync()).isFalse();
            assertThat(changed.events()).singleElement().satisfies(e -> {
                assertThat(e.remoteId()).isEqualTo("inc00002");
                assertThat(e.start()).isEqualTo(NINE.plus(Duration.ofDays(2)));
                assertThat(e.zone()).isEqualTo("Europe/Amsterdam");
                assertThat(e.updated()).isEqualTo(clock.instant());
            });
            RecordedRequest incremental = lists().get(lists().size() - 1);
            assertThat(incremental.query()).containsEntry("syncToken", first.nextSyncToken())
                    .containsEntry("showDeleted", "true").containsEntry("singleEvents", "true");
            assertThat(lists()).allSatisfy(r -> assertThat(r.query()).containsEntry("singleEvents", "true"));
        }

        @Test
        @DisplayName("HTTP 410 on the token becomes a full listing with fullSync=true that lacks what was deleted in the gap")
        void goneTokenResyncs() {
            GoogleCalendar calendar = open(2, UnaryOperator.identity());
            userAdds("gap00001", "Stays");
            userAdds("gap00002", "Deleted in the gap");
            userAdds("gap00003", "Also stays");
            RemoteChanges first = calendar.changes(Optional.empty());

            primary.delete("gap00002");
            userAdds("gap00004", "Added in the gap");
            google.expireSyncTokens();
            google.clearRequests();
            RemoteChanges resync = calendar.changes(Optional.of(first.nextSyncToken()));

            assertThat(resync.fullSync()).isTrue();
            assertThat(resync.events()).extracting(RemoteEvent::remoteId)
                    .containsExactlyInAnyOrder("gap00001", "gap00003", "gap00004");
            List<RecordedRequest> requests = lists();
            assertThat(requests.get(0).status()).isEqualTo(410);
            assertThat(requests.subList(1, requests.size()))
                    .allSatisfy(r -> assertThat(r.query()).doesNotContainKey("syncToken"));
            assertThat(calendar.changes(Optional.of(resync.nextSyncToken())).events()).isEmpty();
        }

        @Test
        @DisplayName("instances of a series keep recurringEventId and originalStartTime; all-day events keep their dates")
        void recurringInstancesAndAllDay() {
            GoogleCalendar calendar = open();
            primary.add("""
                    {"id": "series001_20261130T080000Z", "summary": "Stand-up (moved)", "recurringEventId": "series001",
                     "originalStartTime": {"dateTime": "2026-11-30T09:00:00+01:00", "timeZone": "Europe/Amsterdam"},
                     "start": {"dateTime": "2026-11-30T11:00:00+01:00", "timeZone": "Europe/Amsterdam"},
                     "end": {"dateTime": "2026-11-30T11:15:00+01:00", "timeZone": "Europe/Amsterdam"}}
                    """);
            primary.add("""
                    {"id": "holiday01", "summary": "Holiday",
                     "start": {"date": "2026-12-24"}, "end": {"date": "2026-12-27"}}
                    """);

            List<RemoteEvent> listed = calendar.changes(Optional.empty()).events();

            assertThat(listed).filteredOn(e -> e.remoteId().equals("series001_20261130T080000Z")).singleElement()
                    .satisfies(e -> {
                        assertThat(e.recurringEventId()).isEqualTo("series001");
                        assertThat(e.originalStart()).isEqualTo(Instant.parse("2026-11-30T08:00:00Z"));
                        assertThat(e.start()).isEqualTo(Instant.parse("2026-11-30T10:00:00Z"));
                    });
            assertThat(listed).filteredOn(e -> e.remoteId().equals("holiday01")).singleElement().satisfies(e -> {
                assertThat(e.startDate()).isEqualTo(LocalDate.parse("2026-12-24"));
                assertThat(e.endDate()).isEqualTo(LocalDate.parse("2026-12-27"));
                assertThat(e.start()).isNull();
            });
        }
    }

    @Nested
    @DisplayName("writes")
    class Writes {

        @Test
        @DisplayName("an insert sends the client id, dateTime with the zone's offset plus timeZone, colorId and private properties")
        void insertOnTheWire() {
            GoogleCalendar calendar = open();

            calendar.insert(timed("evt00001", "Board"));

            JsonNode stored = primary.event("evt00001").orElseThrow();
            assertThat(stored.path("start").path("dateTime").asText()).isEqualTo("2026-11-23T09:00:00+01:00");
            assertThat(stored.path("start").path("timeZone").asText()).isEqualTo("Europe/Amsterdam");
            assertThat(stored.path("colorId").asText()).isEqualTo("5");
            assertThat(stored.path("extendedProperties").path("private").path("avalonId").asText())
                    .isEqualTo("evt-evt00001");
            assertThat(stored.path("extendedProperties").path("private").path("domain").asText()).isEqualTo("VSB");
        }

        @Test
        @DisplayName("an insert whose answer was lost is retried, meets 409 and returns the one event stored")
        void lostInsertAnswer() {
            GoogleCalendar calendar = open();
            google.failNext(InjectedFailure.lostResponse());

            RemoteEvent stored = calendar.insert(timed("lost00001", "Board"));

            assertThat(stored.remoteId()).isEqualTo("lost00001");
            assertThat(stored.etag()).isEqualTo(primary.event("lost00001").orElseThrow().path("etag").asText());
            assertThat(primary.liveEvents()).hasSize(1);
            assertThat(google.requests()).extracting(r -> r.method() + " " + r.status())
                    .containsExactly("POST 503", "POST 409", "GET 200");
            assertThat(sleeps).hasSize(1);
        }

        @Test
        @DisplayName("a stale ETag is answered 412; the adapter re-reads the event and reports the conflict with it")
        void preconditionFailed() {
            GoogleCalendar calendar = open();
            RemoteEvent stored = calendar.insert(timed("cnf00001", "Board"));
            primary.move("cnf00001", NINE.plus(Duration.ofHours(3)), NINE.plus(Duration.ofHours(4)));

            assertThatThrownBy(() -> calendar.update(timed("cnf00001", "Board (Avalon)"), stored.etag()))
                    .isInstanceOfSatisfying(RemoteCalendarException.class, e -> {
                        assertThat(e.kind()).isEqualTo(Kind.CONFLICT);
                        assertThat(e.current()).hasValueSatisfying(
                                current -> assertThat(current.start()).isEqualTo(NINE.plus(Duration.ofHours(3))));
                    });
            assertThat(primary.event("cnf00001").orElseThrow().path("summary").asText()).isEqualTo("Board");
            assertThat(google.requests()).filteredOn(r -> r.method().equals("PATCH")).singleElement()
                    .satisfies(r -> {
                        assertThat(r.ifMatch()).contains(stored.etag());
                        assertThat(r.status()).isEqualTo(412);
                    });
        }

        @Test
        @DisplayName("PATCH updates keep what the user set in Google that Avalon does not manage; PUT replaces it")
        void patchKeepsUnmanagedFields() {
            GoogleCalendar patching = open(250, b -> b.writeMode(WriteMode.PATCH));
            RemoteEvent stored = patching.insert(timed("pat00001", "Board"));
            String etag = primary.edit("pat00001", "{\"reminders\": {\"useDefault\": false}}").path("etag").asText();

            patching.update(timed("pat00001", "Board (renamed)"), etag);

            JsonNode patched = primary.event("pat00001").orElseThrow();
            assertThat(patched.path("summary").asText()).isEqualTo("Board (renamed)");
            assertThat(patched.has("reminders")).isTrue();
            assertThat(stored.etag()).isNotEqualTo(patched.path("etag").asText());
            assertThat(google.requests()).extracting(RecordedRequest::method).contains("PATCH");
        }

        @Test
        @DisplayName("PUT updates replace the whole event, an event turning all-day included")
        void putReplaces() {
            GoogleCalendar calendar = open(250, b -> b.writeMode(WriteMode.PUT));
            calendar.insert(timed("put00001", "Board"));
            String etag = primary.edit("put00001", "{\"reminders\": {\"useDefault\": false}}").path("etag").asText();
            RemoteEvent allDay = new RemoteEvent("put00001", null, null, "Board day", "", "", null, null, null,
                    LocalDate.parse("2026-11-25"), LocalDate.parse("2026-11-26"), List.of(), null, null, false,
                    List.of(), null, Map.of(), null);

            RemoteEvent updated = calendar.update(allDay, etag);

            JsonNode stored = primary.event("put00001").orElseThrow();
            assertThat(stored.has("reminders")).isFalse();
            assertThat(stored.path("start").path("date").asText()).isEqualTo("2026-11-25");
            assertThat(stored.path("start").has("dateTime")).isFalse();
            assertThat(updated.startDate()).isEqualTo(LocalDate.parse("2026-11-25"));
        }
    }

    @Nested
    @DisplayName("instances of a series")
    class Instances {

        /** A weekly stand-up on Mondays 09:00 in Amsterdam, four times from 23 November. */
        private void userAddsSeries() {
            primary.add(StandUpSeries.JSON);
        }

        private RemoteEvent instance(Instant original, Instant start, String title, boolean cancelled) {
            return StandUpSeries.instance(original, start, title, cancelled);
        }

        @Test
        @DisplayName("an instance whose ETag is not known is read first (events.instances by original start), then written under that ETag with recurringEventId and originalStartTime")
        void readThenWrite() {
            GoogleCalendar calendar = open();
            userAddsSeries();
            String seriesEtag = primary.event("series001").orElseThrow().path("etag").asText();
            Instant second = Instant.parse("2026-11-30T08:00:00Z");

            RemoteEvent moved = calendar.update(instance(second, second.plus(Duration.ofHours(2)), "Stand-up (later)",
                    false), null);

            assertThat(google.requests()).extracting(r -> r.method() + " " + r.path().replaceAll(".*/events", "")
                    + " " + r.ifMatch().orElse("-") + " " + r.status())
                    .containsExactly("GET /series001/instances - 200",
                            "PATCH /series001_20261130T080000Z " + seriesEtag + " 200");
            assertThat(google.requests().get(0).query()).containsEntry("originalStart", "2026-11-30T08:00:00Z");
            JsonNode stored = primary.event("series001_20261130T080000Z").orElseThrow();
            assertThat(stored.path("recurringEventId").asText()).isEqualTo("series001");
            assertThat(stored.path("originalStartTime").path("dateTime").asText()).isEqualTo("2026-11-30T09:00:00+01:00");
            assertThat(stored.path("start").path("dateTime").asText()).isEqualTo("2026-11-30T11:00:00+01:00");
            assertThat(stored.path("status").asText()).isEqualTo("confirmed");
            assertThat(moved.etag()).isEqualTo(stored.path("etag").asText()).isNotEqualTo(seriesEtag);
            assertThat(primary.event("series001").orElseThrow().path("etag").asText())
                    .as("the series keeps its ETag").isEqualTo(seriesEtag);
            assertThat(primary.instances("series001")).extracting(i -> i.path("start").path("dateTime").asText())
                    .containsExactly("2026-11-23T09:00:00+01:00", "2026-11-30T11:00:00+01:00",
                            "2026-12-07T09:00:00+01:00", "2026-12-14T09:00:00+01:00");
        }

        @Test
        @DisplayName("a cancelled instance goes out as status cancelled and drops out of the series' occurrences")
        void cancelOnTheWire() {
            GoogleCalendar calendar = open(250, b -> b.writeMode(WriteMode.PATCH));
            userAddsSeries();
            Instant third = Instant.parse("2026-12-07T08:00:00Z");

            RemoteEvent cancelled = calendar.update(instance(third, third, "Stand-up", true), null);

            assertThat(cancelled.cancelled()).isTrue();
            assertThat(google.requests()).extracting(RecordedRequest::method).containsExactly("GET", "PATCH");
            assertThat(primary.event("series001_20261207T080000Z").orElseThrow().path("status").asText())
                    .isEqualTo("cancelled");
            assertThat(primary.instances("series001")).extracting(i -> i.path("id").asText())
                    .doesNotContain("series001_20261207T080000Z").hasSize(3);
        }

        @Test
        @DisplayName("a stale ETag on an instance is answered 412; the adapter re-reads the instance and reports the conflict with it")
        void staleInstanceEtag() {
            GoogleCalendar calendar = open();
            userAddsSeries();
            Instant second = Instant.parse("2026-11-30T08:00:00Z");
            RemoteEvent written = calendar.update(instance(second, second, "Avalon's", false), null);
            primary.edit(written.remoteId(), "{\"summary\": \"The user's\"}");

            assertThatThrownBy(() -> calendar.update(instance(second, second, "Avalon's again", false),
                    written.etag()))
                    .isInstanceOfSatisfying(RemoteCalendarException.class, e -> {
                        assertThat(e.kind()).isEqualTo(Kind.CONFLICT);
                        assertThat(e.current()).hasValueSatisfying(current -> {
                            assertThat(current.title()).isEqualTo("The user's");
                            assertThat(current.recurringEventId()).isEqualTo("series001");
                        });
                    });
        }

        @Test
        @DisplayName("an instance id that is no occurrence is NOT_FOUND after the look-up, and nothing is written")
        void noSuchOccurrence() {
            GoogleCalendar calendar = open();
            userAddsSeries();
            Instant tuesday = Instant.parse("2026-11-24T08:00:00Z");

            assertThatThrownBy(() -> calendar.update(instance(tuesday, tuesday, "x", false), null))
                    .isInstanceOfSatisfying(RemoteCalendarException.class,
                            e -> assertThat(e.kind()).isEqualTo(Kind.NOT_FOUND));
            assertThat(google.requests()).extracting(r -> r.method() + " " + r.status()).containsExactly("GET 200");
        }

        @Test
        @DisplayName("with singleEvents the series is listed as its instances, the exception in its place, in full and incremental sync alike")
        void singleEventsExpands() {
            GoogleCalendar calendar = open(3, b -> b.singleEvents(true));
            userAddsSeries();
            userAdds("single01", "Dentist");
            RemoteChanges first = calendar.changes(Optional.empty());

            assertThat(first.events()).extracting(RemoteEvent::remoteId).containsExactly(
                    "series001_20261123T080000Z", "series001_20261130T080000Z", "series001_20261207T080000Z",
                    "series001_20261214T080000Z", "single01");
            assertThat(first.events().get(1)).satisfies(e -> {
                assertThat(e.recurringEventId()).isEqualTo("series001");
                assertThat(e.originalStart()).isEqualTo(Instant.parse("2026-11-30T08:00:00Z"));
                assertThat(e.start()).isEqualTo(Instant.parse("2026-11-30T08:00:00Z"));
                assertThat(e.recurrence()).isEmpty();
            });

            clock.advance(Duration.ofMinutes(5));
            primary.move("series001_20261207T080000Z", Instant.parse("2026-12-07T12:00:00Z"),
                    Instant.parse("2026-12-07T12:15:00Z"));
            primary.delete("series001_20261214T080000Z");
            RemoteChanges changed = calendar.changes(Optional.of(first.nextSyncToken()));

            assertThat(changed.events()).extracting(e -> e.remoteId() + (e.cancelled() ? " cancelled" : " " + e.start()))
                    .containsExactly("series001_20261207T080000Z 2026-12-07T12:00:00Z",
                            "series001_20261214T080000Z cancelled");
            assertThat(calendar.changes(Optional.empty()).events()).extracting(RemoteEvent::remoteId)
                    .as("a full listing leaves the cancelled occurrence out")
                    .doesNotContain("series001_20261214T080000Z").hasSize(4);

            primary.edit("series001", "{\"summary\": \"Stand-up (renamed)\"}");
            assertThat(calendar.changes(Optional.of(changed.nextSyncToken())).events())
                    .as("a change of the series lists every instance again").hasSize(4);
        }

        @Test
        @DisplayName("without singleEvents the series is listed once; a cancelled occurrence stays in the full listing, as Google lists it")
        void withoutSingleEvents() {
            GoogleCalendar calendar = open();
            userAddsSeries();
            primary.delete("series001_20261214T080000Z");

            List<RemoteEvent> listed = calendar.changes(Optional.empty()).events();

            assertThat(listed).extracting(e -> e.remoteId() + (e.cancelled() ? " cancelled" : ""))
                    .containsExactly("series001", "series001_20261214T080000Z cancelled");
            assertThat(listed.get(1).originalStart()).isEqualTo(Instant.parse("2026-12-14T08:00:00Z"));
        }
    }

    @Nested
    @DisplayName("backoff")
    class Backoff {

        @Test
        @DisplayName("429s are retried after Google's backoff: min(cap, base·2^n + unit·jitter), the first one not at once")
        void exponentialBackoffDelays() {
            GoogleCalendar calendar = open(250, b -> b.random(units(0.0, 0.5, 0.999, 0.75)));
            google.failNext(InjectedFailure.tooManyRequests(null), InjectedFailure.tooManyRequests(null),
                    InjectedFailure.tooManyRequests(null), InjectedFailure.tooManyRequests(null));

            RemoteChanges changes = calendar.changes(Optional.empty());

            assertThat(changes.fullSync()).isTrue();
            // base 1 s, jitter 1 s, cap 4 s: 1 + 0, 2 + 0.5, 4 (capped), 4 (capped)
            assertThat(sleeps).containsExactly(Duration.ofSeconds(1), Duration.ofMillis(2500), Duration.ofSeconds(4),
                    Duration.ofSeconds(4));
        }

        @Test
        @DisplayName("with a real random source every delay lies within [min(cap, base·2^n), min(cap, base·2^n + jitter)] and the sixth failure gives up")
        void delaysWithinBoundsThenGiveUp() {
            GoogleCalendar calendar = open();
            for (int i = 0; i < 6; i++) {
                google.failNext(InjectedFailure.tooManyRequests(null));
            }

            assertThatThrownBy(() -> calendar.changes(Optional.empty()))
                    .isInstanceOfSatisfying(RemoteCalendarException.class,
                            e -> assertThat(e.kind()).isEqualTo(Kind.RATE_LIMITED));
            RetryPolicy policy = new RetryPolicy(5, Duration.ofSeconds(1), Duration.ofSeconds(4));
            assertThat(sleeps).hasSize(5);
            for (int n = 0; n < sleeps.size(); n++) {
                Duration most = policy.ceiling(n).plus(policy.jitter());
                assertThat(sleeps.get(n)).isGreaterThanOrEqualTo(policy.ceiling(n))
                        .isLessThanOrEqualTo(most.compareTo(policy.cap()) < 0 ? most : policy.cap());
            }
            assertThat(google.requests()).hasSize(6);
        }

        @Test
        @DisplayName("Retry-After is honoured as the least delay")
        void retryAfterHonoured() {
            GoogleCalendar calendar = open(250, b -> b.random(units(0.1)));
            google.failNext(InjectedFailure.tooManyRequests(Duration.ofSeconds(3)));

            calendar.changes(Optional.empty());

            assertThat(sleeps).containsExactly(Duration.ofSeconds(3));
        }

        @Test
        @DisplayName("a Retry-After longer than the cap is not waited for: RATE_LIMITED at once")
        void retryAfterBeyondCap() {
            GoogleCalendar calendar = open();
            google.failNext(InjectedFailure.tooManyRequests(Duration.ofMinutes(5)));

            assertThatThrownBy(() -> calendar.changes(Optional.empty()))
                    .isInstanceOfSatisfying(RemoteCalendarException.class,
                            e -> assertThat(e.kind()).isEqualTo(Kind.RATE_LIMITED));
            assertThat(sleeps).isEmpty();
        }

        @Test
        @DisplayName("403 rateLimitExceeded and userRateLimitExceeded are retried; a plain 403 is UNAUTHORIZED at once")
        void usageLimits403() {
            GoogleCalendar calendar = open();
            google.failNext(InjectedFailure.usageLimit("rateLimitExceeded", Duration.ofSeconds(1)),
                    InjectedFailure.usageLimit("userRateLimitExceeded", null));

            calendar.changes(Optional.empty());
            assertThat(sleeps).hasSize(2);
            assertThat(sleeps.get(0)).isGreaterThanOrEqualTo(Duration.ofSeconds(1));

            google.failNext(InjectedFailure.forbidden());
            assertThatThrownBy(() -> calendar.changes(Optional.empty()))
                    .isInstanceOfSatisfying(RemoteCalendarException.class,
                            e -> assertThat(e.kind()).isEqualTo(Kind.UNAUTHORIZED));
            assertThat(sleeps).hasSize(2);
        }

        @Test
        @DisplayName("a write without If-Match is not idempotent and is not retried")
        void nonIdempotentNotRetried() {
            GoogleCalendar calendar = open();
            calendar.insert(timed("nid00001", "Board"));
            google.clearRequests();
            google.failNext(InjectedFailure.tooManyRequests(null));

            assertThatThrownBy(() -> calendar.update(timed("nid00001", "Board (renamed)"), null))
                    .isInstanceOfSatisfying(RemoteCalendarException.class,
                            e -> assertThat(e.kind()).isEqualTo(Kind.RATE_LIMITED));
            assertThat(google.requests()).hasSize(1);
            assertThat(sleeps).isEmpty();
        }

        @Test
        @DisplayName("a 500 on a read is retried; when it persists the call fails UNAVAILABLE")
        void serverErrors() {
            GoogleCalendar calendar = open(250, b -> b.retry(new RetryPolicy(1, Duration.ofSeconds(1),
                    Duration.ofSeconds(4))));
            google.failNext(InjectedFailure.serverError());
            assertThat(calendar.changes(Optional.empty()).fullSync()).isTrue();

            google.failNext(InjectedFailure.serverError(), InjectedFailure.serverError());
            assertThatThrownBy(() -> calendar.changes(Optional.empty()))
                    .isInstanceOfSatisfying(RemoteCalendarException.class,
                            e -> assertThat(e.kind()).isEqualTo(Kind.UNAVAILABLE));
        }
    }

    @Nested
    @DisplayName("authorisation")
    class Authorisation {

        @Test
        @DisplayName("the access token is kept until shortly before it expires, then refreshed without a 401")
        void refreshBeforeExpiry() {
            GoogleCalendar calendar = open();
            calendar.changes(Optional.empty());
            assertThat(google.tokenRequests()).isEqualTo(1);

            clock.advance(Duration.ofMinutes(8));
            calendar.changes(Optional.empty());
            assertThat(google.tokenRequests()).isEqualTo(1);

            clock.advance(Duration.ofMinutes(1).plusSeconds(1));
            calendar.changes(Optional.empty());
            assertThat(google.tokenRequests()).isEqualTo(2);
            assertThat(google.requests()).allSatisfy(r -> assertThat(r.status()).isEqualTo(200));
        }

        @Test
        @DisplayName("a 401 refreshes the token once and repeats the call")
        void refreshOn401() {
            GoogleCalendar calendar = open();
            calendar.changes(Optional.empty());
            google.revokeAccessTokens();

            assertThat(calendar.changes(Optional.empty()).fullSync()).isTrue();

            assertThat(google.tokenRequests()).isEqualTo(2);
            assertThat(google.requests()).extracting(RecordedRequest::status).containsExactly(200, 401, 200);
        }

        @Test
        @DisplayName("a refused refresh token is UNAUTHORIZED and the message holds no secret")
        void refusedRefreshToken() {
            google = FakeGoogleCalendarServer.builder().clock(clock).start();
            GoogleCalendar calendar = new GoogleCalendar(GoogleCalendarConfig.custom("primary",
                            FakeGoogleCalendarServer.CLIENT_ID, FakeGoogleCalendarServer.CLIENT_SECRET, "1//revoked")
                    .baseUri(google.baseUri()).tokenUri(google.tokenUri()).clock(clock).build());

            assertThatThrownBy(() -> calendar.changes(Optional.empty()))
                    .isInstanceOfSatisfying(RemoteCalendarException.class, e -> {
                        assertThat(e.kind()).isEqualTo(Kind.UNAUTHORIZED);
                        assertThat(e.getMessage()).contains("invalid_grant")
                                .doesNotContain("1//revoked").doesNotContain(FakeGoogleCalendarServer.CLIENT_SECRET);
                    });
            assertThat(google.requests()).isEmpty();
        }
    }

    @Nested
    @DisplayName("configuration")
    class Configuration {

        @Test
        @DisplayName("every configuration problem is reported at once, and toString hides the secrets")
        void configuration() {
            assertThatThrownBy(() -> GoogleCalendarConfig.custom(" ", null, "secret", "").pageSize(0).build())
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContainingAll("calendarId", "clientId", "refreshToken", "pageSize");

            String shown = GoogleCalendarConfig.custom("primary", "client", "s3cr3t", "1//refresh").build().toString();
            assertThat(shown).contains("primary").doesNotContain("s3cr3t").doesNotContain("1//refresh");
        }
    }
}
