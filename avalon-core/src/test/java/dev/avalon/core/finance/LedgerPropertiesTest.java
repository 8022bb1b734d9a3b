package dev.avalon.core.finance;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class LedgerPropertiesTest {

    private static final List<String> POTS = List.of("vaste_lasten", "boodschappen", "sparen", "vrij_besteedbaar");
    private static final FinanceRules RULES = new FinanceRules("EUR", POTS, Map.of(),
            Money.parse("100000.00", "EUR", "max"));
    private static final LocalDate DAY = LocalDate.of(2026, 11, 23);
    private static final Instant AT = Instant.parse("2026-11-23T08:00:00Z");

    /** One attempted operation; many are refused by the rules, which must leave the ledger as it was. */
    record Op(int kind, String from, String to, long cents, int pct) {
    }

    @Provide
    Arbitrary<Op> ops() {
        Arbitrary<String> pot = Arbitraries.of(POTS);
        return Combinators.combine(Arbitraries.integers().between(0, 5), pot, pot,
                Arbitraries.longs().between(0, 300_000), Arbitraries.integers().between(0, 100)).as(Op::new);
    }

    @Property(tries = 300)
    @Label("unassigned + Σ pots = Σ income − Σ spent, to the cent, after any sequence of operations")
    void invariantHolds(@ForAll @Size(max = 40) List<@net.jqwik.api.From("ops") Op> ops) {
        Ledger ledger = Ledger.empty("EUR");
        for (Op op : ops) {
            Ledger before = ledger;
            try {
                ledger = apply(ledger, op);
            } catch (FinanceException refused) {
                assertThat(refused.problems()).isNotEmpty();
                ledger = before;
            }
            Money pots = ledger.balances(POTS).values().stream().reduce(Money.zero("EUR"), Money::plus);
            Money income = sum(ledger, EntryKind.INCOME);
            Money spent = sum(ledger, EntryKind.SPEND);
            assertThat(ledger.unassigned().plus(pots)).isEqualTo(income.minus(spent));
            assertThat(ledger.totalIncome()).isEqualTo(income);
            assertThat(ledger.totalSpent()).isEqualTo(spent);
            assertThat(ledger.unassigned().isNegative()).as("unassigned never below zero").isFalse();
            assertThat(Ledger.fromJson(ledger.toJson(POTS)).balances(POTS)).isEqualTo(ledger.balances(POTS));
        }
    }

    @Property(tries = 500)
    @Label("a percentage split always adds up to the amount exactly, and each share is within a cent of exact")
    void splitIsExact(@ForAll @LongRange(min = 0, max = 10_000_000) long cents,
                      @ForAll("percentages") Map<String, BigDecimal> percentages) {
        Money amount = Money.ofCents(cents, "EUR");
        Map<String, Money> shares = Split.byPercentages(amount, percentages);
        assertThat(shares.values().stream().reduce(Money.zero("EUR"), Money::plus)).isEqualTo(amount);
        assertThat(shares.keySet()).containsExactlyElementsOf(percentages.keySet());
        percentages.forEach((pot, pct) -> {
            BigDecimal exact = BigDecimal.valueOf(cents).multiply(pct).divide(BigDecimal.valueOf(100));
            assertThat(BigDecimal.valueOf(shares.get(pot).cents()).subtract(exact).abs())
                    .isLessThan(BigDecimal.ONE);
        });
    }

    @Provide
    Arbitrary<Map<String, BigDecimal>> percentages() {
        return Arbitraries.integers().between(1, 6).flatMap(n -> Arbitraries.integers().between(0, 10_000)
                .list().ofSize(n - 1).map(cuts -> {
                    // n-1 cut points in 0..100.00 make n shares that add up to exactly 100
                    List<Integer> sorted = new java.util.ArrayList<>(cuts);
                    sorted.add(0);
                    sorted.add(10_000);
                    sorted.sort(Integer::compare);
                    Map<String, BigDecimal> map = new LinkedHashMap<>();
                    for (int i = 1; i < sorted.size(); i++) {
                        map.put("pot" + i, BigDecimal.valueOf(sorted.get(i) - sorted.get(i - 1), 2));
                    }
                    return map;
                }));
    }

    private static Ledger apply(Ledger ledger, Op op) {
        Money amount = Money.ofCents(op.cents(), "EUR");
        return switch (op.kind()) {
            case 0 -> ledger.registerIncome(RULES, DAY, "salaris", amount, "", AT);
            case 1 -> ledger.allocate(RULES, Map.of(op.to(), amount), DAY, AT);
            case 2 -> ledger.allocate(RULES, byPercent(ledger, op), DAY, AT);
            case 3 -> ledger.move(RULES, op.from(), op.to(), amount, DAY, AT);
            case 4 -> ledger.spend(RULES, op.from(), amount, DAY, "", AT);
            default -> ledger.cover(RULES, op.from(), op.to(), amount, DAY, AT);
        };
    }

    private static Map<String, Money> byPercent(Ledger ledger, Op op) {
        Map<String, BigDecimal> pct = new LinkedHashMap<>();
        pct.put(op.from(), BigDecimal.valueOf(op.pct()));
        pct.merge(op.to(), BigDecimal.valueOf(100 - op.pct()), BigDecimal::add);
        return Split.byPercentages(ledger.unassigned(), pct);
    }

    private static Money sum(Ledger ledger, EntryKind kind) {
        return ledger.entries().stream().filter(e -> e.kind() == kind).map(LedgerEntry::amount)
                .reduce(Money.zero("EUR"), Money::plus);
    }
}
