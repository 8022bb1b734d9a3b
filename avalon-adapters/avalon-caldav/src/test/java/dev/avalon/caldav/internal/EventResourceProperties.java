package dev.avalon.caldav.internal;

import dev.avalon.core.port.RemoteEvent;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class EventResourceProperties {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-23T07:00:00Z"), ZoneOffset.UTC);

    @Property(tries = 200)
    void anEventWrittenAsICalendarIsReadBackAsItWas(@ForAll("events") RemoteEvent event) {
        String text = EventResource.of(event, "-//Test//EN", CLOCK).text();

        RemoteEvent read = EventResource.parse(text, "-//Test//EN").master(event.remoteId(), "\"1\"").orElseThrow();

        assertThat(read).usingRecursiveComparison().ignoringFields("etag", "iCalUid", "updated").isEqualTo(event);
        assertThat(read.iCalUid()).isEqualTo(event.remoteId());
    }

    @Example
    void anEndInNewYorkTheWeekBeforeItsSpringTransitionIsReadBackAsItWas() {
        // found by the property: ical4j's own rules for America/New_York took 7 March 2027 for the transition
        anEventWrittenAsICalendarIsReadBackAsItWas(new RemoteEvent("abc00001", null, null, "", "", "",
                Instant.parse("2027-03-06T22:09:00Z"), Instant.parse("2027-03-07T07:24:00Z"), "America/New_York",
                null, null, List.of(), null, null, false, List.of(), "7", Map.of(), null));
    }

    @Provide
    Arbitrary<RemoteEvent> events() {
        Arbitrary<String> text = Arbitraries.strings().withCharRange(' ', '~').withChars("éж€\n;,:\"")
                .ofMaxLength(40)
                // ical4j's parser drops the white space a value starts or ends with (see EventResourceTest), and
                // misreads a backslash written before a line break (README: known limits), so neither is generated
                .map(s -> s.replace('\\', '/').strip());
        Arbitrary<Instant> start = Arbitraries.longs().between(0, 5L * 365 * 24 * 60)
                .map(m -> Instant.parse("2025-01-01T00:00:00Z").plus(Duration.ofMinutes(m)));
        Arbitrary<String> zone = Arbitraries.of("Europe/Amsterdam", "America/New_York", "Asia/Kolkata");
        Arbitrary<Map<String, String>> privates = Arbitraries.maps(
                Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(8), text).ofMaxSize(3);
        Arbitrary<List<String>> attendees = Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(6)
                .map(s -> s.toLowerCase() + "@example.org").list().ofMaxSize(3);
        Arbitrary<Boolean> allDay = Arbitraries.of(true, false);
        return Combinators.combine(text, text, text, start, zone, privates, attendees, allDay)
                .as((title, description, location, at, tz, props, people, day) -> {
                    LocalDate date = LocalDate.ofInstant(at, ZoneOffset.UTC);
                    return day
                            ? new RemoteEvent("abc00001", null, null, title, description, location, null, null, null,
                                    date, date.plusDays(1 + at.getEpochSecond() % 3), List.of(), null, null, false,
                                    people, null, props, null)
                            : new RemoteEvent("abc00001", null, null, title, description, location, at,
                                    at.plus(Duration.ofMinutes(15 + at.getEpochSecond() % 600)), tz, null, null,
                                    List.of(), null, null, false, people, "7", props, null);
                });
    }
}
