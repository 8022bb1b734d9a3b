package dev.avalon.ics;

import biweekly.Biweekly;
import biweekly.ICalVersion;
import biweekly.ICalendar;
import biweekly.component.VEvent;
import biweekly.property.Attendee;
import biweekly.util.Recurrence;
import dev.avalon.core.port.Invite;
import dev.avalon.core.port.InviteRenderer;
import dev.avalon.core.port.InviteRequest;
import dev.avalon.core.port.InviteRequest.InviteMethod;
import dev.avalon.testkit.contract.InviteRendererContract;
import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.data.CalendarOutputter;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.ComponentList;
import net.fortuna.ical4j.model.Parameter;
import net.fortuna.ical4j.model.Property;
import net.fortuna.ical4j.model.component.VTimeZone;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@DisplayName("Ical4jInviteRenderer keeps the InviteRenderer contract and writes valid iTIP")
class Ical4jInviteRendererTest extends InviteRendererContract {

    private static final Ical4jInviteRenderer RENDERER = new Ical4jInviteRenderer();

    @Override
    protected InviteRenderer renderer() {
        return RENDERER;
    }

    private static Calendar ical4j(Invite invite) throws Exception {
        return new CalendarBuilder().build(new ByteArrayInputStream(invite.icalendar()));
    }

    private static net.fortuna.ical4j.model.component.VEvent event(Calendar calendar) {
        return calendar.<net.fortuna.ical4j.model.component.VEvent>getComponents("VEVENT").get(0);
    }

    private static String unfolded(Invite invite) {
        return invite.text().replace("\r\n ", "");
    }

    private static Stream<InviteRequest> variety() {
        InviteRequest request = request();
        return Stream.of(request,
                withRecurrence(request, "FREQ=WEEKLY;BYDAY=TH;UNTIL=20261231", null),
                withRecurrence(request, "FREQ=MONTHLY;BYDAY=TH;BYSETPOS=-1;COUNT=6", null),
                withRecurrence(request, null, request.start().plusWeeks(2)),
                cancelled(request, 3),
                cancelled(withRecurrence(request, null, request.start().plusWeeks(1)), 1),
                withTimes(request, ZonedDateTime.of(2026, 5, 1, 9, 0, 0, 0, ZoneOffset.UTC),
                        ZonedDateTime.of(2026, 5, 1, 19, 0, 0, 0, ZoneId.of("Asia/Tokyo"))),
                withRecurrence(withTimes(request, ZonedDateTime.of(2026, 10, 5, 9, 0, 0, 0, SYDNEY),
                        ZonedDateTime.of(2026, 10, 5, 10, 0, 0, 0, SYDNEY)), "FREQ=DAILY;UNTIL=20261010", null));
    }

    private static final ZoneId SYDNEY = ZoneId.of("Australia/Sydney");

    /**
     * The bytes ical4j's CalendarOutputter writes for {@code calendar}, unfolded and folded again by
     * octets: what the renderer writes for the complete calendar.
     */
    private static byte[] outputterBytes(Calendar calendar) throws Exception {
        java.io.StringWriter text = new java.io.StringWriter();
        new CalendarOutputter(false).output(calendar, text);
        String lines = text.toString().replace("\r\n ", "");
        return dev.avalon.ics.internal.CalendarText.folded(lines).getBytes(StandardCharsets.UTF_8);
    }

    /** The calendar render validates for {@code request}: the complete one without its VTIMEZONEs. */
    private static Calendar withoutZones(InviteRequest request) {
        Calendar complete = RENDERER.calendar(request);
        return new Calendar(complete.getPropertyList(), new ComponentList<>(complete.getComponents().stream()
                .filter(c -> !(c instanceof VTimeZone)).toList()));
    }

    private static net.fortuna.ical4j.model.component.VEvent withoutProperty(Calendar calendar, String name) {
        net.fortuna.ical4j.model.component.VEvent event = event(calendar);
        event.removeAll(name);
        return event;
    }

