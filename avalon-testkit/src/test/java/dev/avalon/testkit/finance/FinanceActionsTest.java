package dev.avalon.testkit.finance;

import com.fasterxml.jackson.databind.JsonNode;
import dev.avalon.core.base.ErrorCode;
import dev.avalon.core.base.Violation;
import dev.avalon.core.json.Json;
import dev.avalon.core.port.BrainPath;
import dev.avalon.testkit.harness.AvalonHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("Finance actions keep an exact envelope ledger in finance/ledger.json")
class FinanceActionsTest {

    private AvalonHarness h;

    @BeforeEach
    void open() {
        h = AvalonHarness.inMemory();
    }

    @AfterEach
    void close() {
        h.close();
    }

    static JsonNode balance(AvalonHarness.Response r, String pot) {
        for (JsonNode b : r.data().path("balances")) {
            if (b.path("pot").asText().equals(pot)) {
                return b.path("balance");
            }
        }
        throw new AssertionError("no pot " + pot + " in " + r);
    }

    JsonNode ledger() throws Exception {
        return Json.parse(h.store().read(BrainPath.of("finance/ledger.json")).orElseThrow());
    }

    @Test
    @DisplayName("income, allocation by amounts and by percentages, move, spend, overspend and cover add up to the cent")
    void envelopeFlow() throws Exception {
        var income = h.dispatch("finance.register_income",
                "{\"amount\":\"1250.00\",\"date\":\"2026-11-23\",\"source\":\"salaris\",\"note\":\"november\"}").assertOk();
        assertThat(income.data().path("unassigned").asText()).isEqualTo("1250.00");
        assertThat(income.data().path("entryId").asText()).isEqualTo("F-1");

        var byAmount = h.dispatch("finance.allocate_funds",
                "{\"potjesverdeling\":{\"vaste_lasten\":\"600\",\"sparen\":\"0\"}}").assertOk();
        assertThat(byAmount.data().path("unassigned").asText()).isEqualTo("650.00");

        // 650.00 by 33.33/33.33/33.34 leaves a fraction of a cent per pot: largest remainder places every cent
        var byPercent = h.dispatch("finance.allocate_funds", "{\"percentages\":{\"boodschappen\":33.33,"
                + "\"sparen\":33.33,\"vrij_besteedbaar\":33.34},\"amount\":\"100.01\"}").assertOk();
        JsonNode shares = byPercent.data().path("allocations");
        assertThat(shares.path("boodschappen").asText()).isEqualTo("33.33");
        assertThat(shares.path("sparen").asText()).isEqualTo("33.33");
        assertThat(shares.path("vrij_besteedbaar").asText()).isEqualTo("33.35");
        assertThat(byPercent.data().path("unassigned").asText()).isEqualTo("549.99");

        h.dispatch("finance.move", "{\"from\":\"vrij_besteedbaar\",\"to\":\"sparen\",\"amount\":\"10.00\"}").assertOk();
        var spent = h.dispatch("finance.spend",
                "{\"pot\":\"boodschappen\",\"amount\":\"40.00\",\"date\":\"2026-11-24\",\"note\":\"weekboodschappen\"}")
                .assertOk();
        assertThat(spent.data().path("balance").asText()).isEqualTo("-6.67");
        assertThat(spent.data().path("overspent").asBoolean()).isTrue();
        var cover = h.dispatch("finance.cover", "{\"from\":\"sparen\",\"to\":\"boodschappen\",\"amount\":\"6.67\"}")
                .assertOk();
        assertThat(balance(cover, "boodschappen").asText()).isEqualTo("0.00");
        assertThat(balance(cover, "sparen").asText()).isEqualTo("36.66");

        var overview = h.dispatch("finance.overview", "{\"week\":\"2026-W48\"}").assertOk();
        assertThat(overview.data().path("totals").path("income").asText()).isEqualTo("1250.00");
        assertThat(overview.data().path("totals").path("spent").asText()).isEqualTo("40.00");
        assertThat(overview.data().path("unassigned").asText()).isEqualTo("549.99");
        assertThat(overview.data().path("movements")).hasSize(8);
        assertThat(h.dispatch("finance.overview", "{\"week\":\"2026-W47\"}").assertOk().data().path("movements"))
                .isEmpty();

        JsonNode file = ledger();
        assertThat(file.path("entries")).hasSize(8);
        assertThat(file.path("balances").path("vaste_lasten").asText()).isEqualTo("600.00");
        assertThat(h.dispatch("system.validate").assertOk().data().path("valid").asBoolean()).isTrue();
    }

    @Test
    @DisplayName("every change is audited with the new ledger entries")
    void audited() throws Exception {
        h.dispatch("finance.register_income",
                "{\"amount\":\"10\",\"date\":\"2026-11-23\",\"source\":\"teruggave\"}").assertOk();
        String audit = new String(h.store().read(BrainPath.of("audit/2026.jsonl")).orElseThrow(),
                java.nio.charset.StandardCharsets.UTF_8);
        assertThat(audit).contains("finance.income_registered").contains("\"amount\":\"10.00\"");
    }

    @Test
    @DisplayName("a ledger whose recorded balances disagree with its entries fails system.validate")
    void tamperedLedger() throws Exception {
        h.dispatch("finance.register_income",
                "{\"amount\":\"10.00\",\"date\":\"2026-11-23\",\"source\":\"x\"}").assertOk();
        var node = (com.fasterxml.jackson.databind.node.ObjectNode) ledger();
        node.put("unassigned", "999.00");
        h.store().apply(java.util.List.of(dev.avalon.core.port.FileChange.put(BrainPath.of("finance/ledger.json"),
                Json.pretty(node))));
        var report = h.dispatch("system.validate").assertOk().data();
        assertThat(report.path("valid").asBoolean()).isFalse();
        assertThat(report.path("problems").toString()).contains("finance/ledger.json:$.unassigned")
                .contains("add up to 10.00");
    }

