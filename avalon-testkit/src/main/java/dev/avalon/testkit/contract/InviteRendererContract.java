package dev.avalon.testkit.contract;

import dev.avalon.core.port.Invite;
import dev.avalon.core.port.InviteRenderer;
import dev.avalon.core.port.InviteRequest;
import dev.avalon.core.port.InviteRequest.InviteMethod;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The behaviour every {@link InviteRenderer} must have. An implementation's test extends this class
 * and returns the renderer under test:
 *
 * <pre>{@code
 * class Ical4jInviteRendererTest extends InviteRendererContract {
 *     protected InviteRenderer renderer() {
 *         return new Ical4jInviteRenderer();
 *     }
 * }
 * }</pre>
 *
 * Rules the port leaves open are fixed here so every renderer agrees:
 * <ul>
 *   <li>the output is UTF-8 text of CRLF-ended lines, from {@code BEGIN:VCALENDAR} to {@code END:VCALENDAR};</li>
 *   <li>{@code parse(render(r))} gives back r's method, uid, sequence, organizer, attendees (in order),
 *       summary, description, location, start, end and recurrence id; times as the same instant in the
 *       same zone (a UTC time in {@link ZoneOffset#UTC}); the stamp to the second; a CR LF or a CR in text
 *       comes back as LF;</li>
 *   <li>an invalid request throws {@link IllegalArgumentException} whose message names every bad field:
 *       {@code uid} blank, {@code organizer} or {@code attendees[i]} not an e-mail address, no {@code attendees}, {@code summary}
 *       blank, control characters other than line breaks and tabs in {@code summary}, {@code description}
 *       or {@code location}, {@code end} not after start, a fixed offset other than UTC or an unknown
 *       zone ({@code start}, {@code end}, {@code recurrenceId}), and an {@code rrule} on an invite for one
 *       instance.</li>
 * </ul>
 *
 * <p>The tests are grouped by theme in {@code @Nested} classes ({@code Rendering}, {@code RoundTrips},
 * {@code TextFields} and {@code Refusals}); JUnit runs them for every subclass, as part of its own test
 * class, with the subclass's set-up.
 */
public abstract class InviteRendererContract {

    protected static final ZoneId AMSTERDAM = ZoneId.of("Europe/Amsterdam");
    protected static final Instant STAMP = Instant.parse("2026-11-23T07:00:00Z");

    /** The renderer under test; may be a new one on each call. */
    protected abstract InviteRenderer renderer();

    /** A plain, valid REQUEST that tests vary with {@code new InviteRequest(...)}. */
    protected static InviteRequest request() {
        ZonedDateTime start = ZonedDateTime.of(2026, 11, 26, 14, 0, 0, 0, AMSTERDAM);
        return new InviteRequest(InviteMethod.REQUEST, "evt-20261126-vsb@avalon.test", 0, STAMP,
                "organizer@example.org", List.of("bob@example.org", "carol@example.net"),
                "VSB board meeting", "Agenda:\n1. Budget\n2. Planning", "Room 4, Town hall",
                start, start.plusMinutes(90), null, null);
    }

    protected static InviteRequest withSummary(InviteRequest r, String summary) {
        return new InviteRequest(r.method(), r.uid(), r.sequence(), r.stamp(), r.organizer(), r.attendees(), summary,
                r.description(), r.location(), r.start(), r.end(), r.rrule(), r.recurrenceId());
    }

    protected static InviteRequest withText(InviteRequest r, String description, String location) {
        return new InviteRequest(r.method(), r.uid(), r.sequence(), r.stamp(), r.organizer(), r.attendees(), r.summary(),
                description, location, r.start(), r.end(), r.rrule(), r.recurrenceId());
    }

    protected static InviteRequest withTimes(InviteRequest r, ZonedDateTime start, ZonedDateTime end) {
        return new InviteRequest(r.method(), r.uid(), r.sequence(), r.stamp(), r.organizer(), r.attendees(), r.summary(),
                r.description(), r.location(), start, end, r.rrule(), r.recurrenceId());
    }

    protected static InviteRequest withPeople(InviteRequest r, String organizer, List<String> attendees) {
        return new InviteRequest(r.method(), r.uid(), r.sequence(), r.stamp(), organizer, attendees, r.summary(),
                r.description(), r.location(), r.start(), r.end(), r.rrule(), r.recurrenceId());
    }

    protected static InviteRequest withRecurrence(InviteRequest r, String rrule, ZonedDateTime recurrenceId) {
        return new InviteRequest(r.method(), r.uid(), r.sequence(), r.stamp(), r.organizer(), r.attendees(), r.summary(),
                r.description(), r.location(), r.start(), r.end(), rrule, recurrenceId);
    }

    protected static InviteRequest cancelled(InviteRequest r, int sequence) {
        return new InviteRequest(InviteMethod.CANCEL, r.uid(), sequence, r.stamp(), r.organizer(), r.attendees(),
                r.summary(), r.description(), r.location(), r.start(), r.end(), r.rrule(), r.recurrenceId());
    }

    /** Asserts that {@code back} says what {@code sent} said, by the rules above. */
    protected static void assertSameInvite(InviteRequest back, InviteRequest sent) {
        assertThat(back.method()).isEqualTo(sent.method());
        assertThat(back.uid()).isEqualTo(sent.uid());
        assertThat(back.sequence()).isEqualTo(sent.sequence());
        assertThat(back.stamp()).isEqualTo(sent.stamp().truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
        assertThat(back.organizer()).isEqualTo(sent.organizer());
        assertThat(back.attendees()).containsExactlyElementsOf(sent.attendees());
        assertThat(back.summary()).isEqualTo(lf(sent.summary()));
        assertThat(back.description()).isEqualTo(lf(sent.description()));
        assertThat(back.location()).isEqualTo(lf(sent.location()));
        assertSameTime(back.start(), sent.start());
        assertSameTime(back.end(), sent.end());
        assertThat(back.uninvite()).isEqualTo(sent.uninvite());
        if (sent.recurrenceId() == null) {
            assertThat(back.recurrenceId()).isNull();
        } else {
            assertSameTime(back.recurrenceId(), sent.recurrenceId());
        }
        assertThat(back.rrule() == null).isEqualTo(sent.rrule() == null);
    }

    private static void assertSameTime(ZonedDateTime back, ZonedDateTime sent) {
        assertThat(back.toInstant()).isEqualTo(sent.toInstant());
        assertThat(back.getZone().normalized()).isEqualTo(sent.getZone().normalized());
    }

    private static String lf(String text) {
        return text.replace("\r\n", "\n").replace('\r', '\n');
    }

    private InviteRequest roundTrip(InviteRequest request) {
        Invite invite = renderer().render(request);
        assertThat(invite.request()).isEqualTo(request);
        return renderer().parse(invite.icalendar());
    }

    @Nested
    @DisplayName("rendering")
    class Rendering {

        @Test
        @DisplayName("A request renders as a VCALENDAR of CRLF-ended UTF-8 lines")
        void rendersCalendarText() {
            String text = renderer().render(request()).text();

            assertThat(text).startsWith("BEGIN:VCALENDAR\r\n").endsWith("END:VCALENDAR\r\n");
            assertThat(text.replace("\r\n", "")).doesNotContain("\n").doesNotContain("\r");
        }

        @Test
        @DisplayName("The same request renders the same bytes, also from another renderer instance")
        void deterministic() {
            InviteRequest request = withRecurrence(request(), "FREQ=WEEKLY;BYDAY=TH;COUNT=4", null);

            assertThat(renderer().render(request).icalendar()).isEqualTo(renderer().render(request).icalendar());
        }
    }

    @Nested
    @DisplayName("round trips")
    class RoundTrips {

        @Test
        @DisplayName("A REQUEST parses back to what it says")
        void requestRoundTrips() {
            assertSameInvite(roundTrip(request()), request());
        }

        @Test
        @DisplayName("An update with a higher SEQUENCE keeps its UID and parses back with that SEQUENCE")
        void updateRoundTrips() {
            InviteRequest first = request();
            ZonedDateTime later = first.start().plusHours(2);
            InviteRequest update = new InviteRequest(InviteMethod.REQUEST, first.uid(), first.sequence() + 1,
                    STAMP.plusSeconds(3600), first.organizer(), first.attendees(), first.summary(), first.description(),
                    first.location(), later, later.plusMinutes(90), null, null);

            InviteRequest back = roundTrip(update);

            assertSameInvite(back, update);
            assertThat(back.sequence()).isEqualTo(1);
        }

        @Test
        @DisplayName("A series REQUEST carries its cancelled instances (EXDATE) and changed ones (RECURRENCE-ID)")
        void seriesExceptionsRoundTrip() {
            InviteRequest base = withRecurrence(request(), "FREQ=WEEKLY;COUNT=4", null);
            ZonedDateTime second = base.start().plusWeeks(1);
            ZonedDateTime third = base.start().plusWeeks(2);
            InviteRequest.Instance moved = new InviteRequest.Instance(third, third.plusHours(1),
                    third.plusHours(1).plusMinutes(90), "VSB board meeting (later)", "", "Room 5");
            InviteRequest series = new InviteRequest(InviteMethod.REQUEST, base.uid(), 3, STAMP, base.organizer(),
                    base.attendees(), base.summary(), base.description(), base.location(), base.start(), base.end(),
                    base.rrule(), null, false, List.of(second), List.of(moved));

            InviteRequest back = roundTrip(series);

            assertSameInvite(back, series);
            assertThat(back.exdates()).hasSize(1);
            assertThat(back.exdates().get(0).toInstant()).isEqualTo(second.toInstant());
            assertThat(back.instances()).hasSize(1);
            InviteRequest.Instance one = back.instances().get(0);
            assertThat(one.recurrenceId().toInstant()).isEqualTo(third.toInstant());
            assertThat(one.start().toInstant()).isEqualTo(moved.start().toInstant());
            assertThat(one.end().toInstant()).isEqualTo(moved.end().toInstant());
            assertThat(one.summary()).isEqualTo(moved.summary());
            assertThat(one.location()).isEqualTo("Room 5");
        }

        @Test
        @DisplayName("A CANCEL parses back as a CANCEL of the same UID")
        void cancelRoundTrips() {
            InviteRequest cancel = cancelled(request(), 2);

            assertSameInvite(roundTrip(cancel), cancel);
        }

        @Test
        @DisplayName("A CANCEL of the event says STATUS:CANCELLED; one that only uninvites some attendees says no STATUS")
        void uninviteCarriesNoStatus() {
            InviteRequest cancel = cancelled(request(), 2);
            InviteRequest uninvite = new InviteRequest(InviteMethod.CANCEL, cancel.uid(), 2, cancel.stamp(),
                    cancel.organizer(), List.of(cancel.attendees().get(0)), cancel.summary(), cancel.description(),
                    cancel.location(), cancel.start(), cancel.end(), cancel.rrule(), null, true);

            assertThat(renderer().render(cancel).text()).contains("STATUS:CANCELLED");
            assertThat(renderer().render(uninvite).text()).doesNotContain("STATUS");
            assertSameInvite(roundTrip(uninvite), uninvite);
        }

        @Test
        @DisplayName("A recurring event keeps its RRULE and one changed instance keeps its RECURRENCE-ID")
        void recurrenceRoundTrips() {
            InviteRequest series = withRecurrence(request(), "FREQ=WEEKLY;BYDAY=TH;COUNT=4", null);
            InviteRequest instance = withRecurrence(request(), null, request().start().plusWeeks(1));
            InviteRequest cancelledInstance = cancelled(instance, 1);

            assertSameInvite(roundTrip(series), series);
            assertSameInvite(roundTrip(instance), instance);
            assertSameInvite(roundTrip(cancelledInstance), cancelledInstance);
        }

        @Test
        @DisplayName("UTC times come back as UTC, and other zones as themselves")
        void zonesRoundTrip() {
            ZonedDateTime utc = ZonedDateTime.of(2026, 3, 29, 0, 30, 0, 0, ZoneOffset.UTC);
            ZonedDateTime newYork = ZonedDateTime.of(2026, 3, 8, 1, 30, 0, 0, ZoneId.of("America/New_York"));

            assertSameInvite(roundTrip(withTimes(request(), utc, utc.plusHours(2))), withTimes(request(), utc, utc.plusHours(2)));
            // across a DST change, and with start and end in different zones
            InviteRequest mixed = withTimes(request(), newYork, newYork.plusHours(3).withZoneSameInstant(AMSTERDAM));
            assertSameInvite(roundTrip(mixed), mixed);
        }
    }

    @Nested
    @DisplayName("text fields")
    class TextFields {

        @Test
        @DisplayName("A title with a line break and a property cannot inject an attendee: it comes back verbatim")
        void titleCannotInject() {
            InviteRequest request = withSummary(request(), "x\nATTENDEE:mailto:evil@x");

            InviteRequest back = roundTrip(request);

            assertThat(back.summary()).isEqualTo("x\nATTENDEE:mailto:evil@x");
            assertThat(back.attendees()).containsExactly("bob@example.org", "carol@example.net");
        }

        @Test
        @DisplayName("Separators, backslashes, CRLF and non-ASCII text in every text field come back as sent")
        void textRoundTrips() {
            InviteRequest request = withText(withSummary(request(), "a;b,c:d\\e \"f\" END:VEVENT"),
                    "Line one\r\nLine two\rLine three\n\tindented; café ☕ 日本",
                    "Straße 1; 2nd floor, \\room\\");

            assertSameInvite(roundTrip(request), request);
        }

        @Test
        @DisplayName("A long title survives line folding whole, even where a fold would split a character")
        void longTextRoundTrips() {
            String title = "Überlegung ".repeat(20) + "😀".repeat(40);

            assertThat(roundTrip(withSummary(request(), title)).summary()).isEqualTo(title);
        }

        @Test
        @DisplayName("An event with one attendee and without description or location round-trips with empty text")
        void minimalRoundTrips() {
            InviteRequest bare = withPeople(withText(request(), "", ""), "organizer@example.org", List.of("bob@example.org"));

            assertSameInvite(roundTrip(bare), bare);
        }
    }

    @Nested
    @DisplayName("refusals")
    class Refusals {

        @Test
        @DisplayName("An invalid request is refused with every bad field named")
        void invalidRequestNamesEveryField() {
            InviteRequest base = request();
            InviteRequest bad = new InviteRequest(InviteMethod.REQUEST, " ", 0, STAMP, "not an address",
                    List.of("bob@example.org", "mallory@x>\r\nBcc:eve@x"), "ok\u0007", "bell\u0000", "fine",
                    base.start(), base.start().minusMinutes(5), null, null);

            assertThatThrownBy(() -> renderer().render(bad))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("uid")
                    .hasMessageContaining("organizer")
                    .hasMessageContaining("attendees[1]")
                    .hasMessageContaining("summary")
                    .hasMessageContaining("description")
                    .hasMessageContaining("end");
        }

        @Test
        @DisplayName("No attendees, a blank title, a fixed offset other than UTC and an rrule on one instance are refused")
        void invalidTimesAndRecurrence() {
            assertThatThrownBy(() -> renderer().render(withPeople(request(), "organizer@example.org", List.of())))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("attendees");
            ZonedDateTime offset = ZonedDateTime.of(2026, 11, 26, 14, 0, 0, 0, ZoneOffset.ofHours(2));
            assertThatThrownBy(() -> renderer().render(withSummary(request(), "  ")))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("summary");
            assertThatThrownBy(() -> renderer().render(withTimes(request(), offset, offset.plusHours(1))))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("start").hasMessageContaining("end");
            assertThatThrownBy(() -> renderer().render(withRecurrence(request(), "FREQ=DAILY;COUNT=2", request().start())))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("rrule");
        }

        @Test
        @DisplayName("Bytes that are not an invitation are refused with IllegalArgumentException")
        void parseRefusesGarbage() {
            assertThatThrownBy(() -> renderer().parse("hello\r\n".getBytes(StandardCharsets.UTF_8)))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }
}
