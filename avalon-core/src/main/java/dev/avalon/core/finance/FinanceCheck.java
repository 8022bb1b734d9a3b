package dev.avalon.core.finance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.avalon.core.action.ActionContext;
import dev.avalon.core.base.ErrorCode;
import dev.avalon.core.action.Outcome;
import dev.avalon.core.base.Refusal;
import dev.avalon.core.base.Violation;
import dev.avalon.core.audit.AuditRecord;
import dev.avalon.core.governance.CommitConsent;
import dev.avalon.core.governance.GovernanceState;
import dev.avalon.core.json.CanonicalJson;
import dev.avalon.core.json.Json;
import dev.avalon.core.port.Alert;
import dev.avalon.core.port.AlertLevel;
import dev.avalon.core.port.BrainPath;
import dev.avalon.core.port.CommitInfo;
import dev.avalon.core.port.FinanceSheet;
import dev.avalon.core.port.SheetRenderer;
import dev.avalon.core.question.Question;
import dev.avalon.core.question.QuestionKind;
import dev.avalon.core.question.QuestionStatus;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The weekly finance check (seed 04 §2.2): ask for the week's incomes, register them, ask how to
 * allocate with a proposal from {@code finance.defaultSplit}, allocate, write the finance sheet and
 * check it by reading it back, audit, and ask consent to commit ledger and sheet. Each step is a
 * question; where the check stands is kept in {@link FinanceCheckState#PATH}, so it resumes after a
 * restart and is never asked twice for the same week.
 */
final class FinanceCheck {

    static final String INCOME_PROMPT = "Zijn er inkomende betalingen deze week?";
    private static final Set<String> INCOME_FIELDS = Set.of("amount", "source", "date", "note");

    Outcome start(ActionContext ctx, boolean byHand) {
        FinanceBook book = FinanceBook.load(ctx);
        IsoWeek week = IsoWeek.of(FinanceBook.today(ctx));
        Optional<FinanceCheckState> current = state(ctx);
        Outcome.Builder out = Outcome.builder();
        if (current.isPresent() && current.get().week().equals(week)) {
            FinanceCheckState s = current.get();
            Optional<Question> waiting = waitingQuestion(ctx, s);
            if (s.status().waiting() && waiting.isPresent()) {
                return Outcome.of(result(s.week(), s.status(), waiting.get().id()).put("resumed", true));
            }
            if (s.status() == FinanceCheckState.Status.DONE && !byHand) {
                return Outcome.of(result(s.week(), s.status(), null).put("resumed", false));
            }
        }
        current.flatMap(s -> waitingQuestion(ctx, s)).ifPresent(q -> out.close(
                q.closed(QuestionStatus.SUPERSEDED, null, ctx.now())));
        ObjectNode data = Json.object();
        data.put("workflow", FinanceCheckState.WORKFLOW);
        data.put("week", week.toString());
        data.put("currency", book.ledger().currency());
        data.put("answer", "JA with data {\"incomes\":[{\"amount\":\"1250.00\",\"source\":\"salaris\","
                + "\"date\":\"yyyy-mm-dd\",\"note\":\"…\"}]}, or NEE when nothing came in");
        Question q = Question.ask(ctx.ids().next("Q"), FinanceFeature.INCOME_QUESTION, INCOME_PROMPT, data,
                Question.JA_NEE, ctx.now(), ctx.now().plus(ctx.questionTtl()));
        FinanceCheckState s = new FinanceCheckState(week, FinanceCheckState.Status.AWAITING_INCOME, q.id(), null, null,
                ctx.now(), ctx.now());
        ObjectNode audit = Json.object();
        audit.put("week", week.toString());
        audit.put("questionId", q.id());
        audit.put("byHand", byHand);
        return out.ask(q).writeJson(FinanceCheckState.PATH, s.toJson())
                .audit(new AuditRecord("finance.check_started", ctx.actor(), ctx.traceId(), audit))
                .result(result(week, s.status(), q.id()).put("resumed", false)).build();
    }

    /** FINANCE_INCOME: JA with {@code data.incomes}, or NEE. */
    Outcome resolveIncome(ActionContext ctx, Question q, String answer) {
        FinanceBook book = FinanceBook.load(ctx);
        IsoWeek week = weekOf(q);
        JsonNode incomes = ctx.data().path("data").path("incomes");
        Ledger ledger = book.ledger();
        if ("JA".equals(answer)) {
            if (!incomes.isArray() || incomes.isEmpty()) {
                throw new Refusal(ErrorCode.VALIDATION_FAILED, "JA needs the incomes",
                        new Violation("$.data.data.incomes", "list at least one {amount, source, date?, note?}; "
                                + "answer NEE when nothing came in"));
            }
            ledger = register(ctx, book, incomes);
        } else if (!incomes.isMissingNode() && !(incomes.isArray() && incomes.isEmpty())) {
            throw new Refusal(ErrorCode.VALIDATION_FAILED, "NEE means no incomes",
                    new Violation("$.data.data.incomes", "must be left out when the answer is NEE"));
        }
        Outcome.Builder out = Outcome.builder().close(q.closed(QuestionStatus.ANSWERED, answer, ctx.now()));
        FinanceBook after = book.with(ledger);
        List<LedgerEntry> added = ledger.entries().subList(book.ledger().entries().size(), ledger.entries().size());
        if (!added.isEmpty()) {
            out.merge(FinanceActions.write(ctx, after, "finance.income_registered", added, Json.object()));
        }
        FinanceCheckState s = stateFor(ctx, week, q);
        if (ledger.unassigned().isPositive()) {
            return askAllocation(ctx, after, s, out);
        }
        return finish(ctx, after, s, !added.isEmpty(), out);
    }

    /** FINANCE_ALLOCATION: JA (the proposal), ANDERS with {@code data.potjesverdeling}, or NEE (leave it). */
    Outcome resolveAllocation(ActionContext ctx, Question q, String answer) {
        FinanceBook book = FinanceBook.load(ctx);
        IsoWeek week = weekOf(q);
        Map<String, Money> shares = new LinkedHashMap<>();
        String prefix = "$.data.data";
        if ("JA".equals(answer)) {
            prefix = "$.data.answer";
            Iterator<Map.Entry<String, JsonNode>> it = q.data().path("proposal").fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> e = it.next();
                shares.put(e.getKey(), Money.parse(e.getValue().textValue(), book.ledger().currency(), e.getKey()));
            }
        } else if ("ANDERS".equals(answer)) {
            JsonNode given = ctx.data().path("data").path("potjesverdeling");
            if (!(given.isObject() || given.isArray()) || given.isEmpty()) {
                throw new Refusal(ErrorCode.VALIDATION_FAILED, "ANDERS needs your potjesverdeling",
                        new Violation("$.data.data.potjesverdeling", "give [{pot, amount}] for at least one of the pots "
                                + book.rules().pots()));
            }
            shares = FinanceActions.shares(FinanceActions.AMOUNTS.read(given, "$.data.data.potjesverdeling"), book,
                    "potjesverdeling", prefix);
        }
        Ledger ledger = book.ledger();
        if (!shares.isEmpty()) {
            try {
                ledger = ledger.allocate(book.rules(), shares, FinanceBook.today(ctx), ctx.now());
            } catch (FinanceException e) {
                throw FinanceBook.refusal(e, prefix);
            }
        }
        Outcome.Builder out = Outcome.builder().close(q.closed(QuestionStatus.ANSWERED, answer, ctx.now()));
        FinanceBook after = book.with(ledger);
        List<LedgerEntry> added = ledger.entries().subList(book.ledger().entries().size(), ledger.entries().size());
        if (!added.isEmpty()) {
            out.merge(FinanceActions.write(ctx, after, "finance.funds_allocated", added, Json.object()));
        }
        return finish(ctx, after, stateFor(ctx, week, q), !added.isEmpty(), out);
    }

    /** After a verified commit: a consent of this workflow closes the week's check. */
    Optional<Outcome> afterCommit(ActionContext ctx, Question consent, CommitInfo commit) {
        JsonNode context = consent.data().path("context");
        if (!FinanceCheckState.WORKFLOW.equals(context.path("workflow").asText())) {
            return Optional.empty();
        }
        Optional<IsoWeek> week = IsoWeek.parse(context.path("week").asText());
        Optional<FinanceCheckState> current = state(ctx).filter(s -> week.isPresent() && s.week().equals(week.get()));
        if (current.isEmpty()) {
            return Optional.empty();
        }
        FinanceCheckState done = current.get().done(commit.sha(), ctx.now());
        ObjectNode audit = Json.object();
        audit.put("week", done.week().toString());
        audit.put("commitSha", commit.sha());
        ObjectNode check = Json.object();
        check.put("week", done.week().toString());
        check.put("status", done.status().name());
        ObjectNode result = Json.object();
        result.set("financeCheck", check);
        return Optional.of(Outcome.builder(result).writeJson(FinanceCheckState.PATH, done.toJson())
                .audit(new AuditRecord("finance.check_completed", ctx.actor(), ctx.traceId(), audit)).build());
    }

    // ------------------------------------------------------------------ steps

    private Ledger register(ActionContext ctx, FinanceBook book, JsonNode incomes) {
        List<FinanceProblem> problems = new ArrayList<>();
        Ledger ledger = book.ledger();
        for (int i = 0; i < incomes.size(); i++) {
            String at = "data.incomes[" + i + "]";
            JsonNode income = incomes.get(i);
            if (!income.isObject()) {
                problems.add(new FinanceProblem(at, "must be an object {amount, source, date?, note?}"));
                continue;
            }
            income.fieldNames().forEachRemaining(f -> {
                if (!INCOME_FIELDS.contains(f)) {
                    problems.add(new FinanceProblem(at + "." + f, "is not a field of an income"));
                }
            });
            int before = problems.size();
            Money amount = Money.zero(book.ledger().currency());
            if (!income.path("amount").isTextual()) {
                problems.add(new FinanceProblem(at + ".amount", "is required, as a decimal string like \"1250.00\""));
            } else {
                amount = FinanceActions.amount(income.get("amount").textValue(), book, at + ".amount", problems);
            }
            if (!income.path("source").isTextual()) {
                problems.add(new FinanceProblem(at + ".source", "is required: who paid"));
            }
            LocalDate date = FinanceBook.today(ctx);
            if (income.has("date")) {
                try {
                    date = LocalDate.parse(income.path("date").asText());
                } catch (DateTimeParseException e) {
                    problems.add(new FinanceProblem(at + ".date", "is not a date like 2026-11-23"));
                }
            }
            if (problems.size() > before) {
                continue;
            }
            try {
                ledger = ledger.registerIncome(book.rules(), date, income.get("source").textValue(), amount,
                        income.path("note").asText(""), ctx.now());
            } catch (FinanceException e) {
                e.problems().forEach(p -> problems.add(new FinanceProblem(at + "." + p.field(), p.problem())));
            }
        }
        if (!problems.isEmpty()) {
            throw FinanceBook.refusal(problems, "$.data");
        }
        return ledger;
    }

    private Outcome askAllocation(ActionContext ctx, FinanceBook book, FinanceCheckState s, Outcome.Builder out) {
        Ledger ledger = book.ledger();
        Map<String, Money> proposal = proposal(book);
        ObjectNode data = Json.object();
        data.put("workflow", FinanceCheckState.WORKFLOW);
        data.put("week", s.week().toString());
        data.put("currency", ledger.currency());
        data.put("unassigned", ledger.unassigned().wire());
        ObjectNode p = data.putObject("proposal");
        proposal.forEach((pot, m) -> p.put(pot, m.wire()));
        ObjectNode split = data.putObject("defaultSplit");
        book.rules().defaultSplit().forEach(split::put);
        data.set("pots", Json.valueToTree(book.rules().pots()));
        StringBuilder prompt = new StringBuilder("Hoe wil je " + ledger.unassigned().wire() + " "
                + ledger.currency() + " over de potjes verdelen?");
        List<String> options;
        if (proposal.isEmpty()) {
            prompt.append(" Geef je potjesverdeling (ANDERS) of laat het staan (NEE).");
            options = List.of("ANDERS", "NEE");
        } else {
            prompt.append(" Voorstel: ");
            prompt.append(String.join(", ", proposal.entrySet().stream()
                    .map(e -> e.getKey() + " " + e.getValue().wire()).toList()));
            prompt.append(". JA = voorstel, ANDERS = eigen potjesverdeling, NEE = later verdelen.");
            options = List.of("JA", "ANDERS", "NEE");
        }
        Question q = Question.ask(ctx.ids().next("Q"), FinanceFeature.ALLOCATION_QUESTION, prompt.toString(), data,
                options, ctx.now(), ctx.now().plus(ctx.questionTtl()));
        FinanceCheckState next = s.next(FinanceCheckState.Status.AWAITING_ALLOCATION, q.id(), ctx.now());
        ObjectNode result = result(s.week(), next.status(), null);
        result.put("nextQuestionId", q.id());
        result.put("unassigned", ledger.unassigned().wire());
        return out.ask(q).writeJson(FinanceCheckState.PATH, next.toJson()).result(result).build();
    }

    /** The default split over the unassigned money, when it names pots and adds up to 100. */
    static Map<String, Money> proposal(FinanceBook book) {
        Map<String, java.math.BigDecimal> split = new LinkedHashMap<>();
        book.rules().defaultSplit().forEach((pot, pct) -> {
            if (book.rules().knows(pot)) {
                split.put(pot, pct);
            }
        });
        try {
            return Split.byPercentages(book.ledger().unassigned(), split);
        } catch (FinanceException e) {
            return Map.of();
        }
    }

    private Outcome finish(ActionContext ctx, FinanceBook book, FinanceCheckState s, boolean ledgerChanged,
                           Outcome.Builder out) {
        Map<BrainPath, byte[]> contents = new LinkedHashMap<>();
        byte[] ledgerBytes = book.ledgerBytes();
        boolean ledgerMissing = ctx.brain().read(FinanceBook.LEDGER).isEmpty();
        if (ledgerChanged || ledgerMissing) {
            out.write(FinanceBook.LEDGER, ledgerBytes);
        }
        if (ledgerChanged || ledgerMissing || ctx.brain().store().uncommitted().contains(FinanceBook.LEDGER)) {
            contents.put(FinanceBook.LEDGER, ledgerBytes);
        }
        ObjectNode result = result(s.week(), s.status(), null);
        result.put("unassigned", book.ledger().unassigned().wire());
        result.set("balances", book.balancesJson());
        FinanceCheckState next = s;
        Optional<SheetRenderer> renderer = ctx.port(SheetRenderer.class);
        if (renderer.isPresent()) {
            WeeklySheet written = WeeklySheet.render(book, s.week(), renderer.get());
            if (!written.readsBack()) {
                return failed(ctx, s, written.mismatches(), out, result);
            }
            FinanceSheet sheet = written.sheet();
            byte[] bytes = written.bytes();
            BrainPath path = written.path();
            out.write(path, bytes);
            contents.put(path, bytes);
            next = next.withSheet(path.value());
            ObjectNode audit = Json.object();
            audit.put("week", s.week().toString());
            audit.put("path", path.value());
            audit.put("sha256", CanonicalJson.sha256Hex(bytes));
            audit.put("movements", sheet.movements().size());
            audit.put("unassigned", sheet.unassigned().toPlainString());
            out.audit(new AuditRecord("finance.sheet_written", ctx.actor(), ctx.traceId(), audit));
            result.put("sheet", path.value());
        } else {
            out.alert(new Alert(AlertLevel.IMPORTANT, "FINANCE_SHEET_SKIPPED", "No sheet renderer is wired, so the "
                    + "finance sheet of " + s.week() + " was not written.", ctx.now(), Map.of("week", s.week().toString())));
            result.putNull("sheet");
        }
        for (Question open : ctx.brain().questions().open(ctx.now())) {
            if (open.kind() == QuestionKind.COMMIT_CONSENT && FinanceCheckState.WORKFLOW.equals(
                    open.data().path("context").path("workflow").asText())) {
                out.close(open.closed(QuestionStatus.SUPERSEDED, null, ctx.now()));
            }
        }
        if (contents.isEmpty()) {
            next = next.done(null, ctx.now());
            result.put("status", next.status().name());
            return out.writeJson(FinanceCheckState.PATH, next.toJson()).result(result).build();
        }
        ObjectNode context = Json.object();
        context.put("workflow", FinanceCheckState.WORKFLOW);
        context.put("week", s.week().toString());
        Question consent = ctx.askConsent(contents, "finance check " + s.week(), context);
        next = next.next(FinanceCheckState.Status.AWAITING_COMMIT, consent.id(), ctx.now());
        result.put("status", next.status().name());
        result.put("nextQuestionId", consent.id());
        return out.ask(consent).writeJson(FinanceCheckState.PATH, next.toJson()).result(result).build();
    }

    /** The sheet does not agree with the ledger: freeze (DR) with a CRITICAL alert; the ledger stays. */
    private Outcome failed(ActionContext ctx, FinanceCheckState s, List<String> mismatches, Outcome.Builder out,
                           ObjectNode result) {
        String message = "The finance sheet of " + s.week() + " does not agree with the ledger: " + mismatches.get(0);
        ObjectNode audit = Json.object();
        audit.put("code", "FINANCE_SHEET_MISMATCH");
        audit.put("week", s.week().toString());
        audit.set("problems", Json.valueToTree(mismatches));
        out.alert(new Alert(AlertLevel.CRITICAL, "FINANCE_SHEET_MISMATCH", message, ctx.now(),
                Map.of("week", s.week().toString(), "problems", String.valueOf(mismatches.size()))))
                .audit(new AuditRecord("dr.triggered", ctx.actor(), ctx.traceId(), audit));
        if (ctx.brain().governance(ctx.now()).state() != GovernanceState.STATE_DR) {
            out.state(GovernanceState.STATE_DR, "FINANCE_SHEET_MISMATCH: " + mismatches.get(0));
        }
        FinanceCheckState next = s.next(FinanceCheckState.Status.FAILED, null, ctx.now());
        result.put("status", next.status().name());
        result.set("problems", Json.valueToTree(mismatches));
        return out.writeJson(FinanceCheckState.PATH, next.toJson()).result(result).build();
    }

    // ------------------------------------------------------------------ helpers

    private static Optional<FinanceCheckState> state(ActionContext ctx) {
        return ctx.brain().readJson(FinanceCheckState.PATH).map(FinanceCheckState::fromJson);
    }

    private static FinanceCheckState stateFor(ActionContext ctx, IsoWeek week, Question q) {
        return state(ctx).filter(s -> s.week().equals(week)).orElse(new FinanceCheckState(week,
                FinanceCheckState.Status.AWAITING_INCOME, q.id(), null, null, q.askedAt(), ctx.now()));
    }

    /** The open question the check waits for: its own, or any finance-check consent (consents get superseded). */
    private static Optional<Question> waitingQuestion(ActionContext ctx, FinanceCheckState s) {
        List<Question> open = ctx.brain().questions().open(ctx.now());
        if (s.status() == FinanceCheckState.Status.AWAITING_COMMIT) {
            return open.stream().filter(q -> q.kind() == QuestionKind.COMMIT_CONSENT
                    && FinanceCheckState.WORKFLOW.equals(q.data().path("context").path("workflow").asText())
                    && s.week().toString().equals(q.data().path("context").path("week").asText())).findFirst();
        }
        return open.stream().filter(q -> q.id().equals(s.questionId())).findFirst();
    }

    private static IsoWeek weekOf(Question q) {
        return IsoWeek.parse(q.data().path("week").asText()).orElseThrow(() -> new Refusal(ErrorCode.INTERNAL_ERROR,
                "question " + q.id() + " names no week", new Violation("$.data.id", "has no week")));
    }

    private static ObjectNode result(IsoWeek week, FinanceCheckState.Status status, String questionId) {
        ObjectNode r = Json.object();
        r.put("week", week.toString());
        r.put("status", status.name());
        if (questionId != null) {
            r.put("questionId", questionId);
        }
        return r;
    }
}
