package dev.avalon.ics;

import biweekly.Biweekly;
import biweekly.ICalendar;
import biweekly.io.TimezoneAssignment;
import dev.avalon.core.port.Invite;
import dev.avalon.core.port.InviteRequest;
import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.component.Observance;
import net.fortuna.ical4j.model.component.VTimeZone;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.TimeZone;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("An invite's VTIMEZONE holds only the observances its event needs")
class InviteTimezoneTest {

    private static final Ical4jInviteRenderer RENDERER = new Ical4jInviteRenderer();
    private static final ZoneId AMSTERDAM = ZoneId.of("Europe/Amsterdam");

    private static InviteRequest event(ZonedDateTime start, ZonedDateTime end, String rrule) {
        return new InviteRequest(InviteRequest.InviteMethod.REQUEST, "tz-1@avalon.test", 0, start.toInstant(),
                "organizer@example.org", List.of("bob@example.org"), "Overleg", "", "", start, end, rrule, null);
    }

    private static VTimeZone zone(Invite invite) throws Exception {
        Calendar calendar = new CalendarBuilder().build(new ByteArrayInputStream(invite.icalendar()));
        List<VTimeZone> zones = calendar.getComponents("VTIMEZONE");
        assertThat(zones).hasSize(1);
        return zones.get(0);
    }

    private static String vtimezoneText(Invite invite) {
        String text = invite.text();
        return text.substring(text.indexOf("BEGIN:VTIMEZONE"), text.indexOf("END:VTIMEZONE") + "END:VTIMEZONE".length());
    }

    /**
     * Asserts that biweekly, reading the invite's own VTIMEZONE independently of ical4j, gives
     * {@code time} the offset java.time gives it. biweekly misreads the day of a change of the clocks
     * even with a complete definition, so times within a day of a change are left to ical4j's reading.
     */
    private static void assertIndependentOffset(Invite invite, ZonedDateTime time) {
        var transitions = time.getZone().getRules();
        var previous = transitions.previousTransition(time.toInstant().plusMillis(1));
        var next = transitions.nextTransition(time.toInstant());
        java.time.Duration day = java.time.Duration.ofDays(1);
        if ((previous != null && java.time.Duration.between(previous.getInstant(), time.toInstant()).compareTo(day) < 0)
                || (next != null && java.time.Duration.between(time.toInstant(), next.getInstant()).compareTo(day) < 0)) {
            return;
        }
        assertThat(biweeklyZone(invite).getOffset(time.toInstant().toEpochMilli())).as("offset at %s", time)
                .isEqualTo(time.getOffset().getTotalSeconds() * 1000);
    }

    /** The zone biweekly builds from the invite's own VTIMEZONE: a reading independent of ical4j. */
    private static TimeZone biweeklyZone(Invite invite) {
        ICalendar calendar = Biweekly.parse(invite.text()).first();
        List<TimezoneAssignment> zones = List.copyOf(calendar.getTimezoneInfo().getTimezones());
        assertThat(zones).hasSize(1);
        return zones.get(0).getTimeZone();
    }

    @Test
    @DisplayName("one event in November: only the winter-time observance, a few hundred octets, and the times read right")
    void oneEventInNovember() throws Exception {
        ZonedDateTime start = ZonedDateTime.of(2026, 11, 26, 14, 0, 0, 0, AMSTERDAM);
        InviteRequest request = event(start, start.plusMinutes(90), null);

        Invite invite = RENDERER.render(request);

        // the current rules only: winter and summer time (a reader given only winter time can misread
        // dates between New Year and the spring change), not the 150 lines of the zone's history
        List<Observance> observances = zone(invite).getObservances();
        assertThat(observances).extracting(Observance::getName)
                .containsExactlyInAnyOrder(Observance.STANDARD, Observance.DAYLIGHT);
        assertThat(vtimezoneText(invite).getBytes(StandardCharsets.UTF_8).length).isLessThan(700);
        assertThat(invite.icalendar().length).isLessThan(1500);
        InviteOctets.assertFoldedByOctets(invite.icalendar());
        // three readings of the same times: ical4j, biweekly, java.time
        assertThat(RENDERER.parse(invite.icalendar()).start().toInstant()).isEqualTo(start.toInstant());
        assertThat(RENDERER.parse(invite.icalendar()).end().toInstant()).isEqualTo(start.plusMinutes(90).toInstant());
        ICalendar read = Biweekly.parse(invite.text()).first();
        assertThat(read.getEvents().get(0).getDateStart().getValue().toInstant()).isEqualTo(start.toInstant());
        assertThat(read.getEvents().get(0).getDateEnd().getValue().toInstant())
                .isEqualTo(start.plusMinutes(90).toInstant());
    }