    @Test
    @DisplayName("Each invite is validated with ical4j's iTIP rules for its method, and every TZID must have its VTIMEZONE")
    void iTipRulesApply() {
        InviteRequest utc = withTimes(request(), request().start().withZoneSameInstant(ZoneOffset.UTC),
                request().end().withZoneSameInstant(ZoneOffset.UTC));
        Calendar request = withoutZones(utc);
        Calendar cancel = withoutZones(cancelled(utc, 2));
        Calendar noOrganizer = withoutZones(utc);
        withoutProperty(noOrganizer, Property.ORGANIZER);
        Calendar noAttendee = withoutZones(utc);
        withoutProperty(noAttendee, Property.ATTENDEE);
        Calendar cancelWithoutUid = withoutZones(cancelled(utc, 2));
        withoutProperty(cancelWithoutUid, Property.UID);
        Calendar noMethod = withoutZones(utc);
        noMethod.removeAll(Property.METHOD);

        Ical4jInviteRenderer.validate(request, List.of());
        Ical4jInviteRenderer.validate(cancel, List.of());
        assertThatThrownBy(() -> Ical4jInviteRenderer.validate(noOrganizer, List.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(Property.ORGANIZER);
        assertThatThrownBy(() -> Ical4jInviteRenderer.validate(noAttendee, List.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(Property.ATTENDEE);
        assertThatThrownBy(() -> Ical4jInviteRenderer.validate(cancelWithoutUid, List.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(Property.UID);
        assertThatThrownBy(() -> Ical4jInviteRenderer.validate(noMethod, List.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(Property.METHOD);
        assertThatThrownBy(() -> Ical4jInviteRenderer.validate(withoutZones(request()), List.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("TZID Europe/Amsterdam");
    }

    @Test
    @DisplayName("An invite is byte for byte what ical4j's CalendarOutputter writes for its complete calendar, VTIMEZONEs included")
    void sameBytesAsTheOutputter() throws Exception {
        Ical4jInviteRenderer renderer = new Ical4jInviteRenderer();
        ZonedDateTime amsterdam = request().start();
        InviteRequest request = request();
        List<InviteRequest> requests = List.of(
                request,
                // no DST since 1951
                withTimes(request, amsterdam.withZoneSameInstant(ZoneId.of("Asia/Tokyo")),
                        amsterdam.withZoneSameInstant(ZoneId.of("Asia/Tokyo")).plusHours(1)),
                // southern hemisphere: summer time from October to April
                withTimes(request, amsterdam.withZoneSameInstant(SYDNEY), amsterdam.withZoneSameInstant(SYDNEY).plusHours(2)),
                // southern hemisphere, DST abolished in 2019
                withTimes(request, amsterdam.withZoneSameInstant(ZoneId.of("America/Sao_Paulo")),
                        amsterdam.withZoneSameInstant(ZoneId.of("America/Sao_Paulo")).plusHours(1)),
                // three VTIMEZONEs, spliced in the outputter's order
                withRecurrence(withTimes(request, amsterdam, amsterdam.withZoneSameInstant(ZoneId.of("Asia/Tokyo")).plusHours(1)),
                        null, amsterdam.withZoneSameInstant(ZoneId.of("America/New_York"))),
                withTimes(request, amsterdam.withZoneSameInstant(ZoneOffset.UTC), amsterdam.withZoneSameInstant(ZoneOffset.UTC).plusHours(1)),
                cancelled(withSummary(request, "Ü".repeat(100) + "\nBEGIN:VTIMEZONE"), 2));

        for (InviteRequest each : requests) {
            Calendar complete = renderer.calendar(each);
            byte[] expected = outputterBytes(complete);

            assertThat(complete.getComponents("VTIMEZONE")).extracting(z -> ((VTimeZone) z).getTimeZoneId().getValue())
                    .containsExactlyElementsOf(new java.util.TreeSet<>(Stream.of(each.start(), each.end(), each.recurrenceId())
                            .filter(java.util.Objects::nonNull).map(t -> t.getZone().normalized())
                            .filter(z -> !z.equals(ZoneOffset.UTC)).map(ZoneId::getId).toList()));
            assertThat(complete.validate().hasErrors()).as("validation of the complete calendar of %s", each).isFalse();
            for (String which : List.of("first", "a later")) {
                byte[] rendered = renderer.render(each).icalendar();
                // the text first, for a readable difference; then every byte
                assertThat(new String(rendered, StandardCharsets.UTF_8)).as("%s invite of %s", which, each)
                        .isEqualTo(new String(expected, StandardCharsets.UTF_8));
                assertThat(rendered).as("%s invite of %s", which, each).isEqualTo(expected);
            }
        }
    }

    @Test
    @DisplayName("Every generated invite parses with ical4j and passes its validation, iTIP rules included")
    void generatedInvitesValidate() throws Exception {
        for (InviteRequest request : variety().toList()) {
            Calendar back = ical4j(RENDERER.render(request));

            assertThat(back.validate().hasErrors()).as("validation of %s", request).isFalse();
            assertThat(back.getProperty(Property.METHOD).orElseThrow().getValue()).isEqualTo(request.method().name());
        }
    }

    @Test
    @DisplayName("Every generated invite also reads with biweekly, an independent parser, with the same facts")
    void independentParserAgrees() {
        for (InviteRequest request : variety().toList()) {
            ICalendar calendar = Biweekly.parse(RENDERER.render(request).text()).first();

            assertThat(calendar.getMethod().getValue()).isEqualTo(request.method().name());
            assertThat(calendar.getVersion()).isEqualTo(ICalVersion.V2_0);
            VEvent event = calendar.getEvents().get(0);
            assertThat(event.getUid().getValue()).isEqualTo(request.uid());
            assertThat(event.getSequence().getValue()).isEqualTo(request.sequence());
            assertThat(event.getSummary().getValue()).isEqualTo(request.summary());
            assertThat(event.getDateStart().getValue().toInstant()).isEqualTo(request.start().toInstant());
            assertThat(event.getDateEnd().getValue().toInstant()).isEqualTo(request.end().toInstant());
            assertThat(event.getAttendees()).extracting(Attendee::getEmail).containsExactlyElementsOf(request.attendees());
            assertThat(event.getOrganizer().getEmail()).isEqualTo(request.organizer());
            if (request.recurrenceId() != null) {
                assertThat(event.getRecurrenceId().getValue().toInstant()).isEqualTo(request.recurrenceId().toInstant());
            }
            assertThat(calendar.validate(ICalVersion.V2_0).isEmpty()).as("biweekly validation of %s: %s", request,
                    calendar.validate(ICalVersion.V2_0)).isTrue();
        }
    }

    @Test
    @DisplayName("A REQUEST has PRODID, VERSION, METHOD, UID, DTSTAMP, SEQUENCE, ORGANIZER and attendees that must reply")
    void requestProperties() throws Exception {
        Invite invite = RENDERER.render(request());
        String text = unfolded(invite);

        assertThat(text).contains("PRODID:" + Ical4jInviteRenderer.DEFAULT_PRODUCT_ID + "\r\n", "VERSION:2.0\r\n",
                "METHOD:REQUEST\r\n", "UID:evt-20261126-vsb@avalon.test\r\n", "DTSTAMP:20261123T070000Z\r\n",
                "SEQUENCE:0\r\n", "ORGANIZER:mailto:organizer@example.org\r\n",
                "DTSTART;TZID=Europe/Amsterdam:20261126T140000\r\n", "DTEND;TZID=Europe/Amsterdam:20261126T153000\r\n")
                .doesNotContain("STATUS:");
        List<Property> attendees = event(ical4j(invite)).getProperties(Property.ATTENDEE);
        assertThat(attendees).hasSize(2).allSatisfy(a -> {
            assertThat(a.getParameter(Parameter.ROLE).orElseThrow().getValue()).isEqualTo("REQ-PARTICIPANT");
            assertThat(a.getParameter(Parameter.PARTSTAT).orElseThrow().getValue()).isEqualTo("NEEDS-ACTION");
            assertThat(a.getParameter(Parameter.RSVP).orElseThrow().getValue()).isEqualTo("TRUE");
        });
        assertThat(attendees).extracting(Property::getValue).containsExactly("mailto:bob@example.org", "mailto:carol@example.net");
    }

    @Test
    @DisplayName("A CANCEL has METHOD:CANCEL and STATUS:CANCELLED, with the UID and the raised SEQUENCE")
    void cancelProperties() {
        String text = unfolded(RENDERER.render(cancelled(request(), 4)));

        assertThat(text).contains("METHOD:CANCEL\r\n", "STATUS:CANCELLED\r\n", "SEQUENCE:4\r\n",
                "UID:evt-20261126-vsb@avalon.test\r\n");
    }

    @Test
    @DisplayName("There is one VTIMEZONE per zone used, whose TZID is the zone the times name; none for UTC")
    void oneTimezonePerZone() throws Exception {
        ZonedDateTime start = ZonedDateTime.of(2026, 5, 1, 9, 0, 0, 0, ZoneId.of("Europe/Amsterdam"));
        InviteRequest twoZones = withRecurrence(withTimes(request(), start, start.withZoneSameInstant(ZoneId.of("Asia/Tokyo")).plusHours(1)),
                null, start.withZoneSameInstant(ZoneId.of("America/New_York")));
        InviteRequest utc = withTimes(request(), start.withZoneSameInstant(ZoneOffset.UTC), start.withZoneSameInstant(ZoneId.of("UTC")).plusHours(1));

        List<VTimeZone> zones = ical4j(RENDERER.render(twoZones)).getComponents("VTIMEZONE");
        Calendar utcCalendar = ical4j(RENDERER.render(utc));

        assertThat(zones).extracting(z -> z.getTimeZoneId().getValue())
                .containsExactly("America/New_York", "Asia/Tokyo", "Europe/Amsterdam");
        assertThat(utcCalendar.getComponents("VTIMEZONE")).isEmpty();
        assertThat(unfolded(RENDERER.render(utc))).contains("DTSTART:20260501T070000Z\r\n", "DTEND:20260501T080000Z\r\n");
        assertThat(unfolded(RENDERER.render(twoZones))).contains("RECURRENCE-ID;TZID=America/New_York:20260501T030000\r\n");
    }

    @Test
    @DisplayName("An RRULE's UNTIL is written in UTC: a date means the end of that day in the start's zone, a local time is read in that zone")
    void untilInUtc() {
        assertThat(unfolded(RENDERER.render(withRecurrence(request(), "FREQ=WEEKLY;BYDAY=TH;UNTIL=20261231", null))))
                .contains("RRULE:FREQ=WEEKLY;UNTIL=20261231T225959Z;BYDAY=TH\r\n");
        assertThat(unfolded(RENDERER.render(withRecurrence(request(), "FREQ=DAILY;UNTIL=20260705T140000", null))))
                .contains("RRULE:FREQ=DAILY;UNTIL=20260705T120000Z\r\n");
        assertThat(unfolded(RENDERER.render(withRecurrence(request(), "FREQ=DAILY;UNTIL=20261210T130000Z", null))))
                .contains("RRULE:FREQ=DAILY;UNTIL=20261210T130000Z\r\n");
        assertThat(RENDERER.parse(RENDERER.render(withRecurrence(request(), "FREQ=MONTHLY;COUNT=3", null)).icalendar()).rrule())
                .isEqualTo("FREQ=MONTHLY;COUNT=3");
    }

    @Test
    @DisplayName("An RRULE with both UNTIL and COUNT, or one that is not an RRULE, is refused naming rrule")
    void badRecurrence() {
        assertThatThrownBy(() -> RENDERER.render(withRecurrence(request(), "FREQ=WEEKLY;COUNT=3;UNTIL=20261231", null)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("rrule");
        assertThatThrownBy(() -> RENDERER.render(withRecurrence(request(), "EVERY=SOMETIMES", null)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("rrule");
    }

    @Test
    @DisplayName("A title that tries to inject an ATTENDEE stays one escaped SUMMARY line; the event still has two attendees")
    void injectionIsEscaped() throws Exception {
        Invite invite = RENDERER.render(withSummary(request(), "x\nATTENDEE:mailto:evil@x;\r\nEND:VEVENT"));

        assertThat(unfolded(invite)).contains("SUMMARY:x\\nATTENDEE:mailto:evil@x\\;\\nEND:VEVENT\r\n")
                .doesNotContain("\r\nATTENDEE:mailto:evil");
        assertThat(event(ical4j(invite)).getProperties(Property.ATTENDEE)).hasSize(2);
    }

    @Test
    @DisplayName("Long lines are folded at 75 octets (RFC 5545 §3.1), never inside a UTF-8 sequence, and unfold to the text")
    void folded() throws Exception {
        String summary = "Ü".repeat(100) + "€😀".repeat(30) + "a".repeat(80);
        Invite invite = RENDERER.render(withSummary(request(), summary));

        InviteOctets.assertFoldedByOctets(invite.icalendar());
        assertThat(new String(invite.icalendar(), StandardCharsets.UTF_8).split("\r\n"))
                .anySatisfy(line -> assertThat(line.getBytes(StandardCharsets.UTF_8)).hasSize(75));
        assertThat(event(ical4j(invite)).getProperty(Property.SUMMARY).orElseThrow().getValue()).isEqualTo(summary);
        assertThat(RENDERER.parse(invite.icalendar()).summary()).isEqualTo(summary);
    }

    @Test
    @DisplayName("A PRODID can be chosen, and a PRODID with a line break is refused")
    void productId() {
        assertThat(new Ical4jInviteRenderer("-//Example//Host//EN").render(request()).text()).contains("PRODID:-//Example//Host//EN\r\n");
        assertThatThrownBy(() -> new Ical4jInviteRenderer("-//X\nMETHOD:PUBLISH")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    @DisplayName("An invite with one VEVENT of another METHOD, or with two VEVENTs, does not parse")
    void parseRefusesOtherShapes() {
        String publish = RENDERER.render(request()).text().replace("METHOD:REQUEST", "METHOD:PUBLISH");
        String two = RENDERER.render(request()).text().replaceFirst("(?s)(BEGIN:VEVENT.*END:VEVENT\r\n)", "$1$1");

        assertThatThrownBy(() -> RENDERER.parse(publish.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("PUBLISH");
        assertThatThrownBy(() -> RENDERER.parse(two.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("VEVENT");
    }

    @Test
    @DisplayName("The shipped ical4j.properties keeps time zones offline and cached in memory")
    void offlineTimezones() throws IOException {
        Properties properties = new Properties();
        try (InputStream in = Ical4jInviteRenderer.class.getResourceAsStream("/ical4j.properties")) {
            properties.load(in);
        }

        assertThat(properties).containsEntry("net.fortuna.ical4j.timezone.update.enabled", "false")
                .containsEntry("net.fortuna.ical4j.timezone.cache.impl", "net.fortuna.ical4j.util.MapTimeZoneCache");
    }

    @Test
    @DisplayName("DTSTAMP is written to the second")
    void stampToTheSecond() {
        InviteRequest request = new InviteRequest(InviteMethod.REQUEST, "u-1", 0, Instant.parse("2026-11-23T07:00:00.987Z"),
                "a@example.org", List.of("b@example.org"), "t", "", "", request().start(), request().end(), null, null);

        assertThat(RENDERER.render(request).text()).contains("DTSTAMP:20261123T070000Z\r\n");
    }
}
