package dev.avalon.testkit.finance;

import com.fasterxml.jackson.databind.JsonNode;
import dev.avalon.core.action.ActionContext;
import dev.avalon.core.action.ActionRequest;
import dev.avalon.core.action.Caller;
import dev.avalon.core.base.ErrorCode;
import dev.avalon.core.action.Outcome;
import dev.avalon.core.action.RequestMeta;
import dev.avalon.core.base.Violation;
import dev.avalon.core.brain.Brain;
import dev.avalon.core.finance.FinanceFeature;
import dev.avalon.core.json.Json;
import dev.avalon.core.port.AlertLevel;
import dev.avalon.core.port.BrainPath;
import dev.avalon.core.port.FinanceSheet;
import dev.avalon.core.port.Ports;
import dev.avalon.core.port.SheetRenderer;
import dev.avalon.core.question.QuestionKind;
import dev.avalon.core.schedule.JobRun;
import dev.avalon.core.schedule.Schedule;
import dev.avalon.core.schedule.ScheduledJob;
import dev.avalon.testkit.MutableClock;
import dev.avalon.testkit.SequentialIds;
import dev.avalon.testkit.brain.InMemoryBrainStore;
import dev.avalon.testkit.harness.AvalonHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalTime;
import java.util.function.UnaryOperator;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("The Monday finance check: incomes, allocation, sheet, audit and commit on JA")
class FinanceCheckTest {

    private static final BrainPath LEDGER = BrainPath.of("finance/ledger.json");
    private static final BrainPath SHEET = BrainPath.of("finance/2026-W48.json");
    private static final BrainPath STATE = BrainPath.of("state/workflows/finance-check.json");

    private AvalonHarness h;

    @AfterEach
    void close() {
        if (h != null) {
            h.close();
        }
    }

    private AvalonHarness harness(SheetRenderer renderer) {
        h = AvalonHarness.on(new InMemoryBrainStore(), MutableClock.at("2026-11-23T09:00:00+01:00"),
                b -> b.port(SheetRenderer.class, renderer));
        return h;
    }

    static String answer(String id, String answer, String data) {
        return "{\"id\":\"" + id + "\",\"answer\":\"" + answer + "\"" + (data == null ? "" : ",\"data\":" + data) + "}";
    }

    JsonNode state() throws Exception {
        return Json.parse(h.store().read(STATE).orElseThrow());
    }

    @Test
    @DisplayName("start → incomes → default split → JA commits ledger, sheet and audit; the check is done")
    void fullCheck() throws Exception {
        harness(new JsonSheetRenderer());
        var start = h.dispatch("finance.check_start").assertOk();
        JsonNode income = start.ask(0);
        assertThat(income.path("kind").asText()).isEqualTo("FINANCE_INCOME");
        assertThat(income.path("prompt").asText()).isEqualTo("Zijn er inkomende betalingen deze week?");
        assertThat(state().path("status").asText()).isEqualTo("AWAITING_INCOME");

        var again = h.dispatch("finance.check_start").assertOk();
        assertThat(again.data().path("resumed").asBoolean()).as("resumed, not asked twice").isTrue();
        assertThat(again.data().path("questionId").asText()).isEqualTo(income.path("id").asText());
        assertThat(again.json().path("ask")).isEmpty();

        var allocation = h.dispatch("question.answer", answer(income.path("id").asText(), "JA",
                "{\"incomes\":[{\"amount\":\"1250.00\",\"source\":\"salaris\"},"
                        + "{\"amount\":\"80.00\",\"source\":\"zorgtoeslag\",\"date\":\"2026-11-24\",\"note\":\"nov\"}]}"))
                .assertOk();
        JsonNode ask = allocation.ask(0);
        assertThat(ask.path("kind").asText()).isEqualTo("FINANCE_ALLOCATION");
        assertThat(ask.path("options")).extracting(JsonNode::asText).containsExactly("JA", "ANDERS", "NEE");
        JsonNode proposal = ask.path("data").path("proposal");
        assertThat(proposal.path("vaste_lasten").asText()).isEqualTo("665.00");
        assertThat(proposal.path("boodschappen").asText()).isEqualTo("266.00");
        assertThat(proposal.path("sparen").asText()).isEqualTo("266.00");
        assertThat(proposal.path("vrij_besteedbaar").asText()).isEqualTo("133.00");
        assertThat(state().path("status").asText()).isEqualTo("AWAITING_ALLOCATION");

        var consent = h.dispatch("question.answer", answer(ask.path("id").asText(), "JA", null)).assertOk();
        assertThat(consent.data().path("sheet").asText()).isEqualTo(SHEET.value());
        assertThat(consent.data().path("unassigned").asText()).isEqualTo("0.00");
        JsonNode consentQ = consent.ask(0);
        assertThat(consentQ.path("kind").asText()).isEqualTo("COMMIT_CONSENT");
        assertThat(consentQ.path("data").path("files").findValuesAsText("path"))
                .containsExactly(LEDGER.value(), SHEET.value());
        FinanceSheet sheet = new JsonSheetRenderer().readFinance(h.store().read(SHEET).orElseThrow());
        assertThat(sheet.movements()).hasSize(6);
        assertThat(sheet.unassigned()).isEqualByComparingTo(BigDecimal.ZERO);

        var committed = h.dispatch("question.answer", answer(consentQ.path("id").asText(), "JA", null)).assertOk();
        String sha = committed.data().path("commitSha").asText();
        assertThat(committed.data().path("financeCheck").path("status").asText()).isEqualTo("DONE");
        assertThat(h.store().contentHashes(sha).keySet()).contains(LEDGER, SHEET, BrainPath.of("audit/2026.jsonl"));
        String audit = new String(h.store().readAt(sha, BrainPath.of("audit/2026.jsonl")).orElseThrow(),
                java.nio.charset.StandardCharsets.UTF_8);
        assertThat(audit).contains("finance.check_started", "finance.income_registered", "finance.funds_allocated",
                "finance.sheet_written");
        assertThat(state().path("status").asText()).isEqualTo("DONE");
        assertThat(state().path("commitSha").asText()).isEqualTo(sha);
        assertThat(h.dispatch("system.validate").assertOk().data().path("valid").asBoolean()).isTrue();
    }

