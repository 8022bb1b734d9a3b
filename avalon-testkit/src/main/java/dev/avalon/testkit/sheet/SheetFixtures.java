package dev.avalon.testkit.sheet;

import dev.avalon.core.port.FinanceSheet;
import dev.avalon.core.port.FinanceSheet.Kind;
import dev.avalon.core.port.FinanceSheet.Movement;
import dev.avalon.core.port.FinanceSheet.PotBalance;
import dev.avalon.core.port.LogbookSheet;

import java.math.BigDecimal;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.IsoFields;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Sample sheets: a realistic week of each kind, and random ones from a seed (so a failure can be
 * replayed). Random text mixes plain words, accents, emoji, line breaks and text that starts like a
 * formula.
 */
public final class SheetFixtures {

    /** Text a spreadsheet would take for a formula, one per dangerous first character. */
    public static final List<String> FORMULA_LOOKING = List.of(
            "=SUM(A1:A9)", "+31 6 12345678", "-2 kg", "@HYPERLINK(\"http://x\")", "\t=1+1",
            "\r=cmd|' /C calc'!A0", "=HYPERLINK(\"http://evil\",\"klik\")", "-", "=");

    private static final String[] WORDS = {"hardlopen", "boodschappen", "rapport", "Café", "naïef", "über",
            "日本語", "😀", "שלום", "e\u0301", "a\nb", "_x0041_", "x\u0001y", "  ", "'quote", "\"dq\"", "&<>"};
    private static final String[] DOMAINS = {"werk", "gezondheid", "huis", "financiën", "sociaal"};
    private static final String[] STATUSES = {"done", "partial", "not_done"};

    private SheetFixtures() {
    }

    /** Monday 2026-11-16 to Sunday 2026-11-22: eleven entries, some days with two, one without. */
    public static LogbookSheet logbookWeek() {
        LocalDate monday = LocalDate.of(2026, 11, 16);
        return new LogbookSheet("2026-W47", List.of(
                new LogbookSheet.Row(monday, "rapport schrijven", "werk", 6, 7, "done", 0),
                new LogbookSheet.Row(monday, "hardlopen 5 km", "gezondheid", 3, 8, "done", 1),
                new LogbookSheet.Row(monday.plusDays(1), "belastingaangifte", "financiën", 8, 3, "partial", 2),
                new LogbookSheet.Row(monday.plusDays(2), "boodschappen", "huis", 4, 6, "done", 0),
                new LogbookSheet.Row(monday.plusDays(2), "rapport schrijven", "werk", 7, 5, "partial", 1),
                new LogbookSheet.Row(monday.plusDays(3), "tandarts bellen", "gezondheid", 5, 2, "not_done", 3),
                new LogbookSheet.Row(monday.plusDays(4), "etentje met Sanne", "sociaal", 2, 9, "done", 0),
                new LogbookSheet.Row(monday.plusDays(4), "rapport schrijven", "werk", 6, 6, "done", 0),
                new LogbookSheet.Row(monday.plusDays(6), "zolder opruimen", "huis", 3, 4, "partial", 1),
                new LogbookSheet.Row(monday.plusDays(6), "hardlopen 8 km", "gezondheid", 2, 9, "done", 0),
                new LogbookSheet.Row(monday.plusDays(6), "weekplanning", "werk", 4, 7, "done", 0)));
    }

    /**
     * A week of an envelope ledger in euros: salary, allocations, spending, a move and a partial cover,
     * so one pot stays overspent. It balances: unassigned + pots = income - spending.
     */
    public static FinanceSheet financeWeek() {
        LocalDate monday = LocalDate.of(2026, 11, 23);
        return new FinanceSheet("2026-W48", "EUR", List.of(
                new Movement(monday, Kind.INCOME, "salaris", "unassigned", money("2450.00"), "november"),
                new Movement(monday, Kind.ALLOCATION, "unassigned", "boodschappen", money("400.00"), ""),
                new Movement(monday, Kind.ALLOCATION, "unassigned", "vaste lasten", money("1250.10"), "huur + energie"),
                new Movement(monday, Kind.ALLOCATION, "unassigned", "sparen", money("500.00"), ""),
                new Movement(monday.plusDays(2), Kind.SPEND, "boodschappen", "Albert Heijn", money("87.35"), "week"),
                new Movement(monday.plusDays(3), Kind.SPEND, "uit eten", "Café de Klok", money("42.50"), "verjaardag"),
                new Movement(monday.plusDays(3), Kind.MOVE, "sparen", "boodschappen", money("25.00"), ""),
                new Movement(monday.plusDays(4), Kind.COVER, "sparen", "uit eten", money("30.00"), "tekort deels gedekt")),
                List.of(new PotBalance("boodschappen", money("337.65")),
                        new PotBalance("vaste lasten", money("1250.10")),
                        new PotBalance("sparen", money("445.00")),
                        new PotBalance("uit eten", money("-12.50"))),
                money("299.90"));
    }

