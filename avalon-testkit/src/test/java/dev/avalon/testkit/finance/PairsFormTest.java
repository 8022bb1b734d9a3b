package dev.avalon.testkit.finance;

import com.fasterxml.jackson.databind.JsonNode;
import dev.avalon.core.base.ErrorCode;
import dev.avalon.core.base.Violation;
import dev.avalon.core.json.Json;
import dev.avalon.core.port.BrainPath;
import dev.avalon.core.port.SheetRenderer;
import dev.avalon.testkit.MutableClock;
import dev.avalon.testkit.brain.InMemoryBrainStore;
import dev.avalon.testkit.harness.AvalonHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("Map-shaped fields take a list of pairs as well as a map, and split DEFAULT takes behaviour.avl's split")
class PairsFormTest {

    private static final BrainPath LEDGER = BrainPath.of("finance/ledger.json");

    private AvalonHarness h;

    @AfterEach
    void close() {
        if (h != null) {
            h.close();
        }
    }

    private AvalonHarness withIncome(String amount) {
        h = AvalonHarness.inMemory();
        h.dispatch("finance.register_income", "{\"amount\":\"" + amount + "\",\"date\":\"2026-11-23\","
                + "\"source\":\"salaris\"}").assertOk();
        return h;
    }

    private JsonNode balances() throws Exception {
        return Json.parse(h.store().read(LEDGER).orElseThrow()).path("balances");
    }

    @Test
    @DisplayName("potjesverdeling as pairs allocates exactly as the same map does")
    void potjesverdelingAsPairs() throws Exception {
        withIncome("1000.00");
        var r = h.dispatch("finance.allocate_funds", "{\"potjesverdeling\":[{\"pot\":\"sparen\",\"amount\":\"100.00\"},"
                + "{\"pot\":\"boodschappen\",\"amount\":\"250\"}]}").assertOk();
        assertThat(r.data().path("allocations").path("sparen").asText()).isEqualTo("100.00");
        assertThat(r.data().path("allocations").path("boodschappen").asText()).isEqualTo("250.00");
        assertThat(r.data().path("unassigned").asText()).isEqualTo("650.00");

        h.dispatch("finance.allocate_funds", "{\"potjesverdeling\":{\"sparen\":\"50.00\"}}").assertOk();
        assertThat(balances().path("sparen").asText()).as("the map form is still taken").isEqualTo("150.00");
    }

    @Test
    @DisplayName("percentages as pairs split by largest remainder like the map form")
    void percentagesAsPairs() {
        withIncome("100.01");
        var r = h.dispatch("finance.allocate_funds", "{\"percentages\":[{\"pot\":\"boodschappen\",\"percentage\":33.33},"
                + "{\"pot\":\"sparen\",\"percentage\":33.33},{\"pot\":\"vrij_besteedbaar\",\"percentage\":33.34}]}")
                .assertOk();
        assertThat(r.data().path("allocations").path("vrij_besteedbaar").asText()).isEqualTo("33.35");
        assertThat(r.data().path("unassigned").asText()).isEqualTo("0.00");
    }

    @Test
    @DisplayName("split DEFAULT allocates by behaviour.avl's finance.defaultSplit, of amount or of all unassigned")
    void defaultSplit() throws Exception {
        withIncome("1330.00");
        var part = h.dispatch("finance.allocate_funds", "{\"split\":\"DEFAULT\",\"amount\":\"100.00\"}").assertOk();
        assertThat(part.data().path("unassigned").asText()).isEqualTo("1230.00");
        var rest = h.dispatch("finance.allocate_funds", "{\"split\":\"DEFAULT\"}").assertOk();
        assertThat(rest.data().path("unassigned").asText()).isEqualTo("0.00");
        // the default behaviour splits 50/20/20/10, as the finance check proposes it
        assertThat(balances().path("vaste_lasten").asText()).isEqualTo("665.00");
        assertThat(balances().path("boodschappen").asText()).isEqualTo("266.00");
        assertThat(balances().path("sparen").asText()).isEqualTo("266.00");
        assertThat(balances().path("vrij_besteedbaar").asText()).isEqualTo("133.00");
    }

    @Test
    @DisplayName("split cannot be combined with a potjesverdeling, and only DEFAULT is a split")
    void splitIsOneOption() {
        withIncome("100.00");
        var before = h.snapshot();
        assertThat(h.dispatch("finance.allocate_funds", "{\"split\":\"DEFAULT\",\"potjesverdeling\":"
                + "[{\"pot\":\"sparen\",\"amount\":\"1\"}]}").assertRejected(ErrorCode.VALIDATION_FAILED).rejected()
                .error().details()).extracting(Violation::path).contains("$.data.split");
        assertThat(h.dispatch("finance.allocate_funds", "{\"split\":\"HALF\"}")
                .assertRejected(ErrorCode.VALIDATION_FAILED).rejected().error().details())
                .extracting(Violation::path).contains("$.data.split");
        assertThat(h.snapshot()).isEqualTo(before);
    }

