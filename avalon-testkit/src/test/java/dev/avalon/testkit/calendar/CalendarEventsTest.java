package dev.avalon.testkit.calendar;

import dev.avalon.core.calendar.CalendarFeature;
import com.fasterxml.jackson.databind.JsonNode;
import dev.avalon.core.base.ErrorCode;
import dev.avalon.core.base.Violation;
import dev.avalon.testkit.harness.AvalonHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("Calendar events through the action pipeline")
class CalendarEventsTest {

    private final AvalonHarness h = AvalonHarness.inMemory();

    @AfterEach
    void close() {
        h.close();
    }

    private JsonNode create(String json) {
        return h.dispatch("calendar.create_event", json).assertOk().data();
    }

    @Test
    @DisplayName("a created event is stored in the working state and listed in its window")
    void createAndList() {
        JsonNode event = create("""
                {"title":"Tandarts","start":"2026-11-24T10:00","end":"2026-11-24T10:30","domain":"GEZONDHEID",
                 "location":"Centrum"}""").path("event");
        assertThat(event.path("id").asText()).isEqualTo("EV-0001");
        assertThat(event.path("sequence").asInt()).isZero();
        assertThat(h.store().read(dev.avalon.core.port.BrainPath.of("state/calendar/events.json"))).isPresent();
        JsonNode list = h.dispatch("calendar.list_events", """
                {"from":"2026-11-24T00:00:00+01:00","to":"2026-11-25T00:00:00+01:00"}""").assertOk().data();
        assertThat(list.path("total").asInt()).isEqualTo(1);
        assertThat(list.path("items").get(0).path("start").asText()).isEqualTo("2026-11-24T10:00:00+01:00");
        JsonNode validation = h.dispatch("system.validate").assertOk().data();
        assertThat(validation.path("problems")).as(validation.toString()).isEmpty();
        assertThat(validation.path("valid").asBoolean()).isTrue();
    }

    @Test
    @DisplayName("a monthly series on the first Monday or the last Tuesday (BYSETPOS) lands on those days")
    void monthlyBySetPos() {
        create("""
                {"title":"Bestuur","start":"2026-12-07T20:00","end":"2026-12-07T22:00","domain":"VSB",
                 "recurrence":{"freq":"MONTHLY","byDay":["MO"],"bySetPos":[1],"count":3}}""");
        create("""
                {"title":"Maandafsluiting","start":"2026-11-24T16:00","end":"2026-11-24T17:00","domain":"FINANCIEN",
                 "recurrence":{"freq":"MONTHLY","byDay":["TU"],"bySetPos":[-1],"until":"2027-12-31"}}""");
        JsonNode list = h.dispatch("calendar.list_events", """
                {"from":"2026-11-23T00:00:00+01:00","to":"2027-02-22T00:00:00+01:00"}""").assertOk().data();
        List<String> starts = new ArrayList<>();
        list.path("items").forEach(i -> starts.add(i.path("title").asText() + " " + i.path("start").asText()));
        assertThat(starts).containsExactly("Maandafsluiting 2026-11-24T16:00:00+01:00",
                "Bestuur 2026-12-07T20:00:00+01:00", "Maandafsluiting 2026-12-29T16:00:00+01:00",
                "Bestuur 2027-01-04T20:00:00+01:00", "Maandafsluiting 2027-01-26T16:00:00+01:00",
                "Bestuur 2027-02-01T20:00:00+01:00");
        JsonNode validation = h.dispatch("system.validate").assertOk().data();
        assertThat(validation.path("problems")).as("events.json holds bySetPos by its schema").isEmpty();
    }

    @Test
    @DisplayName("a weekly series is expanded only inside the window and respects COUNT")
    void seriesExpansion() {
        create("""
                {"title":"Training","start":"2026-11-24T19:00","end":"2026-11-24T20:00","domain":"PRIVE",
                 "recurrence":{"freq":"WEEKLY","byDay":["TU","TH"],"count":5}}""");
        JsonNode list = h.dispatch("calendar.list_events", """
                {"from":"2026-11-23T00:00:00+01:00","to":"2027-01-31T00:00:00+01:00"}""").assertOk().data();
        List<String> starts = new ArrayList<>();
        list.path("items").forEach(i -> starts.add(i.path("start").asText()));
        assertThat(starts).containsExactly("2026-11-24T19:00:00+01:00", "2026-11-26T19:00:00+01:00",
                "2026-12-01T19:00:00+01:00", "2026-12-03T19:00:00+01:00", "2026-12-08T19:00:00+01:00");
        JsonNode narrow = h.dispatch("calendar.list_events", """
                {"from":"2026-12-01T00:00:00+01:00","to":"2026-12-02T00:00:00+01:00"}""").assertOk().data();
        assertThat(narrow.path("total").asInt()).isEqualTo(1);
        assertThat(narrow.path("items").get(0).path("instance").asText()).isEqualTo("2026-12-01T19:00:00+01:00");
    }

