package dev.avalon.core.finance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.avalon.core.json.Json;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * The envelope ledger: every income, allocation, move, spending and cover in the order recorded,
 * and the balances they add up to. Immutable; each operation checks its rules and answers with a
 * new ledger, or throws a {@link FinanceException} listing every broken rule.
 *
 * <p>The invariant: {@code unassigned + Σ pots = Σ income − Σ spent}, to the cent.
 */
public final class Ledger {

    /** The name of the money that came in and is not in a pot yet. */
    public static final String UNASSIGNED = "unassigned";
    private static final int MAX_TEXT = 200;

    private final String currency;
    private final List<LedgerEntry> entries;
    private final Map<String, Money> pots;
    private final Money unassigned;
    private final Money income;
    private final Money spent;

    private Ledger(String currency, List<LedgerEntry> entries, Map<String, Money> pots, Money unassigned,
                   Money income, Money spent) {
        this.currency = currency;
        this.entries = entries;
        this.pots = pots;
        this.unassigned = unassigned;
        this.income = income;
        this.spent = spent;
    }

    public static Ledger empty(String currency) {
        Money zero = Money.zero(currency);
        return new Ledger(currency, List.of(), Map.of(), zero, zero, zero);
    }

    /** The ledger these entries make, without checking the rules again (they held when recorded). */
    public static Ledger replay(String currency, List<LedgerEntry> entries) {
        Ledger ledger = empty(currency);
        for (LedgerEntry e : entries) {
            ledger = ledger.append(e);
        }
        return ledger;
    }

    public String currency() {
        return currency;
    }

    public List<LedgerEntry> entries() {
        return entries;
    }

    public Money unassigned() {
        return unassigned;
    }

    public Money totalIncome() {
        return income;
    }

    public Money totalSpent() {
        return spent;
    }

    /** A pot's balance; zero for a pot that never held money. */
    public Money balance(String pot) {
        return pots.getOrDefault(pot, Money.zero(currency));
    }

    /** Every pot's balance: the pots of {@code order} first, then any other pot the ledger has seen. */
    public Map<String, Money> balances(List<String> order) {
        Map<String, Money> out = new LinkedHashMap<>();
        order.forEach(p -> out.put(p, balance(p)));
        pots.forEach(out::putIfAbsent);
        return Collections.unmodifiableMap(out);
    }

    /** The ledger made of the entries that {@code keep} accepts, e.g. those up to a week's end. */
    public Ledger filter(Predicate<LedgerEntry> keep) {
        return replay(currency, entries.stream().filter(keep).toList());
    }

    // ------------------------------------------------------------------ operations

    /** Records money coming in. */
    public Ledger registerIncome(FinanceRules rules, LocalDate date, String source, Money amount, String note,
                                 Instant at) {
        List<FinanceProblem> problems = new ArrayList<>();
        checkAmount(amount, rules, "amount", problems);
        checkText(source, "source", true, problems);
        checkText(note, "note", false, problems);
        fail(problems);
        return append(entry(EntryKind.INCOME, date, source.strip(), UNASSIGNED, amount, note, at));
    }

