package dev.avalon.core.finance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.avalon.core.action.ActionContext;
import dev.avalon.core.base.ErrorCode;
import dev.avalon.core.action.Outcome;
import dev.avalon.core.base.Refusal;
import dev.avalon.core.base.Violation;
import dev.avalon.core.audit.AuditRecord;
import dev.avalon.core.json.Json;
import dev.avalon.core.schema.PairsForm;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The handlers of the finance actions. Pure: each reads the ledger and answers with an outcome. */
final class FinanceActions {

    private FinanceActions() {
    }

    static Outcome registerIncome(ActionContext ctx) {
        FinanceBook book = FinanceBook.load(ctx);
        JsonNode d = ctx.data();
        List<FinanceProblem> problems = new ArrayList<>();
        Money amount = amount(d.path("amount").asText(), book, "amount", problems);
        if (!problems.isEmpty()) {
            // report the text fields as well, so one round trip fixes everything
            problems.addAll(textProblems(book, d, amount));
            throw FinanceBook.refusal(problems, "$.data");
        }
        Ledger next;
        try {
            next = book.ledger().registerIncome(book.rules(), LocalDate.parse(d.get("date").textValue()),
                    d.get("source").textValue(), amount, d.path("note").asText(""), ctx.now());
        } catch (FinanceException e) {
            throw FinanceBook.refusal(e, "$.data");
        }
        LedgerEntry entry = last(next);
        ObjectNode result = Json.object();
        result.put("entryId", entry.id());
        result.put("amount", entry.amount().wire());
        result.put("unassigned", next.unassigned().wire());
        result.put("currency", next.currency());
        return write(ctx, book.with(next), "finance.income_registered", List.of(entry), result);
    }

    /** {@code potjesverdeling} as pairs {@code {pot, amount}} or as a map. */
    static final PairsForm AMOUNTS = new PairsForm("pot", "amount");
    /** {@code percentages} as pairs {@code {pot, percentage}} or as a map. */
    static final PairsForm PERCENTAGES = new PairsForm("pot", "percentage");

    static Outcome allocateFunds(ActionContext ctx) {
        FinanceBook book = FinanceBook.load(ctx);
        JsonNode d = ctx.data();
        List<String> forms = new ArrayList<>();
        for (String form : List.of("potjesverdeling", "percentages", "split")) {
            if (d.has(form)) {
                forms.add(form);
            }
        }
        if (forms.size() != 1) {
            throw new Refusal(ErrorCode.VALIDATION_FAILED, "send one of potjesverdeling, percentages or split",
                    forms.isEmpty() ? List.of(new Violation("$.data.potjesverdeling", "is required (or percentages, "
                            + "or split DEFAULT)")) : forms.subList(1, forms.size()).stream().map(f -> new Violation(
                            "$.data." + f, "cannot be combined with " + forms.get(0))).toList());
        }
        boolean byAmount = forms.get(0).equals("potjesverdeling");
        if (byAmount && d.has("amount")) {
            throw new Refusal(ErrorCode.VALIDATION_FAILED, "amount belongs to the percentages form",
                    new Violation("$.data.amount", "only with percentages or split; potjesverdeling names each amount"));
        }
        Map<String, Money> shares;
        if (byAmount) {
            shares = shares(AMOUNTS.read(d.get("potjesverdeling"), "$.data.potjesverdeling"), book, "potjesverdeling",
                    "$.data");
        } else if (forms.get(0).equals("percentages")) {
            shares = percentageShares(d, PERCENTAGES.read(d.get("percentages"), "$.data.percentages"), book,
                    "percentages");
        } else {
            shares = percentageShares(d, defaultSplit(book), book, "split");
        }
        Ledger next;
        try {
            next = book.ledger().allocate(book.rules(), shares, FinanceBook.today(ctx), ctx.now());
        } catch (FinanceException e) {
            throw FinanceBook.refusal(e, "$.data");
        }
        FinanceBook after = book.with(next);
        List<LedgerEntry> added = next.entries().subList(book.ledger().entries().size(), next.entries().size());
        ObjectNode result = Json.object();
        ObjectNode allocations = result.putObject("allocations");
        shares.forEach((pot, m) -> allocations.put(pot, m.wire()));
        result.put("unassigned", next.unassigned().wire());
        result.set("balances", after.balancesJson());
        return write(ctx, after, "finance.funds_allocated", added, result);
    }

    static Outcome move(ActionContext ctx) {
        return transfer(ctx, false);
    }

