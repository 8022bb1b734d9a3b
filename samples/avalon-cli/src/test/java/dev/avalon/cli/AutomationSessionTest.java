package dev.avalon.cli;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("avalon run: the built-in automation templates")
class AutomationSessionTest {

    private static final List<String> TEMPLATES = List.of("deadline-reminder", "weekly-summary", "budget-alert",
            "streak-reminder", "daily-backup", "standup-reminder");

    @TempDir
    Path tmp;

    @Test
    @DisplayName("all six templates are enabled through JSON lines and each fires in a scripted week")
    void sixTemplatesFire() throws Exception {
        try (JsonLinesSession s = new JsonLinesSession("run", "--brain", tmp.resolve("brain").toString(), "--clock",
                "2026-11-23T08:00:00+01:00")) {
            for (String t : TEMPLATES) {
                JsonNode created = s.send("{\"action\":\"automation.create_from_template\",\"data\":{\"template\":\""
                        + t + "\"}}");
                assertThat(created.path("ok").asBoolean()).as("%s: %s", t, created).isTrue();
            }
            JsonNode listed = s.send("{\"action\":\"automation.templates\"}");
            assertThat(listed.path("data").path("templates")).hasSize(6);
            ok(s, "{\"action\":\"system.tick\",\"data\":{\"now\":\"2026-11-23T08:01:00+01:00\"}}");
            ok(s, "{\"action\":\"reminder.create\",\"data\":{\"title\":\"Offerte\",\"due\":\"2026-11-23T10:00:00+01:00\","
                    + "\"domein\":\"VSB\"}}");
            ok(s, "{\"action\":\"finance.register_income\",\"data\":{\"amount\":\"100.00\",\"date\":\"2026-11-23\","
                    + "\"source\":\"salaris\",\"note\":\"nov\"}}");
            ok(s, "{\"action\":\"finance.allocate_funds\",\"data\":{\"potjesverdeling\":{\"boodschappen\":\"100.00\"}}}");
            ok(s, "{\"action\":\"finance.spend\",\"data\":{\"pot\":\"boodschappen\",\"amount\":\"85.00\","
                    + "\"date\":\"2026-11-23\",\"note\":\"week\"}}");
            for (String at : List.of("2026-11-23T09:00:00+01:00", "2026-11-23T20:00:00+01:00",
                    "2026-11-24T03:00:00+01:00", "2026-11-29T18:00:00+01:00")) {
                ok(s, "{\"action\":\"system.tick\",\"data\":{\"now\":\"" + at + "\"}}");
            }
            Map<String, String> expected = Map.of("deadline-reminder", "CONDITION", "weekly-summary", "SCHEDULE",
                    "budget-alert", "EVENT", "streak-reminder", "SCHEDULE", "daily-backup", "SCHEDULE",
                    "standup-reminder", "SCHEDULE");
            for (String t : TEMPLATES) {
                JsonNode runs = ok(s, "{\"action\":\"automation.runs\",\"data\":{\"id\":\"" + t + "\"}}")
                        .path("data").path("runs");
                assertThat(runs).as(t).isNotEmpty();
                assertThat(runs.get(0).path("status").asText()).as("%s: %s", t, runs).isEqualTo("OK");
                assertThat(runs.get(0).path("trigger").asText()).as(t).isEqualTo(expected.get(t));
            }
            JsonNode budget = ok(s, "{\"action\":\"automation.runs\",\"data\":{\"id\":\"budget-alert\"}}");
            assertThat(budget.path("data").path("runs").get(0).path("actions").get(0).path("message").asText())
                    .contains("boodschappen", "85 %");
            assertThat(s.finish()).isZero();
        }
    }

    private static JsonNode ok(JsonLinesSession s, String line) throws Exception {
        JsonNode answer = s.send(line);
        assertThat(answer.path("ok").asBoolean()).as("%s -> %s", line, answer).isTrue();
        return answer;
    }
}