    /**
     * Puts unassigned money into pots ({@code potjesverdeling}). Zero shares are allowed and record
     * nothing; the shares together must not exceed the unassigned balance.
     */
    public Ledger allocate(FinanceRules rules, Map<String, Money> shares, LocalDate date, Instant at) {
        List<FinanceProblem> problems = new ArrayList<>();
        Money sum = Money.zero(currency);
        if (shares.isEmpty()) {
            problems.add(new FinanceProblem("potjesverdeling", "names no pot"));
        }
        for (Map.Entry<String, Money> e : shares.entrySet()) {
            String field = "potjesverdeling." + e.getKey();
            if (!rules.knows(e.getKey())) {
                problems.add(new FinanceProblem(field, "is not a pot; the pots are " + rules.pots()));
            }
            if (e.getValue().isNegative()) {
                problems.add(new FinanceProblem(field, "is negative"));
            } else {
                sum = sum.plus(e.getValue());
            }
        }
        if (!shares.isEmpty() && problems.isEmpty() && sum.isZero()) {
            problems.add(new FinanceProblem("potjesverdeling", "allocates nothing"));
        }
        if (sum.compareTo(unassigned) > 0) {
            problems.add(new FinanceProblem("potjesverdeling", "allocates " + sum.wire() + " but only "
                    + unassigned.wire() + " is unassigned"));
        }
        fail(problems);
        Ledger next = this;
        for (Map.Entry<String, Money> e : shares.entrySet()) {
            if (e.getValue().isPositive()) {
                next = next.append(next.entry(EntryKind.ALLOCATION, date, UNASSIGNED, e.getKey(), e.getValue(), "",
                        at));
            }
        }
        return next;
    }

    /** Moves money between two pots; the source must hold it. */
    public Ledger move(FinanceRules rules, String from, String to, Money amount, LocalDate date, Instant at) {
        List<FinanceProblem> problems = new ArrayList<>();
        checkTransfer(rules, from, to, amount, problems);
        fail(problems);
        return append(entry(EntryKind.MOVE, date, from, to, amount, "", at));
    }

    /** Spends from a pot; a pot may go below zero, which {@link #cover} then repairs. */
    public Ledger spend(FinanceRules rules, String pot, Money amount, LocalDate date, String note, Instant at) {
        List<FinanceProblem> problems = new ArrayList<>();
        checkPot(rules, pot, "pot", problems);
        checkAmount(amount, rules, "amount", problems);
        checkText(note, "note", false, problems);
        fail(problems);
        return append(entry(EntryKind.SPEND, date, pot, "", amount, note, at));
    }

    /** Covers an overspent pot from another pot, at most up to its deficit. */
    public Ledger cover(FinanceRules rules, String from, String to, Money amount, LocalDate date, Instant at) {
        List<FinanceProblem> problems = new ArrayList<>();
        checkTransfer(rules, from, to, amount, problems);
        if (rules.knows(to) && problems.stream().noneMatch(p -> p.field().equals("to"))) {
            Money deficit = balance(to).negate();
            if (!deficit.isPositive()) {
                problems.add(new FinanceProblem("to", "is not overspent (balance " + balance(to).wire()
                        + "); use finance.move"));
            } else if (amount.compareTo(deficit) > 0) {
                problems.add(new FinanceProblem("amount", "is more than the " + deficit.wire() + " that "
                        + to + " is overspent"));
            }
        }
        fail(problems);
        return append(entry(EntryKind.COVER, date, from, to, amount, "", at));
    }

    // ------------------------------------------------------------------ rules

    private void checkTransfer(FinanceRules rules, String from, String to, Money amount,
                               List<FinanceProblem> problems) {
        checkPot(rules, from, "from", problems);
        checkPot(rules, to, "to", problems);
        if (from.equals(to)) {
            problems.add(new FinanceProblem("to", "is the same pot as from"));
        }
        if (!amount.isPositive()) {
            problems.add(new FinanceProblem("amount", "must be more than zero"));
        } else if (rules.knows(from) && balance(from).compareTo(amount) < 0) {
            problems.add(new FinanceProblem("amount", "is more than the " + balance(from).wire() + " in " + from));
        }
    }

    private static void checkPot(FinanceRules rules, String pot, String field, List<FinanceProblem> problems) {
        if (!rules.knows(pot)) {
            problems.add(new FinanceProblem(field, "is not a pot; the pots are " + rules.pots()));
        }
    }

    private static void checkAmount(Money amount, FinanceRules rules, String field, List<FinanceProblem> problems) {
        if (!amount.isPositive()) {
            problems.add(new FinanceProblem(field, "must be more than zero"));
        } else if (amount.compareTo(rules.maxAmount()) > 0) {
            problems.add(new FinanceProblem(field, "is more than the maximum of " + rules.maxAmount().wire()
                    + " (finance.maxIncome)"));
        }
    }

