package dev.avalon.core.finance;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Splits an amount by percentages with the largest-remainder method: every share is first rounded
 * down to the cent, then the cents left over go one each to the shares that lost the most, so the
 * shares always add up to the amount exactly. Ties go to the pot listed first.
 */
public final class Split {

    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    private Split() {
    }

    /**
     * @param amount      what to split, not negative
     * @param percentages per pot, each 0..100 with at most two decimals, adding up to exactly 100
     * @throws FinanceException naming {@code percentages} (or one of them) when they do not qualify
     */
    public static Map<String, Money> byPercentages(Money amount, Map<String, BigDecimal> percentages) {
        List<FinanceProblem> problems = new ArrayList<>();
        BigDecimal sum = BigDecimal.ZERO;
        for (Map.Entry<String, BigDecimal> e : percentages.entrySet()) {
            BigDecimal p = e.getValue();
            if (p.signum() < 0 || p.compareTo(HUNDRED) > 0) {
                problems.add(new FinanceProblem("percentages." + e.getKey(), "must be between 0 and 100, not "
                        + p.toPlainString()));
            } else if (p.stripTrailingZeros().scale() > 2) {
                problems.add(new FinanceProblem("percentages." + e.getKey(), "has more than two decimals"));
            }
            sum = sum.add(p);
        }
        if (percentages.isEmpty()) {
            problems.add(new FinanceProblem("percentages", "names no pot"));
        } else if (sum.compareTo(HUNDRED) != 0) {
            problems.add(new FinanceProblem("percentages", "add up to " + sum.stripTrailingZeros().toPlainString()
                    + "; they must add up to exactly 100"));
        }
        if (amount.isNegative()) {
            problems.add(new FinanceProblem("amount", "is negative"));
        }
        if (!problems.isEmpty()) {
            throw new FinanceException(problems);
        }
        long total = amount.cents();
        record Share(String pot, int order, long floor, BigDecimal remainder) {
        }
        List<Share> shares = new ArrayList<>();
        long assigned = 0;
        int order = 0;
        for (Map.Entry<String, BigDecimal> e : percentages.entrySet()) {
            BigDecimal exact = BigDecimal.valueOf(total).multiply(e.getValue()).divide(HUNDRED);
            BigDecimal floor = exact.setScale(0, RoundingMode.FLOOR);
            shares.add(new Share(e.getKey(), order++, floor.longValueExact(), exact.subtract(floor)));
            assigned += floor.longValueExact();
        }
        long leftover = total - assigned;
        List<Share> byRemainder = new ArrayList<>(shares);
        byRemainder.sort(Comparator.comparing(Share::remainder).reversed().thenComparingInt(Share::order));
        Map<String, Long> cents = new LinkedHashMap<>();
        shares.forEach(s -> cents.put(s.pot(), s.floor()));
        for (int i = 0; i < leftover; i++) {
            cents.merge(byRemainder.get(i).pot(), 1L, Long::sum);
        }
        Map<String, Money> result = new LinkedHashMap<>();
        cents.forEach((pot, c) -> result.put(pot, Money.ofCents(c, amount.currency())));
        return result;
    }
}
