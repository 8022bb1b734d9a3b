package dev.avalon.testkit.recovery;

import com.fasterxml.jackson.databind.JsonNode;
import dev.avalon.core.port.BrainPath;
import dev.avalon.core.port.FileChange;
import dev.avalon.core.port.FinanceSheet;
import dev.avalon.core.port.LogbookSheet;
import dev.avalon.core.port.SheetRenderer;
import dev.avalon.testkit.MutableClock;
import dev.avalon.testkit.brain.InMemoryBrainStore;
import dev.avalon.testkit.harness.AvalonHarness;
import dev.avalon.testkit.sheet.InMemorySheetRenderer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.stream.StreamSupport;

import static dev.avalon.testkit.harness.AvalonHarness.data;
import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("KEEP_AND_REPAIR rebuilds a broken weekly sheet from its ledger or journal")
class DerivedSheetRecoveryTest {

    private static final BrainPath LEDGER = BrainPath.of("finance/ledger.json");
    private static final BrainPath FINANCE_SHEET = BrainPath.of("finance/2026-W48.json");
    private static final BrainPath LOGBOOK_SHEET = BrainPath.of("logbook/2026-W47.json");
    private static final byte[] BROKEN = "{broken".getBytes(StandardCharsets.UTF_8);

    private final SheetRenderer renderer = new InMemorySheetRenderer();
    private final MutableClock clock = MutableClock.at("2026-11-22T20:00:00+01:00");
    private final AvalonHarness h = AvalonHarness.on(new InMemoryBrainStore(), clock,
            b -> b.port(SheetRenderer.class, renderer));

    @AfterEach
    void close() {
        h.close();
    }

    private String state() {
        return h.dispatch("governance.status").assertOk().data().path("state").asText();
    }

    /**
     * Monday 2026-11-23 before 07:00: an income of 1200.00, the finance check with NEE to more income and JA to
     * the default split; the sheet of 2026-W48 is written and the commit consent is asked. Its id.
     */
    private String financeCheckUpToConsent() {
        clock.setTo(java.time.OffsetDateTime.parse("2026-11-23T06:00:00+01:00").toInstant());
        h.dispatch("finance.register_income", data("amount", "1200.00", "source", "salaris",
                "date", "2026-11-23")).assertOk();
        String income = h.dispatch("finance.check_start").assertOk().askId(0);
        String allocation = h.answer(income, "NEE").assertOk().askId(0);
        AvalonHarness.Response consent = h.answer(allocation, "JA").assertOk();
        assertThat(consent.data().path("sheet").asText()).isEqualTo(FINANCE_SHEET.value());
        return consent.askId(0);
    }

    /** Monday 07:00: the weekly validation finds what is broken and freezes the brain; the DR question's id. */
    private String frozenByTheWeeklyValidation() {
        h.tickTo("2026-11-23T07:00:00+01:00").assertRan("validation");
        assertThat(state()).isEqualTo("STATE_DR");
        return h.dispatch("dr.start_resolution").assertOk().askId(0);
    }

    private static JsonNode repairedEntry(JsonNode answer, BrainPath path) {
        return StreamSupport.stream(answer.path("repaired").spliterator(), false)
                .filter(r -> r.path("path").asText().equals(path.value())).findFirst()
                .orElseThrow(() -> new AssertionError(path + " was not repaired: " + answer));
    }

    private String auditText() {
        StringBuilder all = new StringBuilder();
        for (BrainPath p : h.store().list("audit")) {
            all.append(new String(h.store().read(p).orElseThrow(), StandardCharsets.UTF_8));
        }
        return all.toString();
    }

    private void assertHealthy() {
        assertThat(state()).isEqualTo("STATE_NORMAL");
        JsonNode validation = h.dispatch("system.validate").assertOk().data();
        assertThat(validation.path("valid").asBoolean()).as(validation.toString()).isTrue();
    }

    @Test
    @DisplayName("a finance sheet that was never committed is rebuilt from the ledger, byte for byte as the check wrote it")
    void uncommittedFinanceSheet() {
        financeCheckUpToConsent();
        byte[] written = h.store().read(FINANCE_SHEET).orElseThrow();
        assertThat(h.store().head().flatMap(c -> h.store().readAt(c.sha(), FINANCE_SHEET))).as("never committed").isEmpty();
        h.store().apply(List.of(FileChange.put(FINANCE_SHEET, BROKEN)));

        JsonNode answer = h.answer(frozenByTheWeeklyValidation(), "KEEP_AND_REPAIR").assertOk().data();

        assertThat(answer.path("resolved").asBoolean()).as(answer.toString()).isTrue();
        assertThat(repairedEntry(answer, FINANCE_SHEET).path("from").asText()).isEqualTo("rebuilt");
        assertThat(h.store().read(FINANCE_SHEET)).hasValue(written);
        FinanceSheet sheet = renderer.readFinance(h.store().read(FINANCE_SHEET).orElseThrow());
        assertThat(sheet.week()).isEqualTo("2026-W48");
        assertThat(sheet.movements()).hasSize(5);
        assertThat(sheet.movements().get(0).amount()).isEqualByComparingTo(new BigDecimal("1200.00"));
        assertThat(sheet.movements()).allSatisfy(m -> assertThat(m.date()).isEqualTo(LocalDate.of(2026, 11, 23)));
        assertThat(sheet.unassigned()).isEqualByComparingTo(BigDecimal.ZERO);
        assertHealthy();
        assertThat(auditText()).contains("\"dr.repaired\"", "\"from\":\"rebuilt\"");
    }