    private static void checkText(String text, String field, boolean required, List<FinanceProblem> problems) {
        if (required && text.isBlank()) {
            problems.add(new FinanceProblem(field, "is empty"));
        }
        if (text.codePointCount(0, text.length()) > MAX_TEXT) {
            problems.add(new FinanceProblem(field, "is longer than " + MAX_TEXT + " characters"));
        }
        if (text.chars().anyMatch(c -> Character.isISOControl(c))) {
            problems.add(new FinanceProblem(field, "contains control characters"));
        }
    }

    private static void fail(List<FinanceProblem> problems) {
        if (!problems.isEmpty()) {
            throw new FinanceException(problems);
        }
    }

    private LedgerEntry entry(EntryKind kind, LocalDate date, String from, String to, Money amount, String note,
                              Instant at) {
        return new LedgerEntry("F-" + (entries.size() + 1), kind, date, from, to, amount, note.strip(), at);
    }

    /** Adds an entry and updates the balances; the only place balances change. */
    private Ledger append(LedgerEntry e) {
        Objects.requireNonNull(e, "entry");
        if (!e.amount().currency().equals(currency)) {
            throw new IllegalArgumentException("entry " + e.id() + " is in " + e.amount().currency() + ", the ledger in "
                    + currency);
        }
        List<LedgerEntry> nextEntries = new ArrayList<>(entries);
        nextEntries.add(e);
        Map<String, Money> nextPots = new LinkedHashMap<>(pots);
        Money nextUnassigned = unassigned;
        Money nextIncome = income;
        Money nextSpent = spent;
        Money zero = Money.zero(currency);
        switch (e.kind()) {
            case INCOME -> {
                nextUnassigned = nextUnassigned.plus(e.amount());
                nextIncome = nextIncome.plus(e.amount());
            }
            case ALLOCATION -> {
                nextUnassigned = nextUnassigned.minus(e.amount());
                nextPots.merge(e.to(), e.amount(), Money::plus);
            }
            case MOVE, COVER -> {
                nextPots.put(e.from(), nextPots.getOrDefault(e.from(), zero).minus(e.amount()));
                nextPots.merge(e.to(), e.amount(), Money::plus);
            }
            case SPEND -> {
                nextPots.put(e.from(), nextPots.getOrDefault(e.from(), zero).minus(e.amount()));
                nextSpent = nextSpent.plus(e.amount());
            }
        }
        return new Ledger(currency, List.copyOf(nextEntries), Collections.unmodifiableMap(nextPots), nextUnassigned,
                nextIncome, nextSpent);
    }

    // ------------------------------------------------------------------ JSON

    /** The ledger file: entries (the truth) plus the balances and totals they add up to, for readers. */
    public ObjectNode toJson(List<String> potOrder) {
        ObjectNode n = Json.object();
        n.put("currency", currency);
        ArrayNode list = n.putArray("entries");
        entries.forEach(e -> list.add(e.toJson()));
        ObjectNode balances = n.putObject("balances");
        balances(potOrder).forEach((pot, m) -> balances.put(pot, m.wire()));
        n.put("unassigned", unassigned.wire());
        ObjectNode totals = n.putObject("totals");
        totals.put("income", income.wire());
        totals.put("spent", spent.wire());
        return n;
    }

    /** Reads a ledger file that passed its schema; the recorded balances are recomputed, not trusted. */
    public static Ledger fromJson(JsonNode n) {
        String currency = n.get("currency").textValue();
        List<LedgerEntry> list = new ArrayList<>();
        n.get("entries").forEach(e -> list.add(LedgerEntry.fromJson(e, currency)));
        return replay(currency, list);
    }
}
