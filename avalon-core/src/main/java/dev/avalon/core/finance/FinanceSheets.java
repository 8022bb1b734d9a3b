package dev.avalon.core.finance;

import dev.avalon.core.port.BrainPath;
import dev.avalon.core.port.FinanceSheet;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The content of a week's finance sheet, built from the ledger, and the read-back check that
 * recomputes a sheet's totals and compares them with the ledger.
 */
public final class FinanceSheets {

    private FinanceSheets() {
    }

    /** Where a week's sheet lives: {@code finance/<yyyy>-W<ww>.<extension>}. */
    public static BrainPath path(IsoWeek week, String extension) {
        return BrainPath.of("finance/" + week + "." + extension);
    }

    /** The week of a sheet at {@code path} as written with {@code extension}; empty for any other path. */
    public static Optional<IsoWeek> week(BrainPath path, String extension) {
        String name = path.value();
        String prefix = "finance/";
        String suffix = "." + extension;
        if (!name.startsWith(prefix) || !name.endsWith(suffix)) {
            return Optional.empty();
        }
        Optional<IsoWeek> week = IsoWeek.parse(name.substring(prefix.length(), name.length() - suffix.length()));
        return week.filter(w -> path(w, extension).equals(path));
    }

    /** The week's movements (ledger order) and the balances at the end of its Sunday. */
    public static FinanceSheet build(Ledger ledger, List<String> potOrder, IsoWeek week) {
        List<FinanceSheet.Movement> movements = new ArrayList<>();
        for (LedgerEntry e : ledger.entries()) {
            if (week.contains(e.date())) {
                movements.add(new FinanceSheet.Movement(e.date(), FinanceSheet.Kind.valueOf(e.kind().name()), e.from(),
                        e.to(), e.amount().amount(), e.note()));
            }
        }
        Ledger atEnd = ledger.filter(e -> !e.date().isAfter(week.sunday()));
        List<FinanceSheet.PotBalance> balances = new ArrayList<>();
        atEnd.balances(potOrder).forEach((pot, m) -> balances.add(new FinanceSheet.PotBalance(pot, m.amount())));
        return new FinanceSheet(week.toString(), ledger.currency(), movements, balances, atEnd.unassigned().amount());
    }

    /**
     * Everything wrong with a sheet read back: its own totals recomputed from the ledger before its
     * week plus its movements, and (when {@code expected} is given) any difference from what was
     * written. Empty when the sheet agrees.
     */
    public static List<String> mismatches(FinanceSheet readBack, Ledger ledger, FinanceSheet expected) {
        List<String> problems = new ArrayList<>();
        IsoWeek week = IsoWeek.parse(readBack.week()).orElse(null);
        if (week == null) {
            return List.of("the sheet names no real week: " + readBack.week());
        }
        if (!readBack.currency().equals(ledger.currency())) {
            problems.add("the sheet is in " + readBack.currency() + ", the ledger in " + ledger.currency());
            return problems;
        }
        List<LedgerEntry> replayed = new ArrayList<>(ledger.entries().stream()
                .filter(e -> e.date().isBefore(week.monday())).toList());
        int n = 0;
        for (FinanceSheet.Movement m : readBack.movements()) {
            n++;
            if (!week.contains(m.date())) {
                problems.add("movement " + n + " is dated " + m.date() + ", outside " + week);
            }
            if (m.amount().signum() <= 0) {
                problems.add("movement " + n + " has a non-positive amount " + m.amount().toPlainString());
                continue;
            }
            replayed.add(new LedgerEntry("S-" + n, EntryKind.valueOf(m.kind().name()), m.date(), m.from(), m.to(),
                    new Money(m.amount(), ledger.currency()), m.note(), Instant.EPOCH));
        }
        Ledger recomputed = Ledger.replay(ledger.currency(), replayed);
        if (recomputed.unassigned().amount().compareTo(readBack.unassigned()) != 0) {
            problems.add("unassigned is " + readBack.unassigned().toPlainString() + " on the sheet but its movements give "
                    + recomputed.unassigned().wire());
        }
        Map<String, Money> sums = recomputed.balances(readBack.balances().stream()
                .map(FinanceSheet.PotBalance::pot).toList());
        for (FinanceSheet.PotBalance b : readBack.balances()) {
            BigDecimal got = sums.get(b.pot()).amount();
            if (got.compareTo(b.balance()) != 0) {
                problems.add("pot " + b.pot() + " is " + b.balance().toPlainString() + " on the sheet but its movements give "
                        + got.toPlainString());
            }
        }
        List<String> listed = readBack.balances().stream().map(FinanceSheet.PotBalance::pot).toList();
        recomputed.balances(List.of()).forEach((pot, m) -> {
            if (!listed.contains(pot) && !m.isZero()) {
                problems.add("pot " + pot + " holds " + m.wire() + " by the movements but is missing from the sheet");
            }
        });
        if (expected != null && !expected.equals(readBack)) {
            problems.add("the sheet read back differs from the ledger's week " + expected.week()
                    + " (" + expected.movements().size() + " movements written, " + readBack.movements().size()
                    + " read)");
        }
        return problems;
    }
}
