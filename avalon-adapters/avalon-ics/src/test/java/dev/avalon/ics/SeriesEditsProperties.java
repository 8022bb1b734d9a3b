package dev.avalon.ics;

import com.fasterxml.jackson.databind.JsonNode;
import dev.avalon.core.port.InviteRenderer;
import dev.avalon.core.port.MailSender;
import dev.avalon.testkit.MutableClock;
import dev.avalon.testkit.brain.InMemoryBrainStore;
import dev.avalon.testkit.harness.AvalonHarness;
import dev.avalon.testkit.mail.RecordingMailSender;
import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.Period;
import net.fortuna.ical4j.model.Property;
import net.fortuna.ical4j.model.component.VEvent;
import net.fortuna.ical4j.model.property.DateProperty;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.From;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;

import java.io.ByteArrayInputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.Temporal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Any sequence of edits of a series and of its instances leaves the same instances in Avalon as in an
 * attendee's calendar that applied every invitation Avalon sent, in order, the way RFC 5546 says a
 * client does: a REQUEST of the series replaces it with its EXDATEs and changed instances, a REQUEST
 * with RECURRENCE-ID changes one instance, a CANCEL with RECURRENCE-ID removes one. The attendee's
 * side is read with ical4j from the bytes sent and expanded by ical4j.
 */
class SeriesEditsProperties {

    private static final ZoneId AMS = ZoneId.of("Europe/Amsterdam");
    private static final Instant FROM = Instant.parse("2026-11-20T00:00:00Z");
    private static final Instant TO = Instant.parse("2027-02-19T00:00:00Z");

    /** One edit; {@code k} picks an instance among those listed, {@code n} is its size. */
    record Edit(String kind, int k, int n) {
    }

    @Provide
    Arbitrary<Edit> edits() {
        return Arbitraries.of("cancel", "move", "retitle", "shift", "weekday", "count").flatMap(kind ->
                Arbitraries.integers().between(0, 9).flatMap(k ->
                        Arbitraries.integers().between(1, 6).map(n -> new Edit(kind, k, n))));
    }

    @net.jqwik.api.Example
    void countRaisedThenTheNewLastInstanceCancelled() {
        // found by the property: the CANCEL's trimmed VTIMEZONE held winter time alone, which ical4j misread
        avalonAndTheAttendeeAgree(List.of(new Edit("count", 0, 5), new Edit("cancel", 6, 1)));
    }

    @net.jqwik.api.Property(tries = 30)
    void avalonAndTheAttendeeAgree(@ForAll @Size(min = 1, max = 8) List<@From("edits") Edit> edits) {
        RecordingMailSender mail = new RecordingMailSender();
        try (AvalonHarness h = AvalonHarness.on(new InMemoryBrainStore(), MutableClock.at("2026-11-23T08:00:00+01:00"),
                b -> b.port(InviteRenderer.class, new Ical4jInviteRenderer()).port(MailSender.class, mail))) {
            String id = h.dispatch("calendar.create_event", """
                    {"title":"Bestuur","domain":"VSB","start":"2026-11-24T19:30","end":"2026-11-24T21:00",
                     "attendees":["jan@example.org"],"recurrence":{"freq":"WEEKLY","count":5}}""")
                    .assertOk().data().path("event").path("id").asText();
            LocalDateTime seriesStart = LocalDateTime.parse("2026-11-24T19:30");
            for (Edit e : edits) {
                List<JsonNode> items = listed(h);
                JsonNode one = items.isEmpty() ? null : items.get(e.k() % items.size());
                String json = switch (e.kind()) {
                    case "cancel" -> one == null ? null
                            : "{\"id\":\"" + id + "\",\"instance\":\"" + one.path("instance").asText() + "\"}";
                    case "move" -> one == null ? null : "{\"id\":\"" + id + "\",\"instance\":\""
                            + one.path("instance").asText() + "\",\"start\":\"" + local(one, "start", 30L * e.n())
                            + "\",\"end\":\"" + local(one, "end", 30L * e.n()) + "\"}";
                    case "retitle" -> one == null ? null : "{\"id\":\"" + id + "\",\"instance\":\""
                            + one.path("instance").asText() + "\",\"title\":\"Bestuur " + e.n() + "\"}";
                    case "shift" -> {
                        seriesStart = seriesStart.plusMinutes(30L * (e.n() - 3));
                        yield series(id, seriesStart, null);
                    }
                    case "weekday" -> {
                        seriesStart = seriesStart.plusDays(e.n() % 3 + 1);
                        yield series(id, seriesStart, null);
                    }
                    default -> series(id, seriesStart, 2 + e.n());
                };
                if (json == null) {
                    continue;
                }
                String action = e.kind().equals("cancel") ? "calendar.cancel_event" : "calendar.update_event";
                h.dispatch(action, json);
            }
            Set<Instant> avalon = new TreeSet<>();
            listed(h).forEach(i -> avalon.add(OffsetDateTime.parse(i.path("start").asText()).toInstant()));
            assertThat(attendeeView(mail)).as("the attendee's calendar after %s", edits).isEqualTo(avalon);
        }
    }

