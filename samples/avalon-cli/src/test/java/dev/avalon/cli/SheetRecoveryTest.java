package dev.avalon.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.avalon.core.port.SheetRenderer;
import dev.avalon.git.GitBrainStore;
import dev.avalon.testkit.MutableClock;
import dev.avalon.testkit.harness.AvalonHarness;
import dev.avalon.testkit.seal.InMemorySealKeys;
import dev.avalon.xlsx.XlsxSheetRenderer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.stream.Stream;

import static dev.avalon.testkit.harness.AvalonHarness.data;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The DR acceptance for the one artefact kind the git module cannot write, a sheet: a committed
 * {@code finance/*.xlsx} corrupted behind Avalon's back is found by the weekly validation, and
 * KEEP_AND_REPAIR brings it back from history; the income is still there and {@code git fsck --full} is clean.
 */
@DisplayName("A corrupt sheet on a git brain comes back to STATE_NORMAL through the actions alone")
class SheetRecoveryTest {

    @TempDir
    Path dir;
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-23T07:00:00Z"), ZoneId.of("Europe/Amsterdam"));

    private AvalonHarness open() {
        return AvalonHarness.on(GitBrainStore.open(dir, clock), clock,
                b -> b.port(SheetRenderer.class, new XlsxSheetRenderer())
                        .sealKeys(InMemorySealKeys.of("the host's key")).rateLimits(100_000, 100_000));
    }

    private static String state(AvalonHarness h) {
        return h.dispatch("governance.status").assertOk().data().path("state").asText();
    }

    @Test
    @DisplayName("corrupt finance workbook: frozen at the weekly validation, repaired from history, nothing lost, fsck clean")
    void corruptSheet() throws Exception {
        try (AvalonHarness h = open()) {
            h.dispatch("finance.register_income", data("amount", "1200.00", "source", "salaris",
                    "date", "2026-11-23")).assertOk();
            h.dispatch("finance.check_start").assertOk();
            // the income is registered already (NEE to more), the default split, then JA to the commit
            for (int i = 0; i < 6 && h.dispatch("question.list").assertOk().data().path("questions").size() > 0; i++) {
                JsonNode q = h.dispatch("question.list").assertOk().data().path("questions").get(0);
                clock.advance(Duration.ofMinutes(1));
                String kind = q.path("kind").asText();
                h.answer(q.path("id").asText(), kind.equals("FINANCE_INCOME") ? "NEE" : "JA").assertOk();
            }
        }
        Path sheet;
        try (Stream<Path> files = Files.walk(dir.resolve("finance"))) {
            sheet = files.filter(p -> p.toString().endsWith(".xlsx")).findFirst()
                    .orElseThrow(() -> new AssertionError("no sheet was written"));
        }
        assertThat(GitCommandLine.run(dir, "ls-files", "--error-unmatch", dir.relativize(sheet).toString()).orElseThrow().exitCode())
                .as("the sheet is committed").isZero();
        Files.write(sheet, "not a workbook".getBytes(StandardCharsets.UTF_8));
        clock.advance(Duration.ofMinutes(5));

        try (AvalonHarness h = open()) {
            if (!state(h).equals("STATE_DR")) {
                h.dispatch("system.tick", data("now", "2026-11-30T07:00:00+01:00"));
            }
            assertThat(state(h)).isEqualTo("STATE_DR");
            assertThat(h.dispatch("dr.status").assertOk().data().path("findings"))
                    .anySatisfy(f -> assertThat(f.path("path").asText()).endsWith(".xlsx"));
            String question = h.dispatch("dr.start_resolution").assertOk().askId(0);
            JsonNode repaired = h.answer(question, "KEEP_AND_REPAIR").assertOk().data();
            assertThat(repaired.path("resolved").asBoolean()).as(repaired.toString()).isTrue();
            assertThat(state(h)).isEqualTo("STATE_NORMAL");
            assertThat(h.dispatch("system.validate").assertOk().data().path("valid").asBoolean()).isTrue();
            assertThat(h.dispatch("finance.overview").assertOk().data().toString()).contains("1200.00");
            JsonNode pending = h.dispatch("brain.request_commit").assertOk().data();
            if (pending.path("questionId").isTextual()) {
                clock.advance(Duration.ofMinutes(1));
                h.answer(pending.path("questionId").asText(), "JA").assertOk();
            }
        }
        assertThat(GitCommandLine.run(dir, "fsck", "--full").orElseThrow().exitCode()).isZero();
    }
}
