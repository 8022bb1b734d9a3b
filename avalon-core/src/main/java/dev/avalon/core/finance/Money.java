package dev.avalon.core.finance;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * An exact amount in one currency: {@code BigDecimal} with scale 2. Arithmetic never rounds; the
 * only rounding (HALF_EVEN) happens where a computation such as a percentage split needs it, and
 * user input with more than two decimals is refused rather than rounded.
 *
 * @param amount   scale 2, any sign (a pot may be overspent)
 * @param currency ISO 4217 code, e.g. {@code EUR}
 */
public record Money(BigDecimal amount, String currency) implements Comparable<Money> {

    public static final RoundingMode ROUNDING = RoundingMode.HALF_EVEN;
    private static final Pattern CURRENCY = Pattern.compile("[A-Z]{3}");
    /** Plain decimal notation only: no exponent, no sign, no grouping, at most 12 integer digits. */
    private static final Pattern WIRE = Pattern.compile("[0-9]{1,12}(\\.[0-9]+)?");

    public Money {
        Objects.requireNonNull(amount, "amount");
        Objects.requireNonNull(currency, "currency");
        if (!CURRENCY.matcher(currency).matches()) {
            throw new IllegalArgumentException("currency must be an ISO 4217 code: " + currency);
        }
        if (amount.scale() != 2) {
            if (amount.stripTrailingZeros().scale() > 2) {
                throw new IllegalArgumentException("money has at most two decimals: " + amount.toPlainString());
            }
            amount = amount.setScale(2, ROUNDING);
        }
    }

    public static Money zero(String currency) {
        return new Money(BigDecimal.ZERO, currency);
    }

    /** Cents as money, e.g. {@code ofCents(1250, "EUR")} is 12.50. */
    public static Money ofCents(long cents, String currency) {
        return new Money(BigDecimal.valueOf(cents, 2), currency);
    }

    /**
     * Reads an amount as sent on the wire: a plain non-negative decimal string with at most two
     * decimals ({@code "1250"}, {@code "1250.5"}, {@code "1250.00"}).
     *
     * @param field names the field in the problem when the text is refused
     * @throws FinanceException naming {@code field} when the text is not such an amount
     */
    public static Money parse(String text, String currency, String field) {
        if (text == null || text.isBlank()) {
            throw new FinanceException(field, "is empty; send an amount like \"45.80\"");
        }
        if (!text.equals(text.strip())) {
            // " 10.00" or "10.00\n" is a sign of a value cut from somewhere else: refuse rather than guess
            throw new FinanceException(field, "has spaces or line breaks around it; send only the amount, e.g. \"45.80\"");
        }
        String t = text;
        if (t.startsWith("-")) {
            throw new FinanceException(field, "is negative (" + t + "); amounts are never negative");
        }
        if (!WIRE.matcher(t).matches()) {
            throw new FinanceException(field, "is not an amount (" + abbreviate(t)
                    + "); send a decimal string like \"45.80\"");
        }
        BigDecimal value = new BigDecimal(t);
        if (value.scale() > 2) {
            throw new FinanceException(field, "has more than two decimals (" + t + "); amounts are exact to the cent");
        }
        return new Money(value, currency);
    }

    public Money plus(Money other) {
        requireSameCurrency(other);
        return new Money(amount.add(other.amount), currency);
    }

    public Money minus(Money other) {
        requireSameCurrency(other);
        return new Money(amount.subtract(other.amount), currency);
    }

    public Money negate() {
        return new Money(amount.negate(), currency);
    }

    public long cents() {
        return amount.movePointRight(2).longValueExact();
    }

    public int signum() {
        return amount.signum();
    }

    public boolean isZero() {
        return amount.signum() == 0;
    }

    public boolean isNegative() {
        return amount.signum() < 0;
    }

    public boolean isPositive() {
        return amount.signum() > 0;
    }

    @Override
    public int compareTo(Money other) {
        requireSameCurrency(other);
        return amount.compareTo(other.amount);
    }

    /** The wire form: plain, two decimals, e.g. {@code 1250.00} or {@code -3.50}. */
    public String wire() {
        return amount.toPlainString();
    }

    @Override
    public String toString() {
        return currency + " " + wire();
    }

    private void requireSameCurrency(Money other) {
        if (!currency.equals(other.currency)) {
            throw new IllegalArgumentException("cannot mix " + currency + " and " + other.currency);
        }
    }

    private static String abbreviate(String s) {
        return s.length() <= 24 ? s : s.substring(0, 24) + "…";
    }
}
