package dev.avalon.testkit.calendar;

import com.fasterxml.jackson.databind.JsonNode;
import dev.avalon.core.base.ErrorCode;
import dev.avalon.core.base.Violation;
import dev.avalon.core.json.Json;
import dev.avalon.core.port.BrainPath;
import dev.avalon.testkit.harness.AvalonHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("Event checklists and completion")
class CalendarChecklistTest {

    private final AvalonHarness h = AvalonHarness.inMemory();

    @AfterEach
    void close() {
        h.close();
    }

    /** An event today 10:00–11:00 (the harness clock stands at 08:00) with three items. */
    private String createWithChecklist() {
        return h.dispatch("calendar.create_event", """
                {"title":"Ledenvergadering","start":"2026-11-23T10:00","end":"2026-11-23T11:00","domain":"VSB",
                 "checklist":["agenda rondsturen","zaal boeken","notulen"]}""").assertOk().data()
                .path("event").path("id").asText();
    }

    private JsonNode event(String id) {
        JsonNode list = h.dispatch("calendar.list_events", """
                {"from":"2026-11-23T00:00:00+01:00","to":"2026-11-24T00:00:00+01:00","includeCancelled":true}""")
                .assertOk().data();
        assertThat(list.path("items")).hasSize(1);
        assertThat(list.path("items").get(0).path("eventId").asText()).isEqualTo(id);
        return list.path("items").get(0);
    }

    private String status(String id) throws Exception {
        JsonNode book = Json.parse(h.store().read(BrainPath.of("state/calendar/events.json")).orElseThrow());
        for (JsonNode e : book.path("events")) {
            if (e.path("id").asText().equals(id)) {
                return e.path("status").asText();
            }
        }
        throw new AssertionError("no event " + id);
    }

    @Test
    @DisplayName("ticking every item before the end keeps the event CONFIRMED; the update after the end completes it")
    void completesOnUpdateAfterEnd() throws Exception {
        String id = createWithChecklist();
        JsonNode ticked = h.dispatch("calendar.checklist_update", "{\"id\":\"" + id + "\",\"tick\":[0,1]}")
                .assertOk().data();
        assertThat(ticked.path("done").asInt()).isEqualTo(2);
        assertThat(ticked.path("total").asInt()).isEqualTo(3);
        assertThat(ticked.path("completed").asBoolean()).isFalse();
        assertThat(ticked.path("event").path("checklist").get(1).path("done").asBoolean()).isTrue();

        h.clock().advance(Duration.ofHours(4));
        JsonNode last = h.dispatch("calendar.checklist_update", "{\"id\":\"" + id + "\",\"tick\":[2]}")
                .assertOk().data();
        assertThat(last.path("completed").asBoolean()).isTrue();
        assertThat(last.path("event").path("status").asText()).isEqualTo("COMPLETED");
        assertThat(status(id)).isEqualTo("COMPLETED");
        event(id);

        JsonNode reopened = h.dispatch("calendar.checklist_update", "{\"id\":\"" + id + "\",\"untick\":[2]}")
                .assertOk().data();
        assertThat(reopened.path("event").path("status").asText()).isEqualTo("CONFIRMED");
        assertThat(h.dispatch("system.validate").assertOk().data().path("valid").asBoolean()).isTrue();
    }

    @Test
    @DisplayName("replacing the items with all done after the end completes at once; an empty list never completes")
    void replaceItems() {
        String id = createWithChecklist();
        h.clock().advance(Duration.ofHours(4));
        JsonNode replaced = h.dispatch("calendar.checklist_update", """
                {"id":"%s","items":[{"text":"agenda","done":true},{"text":"notulen","done":true}]}"""
                .formatted(id)).assertOk().data();
        assertThat(replaced.path("total").asInt()).isEqualTo(2);
        assertThat(replaced.path("completed").asBoolean()).isTrue();
        JsonNode emptied = h.dispatch("calendar.checklist_update", "{\"id\":\"" + id + "\",\"items\":[]}")
                .assertOk().data();
        assertThat(emptied.path("completed").asBoolean()).as("nothing to finish is not finished").isFalse();
        assertThat(emptied.path("event").path("status").asText()).isEqualTo("CONFIRMED");
    }