    @Test
    @DisplayName("an own potjesverdeling (ANDERS) is allocated exactly as given")
    void ownAllocation() throws Exception {
        harness(new JsonSheetRenderer());
        String q = h.dispatch("finance.check_start").assertOk().askId(0);
        String a = h.dispatch("question.answer", answer(q, "JA",
                "{\"incomes\":[{\"amount\":\"100\",\"source\":\"verkoop\"}]}")).assertOk().askId(0);
        var done = h.dispatch("question.answer", answer(a, "ANDERS",
                "{\"potjesverdeling\":{\"sparen\":\"70.00\",\"boodschappen\":\"20\"}}")).assertOk();
        assertThat(done.data().path("unassigned").asText()).isEqualTo("10.00");
        assertThat(Json.parse(h.store().read(LEDGER).orElseThrow()).path("balances").path("sparen").asText())
                .isEqualTo("70.00");
    }

    @Test
    @DisplayName("bad answers are refused naming the field inside data, and change nothing")
    void badAnswers() {
        harness(new JsonSheetRenderer());
        String q = h.dispatch("finance.check_start").assertOk().askId(0);
        var before = h.snapshot();
        assertPath(h.dispatch("question.answer", answer(q, "JA", null)), "$.data.data.incomes");
        assertPath(h.dispatch("question.answer", answer(q, "JA",
                "{\"incomes\":[{\"amount\":\"-5\",\"source\":\"x\"},{\"amount\":\"1.234\",\"source\":\"y\"}]}")),
                "$.data.data.incomes[0].amount", "$.data.data.incomes[1].amount");
        assertPath(h.dispatch("question.answer", answer(q, "JA",
                "{\"incomes\":[{\"amount\":\"100000.01\",\"source\":\"loterij\",\"bank\":\"x\"}]}")),
                "$.data.data.incomes[0].amount", "$.data.data.incomes[0].bank");
        assertPath(h.dispatch("question.answer", answer(q, "NEE",
                "{\"incomes\":[{\"amount\":\"5\",\"source\":\"x\"}]}")), "$.data.data.incomes");
        assertThat(h.snapshot()).isEqualTo(before);

        String a = h.dispatch("question.answer", answer(q, "JA", "{\"incomes\":[{\"amount\":\"50\",\"source\":\"x\"}]}"))
                .assertOk().askId(0);
        var beforeAllocation = h.snapshot();
        assertPath(h.dispatch("question.answer", answer(a, "ANDERS", "{\"potjesverdeling\":{\"vakantie\":\"5\"}}")),
                "$.data.data.potjesverdeling.vakantie");
        assertPath(h.dispatch("question.answer", answer(a, "ANDERS", "{\"potjesverdeling\":{\"sparen\":\"50.01\"}}")),
                "$.data.data.potjesverdeling");
        assertPath(h.dispatch("question.answer", answer(a, "ANDERS", null)), "$.data.data.potjesverdeling");
        assertThat(h.snapshot()).isEqualTo(beforeAllocation);
    }