    @Test
    @DisplayName("FREE mode accepts an overlap and lists it in the response")
    void freeModeListsOverlaps() {
        create("""
                {"title":"Overleg","start":"2026-11-24T10:00","end":"2026-11-24T11:00","domain":"WERK"}""");
        JsonNode second = create("""
                {"title":"Lunch","start":"2026-11-24T10:30","end":"2026-11-24T11:30","domain":"PRIVE","mode":"FREE"}""");
        assertThat(second.path("overlaps")).hasSize(1);
        assertThat(second.path("overlaps").get(0).path("eventId").asText()).isEqualTo("EV-0001");
        assertThat(second.path("overlaps").get(0).path("otherEventId").asText()).isEqualTo("EV-0002");
    }

    @Test
    @DisplayName("touching events do not overlap (half-open intervals)")
    void touchingIsNoOverlap() {
        create("""
                {"title":"A","start":"2026-11-24T10:00","end":"2026-11-24T11:00","domain":"WERK"}""");
        JsonNode b = create("""
                {"title":"B","start":"2026-11-24T11:00","end":"2026-11-24T12:00","domain":"WERK","mode":"AUTO_PLAN"}""");
        assertThat(b.path("overlaps")).isEmpty();
    }

    @Test
    @DisplayName("AUTO_PLAN refuses an overlap, proposes free slots and changes nothing")
    void autoPlanRefuses() {
        create("""
                {"title":"Overleg","start":"2026-11-24T10:00","end":"2026-11-24T11:00","domain":"WERK"}""");
        AvalonHarness.Snapshot before = h.snapshot();
        var rejected = h.dispatch("calendar.create_event", """
                {"title":"Focus","start":"2026-11-24T10:30","end":"2026-11-24T11:30","domain":"WERK",
                 "mode":"AUTO_PLAN"}""").assertRejected(CalendarFeature.CALENDAR_CONFLICT).rejected();
        List<String> problems = rejected.error().details().stream().map(Violation::problem).toList();
        assertThat(problems.get(0)).startsWith("overlaps EV-0001 'Overleg'");
        // the next free hour after the 10:00-11:00 meeting and its 10-minute buffer
        assertThat(problems).contains("free: 2026-11-24T11:10:00+01:00 – 2026-11-24T12:10:00+01:00");
        assertThat(h.snapshot()).isEqualTo(before);
    }

    @Test
    @DisplayName("free slots keep the buffer around busy time, stay in working hours and respect minimum notice")
    void freeSlots() {
        create("""
                {"title":"Overleg","start":"2026-11-24T10:00","end":"2026-11-24T11:00","domain":"WERK"}""");
        JsonNode slots = h.dispatch("calendar.free_slots", """
                {"from":"2026-11-23T00:00:00+01:00","to":"2026-11-25T00:00:00+01:00","durationMinutes":60}""")
                .assertOk().data().path("slots");
        List<String> pairs = new ArrayList<>();
        slots.forEach(s -> pairs.add(s.path("start").asText() + "/" + s.path("end").asText()));
        // now is Monday 08:00 with 60 minutes notice, so Monday starts at 09:00; Tuesday's 09:00-09:50 is too short
        assertThat(pairs).containsExactly(
                "2026-11-23T09:00:00+01:00/2026-11-23T17:30:00+01:00",
                "2026-11-24T11:10:00+01:00/2026-11-24T17:30:00+01:00");
    }

    @Test
    @DisplayName("a significant update raises SEQUENCE; a description change does not")
    void updateSequence() {
        create("""
                {"title":"Overleg","start":"2026-11-24T10:00","end":"2026-11-24T11:00","domain":"WERK"}""");
        JsonNode moved = h.dispatch("calendar.update_event", """
                {"id":"EV-0001","start":"2026-11-24T14:00"}""").assertOk().data();
        assertThat(moved.path("significant").asBoolean()).isTrue();
        assertThat(moved.path("event").path("sequence").asInt()).isEqualTo(1);
        assertThat(moved.path("event").path("end").asText()).isEqualTo("2026-11-24T15:00:00+01:00");
        JsonNode described = h.dispatch("calendar.update_event", """
                {"id":"EV-0001","description":"agenda volgt"}""").assertOk().data();
        assertThat(described.path("significant").asBoolean()).isFalse();
        assertThat(described.path("event").path("sequence").asInt()).isEqualTo(1);
    }

