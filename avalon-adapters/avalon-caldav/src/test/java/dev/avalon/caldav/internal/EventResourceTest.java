package dev.avalon.caldav.internal;

import dev.avalon.core.port.RemoteEvent;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("EventResource maps events to iCalendar resources and finds the occurrences of a series")
class EventResourceTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-23T07:00:00Z"), ZoneOffset.UTC);
    private static final Instant NINE = Instant.parse("2026-11-23T08:00:00Z");

    private static RemoteEvent series(String id, List<String> recurrence) {
        return new RemoteEvent(id, null, null, "Stand-up", "", "", NINE, NINE.plusSeconds(900), "Europe/Amsterdam",
                null, null, recurrence, null, null, false, List.of(), null, Map.of(), null);
    }

    private static EventResource stored(RemoteEvent event) {
        return EventResource.parse(EventResource.of(event, "-//Test//EN", CLOCK).text(), "-//Test//EN");
    }

    private static boolean hasInstance(EventResource resource, Instant originalStart) {
        return resource.instance(new InstanceName("s_x", "s", originalStart, false), "\"e\"").isPresent();
    }

    @Test
    @DisplayName("a rule with UNTIL in UTC, EXDATE and RDATE decide which original starts are occurrences")
    void occurrences() {
        EventResource resource = stored(series("abc00001", List.of("RRULE:FREQ=WEEKLY;UNTIL=20261214T080000Z",
                "RDATE;TZID=Europe/Amsterdam:20261225T090000", "EXDATE;TZID=Europe/Amsterdam:20261207T090000")));

        assertThat(hasInstance(resource, NINE)).as("DTSTART").isTrue();
        assertThat(hasInstance(resource, Instant.parse("2026-11-30T08:00:00Z"))).as("by the rule").isTrue();
        assertThat(hasInstance(resource, Instant.parse("2026-12-07T08:00:00Z"))).as("excluded").isFalse();
        assertThat(hasInstance(resource, Instant.parse("2026-12-14T08:00:00Z"))).as("on UNTIL").isTrue();
        assertThat(hasInstance(resource, Instant.parse("2026-12-21T08:00:00Z"))).as("after UNTIL").isFalse();
        assertThat(hasInstance(resource, Instant.parse("2026-12-25T08:00:00Z"))).as("an RDATE").isTrue();
        assertThat(hasInstance(resource, Instant.parse("2026-11-30T09:00:00Z"))).as("another hour").isFalse();
    }

    @Test
    @DisplayName("a series in Amsterdam keeps its wall-clock time across the change to winter time")
    void acrossDaylightSaving() {
        Instant october = Instant.parse("2026-10-19T07:00:00Z"); // 09:00 summer time
        RemoteEvent weekly = new RemoteEvent("abc00002", null, null, "Stand-up", "", "", october,
                october.plusSeconds(900), "Europe/Amsterdam", null, null, List.of("RRULE:FREQ=WEEKLY;COUNT=3"), null,
                null, false, List.of(), null, Map.of(), null);
        EventResource resource = stored(weekly);

        assertThat(hasInstance(resource, Instant.parse("2026-11-02T08:00:00Z"))).as("09:00 winter time").isTrue();
        assertThat(hasInstance(resource, Instant.parse("2026-11-02T07:00:00Z"))).isFalse();
    }

    @Test
    @DisplayName("a resource another client wrote with DURATION, a floating-free UTC time and no Avalon properties is read")
    void foreignResource() {
        EventResource resource = EventResource.parse("""
                BEGIN:VCALENDAR\r
                VERSION:2.0\r
                PRODID:-//Other//EN\r
                BEGIN:VEVENT\r
                UID:x@example.org\r
                DTSTAMP:20261123T070000Z\r
                DTSTART:20261124T100000Z\r
                DURATION:PT45M\r
                SUMMARY:Call\r
                ATTENDEE;CN=Anna:MAILTO:anna@example.org\r
                END:VEVENT\r
                END:VCALENDAR\r
                """, "-//Test//EN");

        RemoteEvent event = resource.master("x", "\"1\"").orElseThrow();

        assertThat(event.end()).isEqualTo(Instant.parse("2026-11-24T10:45:00Z"));
        assertThat(event.zone()).isNull();
        assertThat(event.attendees()).containsExactly("anna@example.org");
        assertThat(event.privateProperties()).isEmpty();
        assertThat(event.colorId()).isNull();
    }

    @Test
    @DisplayName("white space at the start or end of a text does not survive a reading (ical4j drops it); inside it does")
    void surroundingWhiteSpace() {
        RemoteEvent spaced = new RemoteEvent("abc00004", null, null, "  two  spaces  ", "", " ", NINE,
                NINE.plusSeconds(900), "Europe/Amsterdam", null, null, List.of(), null, null, false, List.of(), null,
                Map.of(), null);

        RemoteEvent read = stored(spaced).master("abc00004", "\"1\"").orElseThrow();

        assertThat(read.title()).isEqualTo("two  spaces");
        assertThat(read.location()).isEmpty();
    }

    @Test
    @DisplayName("a backslash survives, except right before a line break, which ical4j reads back as a backslash and an n")
    void backslashes() {
        RemoteEvent paths = new RemoteEvent("abc00005", null, null, "C:\\temp\\avalon", "end\\\nnext", "", NINE,
                NINE.plusSeconds(900), null, null, null, List.of(), null, null, false, List.of(), null, Map.of(), null);

        RemoteEvent read = stored(paths).master("abc00005", "\"1\"").orElseThrow();

        assertThat(read.title()).isEqualTo("C:\\temp\\avalon");
        assertThat(read.description()).isEqualTo("end\\\\nnext");
    }

    @Test
    @DisplayName("an override replaces the earlier one of the same original start; the others and the master stay")
    void overrides() {
        RemoteEvent weekly = series("abc00003", List.of("RRULE:FREQ=WEEKLY;COUNT=4"));
        Instant second = NINE.plusSeconds(7 * 86400);
        EventResource resource = stored(weekly);
        RemoteEvent moved = new RemoteEvent(RemoteEvent.instanceId("abc00003", second, false), null, null, "Moved",
                "", "", second.plusSeconds(3600), second.plusSeconds(4500), "Europe/Amsterdam", null, null, List.of(),
                "abc00003", second, false, List.of(), null, Map.of(), null);

        EventResource twice = EventResource.parse(resource.withInstance(moved, CLOCK)
                .withInstance(moved, CLOCK).text(), "-//Test//EN");

        assertThat(twice.events("abc00003", "\"2\"")).extracting(RemoteEvent::remoteId)
                .containsExactly("abc00003", "abc00003_20261130T080000Z");
        assertThat(twice.text()).containsOnlyOnce("RECURRENCE-ID;TZID=Europe/Amsterdam:20261130T090000");
    }
}
