package dev.avalon.testkit.contract;

import com.fasterxml.jackson.databind.JsonNode;
import dev.avalon.core.port.InviteRenderer;
import dev.avalon.core.port.InviteRequest;
import dev.avalon.core.port.InviteRequest.InviteMethod;
import dev.avalon.core.port.MailSender;
import dev.avalon.core.port.RemoteCalendar;
import dev.avalon.core.port.RemoteEvent;
import dev.avalon.testkit.MutableClock;
import dev.avalon.testkit.brain.InMemoryBrainStore;
import dev.avalon.testkit.calendar.RecurringSeries;
import dev.avalon.testkit.harness.AvalonHarness;
import dev.avalon.testkit.invite.PlainInviteRenderer;
import dev.avalon.testkit.mail.RecordingMailSender;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The calendar in step with a remote calendar, as a user sees it: a series of invitations, one instance
 * cancelled, one moved, the series' time changed, the series cancelled. After every step, without a
 * {@code calendar.sync}, three views of the series agree with what Avalon lists: the remote calendar's
 * (its full listing, the series expanded with the exceptions at occurrences of its rule), an attendee's (every REQUEST and CANCEL
 * mailed so far, parsed and applied in order, as a calendar client would), and the expected instances.
 *
 * <p>An implementation's test extends this class and opens an empty calendar:
 *
 * <pre>{@code
 * class InMemoryCalendarInStepTest extends CalendarInStepScenario {
 *     protected RemoteCalendar newCalendar(Clock clock) {
 *         return new InMemoryRemoteCalendar(clock);
 *     }
 * }
 * }</pre>
 */
public abstract class CalendarInStepScenario {

    private static final ZoneId AMS = ZoneId.of("Europe/Amsterdam");
    private static final String ATTENDEE = "jan@example.org";
    private static final String WINDOW = """
            {"from":"2026-11-23T00:00:00+01:00","to":"2027-01-01T00:00:00+01:00"}""";

    /** The clock Avalon and the calendar under test were opened with. */
    protected MutableClock clock;
    /** The calendar under test. */
    protected RemoteCalendar calendar;
    private final PlainInviteRenderer renderer = new PlainInviteRenderer();
    private final RecordingMailSender mail = new RecordingMailSender();
    private AvalonHarness h;

    /** An empty calendar whose remote times come from {@code clock}. */
    protected abstract RemoteCalendar newCalendar(Clock clock);

    @BeforeEach
    void open() {
        clock = MutableClock.at("2026-11-23T08:00:00+01:00");
        calendar = newCalendar(clock);
        h = AvalonHarness.on(new InMemoryBrainStore(), clock, b -> b.port(RemoteCalendar.class, calendar)
                .port(InviteRenderer.class, renderer).port(MailSender.class, mail));
    }

    @AfterEach
    void closeHarness() {
        h.close();
    }

    @Test
    @DisplayName("series, cancel one, move one, change the series time, cancel the series: Avalon, the attendee's invitations and the remote agree after every step")
    void seriesScenario() {
        String id = h.dispatch("calendar.create_event", """
                {"title":"Bestuur","domain":"VSB","start":"2026-11-24T19:30","end":"2026-11-24T21:00",
                 "attendees":["jan@example.org"],"recurrence":{"freq":"WEEKLY","count":4}}""")
                .assertOk().data().path("event").path("id").asText();
        inStep("created", List.of(
                "2026-11-24T18:30:00Z/2026-11-24T20:00:00Z", "2026-12-01T18:30:00Z/2026-12-01T20:00:00Z",
                "2026-12-08T18:30:00Z/2026-12-08T20:00:00Z", "2026-12-15T18:30:00Z/2026-12-15T20:00:00Z"));

        clock.advance(java.time.Duration.ofMinutes(1));
        h.dispatch("calendar.cancel_event", "{\"id\":\"" + id + "\",\"instance\":\"2026-12-08T19:30\"}").assertOk();
        inStep("one instance cancelled", List.of(
                "2026-11-24T18:30:00Z/2026-11-24T20:00:00Z", "2026-12-01T18:30:00Z/2026-12-01T20:00:00Z",
                "2026-12-15T18:30:00Z/2026-12-15T20:00:00Z"));

        clock.advance(java.time.Duration.ofMinutes(1));
        h.dispatch("calendar.update_event", "{\"id\":\"" + id
                + "\",\"instance\":\"2026-12-01T19:30\",\"start\":\"2026-12-02T20:00\"}").assertOk();
        inStep("one instance moved", List.of(
                "2026-11-24T18:30:00Z/2026-11-24T20:00:00Z", "2026-12-02T19:00:00Z/2026-12-02T20:30:00Z",
                "2026-12-15T18:30:00Z/2026-12-15T20:00:00Z"));

        clock.advance(java.time.Duration.ofMinutes(1));
        h.dispatch("calendar.update_event", "{\"id\":\"" + id
                + "\",\"start\":\"2026-11-24T19:00\",\"end\":\"2026-11-24T20:30\"}").assertOk();
        inStep("the series at 19:00: the cancelled instance stays cancelled, the moved one keeps its time", List.of(
                "2026-11-24T18:00:00Z/2026-11-24T19:30:00Z", "2026-12-02T19:00:00Z/2026-12-02T20:30:00Z",
                "2026-12-15T18:00:00Z/2026-12-15T19:30:00Z"));

        clock.advance(java.time.Duration.ofMinutes(1));
        h.dispatch("calendar.cancel_event", "{\"id\":\"" + id + "\"}").assertOk();
        inStep("the series cancelled", List.of());
    }

