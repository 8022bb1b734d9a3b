package dev.avalon.testkit.calendar;

import com.fasterxml.jackson.databind.JsonNode;
import dev.avalon.core.action.CatalogFormat;
import dev.avalon.core.base.ErrorCode;
import dev.avalon.core.base.Violation;
import dev.avalon.testkit.harness.AvalonHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("The recurrence schema says which BY parts each frequency takes")
class CalendarRecurrenceSchemaTest {

    private final AvalonHarness h = AvalonHarness.inMemory();

    @AfterEach
    void close() {
        h.close();
    }

    @ParameterizedTest(name = "{0} with {1}")
    @DisplayName("a BY part the frequency does not take is refused by the schema, naming the field and why")
    @CsvSource(delimiter = '|', textBlock = """
            DAILY   | "byDay":["TU"]        | $.data.recurrence.byDay      | is only supported with freq WEEKLY or MONTHLY
            YEARLY  | "byDay":["TU"]        | $.data.recurrence.byDay      | is only supported with freq WEEKLY or MONTHLY
            DAILY   | "byMonthDay":[24]     | $.data.recurrence.byMonthDay | is only supported with freq MONTHLY
            WEEKLY  | "byMonthDay":[24]     | $.data.recurrence.byMonthDay | is only supported with freq MONTHLY
            YEARLY  | "bySetPos":[1]        | $.data.recurrence.bySetPos   | is only supported with freq MONTHLY
            """)
    void refusedByTheSchema(String freq, String part, String field, String why) {
        for (String action : List.of("calendar.create_event", "calendar.update_event")) {
            if (action.equals("calendar.update_event")) {
                h.dispatch("calendar.create_event", """
                        {"title":"X","start":"2026-11-24T10:00","end":"2026-11-24T11:00","domain":"WERK"}""").assertOk();
            }
            AvalonHarness.Snapshot before = h.snapshot();
            String data = (action.equals("calendar.create_event")
                    ? "{\"title\":\"X\",\"start\":\"2026-11-24T10:00\",\"end\":\"2026-11-24T11:00\",\"domain\":\"WERK\","
                    : "{\"id\":\"EV-0001\",")
                    + "\"recurrence\":{\"freq\":\"" + freq + "\"," + part + ",\"count\":2}}";

            List<Violation> details = h.dispatch(action, data).assertRejected(ErrorCode.VALIDATION_FAILED)
                    .rejected().error().details();

            assertThat(details).as(action).extracting(Violation::path).containsExactly(field);
            // the schema's own wording (the engine's later check, never reached, does not name freq)
            assertThat(details.get(0).problem()).as(action).isEqualTo(why);
            assertThat(h.snapshot()).isEqualTo(before);
        }
    }

    @Test
    @DisplayName("the BY parts a frequency takes still pass")
    void acceptedParts() {
        h.dispatch("calendar.create_event", """
                {"title":"W","start":"2026-11-24T10:00","end":"2026-11-24T11:00","domain":"WERK",
                 "recurrence":{"freq":"WEEKLY","byDay":["TU","TH"],"count":4}}""").assertOk();
        h.dispatch("calendar.create_event", """
                {"title":"M","start":"2026-11-24T10:00","end":"2026-11-24T11:00","domain":"WERK",
                 "recurrence":{"freq":"MONTHLY","byMonthDay":[24],"count":4}}""").assertOk();
        h.dispatch("calendar.create_event", """
                {"title":"D","start":"2026-11-24T10:00","end":"2026-11-24T11:00","domain":"WERK",
                 "recurrence":{"freq":"DAILY","interval":2,"count":4}}""").assertOk();
    }

    @Test
    @DisplayName("the OpenAI strict export leaves the conditions out and stays strict; the descriptions say the rule")
    void exportDropsConditions() {
        JsonNode tools = h.avalon().exportCatalog(CatalogFormat.OPENAI);
        for (String name : List.of("calendar_create_event", "calendar_update_event")) {
            JsonNode fn = null;
            for (JsonNode t : tools) {
                if (t.path("function").path("name").asText().equals(name)) {
                    fn = t.path("function");
                }
            }
            assertThat(fn).as(name).isNotNull();
            JsonNode recurrence = fn.path("parameters").path("properties").path("recurrence");
            assertThat(fn.path("strict").asBoolean()).as(name).isTrue();
            assertThat(fn.path("parameters").findParents("if")).as(name).isEmpty();
            assertThat(fn.path("parameters").findParents("then")).as(name).isEmpty();
            assertThat(fn.path("parameters").findParents("allOf")).as(name).isEmpty();
            assertThat(recurrence.toString()).as(name).contains("WEEKLY or MONTHLY only", "MONTHLY only");
        }
        JsonNode mcp = h.avalon().exportCatalog(CatalogFormat.MCP);
        assertThat(mcp.findParents("if")).as("MCP carries the full schema").isNotEmpty();
    }
}