    static Outcome cover(ActionContext ctx) {
        return transfer(ctx, true);
    }

    private static Outcome transfer(ActionContext ctx, boolean cover) {
        FinanceBook book = FinanceBook.load(ctx);
        JsonNode d = ctx.data();
        List<FinanceProblem> problems = new ArrayList<>();
        Money amount = amount(d.get("amount").textValue(), book, "amount", problems);
        if (!problems.isEmpty()) {
            throw FinanceBook.refusal(problems, "$.data");
        }
        String from = d.get("from").textValue();
        String to = d.get("to").textValue();
        Ledger next;
        try {
            next = cover ? book.ledger().cover(book.rules(), from, to, amount, FinanceBook.today(ctx), ctx.now())
                    : book.ledger().move(book.rules(), from, to, amount, FinanceBook.today(ctx), ctx.now());
        } catch (FinanceException e) {
            throw FinanceBook.refusal(e, "$.data");
        }
        FinanceBook after = book.with(next);
        LedgerEntry entry = last(next);
        ObjectNode result = Json.object();
        result.put("entryId", entry.id());
        result.set("balances", after.balancesJson());
        return write(ctx, after, cover ? "finance.pot_covered" : "finance.funds_moved", List.of(entry), result);
    }

    static Outcome spend(ActionContext ctx) {
        FinanceBook book = FinanceBook.load(ctx);
        JsonNode d = ctx.data();
        List<FinanceProblem> problems = new ArrayList<>();
        Money amount = amount(d.get("amount").textValue(), book, "amount", problems);
        if (!problems.isEmpty()) {
            throw FinanceBook.refusal(problems, "$.data");
        }
        String pot = d.get("pot").textValue();
        Ledger next;
        try {
            next = book.ledger().spend(book.rules(), pot, amount, LocalDate.parse(d.get("date").textValue()),
                    d.get("note").textValue(), ctx.now());
        } catch (FinanceException e) {
            throw FinanceBook.refusal(e, "$.data");
        }
        LedgerEntry entry = last(next);
        ObjectNode result = Json.object();
        result.put("entryId", entry.id());
        result.put("pot", pot);
        result.put("balance", next.balance(pot).wire());
        result.put("overspent", next.balance(pot).isNegative());
        return FinanceEvents.spent(write(ctx, book.with(next), "finance.spent", List.of(entry), result), next, pot, entry,
                ctx.now());
    }

    static Outcome overview(ActionContext ctx) {
        FinanceBook book = FinanceBook.load(ctx);
        IsoWeek week;
        if (ctx.data().hasNonNull("week")) {
            week = IsoWeek.parse(ctx.data().get("week").textValue()).orElseThrow(() -> new Refusal(
                    ErrorCode.VALIDATION_FAILED, "no such week", new Violation("$.data.week",
                    "is not a week of its year (e.g. 2026-W48)")));
        } else {
            week = IsoWeek.of(FinanceBook.today(ctx));
        }
        Ledger ledger = book.ledger();
        ObjectNode result = Json.object();
        result.put("currency", ledger.currency());
        result.put("week", week.toString());
        result.put("unassigned", ledger.unassigned().wire());
        result.set("balances", book.balancesJson());
        ObjectNode totals = result.putObject("totals");
        totals.put("income", ledger.totalIncome().wire());
        totals.put("spent", ledger.totalSpent().wire());
        ArrayNode movements = result.putArray("movements");
        Money weekIncome = Money.zero(ledger.currency());
        Money weekSpent = Money.zero(ledger.currency());
        for (LedgerEntry e : ledger.entries()) {
            if (week.contains(e.date())) {
                movements.add(e.toJson());
                if (e.kind() == EntryKind.INCOME) {
                    weekIncome = weekIncome.plus(e.amount());
                } else if (e.kind() == EntryKind.SPEND) {
                    weekSpent = weekSpent.plus(e.amount());
                }
            }
        }
        totals.put("weekIncome", weekIncome.wire());
        totals.put("weekSpent", weekSpent.wire());
        return Outcome.of(result);
    }

    // ------------------------------------------------------------------ shared

    /** Parses a wire amount, adding the problem instead of throwing; answers zero when refused. */
    static Money amount(String text, FinanceBook book, String field, List<FinanceProblem> problems) {
        try {
            return Money.parse(text, book.ledger().currency(), field);
        } catch (FinanceException e) {
            problems.addAll(e.problems());
            return Money.zero(book.ledger().currency());
        }
    }

