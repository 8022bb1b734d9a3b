package dev.avalon.caldav;

import dev.avalon.caldav.internal.InstanceName;
import dev.avalon.core.port.RemoteCalendar;
import dev.avalon.core.port.RemoteCalendarException;
import dev.avalon.core.port.RemoteEvent;
import dev.avalon.testkit.contract.RemoteCalendarContract;
import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.data.CalendarOutputter;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.Component;
import net.fortuna.ical4j.model.Property;
import net.fortuna.ical4j.model.component.VEvent;
import net.fortuna.ical4j.model.property.Summary;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.io.StringReader;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Base64;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The testkit's {@link RemoteCalendarContract} against a real CalDAV server: each test gets a new calendar
 * collection, and the user changes it as another CalDAV client would, by plain GET, PUT and DELETE of its
 * resources.
 */
abstract class CalDavCalendarContract extends RemoteCalendarContract {

    private static final AtomicInteger CALENDARS = new AtomicInteger();
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private URI collection;

    /** The server of the concrete test class, or {@code null} when it is not installed. */
    abstract CalDavServer server();

    /** The program name of that server. */
    abstract String serverName();

    @Override
    protected RemoteCalendar newCalendar(Clock clock) {
        // every test is skipped, each saying how to install the server, when it is not installed
        CalDavServer.assumeStarted(server(), serverName());
        collection = server().newCalendar("cal" + CALENDARS.incrementAndGet());
        CalDavConfig.Builder config = CalDavConfig.custom(collection)
                .clock(clock)
                .sleeper(delay -> { })
                .random(new Random(7))
                // a batch smaller than the contract's listings so full listings take several multigets
                .multigetBatch(5);
        if (server().user() != null) {
            config.login(server().user(), server().password());
        }
        CalDavCalendar calendar = new CalDavCalendar(config.build());
        calendar.createCalendar("Avalon " + collection.getPath());
        return calendar;
    }

    @Override
    protected RemoteUser user() {
        return new RemoteUser() {
            @Override
            public void retitle(String remoteId, String title) {
                Optional<InstanceName> instance = InstanceName.parse(remoteId);
                URI uri = collection.resolve(instance.map(InstanceName::seriesId).orElse(remoteId) + ".ics");
                HttpResponse<String> got = send(HttpRequest.newBuilder(uri).GET());
                Calendar calendar = parse(got.body());
                for (VEvent event : calendar.<VEvent>getComponents(Component.VEVENT)) {
                    Optional<Property> recurrenceId = event.getProperty(Property.RECURRENCE_ID);
                    boolean target = instance.isEmpty() ? recurrenceId.isEmpty() : recurrenceId.isPresent()
                            && remoteId.endsWith("_" + utc(recurrenceId.get()));
                    if (target) {
                        event.replace(new Summary(title));
                    }
                }
                HttpResponse<String> put = send(HttpRequest.newBuilder(uri)
                        .header("If-Match", got.headers().firstValue("ETag").orElseThrow())
                        .header("Content-Type", "text/calendar; charset=utf-8")
                        .PUT(HttpRequest.BodyPublishers.ofString(text(calendar), StandardCharsets.UTF_8)));
                if (put.statusCode() / 100 != 2) {
                    throw new IllegalStateException("the user's PUT was answered " + put.statusCode() + ": " + put.body());
                }
            }

            @Override
            public void delete(String remoteId) {
                HttpResponse<String> deleted = send(HttpRequest.newBuilder(collection.resolve(remoteId + ".ics")).DELETE());
                if (deleted.statusCode() / 100 != 2) {
                    throw new IllegalStateException("the user's DELETE was answered " + deleted.statusCode());
                }
            }

            @Override
            public void expireSyncTokens() {
                try {
                    server().expireSyncTokens(collection);
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                }
            }
        };
    }

    /** What this adapter adds to the contract, on the same server. */
    @Nested
    @DisplayName("beyond the contract")
    class BeyondTheContract {

        private final Instant nine = Instant.parse("2026-11-23T08:00:00Z");

