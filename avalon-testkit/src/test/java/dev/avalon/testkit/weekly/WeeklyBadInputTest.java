package dev.avalon.testkit.weekly;

import dev.avalon.core.base.ErrorCode;
import dev.avalon.core.base.Violation;
import dev.avalon.testkit.harness.AvalonHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("Bad input to the weekly engines gets a typed error naming the field and changes nothing")
class WeeklyBadInputTest {

    static final String ENTRY = "{\"activiteit\":\"Offerte\",\"domein\":\"VSB\",\"stress\":5,\"motivatie\":7,"
            + "\"status\":\"done\",\"moveCount\":0}";

    private AvalonHarness h;
    private AvalonHarness.Snapshot before;
    private String open;
    private String done;

    @BeforeEach
    void open() {
        h = AvalonHarness.inMemory();
        h.dispatch("logbook.add_daily_entry", ENTRY).assertOk();
        open = h.dispatch("reminder.create", "{\"title\":\"Bellen\",\"due\":\"2026-11-24T09:00:00+01:00\",\"domein\":\"WERK\"}")
                .assertOk().data().path("reminder").path("id").asText();
        done = h.dispatch("reminder.create", "{\"title\":\"Mailen\",\"due\":\"2026-11-24T09:00:00+01:00\",\"domein\":\"WERK\"}")
                .assertOk().data().path("reminder").path("id").asText();
        h.dispatch("reminder.complete", "{\"id\":\"" + done + "\"}").assertOk();
        before = h.snapshot();
    }

    @AfterEach
    void close() {
        assertThat(h.snapshot()).as("brain unchanged").isEqualTo(before);
        h.close();
    }

    static String entry(String field, String json) {
        return ENTRY.replaceFirst("\"" + field + "\":(\"[^\"]*\"|-?\\d+)", java.util.regex.Matcher.quoteReplacement("\"" + field + "\":" + json));
    }

    static Stream<Arguments> rejected() {
        return Stream.of(
                Arguments.of("stress above 10", "logbook.add_daily_entry", entry("stress", "11"), ErrorCode.VALIDATION_FAILED, "$.data.stress"),
                Arguments.of("motivatie below 1", "logbook.add_daily_entry", entry("motivatie", "0"), ErrorCode.VALIDATION_FAILED, "$.data.motivatie"),
                Arguments.of("stress as text", "logbook.add_daily_entry", entry("stress", "\"5\""), ErrorCode.VALIDATION_FAILED, "$.data.stress"),
                Arguments.of("negative moveCount", "logbook.add_daily_entry", entry("moveCount", "-1"), ErrorCode.VALIDATION_FAILED, "$.data.moveCount"),
                Arguments.of("unknown status", "logbook.add_daily_entry", entry("status", "\"maybe\""), ErrorCode.VALIDATION_FAILED, "$.data.status"),
                Arguments.of("control character in activiteit", "logbook.add_daily_entry", entry("activiteit", "\"a\\u0007b\""), ErrorCode.VALIDATION_FAILED, "$.data.activiteit"),
                Arguments.of("blank activiteit", "logbook.add_daily_entry", entry("activiteit", "\"   \""), ErrorCode.VALIDATION_FAILED, "$.data.activiteit"),
                Arguments.of("entry dated after today", "logbook.add_daily_entry", ENTRY.replace("}", ",\"date\":\"2026-11-24\"}"), ErrorCode.VALIDATION_FAILED, "$.data.date"),
                Arguments.of("week that does not exist", "logbook.week", "{\"week\":\"2026-W54\"}", ErrorCode.VALIDATION_FAILED, "$.data.week"),
                Arguments.of("metrics of a malformed week", "insight.metrics", "{\"week\":\"2026-47\"}", ErrorCode.VALIDATION_FAILED, "$.data.week"),
                Arguments.of("reminder in an unknown domain", "reminder.create", "{\"title\":\"x\",\"due\":\"2026-11-24T09:00:00+01:00\",\"domein\":\"HOBBY\"}", ErrorCode.VALIDATION_FAILED, "$.data.domein"),
                Arguments.of("reminder due in the past", "reminder.create", "{\"title\":\"x\",\"due\":\"2026-11-22T09:00:00+01:00\",\"domein\":\"WERK\"}", ErrorCode.VALIDATION_FAILED, "$.data.due"),
                Arguments.of("due at a local time the DST change skips", "reminder.create", "{\"title\":\"x\",\"due\":\"2027-03-28T02:30\",\"domein\":\"WERK\"}", ErrorCode.VALIDATION_FAILED, "$.data.due"),
                Arguments.of("moving an unknown reminder", "reminder.move", "{\"id\":\"R-404\",\"due\":\"2026-11-25T09:00:00+01:00\"}", ErrorCode.NOT_FOUND, "$.data.id"),
                Arguments.of("completing an unknown reminder", "reminder.complete", "{\"id\":\"R-404\"}", ErrorCode.NOT_FOUND, "$.data.id"),
                Arguments.of("reminder id wrongly typed", "reminder.complete", "{\"id\":42}", ErrorCode.VALIDATION_FAILED, "$.data.id"),
                Arguments.of("listing an unknown status", "reminder.list", "{\"status\":\"late\"}", ErrorCode.VALIDATION_FAILED, "$.data.status"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rejected")
    @DisplayName("is rejected with its code and the offending field")
    void rejectedAndUnchanged(String name, String action, String data, ErrorCode code, String path) {
        var r = h.dispatch(action, data).assertRejected(code).rejected();
        assertThat(r.error().details()).extracting(Violation::path).contains(path);
    }

    @Test
    @DisplayName("an unknown domain is named with the list of known domains")
    void unknownDomainListsKnown() {
        var r = h.dispatch("logbook.add_daily_entry", entry("domein", "\"HOBBY\"")).assertRejected(ErrorCode.VALIDATION_FAILED).rejected();
        assertThat(r.error().details()).singleElement().satisfies(v -> {
            assertThat(v.path()).isEqualTo("$.data.domein");
            assertThat(v.problem()).contains("HOBBY", "VSB", "WERK", "PRIVE", "GEZONDHEID", "FINANCIEN");
        });
    }

    @Test
    @DisplayName("an incomplete entry names each missing field")
    void incompleteEntryNamesEachField() {
        var r = h.dispatch("logbook.add_daily_entry", "{\"activiteit\":\"Offerte\",\"domein\":\"VSB\",\"status\":\"done\"}")
                .assertRejected(ErrorCode.VALIDATION_FAILED).rejected();
        assertThat(r.error().details()).extracting(Violation::path)
                .containsExactlyInAnyOrder("$.data.stress", "$.data.motivatie", "$.data.moveCount");
    }

    @Test
    @DisplayName("moving into the past and completing a completed reminder are refused on their fields")
    void reminderStateErrors() {
        h.dispatch("reminder.move", "{\"id\":\"" + open + "\",\"due\":\"2026-11-23T07:00:00+01:00\"}")
                .assertRejected(ErrorCode.VALIDATION_FAILED);
        var completed = h.dispatch("reminder.complete", "{\"id\":\"" + done + "\"}").assertRejected(ErrorCode.VALIDATION_FAILED).rejected();
        assertThat(completed.error().details()).extracting(Violation::path).containsExactly("$.data.id");
        var moveDone = h.dispatch("reminder.move", "{\"id\":\"" + done + "\",\"due\":\"2026-11-25T09:00:00+01:00\"}")
                .assertRejected(ErrorCode.VALIDATION_FAILED).rejected();
        assertThat(moveDone.error().details()).extracting(Violation::path).containsExactly("$.data.id");
    }
}