    /** {@code {pot: "amount"}} as money; every unreadable amount is reported under {@code prefix.field.pot}. */
    static Map<String, Money> shares(JsonNode node, FinanceBook book, String field, String prefix) {
        Map<String, Money> shares = new LinkedHashMap<>();
        List<FinanceProblem> problems = new ArrayList<>();
        Iterator<Map.Entry<String, JsonNode>> it = node.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            String name = field + "." + e.getKey();
            if (!e.getValue().isTextual()) {
                problems.add(new FinanceProblem(name, "must be a decimal string like \"125.00\""));
                continue;
            }
            if (!book.rules().knows(e.getKey())) {
                problems.add(new FinanceProblem(name, "is not a pot; the pots are " + book.rules().pots()));
            }
            shares.put(e.getKey(), amount(e.getValue().textValue(), book, name, problems));
        }
        if (!problems.isEmpty()) {
            throw FinanceBook.refusal(problems, prefix);
        }
        return shares;
    }

    /**
     * behaviour.avl's {@code finance.defaultSplit} as a percentages map; refused naming {@code split}
     * when there is none, so the caller learns to send its own split.
     */
    private static ObjectNode defaultSplit(FinanceBook book) {
        if (book.rules().defaultSplit().isEmpty()) {
            throw new Refusal(ErrorCode.VALIDATION_FAILED, "behaviour.avl has no default split",
                    new Violation("$.data.split", "behaviour.avl names no finance.defaultSplit; send potjesverdeling "
                            + "or percentages for the pots " + book.rules().pots()));
        }
        ObjectNode split = Json.object();
        book.rules().defaultSplit().forEach(split::put);
        return split;
    }

    private static Map<String, Money> percentageShares(JsonNode d, JsonNode given, FinanceBook book, String field) {
        List<FinanceProblem> problems = new ArrayList<>();
        Money amount = d.has("amount") ? amount(d.get("amount").textValue(), book, "amount", problems)
                : book.ledger().unassigned();
        Map<String, BigDecimal> percentages = new LinkedHashMap<>();
        given.fields().forEachRemaining(e -> {
            if (!book.rules().knows(e.getKey())) {
                problems.add(new FinanceProblem(field + "." + e.getKey(), "is not a pot; the pots are "
                        + book.rules().pots()));
            }
            percentages.put(e.getKey(), e.getValue().decimalValue());
        });
        if (d.has("amount") && problems.isEmpty() && !amount.isPositive()) {
            problems.add(new FinanceProblem("amount", "must be more than zero"));
        }
        try {
            Map<String, Money> shares = Split.byPercentages(amount, percentages);
            if (!problems.isEmpty()) {
                throw FinanceBook.refusal(problems, "$.data");
            }
            return shares;
        } catch (FinanceException e) {
            problems.addAll(e.problems());
            throw FinanceBook.refusal(problems, "$.data");
        }
    }

    private static List<FinanceProblem> textProblems(FinanceBook book, JsonNode d, Money amount) {
        try {
            book.ledger().registerIncome(book.rules(), LocalDate.parse(d.get("date").textValue()),
                    d.get("source").textValue(), Money.ofCents(1, book.ledger().currency()), d.path("note").asText(""),
                    java.time.Instant.EPOCH);
            return List.of();
        } catch (FinanceException e) {
            return e.problems().stream().filter(p -> !p.field().equals("amount")).toList();
        }
    }

    private static LedgerEntry last(Ledger ledger) {
        return ledger.entries().get(ledger.entries().size() - 1);
    }

    /** Writes the ledger and one audit record naming the new entries. */
    static Outcome write(ActionContext ctx, FinanceBook after, String auditType, List<LedgerEntry> added,
                         ObjectNode result) {
        ObjectNode audit = Json.object();
        ArrayNode entries = audit.putArray("entries");
        added.forEach(e -> entries.add(e.toJson()));
        // the audit log scrubs personal data from entries; their hashes tell a replay which came through whole
        ArrayNode hashes = audit.putArray("entrySha256");
        added.forEach(e -> hashes.add(LedgerReplay.sha256(e)));
        audit.put("unassigned", after.ledger().unassigned().wire());
        return Outcome.builder(result).write(FinanceBook.LEDGER, after.ledgerBytes())
                .audit(new AuditRecord(auditType, ctx.actor(), ctx.traceId(), audit)).build();
    }
}