        @Test
        @DisplayName("updating a series keeps the overrides of its instances; the instance keeps its own title")
        void seriesUpdateKeepsOverrides() {
            RemoteEvent series = calendar.insert(weekly("bnd00001", nine));
            Instant second = nine.plus(Duration.ofDays(7));
            RemoteEvent moved = calendar.update(instance(series, second, second.plusSeconds(3600), "Moved", false),
                    null);

            RemoteEvent renamed = new RemoteEvent(series.remoteId(), null, null, "Stand-up (renamed)",
                    series.description(), series.location(), series.start(), series.end(), series.zone(), null, null,
                    series.recurrence(), null, null, false, series.attendees(), series.colorId(),
                    series.privateProperties(), null);
            calendar.update(renamed, moved.etag());

            assertThat(calendar.get("bnd00001")).hasValueSatisfying(
                    e -> assertThat(e.title()).isEqualTo("Stand-up (renamed)"));
            assertThat(calendar.get(moved.remoteId())).hasValueSatisfying(e -> {
                assertThat(e.title()).isEqualTo("Moved");
                assertThat(e.start()).isEqualTo(second.plusSeconds(3600));
            });
            assertThat(calendar.get(RemoteEvent.instanceId("bnd00001", nine.plus(Duration.ofDays(14)), false)))
                    .hasValueSatisfying(e -> assertThat(e.title()).isEqualTo("Stand-up (renamed)"));
        }

        @Test
        @DisplayName("deleting an instance id cancels that occurrence only; deleting it again is not an error")
        void deletingAnInstanceCancelsIt() {
            RemoteEvent series = calendar.insert(weekly("bnd00002", nine));
            String third = RemoteEvent.instanceId("bnd00002", nine.plus(Duration.ofDays(14)), false);

            calendar.delete(third, series.etag());
            calendar.delete(third, null);

            assertThat(calendar.get(third)).hasValueSatisfying(e -> assertThat(e.cancelled()).isTrue());
            assertThat(calendar.get("bnd00002")).hasValueSatisfying(e -> {
                assertThat(e.cancelled()).isFalse();
                assertThat(e.recurrence()).isEqualTo(series.recurrence());
            });
        }

        @Test
        @DisplayName("an all-day series has instances named by their day, written as overrides of that day")
        void allDaySeries() {
            LocalDate first = LocalDate.parse("2026-12-01");
            RemoteEvent daily = calendar.insert(new RemoteEvent("bnd00003", null, null, "Leave", "", "", null, null,
                    null, first, first.plusDays(1), List.of("RRULE:FREQ=DAILY;COUNT=3"), null, null, false,
                    List.of(), null, Map.of(), null));
            Instant secondDay = first.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
            String id = RemoteEvent.instanceId("bnd00003", secondDay, true);
            assertThat(id).isEqualTo("bnd00003_20261202");

            RemoteEvent retitled = calendar.update(new RemoteEvent(id, null, null, "Leave (half day)", "", "", null,
                    null, null, first.plusDays(1), first.plusDays(2), List.of(), "bnd00003", secondDay, false,
                    List.of(), null, Map.of(), null), daily.etag());

            assertThat(retitled.startDate()).isEqualTo(first.plusDays(1));
            assertThat(calendar.changes(Optional.empty()).events()).extracting(RemoteEvent::remoteId)
                    .containsExactlyInAnyOrder("bnd00003", "bnd00003_20261202");
            assertThat(calendar.get("bnd00003_20261203")).hasValueSatisfying(
                    e -> assertThat(e.title()).isEqualTo("Leave"));
            assertThatThrownBy(() -> calendar.update(new RemoteEvent("bnd00003_20261204", null, null, "x", "", "",
                    null, null, null, first.plusDays(3), first.plusDays(4), List.of(), "bnd00003",
                    first.plusDays(3).atStartOfDay(ZoneOffset.UTC).toInstant(), false, List.of(), null, Map.of(),
                    null), null)).isInstanceOfSatisfying(RemoteCalendarException.class,
                    e -> assertThat(e.kind()).isEqualTo(RemoteCalendarException.Kind.NOT_FOUND));
        }

        @Test
        @DisplayName("between answers the events with a time in the window by calendar-query, a series by any occurrence, not one whose occurrences are all before")
        void windows() {
            calendar.insert(timed("rng00001", "Monday", nine));
            calendar.insert(timed("rng00002", "Next month", nine.plus(Duration.ofDays(30))));
            calendar.insert(weekly("rng00003", nine.minus(Duration.ofDays(14))));
            calendar.insert(weekly("rng00004", nine.minus(Duration.ofDays(60))));

            List<RemoteEvent> week = ((CalDavCalendar) calendar).between(nine.minus(Duration.ofHours(1)),
                    nine.plus(Duration.ofDays(7)));

            assertThat(week).extracting(RemoteEvent::remoteId).containsExactlyInAnyOrder("rng00001", "rng00003");
        }