    @Test
    @DisplayName("the daily calendar-complete job completes an ended event whose items were ticked beforehand")
    void dailyJobCompletes() throws Exception {
        h.dispatch("system.tick", "{\"now\":\"2026-11-23T08:00:00+01:00\"}").assertOk();
        String id = createWithChecklist();
        h.dispatch("calendar.checklist_update", "{\"id\":\"" + id + "\",\"tick\":[0,1,2]}").assertOk();
        String open = h.dispatch("calendar.create_event", """
                {"title":"Open punten","start":"2026-11-23T12:00","end":"2026-11-23T13:00","domain":"WERK",
                 "checklist":["iets"]}""").assertOk().data().path("event").path("id").asText();
        assertThat(status(id)).isEqualTo("CONFIRMED");

        JsonNode tick = h.dispatch("system.tick", "{\"now\":\"2026-11-24T00:05:00+01:00\"}").assertOk().data();
        JsonNode run = find(tick, "calendar-complete");
        assertThat(run.path("ok").asBoolean()).isTrue();
        assertThat(run.path("result").path("completed")).extracting(JsonNode::asText).containsExactly(id);
        assertThat(status(id)).isEqualTo("COMPLETED");
        assertThat(open).isNotEqualTo(id);
        assertThat(h.dispatch("system.validate").assertOk().data().path("valid").asBoolean()).isTrue();
    }

    @Test
    @DisplayName("a weekly series completes only after its last instance")
    void seriesCompletesAfterLastInstance() {
        String id = h.dispatch("calendar.create_event", """
                {"title":"Cursus","start":"2026-11-23T10:00","end":"2026-11-23T11:00","domain":"PRIVE",
                 "recurrence":{"freq":"WEEKLY","count":2},"checklist":["huiswerk"]}""").assertOk().data()
                .path("event").path("id").asText();
        h.clock().advance(Duration.ofDays(1));
        assertThat(h.dispatch("calendar.checklist_update", "{\"id\":\"" + id + "\",\"tick\":[0]}").assertOk().data()
                .path("completed").asBoolean()).as("the second instance is still to come").isFalse();
        h.clock().advance(Duration.ofDays(7));
        assertThat(h.dispatch("calendar.checklist_update", "{\"id\":\"" + id + "\",\"untick\":[],\"tick\":[0]}")
                .assertOk().data().path("completed").asBoolean()).isTrue();
    }

    @Test
    @DisplayName("bad checklist updates name the field and change nothing")
    void badInput() {
        String id = createWithChecklist();
        var before = h.snapshot();
        assertThat(h.dispatch("calendar.checklist_update", "{\"id\":\"" + id + "\",\"tick\":[3],\"untick\":[0,7]}")
                .assertRejected(ErrorCode.VALIDATION_FAILED).rejected().error().details())
                .extracting(Violation::path).containsExactly("$.data.tick[0]", "$.data.untick[1]");
        assertThat(h.dispatch("calendar.checklist_update", "{\"id\":\"" + id + "\",\"tick\":[1],\"untick\":[1]}")
                .assertRejected(ErrorCode.VALIDATION_FAILED).rejected().error().details())
                .extracting(Violation::path).containsExactly("$.data.untick[0]");
        assertThat(h.dispatch("calendar.checklist_update", "{\"id\":\"" + id + "\"}")
                .assertRejected(ErrorCode.VALIDATION_FAILED).rejected().error().details())
                .extracting(Violation::path).containsExactly("$.data");
        assertThat(h.dispatch("calendar.checklist_update",
                        "{\"id\":\"" + id + "\",\"items\":[{\"text\":\"a\"}],\"tick\":[0]}")
                .assertRejected(ErrorCode.VALIDATION_FAILED).rejected().error().details())
                .extracting(Violation::path).containsExactly("$.data.items");
        assertThat(h.dispatch("calendar.checklist_update",
                        "{\"id\":\"" + id + "\",\"items\":[{\"text\":\"ok\"},{\"text\":\" \"},{\"text\":\"a\\u0007b\"}]}")
                .assertRejected(ErrorCode.VALIDATION_FAILED).rejected().error().details())
                .extracting(Violation::path).containsExactly("$.data.items[1].text", "$.data.items[2].text");
        h.dispatch("calendar.checklist_update", "{\"id\":\"" + id + "\",\"tick\":[-1]}")
                .assertRejected(ErrorCode.VALIDATION_FAILED);
        h.dispatch("calendar.checklist_update", "{\"id\":\"EV-9999\",\"tick\":[0]}").assertRejected(ErrorCode.NOT_FOUND);
        assertThat(h.snapshot()).isEqualTo(before);

        h.dispatch("calendar.cancel_event", "{\"id\":\"" + id + "\"}").assertOk();
        var cancelled = h.snapshot();
        assertThat(h.dispatch("calendar.checklist_update", "{\"id\":\"" + id + "\",\"tick\":[0]}")
                .assertRejected(ErrorCode.VALIDATION_FAILED).rejected().error().details())
                .extracting(Violation::path).containsExactly("$.data.id");
        assertThat(h.snapshot()).isEqualTo(cancelled);
    }

    static JsonNode find(JsonNode tick, String job) {
        for (JsonNode r : tick.path("ran")) {
            if (r.path("job").asText().equals(job)) {
                return r;
            }
        }
        throw new AssertionError("job " + job + " did not run: " + tick);
    }
}
