package dev.avalon.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.avalon.core.json.Json;
import dev.avalon.core.port.FinanceSheet;
import dev.avalon.core.port.LogbookSheet;
import dev.avalon.core.port.SheetRenderer;
import dev.avalon.git.GitBrainStore;
import dev.avalon.testkit.MutableClock;
import dev.avalon.testkit.harness.AvalonHarness;
import dev.avalon.testkit.seal.InMemorySealKeys;
import dev.avalon.xlsx.XlsxSheetRenderer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.StreamSupport;

import static dev.avalon.testkit.harness.AvalonHarness.data;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The DR acceptance for sheets, the one artefact kind the git module cannot write: a {@code finance/*.xlsx}
 * or {@code logbook/*.xlsx} corrupted behind Avalon's back, committed or never committed, is found by the
 * weekly validation, and KEEP_AND_REPAIR rebuilds it from the ledger or the journal; the sheet reads back
 * with the week's data, nothing entered is lost and {@code git fsck --full} is clean.
 */
@DisplayName("A corrupt sheet on a git brain comes back to STATE_NORMAL through the actions alone")
class SheetRecoveryTest {

    private static final String FINANCE_SHEET = "finance/2026-W48.xlsx";
    private static final String LOGBOOK_SHEET = "logbook/2026-W47.xlsx";
    private static final byte[] BROKEN = "not a workbook".getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path dir;
    /** Monday 2026-11-23 06:00 in Amsterdam: an hour before the weekly validation. */
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-23T05:00:00Z"), ZoneId.of("Europe/Amsterdam"));
    private final XlsxSheetRenderer renderer = new XlsxSheetRenderer();

    private AvalonHarness open() {
        return AvalonHarness.on(GitBrainStore.open(dir, clock), clock,
                b -> b.port(SheetRenderer.class, renderer)
                        .sealKeys(InMemorySealKeys.of("the host's key")).rateLimits(100_000, 100_000));
    }

    private static String state(AvalonHarness h) {
        return h.dispatch("governance.status").assertOk().data().path("state").asText();
    }

    /** An income of 1200.00, then the finance check: NEE to more income, JA to the split; the consent's id. */
    private String financeCheckUpToConsent(AvalonHarness h) {
        h.dispatch("finance.register_income", data("amount", "1200.00", "source", "salaris",
                "date", "2026-11-23")).assertOk();
        String income = h.dispatch("finance.check_start").assertOk().askId(0);
        clock.advance(Duration.ofMinutes(1));
        String allocation = h.answer(income, "NEE").assertOk().askId(0);
        clock.advance(Duration.ofMinutes(1));
        AvalonHarness.Response consent = h.answer(allocation, "JA").assertOk();
        assertThat(consent.data().path("sheet").asText()).isEqualTo(FINANCE_SHEET);
        return consent.askId(0);
    }

    private boolean committed(String file) {
        return GitCommandLine.run(dir, "ls-files", "--error-unmatch", file).orElseThrow().exitCode() == 0;
    }

    /**
     * Reopens the brain on the corrupt file; the weekly validation freezes it, KEEP_AND_REPAIR repairs it and the
     * brain is valid again; what is left uncommitted is committed on a JA. The repair's answer.
     */
    private JsonNode repairedAfterTheWeeklyValidation(String file) {
        JsonNode repaired;
        try (AvalonHarness h = open()) {
            if (!state(h).equals("STATE_DR")) {
                h.dispatch("system.tick", data("now", "2026-11-30T07:00:00+01:00"));
            }
            assertThat(state(h)).isEqualTo("STATE_DR");
            assertThat(h.dispatch("dr.status").assertOk().data().path("findings"))
                    .anySatisfy(f -> assertThat(f.path("path").asText()).isEqualTo(file));
            String question = h.dispatch("dr.start_resolution").assertOk().askId(0);
            clock.advance(Duration.ofMinutes(1));
            repaired = h.answer(question, "KEEP_AND_REPAIR").assertOk().data();
            assertThat(repaired.path("resolved").asBoolean()).as(repaired.toString()).isTrue();
            assertThat(state(h)).isEqualTo("STATE_NORMAL");
            JsonNode validation = h.dispatch("system.validate").assertOk().data();
            assertThat(validation.path("valid").asBoolean()).as(validation.toString()).isTrue();
            JsonNode pending = h.dispatch("brain.request_commit").assertOk().data();
            if (pending.path("questionId").isTextual()) {
                clock.advance(Duration.ofMinutes(1));
                h.answer(pending.path("questionId").asText(), "JA").assertOk();
            }
            assertThat(state(h)).isEqualTo("STATE_NORMAL");
        }
        assertThat(GitCommandLine.run(dir, "fsck", "--full").orElseThrow().exitCode()).isZero();
        return repaired;
    }

    private static String from(JsonNode repaired, String file) {
        return StreamSupport.stream(repaired.path("repaired").spliterator(), false)
                .filter(r -> r.path("path").asText().equals(file)).findFirst()
                .orElseThrow(() -> new AssertionError(file + " was not repaired: " + repaired)).path("from").asText();
    }

    /** The finance sheet on disk holds exactly the ledger's movements of 2026-W48, in ledger order. */
    private void assertFinanceSheetHoldsTheLedgersWeek() throws Exception {
        FinanceSheet sheet = renderer.readFinance(Files.readAllBytes(dir.resolve(FINANCE_SHEET)));
        JsonNode ledger = Json.parse(Files.readAllBytes(dir.resolve("finance/ledger.json")));
        List<String> expected = new ArrayList<>();
        for (JsonNode e : ledger.path("entries")) {
            LocalDate date = LocalDate.parse(e.path("date").asText());
            if (!date.isBefore(LocalDate.of(2026, 11, 23)) && !date.isAfter(LocalDate.of(2026, 11, 29))) {
                expected.add(e.path("kind").asText() + " " + e.path("to").asText() + " " + e.path("amount").asText());
            }
        }
        assertThat(sheet.week()).isEqualTo("2026-W48");
        assertThat(sheet.movements()).extracting(m -> m.kind() + " " + m.to() + " " + m.amount().toPlainString())
                .containsExactlyElementsOf(expected);
        assertThat(expected).hasSize(5);
        assertThat(sheet.movements().get(0).amount()).isEqualByComparingTo(new BigDecimal("1200.00"));
        assertThat(sheet.unassigned()).isEqualByComparingTo(BigDecimal.ZERO);
    }

    @Test
    @DisplayName("a finance workbook never committed, corrupted before any commit: rebuilt from the ledger, fsck clean")
    void uncommittedFinanceSheet() throws Exception {
        byte[] written;
        try (AvalonHarness h = open()) {
            financeCheckUpToConsent(h);
            written = Files.readAllBytes(dir.resolve(FINANCE_SHEET));
        }
        assertThat(committed(FINANCE_SHEET)).as("never committed").isFalse();
        Files.write(dir.resolve(FINANCE_SHEET), BROKEN);
        clock.advance(Duration.ofMinutes(5));

        JsonNode repaired = repairedAfterTheWeeklyValidation(FINANCE_SHEET);

        assertThat(from(repaired, FINANCE_SHEET)).isEqualTo("rebuilt");
        assertThat(Files.readAllBytes(dir.resolve(FINANCE_SHEET))).as("what the check wrote").isEqualTo(written);
        assertFinanceSheetHoldsTheLedgersWeek();
        assertThat(committed(FINANCE_SHEET)).isTrue();
    }

    @Test
    @DisplayName("a committed finance workbook: frozen at the weekly validation, rebuilt from the ledger, nothing lost, fsck clean")
    void committedFinanceSheet() throws Exception {
        try (AvalonHarness h = open()) {
            String consent = financeCheckUpToConsent(h);
            clock.advance(Duration.ofMinutes(1));
            h.answer(consent, "JA").assertOk();
        }
        assertThat(committed(FINANCE_SHEET)).as("the sheet is committed").isTrue();
        byte[] committed = Files.readAllBytes(dir.resolve(FINANCE_SHEET));
        Files.write(dir.resolve(FINANCE_SHEET), BROKEN);
        clock.advance(Duration.ofMinutes(5));

        JsonNode repaired = repairedAfterTheWeeklyValidation(FINANCE_SHEET);

        assertThat(from(repaired, FINANCE_SHEET)).isEqualTo("rebuilt");
        assertThat(Files.readAllBytes(dir.resolve(FINANCE_SHEET))).isEqualTo(committed);
        assertFinanceSheetHoldsTheLedgersWeek();
        try (AvalonHarness h = open()) {
            assertThat(h.dispatch("finance.overview").assertOk().data().toString()).contains("1200.00");
        }
    }

    @Test
    @DisplayName("a logbook workbook compiled by the weekclose, corrupted before its commit: rebuilt from the journal, fsck clean")
    void uncommittedLogbookSheet() throws Exception {
        byte[] written;
        try (AvalonHarness h = open()) {
            int[][] days = {{16, 4, 8, 2}, {17, 5, 7, 1}, {18, 6, 6, 3}, {20, 8, 5, 2}};
            for (int[] d : days) {
                h.dispatch("logbook.add_daily_entry", data("activiteit", "Offerte", "domein", "VSB", "stress", d[1],
                        "motivatie", d[2], "status", "partial", "moveCount", d[3], "date", "2026-11-" + d[0])).assertOk();
            }
            JsonNode weekclose = h.dispatch("weekclose.start", data("week", "2026-W47")).assertOk().data();
            assertThat(weekclose.path("weekclose").path("sheet").path("path").asText()).isEqualTo(LOGBOOK_SHEET);
            written = Files.readAllBytes(dir.resolve(LOGBOOK_SHEET));
        }
        assertThat(committed(LOGBOOK_SHEET)).as("never committed").isFalse();
        Files.write(dir.resolve(LOGBOOK_SHEET), BROKEN);
        clock.advance(Duration.ofMinutes(5));

        JsonNode repaired = repairedAfterTheWeeklyValidation(LOGBOOK_SHEET);

        assertThat(from(repaired, LOGBOOK_SHEET)).isEqualTo("rebuilt");
        assertThat(Files.readAllBytes(dir.resolve(LOGBOOK_SHEET))).as("what the weekclose wrote").isEqualTo(written);
        LogbookSheet sheet = renderer.readLogbook(Files.readAllBytes(dir.resolve(LOGBOOK_SHEET)));
        assertThat(sheet.week()).isEqualTo("2026-W47");
        assertThat(sheet.rows()).extracting(LogbookSheet.Row::date).containsExactly(LocalDate.of(2026, 11, 16),
                LocalDate.of(2026, 11, 17), LocalDate.of(2026, 11, 18), LocalDate.of(2026, 11, 20));
        assertThat(sheet.rows()).extracting(LogbookSheet.Row::moveCount).containsExactly(2, 1, 3, 2);
    }
}