    @Test
    @DisplayName("a committed finance sheet is rebuilt from the ledger rather than put back from history")
    void committedFinanceSheet() {
        String consent = financeCheckUpToConsent();
        String sha = h.answer(consent, "JA").assertOk().data().path("commitSha").asText();
        byte[] committed = h.store().readAt(sha, FINANCE_SHEET).orElseThrow();
        h.store().apply(List.of(FileChange.put(FINANCE_SHEET, BROKEN)));

        JsonNode answer = h.answer(frozenByTheWeeklyValidation(), "KEEP_AND_REPAIR").assertOk().data();

        assertThat(answer.path("resolved").asBoolean()).as(answer.toString()).isTrue();
        assertThat(repairedEntry(answer, FINANCE_SHEET).path("from").asText()).isEqualTo("rebuilt");
        assertThat(h.store().read(FINANCE_SHEET)).hasValue(committed);
        assertHealthy();
    }

    @Test
    @DisplayName("ledger and sheet both broken: the ledger comes back from history first, the sheet is rebuilt from it,"
            + " and the income entered since is listed")
    void ledgerBrokenToo() {
        String consent = financeCheckUpToConsent();
        String sha = h.answer(consent, "JA").assertOk().data().path("commitSha").asText();
        byte[] committedSheet = h.store().readAt(sha, FINANCE_SHEET).orElseThrow();
        h.dispatch("finance.register_income", data("amount", "50.00", "source", "verkoop",
                "date", "2026-11-23")).assertOk();
        h.store().apply(List.of(FileChange.put(LEDGER, BROKEN), FileChange.put(FINANCE_SHEET, BROKEN)));

        JsonNode answer = h.answer(frozenByTheWeeklyValidation(), "KEEP_AND_REPAIR").assertOk().data();

        assertThat(answer.path("resolved").asBoolean()).as(answer.toString()).isTrue();
        assertThat(repairedEntry(answer, LEDGER).path("from").asText()).isEqualTo(sha);
        assertThat(repairedEntry(answer, FINANCE_SHEET).path("from").asText()).isEqualTo("rebuilt");
        assertThat(answer.path("enteredAfter").path("counts").path("finance.income_registered").asInt()).isEqualTo(1);
        // the sheet follows the ledger as repaired, not the income that went with the broken ledger
        assertThat(h.store().read(FINANCE_SHEET)).hasValue(committedSheet);
        assertThat(renderer.readFinance(committedSheet).movements())
                .noneSatisfy(m -> assertThat(m.amount()).isEqualByComparingTo(new BigDecimal("50.00")));
        assertHealthy();
    }

    @Test
    @DisplayName("a sheet is never rebuilt from a broken ledger: with no good ledger in history both are listed as not"
            + " repaired and DR stays")
    void notFromABrokenLedger() {
        financeCheckUpToConsent();
        h.store().apply(List.of(FileChange.put(LEDGER, BROKEN), FileChange.put(FINANCE_SHEET, BROKEN)));

        JsonNode answer = h.answer(frozenByTheWeeklyValidation(), "KEEP_AND_REPAIR").assertOk().data();

        assertThat(answer.path("resolved").asBoolean()).isFalse();
        assertThat(answer.path("repaired")).isEmpty();
        assertThat(answer.path("findings")).anySatisfy(f -> assertThat(f.path("path").asText()).startsWith(LEDGER.value()));
        assertThat(answer.path("findings"))
                .anySatisfy(f -> assertThat(f.path("path").asText()).isEqualTo(FINANCE_SHEET.value()));
        assertThat(h.store().read(FINANCE_SHEET)).hasValue(BROKEN);
        assertThat(state()).isEqualTo("STATE_DR");
    }

    @Test
    @DisplayName("a logbook sheet compiled by the weekclose and never committed is rebuilt from the week's journal")
    void uncommittedLogbookSheet() {
        int[][] days = {{16, 4, 8, 2}, {17, 5, 7, 1}, {18, 6, 6, 3}, {20, 8, 5, 2}};
        for (int[] d : days) {
            h.dispatch("logbook.add_daily_entry", data("activiteit", "Offerte", "domein", "VSB", "stress", d[1],
                    "motivatie", d[2], "status", "partial", "moveCount", d[3], "date", "2026-11-" + d[0])).assertOk();
        }
        clock.setTo(java.time.OffsetDateTime.parse("2026-11-23T06:00:00+01:00").toInstant());
        JsonNode weekclose = h.dispatch("weekclose.start", data("week", "2026-W47")).assertOk().data();
        assertThat(weekclose.path("weekclose").path("sheet").path("path").asText()).isEqualTo(LOGBOOK_SHEET.value());
        byte[] written = h.store().read(LOGBOOK_SHEET).orElseThrow();
        assertThat(h.store().head().flatMap(c -> h.store().readAt(c.sha(), LOGBOOK_SHEET))).as("never committed").isEmpty();
        h.store().apply(List.of(FileChange.put(LOGBOOK_SHEET, BROKEN)));

        String question = frozenByTheWeeklyValidation();
        assertThat(h.dispatch("dr.status").assertOk().data().path("findings"))
                .anySatisfy(f -> assertThat(f.path("path").asText()).isEqualTo(LOGBOOK_SHEET.value()));
        JsonNode answer = h.answer(question, "KEEP_AND_REPAIR").assertOk().data();

        assertThat(answer.path("resolved").asBoolean()).as(answer.toString()).isTrue();
        assertThat(repairedEntry(answer, LOGBOOK_SHEET).path("from").asText()).isEqualTo("rebuilt");
        assertThat(h.store().read(LOGBOOK_SHEET)).hasValue(written);
        LogbookSheet sheet = renderer.readLogbook(written);
        assertThat(sheet.week()).isEqualTo("2026-W47");
        assertThat(sheet.rows()).extracting(LogbookSheet.Row::moveCount).containsExactly(2, 1, 3, 2);
        assertHealthy();
    }
}
