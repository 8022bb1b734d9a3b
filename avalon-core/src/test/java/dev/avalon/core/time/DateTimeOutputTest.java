package dev.avalon.core.time;

import com.fasterxml.jackson.databind.JsonNode;
import dev.avalon.core.json.Json;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.ZoneId;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("DateTimeOutput: answers speak the user's zone")
class DateTimeOutputTest {

    static final ZoneId AMS = ZoneId.of("Europe/Amsterdam");

    @Test
    @DisplayName("every whole UTC instant in an answer, however deep, is written in the zone with its offset; nothing else changes")
    void inZone() throws Exception {
        JsonNode answer = Json.parse("""
                {"recordedAt":"2026-11-23T07:15:00Z","list":[{"at":"2026-07-01T10:00:00.5Z"},"2026-11-23T07:15Z"],
                 "message":"expired at 2026-11-23T07:15:00Z","date":"2026-11-23","local":"2026-11-23T08:15:00",
                 "zoned":"2026-11-23T08:15:00+01:00","ref":"refs/avalon/dr/20261207T022718Z","n":3,"none":null}""");

        JsonNode out = DateTimeOutput.inZone(answer, AMS);

        assertThat(out.path("recordedAt").asText()).isEqualTo("2026-11-23T08:15:00+01:00");
        assertThat(out.path("list").get(0).path("at").asText()).isEqualTo("2026-07-01T12:00:00.5+02:00");
        assertThat(out.path("list").get(1).asText()).isEqualTo("2026-11-23T08:15:00+01:00");
        assertThat(out.path("message").asText()).isEqualTo("expired at 2026-11-23T07:15:00Z");
        for (String same : new String[] {"date", "local", "zoned", "ref", "n", "none"}) {
            assertThat(out.get(same)).as(same).isEqualTo(answer.get(same));
        }
        assertThat(Instant.parse(out.path("recordedAt").asText())).isEqualTo(Instant.parse("2026-11-23T07:15:00Z"));
        assertThat(answer.path("recordedAt").asText()).as("the input is not changed").endsWith("Z");
    }
}