        @Test
        @DisplayName("an event another client stored under its own name is listed under that name and can be updated")
        void foreignResourceNames() {
            String text = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Other//Client//EN\r\nBEGIN:VEVENT\r\n"
                    + "UID:5F1C-other@example.org\r\nDTSTAMP:20261123T070000Z\r\nDTSTART:20261124T100000Z\r\n"
                    + "DURATION:PT30M\r\nSUMMARY:From the phone\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";
            HttpResponse<String> put = send(HttpRequest.newBuilder(collection.resolve("5F1C-other.ics"))
                    .header("Content-Type", "text/calendar; charset=utf-8")
                    .PUT(HttpRequest.BodyPublishers.ofString(text, StandardCharsets.UTF_8)));
            assertThat(put.statusCode() / 100).isEqualTo(2);

            RemoteEvent listed = calendar.changes(Optional.empty()).events().get(0);
            assertThat(listed.remoteId()).isEqualTo("5F1C-other");
            assertThat(listed.iCalUid()).isEqualTo("5F1C-other@example.org");
            assertThat(listed.end()).isEqualTo(Instant.parse("2026-11-24T10:30:00Z"));
            assertThat(listed.zone()).isNull();

            RemoteEvent updated = calendar.update(new RemoteEvent(listed.remoteId(), null, null, "From Avalon", "",
                    "", listed.start(), listed.end(), null, null, null, List.of(), null, null, false, List.of(), null,
                    Map.of(), null), listed.etag());
            assertThat(calendar.get("5F1C-other")).hasValueSatisfying(e -> {
                assertThat(e.title()).isEqualTo("From Avalon");
                assertThat(e.iCalUid()).isEqualTo("5F1C-other@example.org");
                assertThat(e.etag()).isEqualTo(updated.etag());
            });
        }

        @Test
        @DisplayName("text with commas, semicolons, line breaks and non-ASCII, and private values with '=' come back as written")
        void textSurvives() {
            RemoteEvent odd = new RemoteEvent("bnd00004", null, null, "Overleg; budget, Q4 — café", "regel 1\nregel 2\\",
                    "Kamer 4, \"Zuid\"", nine, nine.plusSeconds(1800), "Europe/Amsterdam", null, null, List.of(), null,
                    null, false, List.of(), null, Map.of("note", "a=b; c,d", "ünï", "ж"), null);

            calendar.insert(odd);

            assertThat(calendar.get("bnd00004")).hasValueSatisfying(e -> assertThat(e)
                    .usingRecursiveComparison().ignoringFields("etag", "iCalUid", "updated").isEqualTo(odd));
        }
    }

    /** A RECURRENCE-ID in the port's basic UTC format. */
    private static String utc(Property recurrenceId) {
        String value = recurrenceId.getValue();
        if (value.length() == 8) {
            return value;
        }
        java.time.ZoneId zone = recurrenceId.<net.fortuna.ical4j.model.parameter.TzId>getParameter("TZID")
                .map(t -> java.time.ZoneId.of(t.getValue())).orElse(java.time.ZoneOffset.UTC);
        java.time.Instant at = java.time.LocalDateTime.parse(value.replace("Z", ""),
                java.time.format.DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss")).atZone(zone).toInstant();
        return java.time.format.DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
                .withZone(java.time.ZoneOffset.UTC).format(at);
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        if (server().user() != null) {
            request.header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                    (server().user() + ":" + server().password()).getBytes(StandardCharsets.UTF_8)));
        }
        try {
            return http.send(request.timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static Calendar parse(String text) {
        try {
            return new CalendarBuilder().build(new StringReader(text));
        } catch (Exception e) {
            throw new IllegalStateException("the server's resource is not iCalendar: " + e.getMessage(), e);
        }
    }

    private static String text(Calendar calendar) {
        StringWriter out = new StringWriter();
        try {
            new CalendarOutputter(false).output(calendar, out);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return out.toString();
    }
}