    private static void assertPath(AvalonHarness.Response r, String... paths) {
        assertThat(r.assertRejected(ErrorCode.VALIDATION_FAILED).rejected().error().details())
                .extracting(Violation::path).contains(paths);
    }

    @Test
    @DisplayName("with no income and no sheet renderer, NEE still creates the ledger and asks to commit it")
    void nothingCameIn() throws Exception {
        h = AvalonHarness.on(new InMemoryBrainStore(), MutableClock.at("2026-11-23T09:00:00+01:00"), b -> { });
        String q = h.dispatch("finance.check_start").assertOk().askId(0);
        var r = h.dispatch("question.answer", answer(q, "NEE", null)).assertOk();
        assertThat(r.ask(0).path("kind").asText()).isEqualTo("COMMIT_CONSENT");
        assertThat(r.ask(0).path("data").path("files").findValuesAsText("path")).containsExactly(LEDGER.value());
        assertThat(r.data().path("sheet").isNull()).isTrue();
        assertThat(h.alerts().at(AlertLevel.IMPORTANT)).extracting(a -> a.code()).contains("FINANCE_SHEET_SKIPPED");
        assertThat(state().path("status").asText()).isEqualTo("AWAITING_COMMIT");
    }

    @Test
    @DisplayName("a sheet that reads back different from the ledger freezes the brain (DR) with a CRITICAL alert")
    void mismatchIsDisaster() throws Exception {
        UnaryOperator<FinanceSheet> tamper = s -> new FinanceSheet(s.week(), s.currency(), s.movements(), s.balances(),
                s.unassigned().add(new BigDecimal("0.01")));
        harness(new JsonSheetRenderer(tamper));
        String q = h.dispatch("finance.check_start").assertOk().askId(0);
        String a = h.dispatch("question.answer", answer(q, "JA", "{\"incomes\":[{\"amount\":\"10\",\"source\":\"x\"}]}"))
                .assertOk().askId(0);
        var r = h.dispatch("question.answer", answer(a, "JA", null)).assertOk();
        assertThat(r.data().path("status").asText()).isEqualTo("FAILED");
        assertThat(r.data().path("problems").toString()).contains("unassigned");
        assertThat(h.alerts().at(AlertLevel.CRITICAL)).extracting(x -> x.code()).contains("FINANCE_SHEET_MISMATCH");
        assertThat(h.dispatch("governance.status").assertOk().data().path("state").asText()).isEqualTo("STATE_DR");
        assertThat(h.store().read(SHEET)).as("no sheet written").isEmpty();
        assertThat(r.json().path("ask")).as("no consent asked").isEmpty();
    }

    @Test
    @DisplayName("the finance-check job runs at behaviour.avl financeCheck (Monday 09:00) and asks the income question")
    void scheduledJob() {
        h = AvalonHarness.inMemory();
        ScheduledJob job = new FinanceFeature().jobs().get(0);
        JsonNode behaviour = h.avalon().brain().behaviour().behaviour().orElseThrow().document();
        assertThat(job.name()).isEqualTo("finance-check");
        assertThat(job.timing().schedule(behaviour)).isEqualTo(new Schedule.Weekly(DayOfWeek.MONDAY, LocalTime.of(9, 0)));
        var moved = (com.fasterxml.jackson.databind.node.ObjectNode) behaviour.deepCopy();
        ((com.fasterxml.jackson.databind.node.ObjectNode) moved.path("financeCheck")).put("time", "10:30");
        assertThat(job.timing().schedule(moved)).isEqualTo(new Schedule.Weekly(DayOfWeek.MONDAY, LocalTime.of(10, 30)));

        Brain brain = h.avalon().brain();
        ActionContext ctx = new ActionContext(new ActionRequest("system.job", Json.object(), RequestMeta.EMPTY),
                Caller.owner(), "T-job", h.clock().instant(), h.clock(), h.clock().getZone(), brain,
                new SequentialIds(), Ports.none(), Duration.ofDays(7));
        Outcome outcome = job.body().run(ctx, new JobRun("finance-check", h.clock().instant(), false));
        assertThat(outcome.ask()).singleElement().satisfies(q -> assertThat(q.kind()).isEqualTo(FinanceFeature.INCOME_QUESTION));
        assertThat(outcome.writes()).extracting(w -> w.path()).contains(STATE);
    }
}