    private static String series(String id, LocalDateTime start, Integer count) {
        String s = "{\"id\":\"" + id + "\",\"start\":\"" + start + "\",\"end\":\"" + start.plusMinutes(90) + "\"";
        return s + (count == null ? "" : ",\"recurrence\":{\"freq\":\"WEEKLY\",\"count\":" + count + "}") + "}";
    }

    private static String local(JsonNode item, String field, long plusMinutes) {
        return OffsetDateTime.parse(item.path(field).asText()).atZoneSameInstant(AMS).toLocalDateTime()
                .plusMinutes(plusMinutes).toString();
    }

    private static List<JsonNode> listed(AvalonHarness h) {
        List<JsonNode> out = new ArrayList<>();
        h.dispatch("calendar.list_events", "{\"from\":\"2026-11-20T01:00:00+01:00\",\"to\":\"2027-02-19T01:00:00+01:00\"}")
                .assertOk().data().path("items").forEach(out::add);
        return out;
    }

    /** The instants an attendee's calendar shows after applying every mail Avalon sent, in order. */
    private static Set<Instant> attendeeView(RecordingMailSender mail) {
        VEvent master = null;
        Map<Instant, VEvent> changed = new HashMap<>();
        Set<Instant> cancelled = new TreeSet<>();
        for (RecordingMailSender.SentMail sent : mail.sent()) {
            Calendar calendar = parse(sent.mail().invite().icalendar());
            String method = calendar.getProperty(Property.METHOD).orElseThrow().getValue();
            List<VEvent> events = calendar.getComponents("VEVENT");
            for (VEvent event : events) {
                Instant rid = event.getProperty(Property.RECURRENCE_ID).map(SeriesEditsProperties::instant).orElse(null);
                if (rid == null && method.equals("REQUEST")) {
                    master = event;
                    changed.clear();
                    cancelled.clear();
                } else if (rid == null) {
                    master = null;
                } else if (method.equals("REQUEST")) {
                    changed.put(rid, event);
                    cancelled.remove(rid);
                } else {
                    cancelled.add(rid);
                    changed.remove(rid);
                }
            }
        }
        Set<Instant> out = new TreeSet<>();
        if (master == null) {
            return out;
        }
        Set<Period<Temporal>> periods = master.calculateRecurrenceSet(
                new Period<>(FROM.atZone(ZoneOffset.UTC), TO.atZone(ZoneOffset.UTC)));
        for (Period<Temporal> p : periods) {
            Instant start = Instant.from(p.getStart());
            if (!cancelled.contains(start) && !changed.containsKey(start)) {
                out.add(start);
            }
        }
        changed.values().forEach(v -> out.add(instant(v.getProperty(Property.DTSTART).orElseThrow())));
        return out;
    }

    private static Instant instant(Property p) {
        Temporal t = ((DateProperty<?>) p).getDate();
        return Instant.from(t);
    }

    private static Calendar parse(byte[] bytes) {
        try (InputStreamReader reader = new InputStreamReader(new ByteArrayInputStream(bytes), StandardCharsets.UTF_8)) {
            return new CalendarBuilder().build(reader);
        } catch (Exception e) {
            throw new AssertionError("not iCalendar: " + new String(bytes, StandardCharsets.UTF_8), e);
        }
    }
}