    private void inStep(String step, List<String> expected) {
        assertThat(avalon()).as("Avalon's instances after: " + step).containsExactlyElementsOf(expected);
        assertThat(attendee()).as("the attendee's instances from the invitations after: " + step)
                .containsExactlyElementsOf(expected);
        assertThat(remote()).as("the remote's instances after: " + step).containsExactlyElementsOf(expected);
    }

    /** What {@code calendar.list_events} lists, as {@code start/end} instants. */
    private List<String> avalon() {
        List<String> out = new ArrayList<>();
        JsonNode items = h.dispatch("calendar.list_events", WINDOW).assertOk().data().path("items");
        items.forEach(i -> out.add(OffsetDateTime.parse(i.path("start").asText()).toInstant() + "/"
                + OffsetDateTime.parse(i.path("end").asText()).toInstant()));
        return out;
    }

    /**
     * The instances an attendee's calendar client holds: each invitation to the attendee parsed and applied in the
     * order sent. A REQUEST of the whole event replaces it (the rule expanded, EXDATE removed, RECURRENCE-ID
     * overrides applied); one of an instance replaces that instance; a CANCEL of an instance removes it, one of
     * the whole event removes all.
     */
    private List<String> attendee() {
        TreeMap<Instant, String> held = new TreeMap<>();
        for (RecordingMailSender.SentMail sent : mail.sent()) {
            if (!sent.mail().to().contains(ATTENDEE)) {
                continue;
            }
            InviteRequest r = renderer.parse(sent.mail().invite().icalendar());
            if (r.recurrenceId() != null) {
                if (r.method() == InviteMethod.CANCEL) {
                    held.remove(r.recurrenceId().toInstant());
                } else {
                    held.put(r.recurrenceId().toInstant(), span(r.start().toInstant(), r.end().toInstant()));
                }
                continue;
            }
            held.clear();
            if (r.method() == InviteMethod.CANCEL) {
                continue;
            }
            if (r.rrule() == null) {
                held.put(r.start().toInstant(), span(r.start().toInstant(), r.end().toInstant()));
                continue;
            }
            List<String> lines = new ArrayList<>();
            lines.add("RRULE:" + r.rrule());
            RecurringSeries series = RecurringSeries.of(r.uid(), lines, r.start().toLocalDateTime(),
                    r.end().toLocalDateTime(), r.start().getZone(), false).orElseThrow();
            for (LocalDateTime original : series.originalStarts()) {
                Instant start = series.instant(original);
                held.put(start, span(start, start.plus(series.length())));
            }
            r.exdates().forEach(x -> held.remove(x.toInstant()));
            r.instances().forEach(i -> held.put(i.recurrenceId().toInstant(),
                    span(i.start().toInstant(), i.end().toInstant())));
        }
        return sorted(held.values());
    }

    /** The remote's full listing with each series expanded and its exceptions applied. */
    private List<String> remote() {
        List<RemoteEvent> listed = calendar.changes(Optional.empty()).events();
        Map<String, RemoteEvent> masters = new HashMap<>();
        listed.stream().filter(e -> !e.isInstance()).forEach(e -> masters.put(e.remoteId(), e));
        List<String> out = new ArrayList<>();
        for (RemoteEvent m : masters.values()) {
            if (m.cancelled()) {
                continue;
            }
            if (m.recurrence().isEmpty()) {
                out.add(span(m.start(), m.end()));
                continue;
            }
            ZoneId zone = m.zone() == null ? AMS : ZoneId.of(m.zone());
            RecurringSeries series = RecurringSeries.of(m.remoteId(), m.recurrence(),
                    LocalDateTime.ofInstant(m.start(), zone), LocalDateTime.ofInstant(m.end(), zone), zone, false)
                    .orElseThrow();
            TreeMap<Instant, String> instances = new TreeMap<>();
            for (LocalDateTime original : series.originalStarts()) {
                Instant start = series.instant(original);
                instances.put(start, span(start, start.plus(series.length())));
            }
            for (RemoteEvent x : listed) {
                // an exception whose original start the rule no longer has shows nowhere, as in calendar clients
                if (m.remoteId().equals(x.recurringEventId()) && instances.containsKey(x.originalStart())) {
                    if (x.cancelled()) {
                        instances.remove(x.originalStart());
                    } else {
                        instances.put(x.originalStart(), span(x.start(), x.end()));
                    }
                }
            }
            out.addAll(instances.values());
        }
        // an exception of a series that is not live shows nowhere: it went with its series
        return sorted(out);
    }

    private static String span(Instant start, Instant end) {
        return start + "/" + end;
    }

    private static List<String> sorted(java.util.Collection<String> spans) {
        return spans.stream().sorted().toList();
    }
}
