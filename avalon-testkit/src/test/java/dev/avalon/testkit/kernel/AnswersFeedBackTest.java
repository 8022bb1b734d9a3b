package dev.avalon.testkit.kernel;

import com.fasterxml.jackson.databind.JsonNode;
import dev.avalon.core.base.ErrorCode;
import dev.avalon.testkit.harness.AvalonHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import static dev.avalon.testkit.harness.AvalonHarness.data;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What an answer gives a model is what the next call needs: a value copied from one answer is taken
 * by the action that asks for it, and a refusal says the value to send instead.
 */
@DisplayName("Answers feed the next call")
class AnswersFeedBackTest {

    private final AvalonHarness h = AvalonHarness.inMemory();

    @AfterEach
    void close() {
        h.close();
    }

    @Test
    @DisplayName("notulen.save's path and file are both taken by notulen.extract_action_points")
    void minutesPathRoundTrips() {
        JsonNode saved = h.dispatch("notulen.save", data("project", "acme", "date", "2026-11-23",
                "title", "Klantoverleg", "markdown", "- [ ] Offerte sturen @jan 📅 2026-11-30\n")).assertOk().data();
        assertThat(saved.path("project").asText()).isEqualTo("acme");
        assertThat(saved.path("file").asText()).isEqualTo("2026-11-23-klantoverleg.md");

        for (String file : new String[] {saved.path("path").asText(), saved.path("file").asText()}) {
            JsonNode points = h.dispatch("notulen.extract_action_points", data("project", "acme", "file", file))
                    .assertOk().data();
            assertThat(points.path("actionPoints")).as(file).hasSize(1);
            assertThat(points.path("path").asText()).isEqualTo(saved.path("path").asText());
        }
    }

    @Test
    @DisplayName("a path of another project is still refused, naming the file field")
    void minutesPathOfAnotherProjectRefused() {
        h.dispatch("notulen.save", data("project", "acme", "date", "2026-11-23",
                "title", "Klantoverleg", "markdown", "tekst\n")).assertOk();
        h.dispatch("notulen.extract_action_points", data("project", "other",
                        "file", "notulen/acme/2026-11-23-klantoverleg.md"))
                .assertRejected(ErrorCode.VALIDATION_FAILED);
    }

    @Test
    @DisplayName("an event with attendees in a domain without invites says so in the answer")
    void noInviteIsExplained() {
        JsonNode werk = h.dispatch("calendar.create_event", data("title", "Klantoverleg", "domain", "WERK",
                "start", "2026-12-08T10:00", "end", "2026-12-08T11:00",
                "attendees", java.util.List.of("jan@example.org"))).assertOk().data();
        assertThat(werk.path("noInvite").asText()).contains("domain WERK sends none").contains("VSB");
        assertThat(werk.has("invite")).isFalse();

        JsonNode alone = h.dispatch("calendar.create_event", data("title", "Focus", "domain", "WERK",
                "start", "2026-12-08T13:00", "end", "2026-12-08T14:00")).assertOk().data();
        assertThat(alone.has("noInvite")).as("nobody to invite, nothing to explain").isFalse();
    }

    @Test
    @DisplayName("a stale patch before is refused with the value to send")
    void staleBeforeSaysTheCurrentValue() {
        var refused = h.dispatch("behaviour.propose_patch", data("patch", data("id", "P-1", "type", "PATCH",
                "path", "reminderEscalationRules.threshold", "before", 7, "after", 2,
                "rationale", "Eerder een duwtje.", "riskLevel", "LOW", "source", "USER")));
        refused.assertRejected(ErrorCode.INVALID_PATCH);
        assertThat(refused.json().toString()).contains("differs from the current value at the path: 3");
    }

    @Test
    @DisplayName("an all-day event written with the same day twice is that one day")
    void allDaySameDayTwice() {
        JsonNode same = h.dispatch("calendar.create_event", data("title", "Sinterklaas", "domain", "PRIVE",
                "startDate", "2026-12-05", "endDate", "2026-12-05")).assertOk().data().path("event");
        JsonNode exclusive = h.dispatch("calendar.create_event", data("title", "Pakjesavond", "domain", "PRIVE",
                "startDate", "2026-12-05", "endDate", "2026-12-06")).assertOk().data().path("event");
        assertThat(same.path("allDay").asBoolean()).isTrue();
        assertThat(same.path("end").asText()).isEqualTo(exclusive.path("end").asText()).startsWith("2026-12-06");
        h.dispatch("calendar.create_event", data("title", "Omgekeerd", "domain", "PRIVE",
                "startDate", "2026-12-05", "endDate", "2026-12-04")).assertRejected(ErrorCode.VALIDATION_FAILED);
    }

    @Test
    @DisplayName("questions in an answer and in question.list write their times as every answer does")
    void questionTimesWithOffset() {
        var proposed = h.dispatch("behaviour.propose_patch", data("patch", data("id", "P-1", "type", "PATCH",
                "path", "reminderEscalationRules.threshold", "before", 3, "after", 2,
                "rationale", "Eerder een duwtje.", "riskLevel", "LOW", "source", "USER"))).assertOk();
        JsonNode asked = proposed.json().path("ask").get(0);
        assertThat(asked.path("askedAt").asText()).matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\+01:00");
        assertThat(asked.path("expiresAt").asText()).endsWith("+01:00");
        JsonNode listed = h.dispatch("question.list").assertOk().data().path("questions").get(0);
        assertThat(listed.path("askedAt").asText()).isEqualTo(asked.path("askedAt").asText());
        // and what an answer writes is taken where a date-time goes in
        h.dispatch("system.tick", data("now", asked.path("expiresAt").asText())).assertOk();
    }
}
