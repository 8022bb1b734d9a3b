package dev.avalon.caldav;

import dev.avalon.caldav.internal.InstanceName;
import dev.avalon.core.port.RemoteCalendar;
import dev.avalon.testkit.contract.RemoteCalendarContract;
import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.data.CalendarOutputter;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.Component;
import net.fortuna.ical4j.model.Property;
import net.fortuna.ical4j.model.component.VEvent;
import net.fortuna.ical4j.model.property.Summary;

import java.io.StringReader;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The testkit's {@link RemoteCalendarContract} against a real CalDAV server: each test gets a new calendar
 * collection, and the user changes it as another CalDAV client would, by plain GET, PUT and DELETE of its
 * resources.
 */
abstract class CalDavCalendarContract extends RemoteCalendarContract {

    private static final AtomicInteger CALENDARS = new AtomicInteger();
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private URI collection;

    /** The server of the concrete test class. */
    abstract CalDavServer server();

    @Override
    protected RemoteCalendar newCalendar(Clock clock) {
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
