package dev.avalon.core.port;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One week of finance as a sheet shows it. Amounts are exact, scale 2.
 *
 * @param week       ISO week, e.g. {@code 2026-W48}
 * @param currency   ISO 4217 code of the ledger, e.g. {@code EUR}
 * @param movements  the week's incomes, allocations, moves, spending and covers, in ledger order
 * @param balances   every pot's balance at the end of the week, in the ledger's pot order
 * @param unassigned income not yet allocated to a pot, at the end of the week
 */
public record FinanceSheet(String week, String currency, List<Movement> movements, List<PotBalance> balances,
                           BigDecimal unassigned) {

    private static final Pattern WEEK = Pattern.compile("\\d{4}-W\\d{2}");

    public FinanceSheet {
        Objects.requireNonNull(week, "week");
        if (!WEEK.matcher(week).matches()) {
            throw new IllegalArgumentException("week must look like 2026-W48: " + week);
        }
        Objects.requireNonNull(currency, "currency");
        movements = List.copyOf(movements);
        balances = List.copyOf(balances);
        unassigned = scale2(unassigned, "unassigned");
    }

    /** What kind of money movement a line is. */
    public enum Kind { INCOME, ALLOCATION, MOVE, SPEND, COVER }

    /**
     * One line.
     *
     * @param from   income source (INCOME), {@code unassigned} (ALLOCATION) or the pot money leaves
     * @param to     the pot money goes to; for SPEND the payee or empty
     * @param note   free text from the user, may be empty
     */
    public record Movement(LocalDate date, Kind kind, String from, String to, BigDecimal amount, String note) {
        public Movement {
            Objects.requireNonNull(date, "date");
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(from, "from");
            Objects.requireNonNull(to, "to");
            amount = scale2(amount, "amount");
            Objects.requireNonNull(note, "note");
        }
    }

    /** A pot and its balance (may be negative after overspending). */
    public record PotBalance(String pot, BigDecimal balance) {
        public PotBalance {
            Objects.requireNonNull(pot, "pot");
            balance = scale2(balance, "balance");
        }
    }

    private static BigDecimal scale2(BigDecimal value, String name) {
        Objects.requireNonNull(value, name);
        if (value.scale() != 2) {
            throw new IllegalArgumentException(name + " must have scale 2: " + value);
        }
        return value;
    }
}