    @Nested
    @DisplayName("Bad input gets a typed error naming the field, and the brain stays byte-identical")
    class BadInput {

        private AvalonHarness.Snapshot before;

        @BeforeEach
        void history() {
            h.dispatch("finance.register_income",
                    "{\"amount\":\"1000.00\",\"date\":\"2026-11-23\",\"source\":\"salaris\"}").assertOk();
            h.dispatch("finance.allocate_funds", "{\"potjesverdeling\":{\"sparen\":\"400.00\"}}").assertOk();
            before = h.snapshot();
        }

        @AfterEach
        void unchanged() {
            assertThat(h.snapshot()).as("brain files and history unchanged").isEqualTo(before);
        }

        static String income(String amount) {
            return "{\"amount\":" + amount + ",\"date\":\"2026-11-23\",\"source\":\"salaris\"}";
        }

        static Stream<Arguments> rejected() {
            return Stream.of(
                    Arguments.of("a negative income", "finance.register_income", income("\"-5.00\""), "$.data.amount"),
                    Arguments.of("a zero income", "finance.register_income", income("\"0.00\""), "$.data.amount"),
                    Arguments.of("an income over finance.maxIncome", "finance.register_income", income("\"100000.01\""),
                            "$.data.amount"),
                    Arguments.of("a non-numeric income", "finance.register_income", income("\"twaalf\""), "$.data.amount"),
                    Arguments.of("an income with three decimals", "finance.register_income", income("\"12.345\""),
                            "$.data.amount"),
                    Arguments.of("an income as a JSON number", "finance.register_income", income("12.50"),
                            "$.data.amount"),
                    Arguments.of("an income without a date", "finance.register_income",
                            "{\"amount\":\"5\",\"source\":\"x\"}", "$.data.date"),
                    Arguments.of("an impossible date", "finance.register_income",
                            "{\"amount\":\"5\",\"date\":\"2026-02-30\",\"source\":\"x\"}", "$.data.date"),
                    Arguments.of("an allocation above the unassigned balance", "finance.allocate_funds",
                            "{\"potjesverdeling\":{\"boodschappen\":\"600.01\"}}", "$.data.potjesverdeling"),
                    Arguments.of("an allocation to an unknown pot", "finance.allocate_funds",
                            "{\"potjesverdeling\":{\"vakantie\":\"10.00\"}}", "$.data.potjesverdeling.vakantie"),
                    Arguments.of("a negative allocation", "finance.allocate_funds",
                            "{\"potjesverdeling\":{\"sparen\":\"-1.00\"}}", "$.data.potjesverdeling.sparen"),
                    Arguments.of("percentages that do not add up to 100", "finance.allocate_funds",
                            "{\"percentages\":{\"sparen\":50,\"boodschappen\":40}}", "$.data.percentages"),
                    Arguments.of("both allocation forms at once", "finance.allocate_funds",
                            "{\"potjesverdeling\":{\"sparen\":\"1\"},\"percentages\":{\"sparen\":100}}",
                            "$.data.percentages"),
                    Arguments.of("a move of more than the pot holds", "finance.move",
                            "{\"from\":\"sparen\",\"to\":\"boodschappen\",\"amount\":\"400.01\"}", "$.data.amount"),
                    Arguments.of("a move to the same pot", "finance.move",
                            "{\"from\":\"sparen\",\"to\":\"sparen\",\"amount\":\"1.00\"}", "$.data.to"),
                    Arguments.of("spending from an unknown pot", "finance.spend",
                            "{\"pot\":\"vakantie\",\"amount\":\"1.00\",\"date\":\"2026-11-23\",\"note\":\"\"}", "$.data.pot"),
                    Arguments.of("covering a pot that is not overspent", "finance.cover",
                            "{\"from\":\"sparen\",\"to\":\"boodschappen\",\"amount\":\"1.00\"}", "$.data.to"),
                    Arguments.of("an overview of a week that does not exist", "finance.overview",
                            "{\"week\":\"2025-W53\"}", "$.data.week"));
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("rejected")
        @DisplayName("is refused as VALIDATION_FAILED with the offending field")
        void refused(String name, String action, String data, String path) {
            var r = h.dispatch(action, data).assertRejected(ErrorCode.VALIDATION_FAILED).rejected();
            assertThat(r.error().details()).extracting(Violation::path).contains(path);
        }

        @Test
        @DisplayName("an unknown pot is refused with the list of pots")
        void unknownPotListsPots() {
            var r = h.dispatch("finance.allocate_funds", "{\"potjesverdeling\":{\"vakantie\":\"10.00\"}}")
                    .rejected();
            assertThat(r.error().details()).extracting(Violation::problem).anySatisfy(p -> assertThat(p)
                    .contains("vaste_lasten", "boodschappen", "sparen", "vrij_besteedbaar"));
        }

        @Test
        @DisplayName("every problem of one request is listed, not only the first")
        void everyProblem() {
            var r = h.dispatch("finance.register_income",
                    "{\"amount\":\"-1\",\"date\":\"2026-11-23\",\"source\":\" \"}").rejected();
            assertThat(r.error().details()).extracting(Violation::path).contains("$.data.amount", "$.data.source");
        }
    }
}