    @Test
    @DisplayName("cancelling one instance hides it from the list; the rest of the series stays")
    void cancelInstance() {
        create("""
                {"title":"Training","start":"2026-11-24T19:00","end":"2026-11-24T20:00","domain":"PRIVE",
                 "recurrence":{"freq":"WEEKLY","until":"2026-12-15"}}""");
        h.dispatch("calendar.cancel_event", """
                {"id":"EV-0001","instance":"2026-12-01T19:00"}""").assertOk();
        JsonNode list = h.dispatch("calendar.list_events", """
                {"from":"2026-11-23T00:00:00+01:00","to":"2026-12-31T00:00:00+01:00"}""").assertOk().data();
        List<String> instances = new ArrayList<>();
        list.path("items").forEach(i -> instances.add(i.path("instance").asText()));
        assertThat(instances).containsExactly("2026-11-24T19:00:00+01:00", "2026-12-08T19:00:00+01:00",
                "2026-12-15T19:00:00+01:00");
        h.dispatch("calendar.cancel_event", "{\"id\":\"EV-0001\"}").assertOk();
        assertThat(h.dispatch("calendar.list_events", """
                {"from":"2026-11-23T00:00:00+01:00","to":"2026-12-31T00:00:00+01:00"}""").assertOk().data()
                .path("total").asInt()).isZero();
    }

    @Test
    @DisplayName("list filters by text and domain and pages with a cursor")
    void listFiltersAndPages() {
        for (int i = 0; i < 5; i++) {
            create("{\"title\":\"Blok " + i + "\",\"start\":\"2026-11-2" + (4 + i % 3) + "T1" + i
                    + ":00\",\"end\":\"2026-11-2" + (4 + i % 3) + "T1" + i + ":30\",\"domain\":\""
                    + (i % 2 == 0 ? "WERK" : "PRIVE") + "\",\"description\":\"" + (i == 3 ? "met Jan" : "") + "\"}");
        }
        String window = "\"from\":\"2026-11-23T00:00:00+01:00\",\"to\":\"2026-11-30T00:00:00+01:00\"";
        assertThat(h.dispatch("calendar.list_events", "{" + window + ",\"domain\":\"WERK\"}").assertOk().data()
                .path("total").asInt()).isEqualTo(3);
        assertThat(h.dispatch("calendar.list_events", "{" + window + ",\"query\":\"JAN\"}").assertOk().data()
                .path("items").get(0).path("title").asText()).isEqualTo("Blok 3");
        JsonNode page1 = h.dispatch("calendar.list_events", "{" + window + ",\"limit\":2}").assertOk().data();
        assertThat(page1.path("items")).hasSize(2);
        JsonNode page3 = h.dispatch("calendar.list_events", "{" + window + ",\"limit\":2,\"cursor\":\"4\"}")
                .assertOk().data();
        assertThat(page1.path("nextCursor").asText()).isEqualTo("2");
        assertThat(page3.path("items")).hasSize(1);
        assertThat(page3.has("nextCursor")).isFalse();
    }