    @Test
    @DisplayName("an event between New Year and the spring change reads right in ical4j and biweekly")
    void oneEventInJanuary() throws Exception {
        ZonedDateTime start = ZonedDateTime.of(2027, 1, 5, 19, 30, 0, 0, AMSTERDAM);
        Invite invite = RENDERER.render(event(start, start.plusMinutes(90), null));

        assertThat(RENDERER.parse(invite.icalendar()).start().toInstant()).isEqualTo(start.toInstant());
        ICalendar read = Biweekly.parse(invite.text()).first();
        assertThat(read.getEvents().get(0).getDateStart().getValue().toInstant()).isEqualTo(start.toInstant());
    }

    @Test
    @DisplayName("a weekly series over the night clocks go back keeps summer and winter time, and every instance reads right")
    void seriesOverFallBack() throws Exception {
        ZonedDateTime start = ZonedDateTime.of(2026, 10, 8, 9, 30, 0, 0, AMSTERDAM);
        Invite invite = RENDERER.render(event(start, start.plusHours(1), "FREQ=WEEKLY;UNTIL=20261112"));

        assertThat(zone(invite).getObservances()).extracting(Observance::getName)
                .containsExactlyInAnyOrder(Observance.DAYLIGHT, Observance.STANDARD);
        for (ZonedDateTime instance = start; !instance.isAfter(start.plusWeeks(5)); instance = instance.plusWeeks(1)) {
            assertIndependentOffset(invite, instance);
        }
    }

    @Test
    @DisplayName("a series without UNTIL keeps the observances of every year to come, and far fewer than all")
    void openSeries() throws Exception {
        ZonedDateTime start = ZonedDateTime.of(2026, 11, 26, 14, 0, 0, 0, AMSTERDAM);
        Invite invite = RENDERER.render(event(start, start.plusHours(1), "FREQ=MONTHLY;COUNT=24"));

        List<Observance> observances = zone(invite).getObservances();
        assertThat(observances).extracting(Observance::getName)
                .containsExactlyInAnyOrder(Observance.DAYLIGHT, Observance.STANDARD);
        for (ZonedDateTime month = start; month.getYear() < 2029; month = month.plusMonths(1)) {
            assertIndependentOffset(invite, month);
        }
    }

    @Test
    @DisplayName("other zones too: New York and Sydney across a change of the clocks, Tokyo; each reads right")
    void otherZones() {
        for (ZonedDateTime start : List.of(ZonedDateTime.of(2026, 3, 8, 1, 30, 0, 0, ZoneId.of("America/New_York")),
                ZonedDateTime.of(2026, 4, 5, 1, 30, 0, 0, ZoneId.of("Australia/Sydney")),
                ZonedDateTime.of(2026, 7, 1, 9, 0, 0, 0, ZoneId.of("Asia/Tokyo")))) {
            ZonedDateTime end = start.plusHours(3);
            Invite invite = RENDERER.render(event(start, end, null));

            assertIndependentOffset(invite, start.plusDays(2));
            assertIndependentOffset(invite, start.minusDays(2));
            // ical4j reads the trimmed definition on the night of the change itself
            assertThat(RENDERER.parse(invite.icalendar()).start().toInstant()).isEqualTo(start.toInstant());
            assertThat(RENDERER.parse(invite.icalendar()).end().toInstant()).isEqualTo(end.toInstant());
        }
    }
}