    @Test
    @DisplayName("a pot named twice in pairs is refused naming the field and the index, and changes nothing")
    void duplicatePairs() {
        withIncome("100.00");
        var before = h.snapshot();
        var r = h.dispatch("finance.allocate_funds", "{\"potjesverdeling\":[{\"pot\":\"sparen\",\"amount\":\"1\"},"
                + "{\"pot\":\"boodschappen\",\"amount\":\"2\"},{\"pot\":\"sparen\",\"amount\":\"3\"}]}")
                .assertRejected(ErrorCode.VALIDATION_FAILED).rejected();
        assertThat(r.error().details()).singleElement().satisfies(v -> {
            assertThat(v.path()).isEqualTo("$.data.potjesverdeling[2].pot");
            assertThat(v.problem()).contains("sparen").contains("$.data.potjesverdeling[0]");
        });
        var pct = h.dispatch("finance.allocate_funds", "{\"percentages\":[{\"pot\":\"sparen\",\"percentage\":50},"
                + "{\"pot\":\"sparen\",\"percentage\":50}]}").assertRejected(ErrorCode.VALIDATION_FAILED).rejected();
        assertThat(pct.error().details()).extracting(Violation::path).containsExactly("$.data.percentages[1].pot");
        assertThat(h.snapshot()).isEqualTo(before);
    }

    @Test
    @DisplayName("a pot name in a pair gets the same name checks as a key of the map")
    void pairNamesChecked() {
        withIncome("100.00");
        var r = h.dispatch("finance.allocate_funds", "{\"potjesverdeling\":[{\"pot\":\"sparen\",\"amount\":\"1\"},"
                + "{\"pot\":\"spa\\u200bren\",\"amount\":\"1\"}]}").assertRejected(ErrorCode.VALIDATION_FAILED).rejected();
        assertThat(r.error().details()).anySatisfy(v -> {
            assertThat(v.path()).isEqualTo("$.data.potjesverdeling[1].pot");
            assertThat(v.problem()).contains("U+200B");
        });
    }

    @Test
    @DisplayName("an unknown pot in pairs or in split is refused with the list of known pots")
    void unknownPotListsPots() {
        withIncome("100.00");
        var r = h.dispatch("finance.allocate_funds", "{\"potjesverdeling\":[{\"pot\":\"vakantie\",\"amount\":\"10\"}]}")
                .assertRejected(ErrorCode.VALIDATION_FAILED).rejected();
        assertThat(r.error().details()).anySatisfy(v -> {
            assertThat(v.path()).contains("vakantie");
            assertThat(v.problem()).contains("vaste_lasten", "boodschappen", "sparen", "vrij_besteedbaar");
        });
        var pct = h.dispatch("finance.allocate_funds", "{\"percentages\":[{\"pot\":\"vakantie\",\"percentage\":100}]}")
                .assertRejected(ErrorCode.VALIDATION_FAILED).rejected();
        assertThat(pct.error().details()).anySatisfy(v -> assertThat(v.problem())
                .contains("vaste_lasten", "boodschappen", "sparen", "vrij_besteedbaar"));
    }

    @Test
    @DisplayName("the finance check is completed through question.answer alone, the allocation as pairs")
    void financeCheckWithPairs() throws Exception {
        h = AvalonHarness.on(new InMemoryBrainStore(), MutableClock.at("2026-11-23T09:00:00+01:00"),
                b -> b.port(SheetRenderer.class, new JsonSheetRenderer()));
        String incomeQ = h.dispatch("finance.check_start").assertOk().askId(0);
        // what a strict model sends: every property present, null where it has nothing
        String allocationQ = h.dispatch("question.answer", "{\"id\":\"" + incomeQ + "\",\"answer\":\"JA\",\"data\":"
                + "{\"incomes\":[{\"amount\":\"100.00\",\"source\":\"verkoop\",\"date\":null,\"note\":null}]}}")
                .assertOk().askId(0);
        String dup = "{\"id\":\"" + allocationQ + "\",\"answer\":\"ANDERS\",\"data\":{\"potjesverdeling\":["
                + "{\"pot\":\"sparen\",\"amount\":\"10\"},{\"pot\":\"sparen\",\"amount\":\"20\"}]}}";
        assertThat(h.dispatch("question.answer", dup).assertRejected(ErrorCode.VALIDATION_FAILED).rejected().error()
                .details()).extracting(Violation::path).containsExactly("$.data.data.potjesverdeling[1].pot");
        var done = h.dispatch("question.answer", "{\"id\":\"" + allocationQ + "\",\"answer\":\"ANDERS\",\"data\":"
                + "{\"potjesverdeling\":[{\"pot\":\"sparen\",\"amount\":\"70.00\"},{\"pot\":\"boodschappen\","
                + "\"amount\":\"20\"}]}}").assertOk();
        assertThat(done.data().path("unassigned").asText()).isEqualTo("10.00");
        assertThat(balances().path("sparen").asText()).isEqualTo("70.00");
        String consent = done.askId(0);
        var committed = h.dispatch("question.answer", "{\"id\":\"" + consent + "\",\"answer\":\"JA\",\"data\":null}")
                .assertOk();
        assertThat(committed.data().path("financeCheck").path("status").asText()).isEqualTo("DONE");
    }

    @Test
    @DisplayName("question.answer data of no kind's shape is refused by the schema")
    void answerDataIsTyped() {
        h = AvalonHarness.on(new InMemoryBrainStore(), MutableClock.at("2026-11-23T09:00:00+01:00"),
                b -> b.port(SheetRenderer.class, new JsonSheetRenderer()));
        String q = h.dispatch("finance.check_start").assertOk().askId(0);
        var r = h.dispatch("question.answer", "{\"id\":\"" + q + "\",\"answer\":\"JA\",\"data\":{\"salaris\":\"100\"}}")
                .assertRejected(ErrorCode.VALIDATION_FAILED).rejected();
        assertThat(r.error().details()).extracting(Violation::path).anySatisfy(p -> assertThat(p)
                .startsWith("$.data.data"));
    }
}