    @ParameterizedTest(name = "{0}")
    @DisplayName("bad input gets a typed error naming the field and changes nothing")
    @CsvSource(delimiter = '|', textBlock = """
            end before start            | calendar.create_event | {"title":"X","start":"2026-11-24T10:00","end":"2026-11-24T10:00","domain":"WERK"} | VALIDATION_FAILED | $.data.end
            recurrence without end      | calendar.create_event | {"title":"X","start":"2026-11-24T10:00","end":"2026-11-24T11:00","domain":"WERK","recurrence":{"freq":"DAILY"}} | VALIDATION_FAILED | $.data.recurrence
            recurrence with both ends   | calendar.create_event | {"title":"X","start":"2026-11-24T10:00","end":"2026-11-24T11:00","domain":"WERK","recurrence":{"freq":"DAILY","count":3,"until":"2026-12-01"}} | VALIDATION_FAILED | $.data.recurrence
            unknown zone                | calendar.create_event | {"title":"X","start":"2026-11-24T10:00","end":"2026-11-24T11:00","domain":"WERK","zone":"Mars/Olympus"} | VALIDATION_FAILED | $.data.zone
            invalid attendee            | calendar.create_event | {"title":"X","start":"2026-11-24T10:00","end":"2026-11-24T11:00","domain":"WERK","attendees":["ok@example.org","not an address"]} | VALIDATION_FAILED | $.data.attendees[1]
            title with control char     | calendar.create_event | {"title":"X\\nATTENDEE:evil@example.org","start":"2026-11-24T10:00","end":"2026-11-24T11:00","domain":"WERK"} | VALIDATION_FAILED | $.data.title
            unknown domain              | calendar.create_event | {"title":"X","start":"2026-11-24T10:00","end":"2026-11-24T11:00","domain":"NOPE"} | VALIDATION_FAILED | $.data.domain
            byDay without start weekday | calendar.create_event | {"title":"X","start":"2026-11-24T10:00","end":"2026-11-24T11:00","domain":"WERK","recurrence":{"freq":"WEEKLY","byDay":["MO"],"count":2}} | VALIDATION_FAILED | $.data.recurrence
            bySetPos with WEEKLY        | calendar.create_event | {"title":"X","start":"2026-11-24T10:00","end":"2026-11-24T11:00","domain":"WERK","recurrence":{"freq":"WEEKLY","byDay":["TU"],"bySetPos":[1],"count":2}} | VALIDATION_FAILED | $.data.recurrence.bySetPos
            bySetPos with nothing to pick | calendar.create_event | {"title":"X","start":"2026-11-24T10:00","end":"2026-11-24T11:00","domain":"WERK","recurrence":{"freq":"MONTHLY","bySetPos":[1],"count":2}} | VALIDATION_FAILED | $.data.recurrence.bySetPos
            bySetPos missing the start  | calendar.create_event | {"title":"X","start":"2026-11-24T10:00","end":"2026-11-24T11:00","domain":"WERK","recurrence":{"freq":"MONTHLY","byDay":["TU"],"bySetPos":[1],"count":2}} | VALIDATION_FAILED | $.data.recurrence.bySetPos
            window over the maximum     | calendar.list_events  | {"from":"2026-01-01T00:00:00+01:00","to":"2026-12-31T00:00:00+01:00"} | VALIDATION_FAILED | $.data.to
            unknown id on update        | calendar.update_event | {"id":"EV-9999","title":"Y"} | NOT_FOUND | $.data.id
            unknown id on cancel        | calendar.cancel_event | {"id":"EV-9999"} | NOT_FOUND | $.data.id
            updating a cancelled event  | calendar.update_event | {"id":"EV-0002","title":"Y"} | VALIDATION_FAILED | $.data.id
            duration over the window    | calendar.free_slots   | {"from":"2026-11-24T10:00:00+01:00","to":"2026-11-24T11:00:00+01:00","durationMinutes":90} | VALIDATION_FAILED | $.data.durationMinutes
            instance not in the series  | calendar.cancel_event | {"id":"EV-0001","instance":"2026-11-25T10:00"} | VALIDATION_FAILED | $.data.instance
            """)
    void badInput(String name, String action, String data, ErrorCode code, String field) {
        create("""
                {"title":"Reeks","start":"2026-11-24T10:00","end":"2026-11-24T11:00","domain":"WERK",
                 "recurrence":{"freq":"WEEKLY","count":3}}""");
        create("""
                {"title":"Weg","start":"2026-11-26T10:00","end":"2026-11-26T11:00","domain":"WERK"}""");
        h.dispatch("calendar.cancel_event", "{\"id\":\"EV-0002\"}").assertOk();
        AvalonHarness.Snapshot before = h.snapshot();
        var rejected = h.dispatch(action, data).assertRejected(code).rejected();
        assertThat(rejected.error().details()).extracting(Violation::path).contains(field);
        assertThat(h.snapshot()).isEqualTo(before);
    }

    @Test
    @DisplayName("a title over calendar.titleMaxLength is refused")
    void titleTooLong() {
        AvalonHarness.Snapshot before = h.snapshot();
        var rejected = h.dispatch("calendar.create_event", "{\"title\":\"" + "x".repeat(201)
                + "\",\"start\":\"2026-11-24T10:00\",\"end\":\"2026-11-24T11:00\",\"domain\":\"WERK\"}")
                .assertRejected(ErrorCode.VALIDATION_FAILED).rejected();
        assertThat(rejected.error().details()).extracting(Violation::path).containsExactly("$.data.title");
        assertThat(h.snapshot()).isEqualTo(before);
    }

    @Test
    @DisplayName("every problem of one request is reported, not only the first")
    void everyProblemReported() {
        var rejected = h.dispatch("calendar.create_event", """
                {"title":"X","start":"2026-11-24T10:00","end":"2026-11-24T09:00","domain":"NOPE",
                 "zone":"Nowhere/City","attendees":["@"]}""").assertRejected(ErrorCode.VALIDATION_FAILED).rejected();
        assertThat(rejected.error().details()).extracting(Violation::path)
                .contains("$.data.end", "$.data.domain", "$.data.zone", "$.data.attendees[0]");
    }
}
