package dev.avalon.testkit.recovery;

import com.fasterxml.jackson.databind.JsonNode;
import dev.avalon.core.base.ErrorCode;
import dev.avalon.core.port.AlertLevel;
import dev.avalon.core.port.BrainPath;
import dev.avalon.core.port.FileChange;
import dev.avalon.testkit.harness.AvalonHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.StreamSupport;

import static dev.avalon.testkit.harness.AvalonHarness.data;
import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("The weekly validation job: every artefact checked on Monday morning, a failure leads to DR")
class WeeklyValidationTest {

    private static final BrainPath LEDGER = BrainPath.of("finance/ledger.json");

    private final AvalonHarness h = AvalonHarness.inMemory();

    @AfterEach
    void close() {
        h.close();
    }

    private JsonNode tick(String now) {
        return h.dispatch("system.tick", data("now", now)).assertOk().data();
    }

    private static JsonNode run(JsonNode tick, String job) {
        return StreamSupport.stream(tick.path("ran").spliterator(), false)
                .filter(r -> r.path("job").asText().equals(job)).findFirst()
                .orElseThrow(() -> new AssertionError(job + " did not run: " + tick));
    }

    private String state() {
        return h.dispatch("governance.status").assertOk().data().path("state").asText();
    }

    @Test
    @DisplayName("the job is registered: system.health lists it among the scheduler's jobs")
    void listedInHealth() {
        JsonNode jobs = h.dispatch("system.health").assertOk().data().path("scheduler").path("jobs");
        assertThat(jobs).anySatisfy(j -> assertThat(j.path("job").asText()).isEqualTo("validation"));
    }

    @Test
    @DisplayName("a healthy brain passes on Monday 07:00 and nothing changes")
    void healthyBrainPasses() {
        tick("2026-11-29T20:00:00+01:00");
        JsonNode monday = tick("2026-11-30T07:00:00+01:00");
        assertThat(run(monday, "validation").path("result").path("valid").asBoolean()).isTrue();
        assertThat(state()).isEqualTo("STATE_NORMAL");
        assertThat(h.alerts().at(AlertLevel.CRITICAL)).isEmpty();
    }

    @Test
    @DisplayName("a ledger corrupted behind Avalon's back: Monday 07:00 freezes the brain, alerts naming the file,"
            + " refusals name it, and CANCEL after the repair by hand leaves DR")
    void corruptFileFoundByTheWeeklyJob() {
        tick("2026-11-29T20:00:00+01:00");
        h.dispatch("finance.register_income", data("amount", "1200.00", "source", "salaris",
                "date", "2026-11-29")).assertOk();
        byte[] good = h.store().read(LEDGER).orElseThrow();
        h.store().apply(List.of(FileChange.put(LEDGER, "{\"currency\": 7}".getBytes(StandardCharsets.UTF_8))));
        // nothing reads the ledger before the job: the brain does not know yet
        assertThat(state()).isEqualTo("STATE_NORMAL");

        JsonNode monday = tick("2026-11-30T07:00:00+01:00");

        JsonNode result = run(monday, "validation").path("result");
        assertThat(result.path("valid").asBoolean()).isFalse();
        assertThat(result.path("findings")).anySatisfy(f -> assertThat(f.path("path").asText()).startsWith(LEDGER.value()));
        assertThat(state()).isEqualTo("STATE_DR");
        assertThat(h.alerts().at(AlertLevel.CRITICAL)).singleElement().satisfies(a -> {
            assertThat(a.code()).isEqualTo("VALIDATION_FAILED");
            assertThat(a.message()).contains(LEDGER.value());
            assertThat(a.details()).containsEntry("path", LEDGER.value());
        });
        JsonNode status = h.dispatch("dr.status").assertOk().data();
        assertThat(status.path("trigger").path("code").asText()).isEqualTo("VALIDATION_FAILED");
        assertThat(status.path("trigger").path("message").asText()).contains(LEDGER.value());
        String question = status.path("questionId").asText();
        assertThat(question).isNotEmpty();

        // a write is refused by the freeze, naming why; a read of the file is refused naming it too
        var write = h.dispatch("finance.register_income", data("amount", "5.00", "source", "x",
                "date", "2026-11-30")).assertRejected(ErrorCode.DR_ACTIVE);
        assertThat(write.rejected().error().message()).contains(LEDGER.value());
        var read = h.dispatch("finance.overview").assertRejected(ErrorCode.DR_ACTIVE);
        assertThat(read.rejected().error().details()).anySatisfy(v -> assertThat(v.path()).isEqualTo(LEDGER.value()));
        // the scheduler is suspended: a later job does not run
        assertThat(tick("2026-11-30T17:00:00+01:00").path("ran")).isEmpty();

        h.store().apply(List.of(FileChange.put(LEDGER, good)));
        assertThat(h.answer(question, "CANCEL").assertOk().data().path("resolved").asBoolean()).isTrue();
        assertThat(state()).isEqualTo("STATE_NORMAL");
        h.dispatch("finance.overview").assertOk();
    }
}