    /** A random logbook week of 0 to {@code maxRows} entries, all dated in that week. */
    public static LogbookSheet randomLogbook(Random random, int maxRows) {
        int year = 2020 + random.nextInt(10);
        int week = 1 + random.nextInt(52);
        LocalDate monday = LocalDate.of(year, 1, 4).with(IsoFields.WEEK_OF_WEEK_BASED_YEAR, week)
                .with(DayOfWeek.MONDAY);
        int rows = random.nextInt(maxRows + 1);
        List<LogbookSheet.Row> list = new ArrayList<>(rows);
        for (int i = 0; i < rows; i++) {
            list.add(new LogbookSheet.Row(monday.plusDays(random.nextInt(7)), text(random),
                    random.nextInt(4) == 0 ? text(random) : DOMAINS[random.nextInt(DOMAINS.length)],
                    1 + random.nextInt(10), 1 + random.nextInt(10),
                    random.nextInt(4) == 0 ? text(random) : STATUSES[random.nextInt(STATUSES.length)],
                    random.nextInt(20)));
        }
        return new LogbookSheet(String.format("%d-W%02d", monday.get(IsoFields.WEEK_BASED_YEAR), week), list);
    }

    /** A random finance week: up to {@code maxRows} movements and pots, amounts from a cent to millions. */
    public static FinanceSheet randomFinance(Random random, int maxRows) {
        LocalDate monday = LocalDate.of(2026, 1, 5).plusWeeks(random.nextInt(50));
        int movements = random.nextInt(maxRows + 1);
        List<Movement> list = new ArrayList<>(movements);
        Kind[] kinds = Kind.values();
        for (int i = 0; i < movements; i++) {
            list.add(new Movement(monday.plusDays(random.nextInt(7)), kinds[random.nextInt(kinds.length)],
                    text(random), text(random), amount(random), random.nextBoolean() ? "" : text(random)));
        }
        int pots = random.nextInt(maxRows + 1);
        List<PotBalance> balances = new ArrayList<>(pots);
        for (int i = 0; i < pots; i++) {
            BigDecimal balance = amount(random);
            balances.add(new PotBalance(text(random) + i, random.nextInt(5) == 0 ? balance.negate() : balance));
        }
        return new FinanceSheet(String.format("%d-W%02d", monday.get(IsoFields.WEEK_BASED_YEAR),
                monday.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR)), "EUR", list, balances, amount(random));
    }

    /** Text of one to three pieces: words, odd characters, or formula-looking text. */
    public static String text(Random random) {
        int pieces = 1 + random.nextInt(3);
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < pieces; i++) {
            if (i > 0) {
                out.append(' ');
            }
            out.append(random.nextInt(5) == 0 ? FORMULA_LOOKING.get(random.nextInt(FORMULA_LOOKING.size()))
                    : WORDS[random.nextInt(WORDS.length)]);
        }
        return out.toString();
    }

    private static BigDecimal amount(Random random) {
        long cents = switch (random.nextInt(4)) {
            case 0 -> random.nextInt(100);
            case 1 -> random.nextInt(100_000);
            case 2 -> random.nextInt(100_000_000);
            default -> Math.floorMod(random.nextLong(), 100_000_000_000_000L);
        };
        return BigDecimal.valueOf(cents, 2);
    }

    private static BigDecimal money(String value) {
        return new BigDecimal(value);
    }
}
