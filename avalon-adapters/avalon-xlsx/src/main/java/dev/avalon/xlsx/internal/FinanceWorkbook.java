package dev.avalon.xlsx.internal;

import dev.avalon.core.port.FinanceSheet;
import dev.avalon.core.port.SheetFormatException;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.ss.util.CellReference;
import org.apache.poi.xddf.usermodel.chart.AxisCrossBetween;
import org.apache.poi.xddf.usermodel.chart.AxisCrosses;
import org.apache.poi.xddf.usermodel.chart.AxisPosition;
import org.apache.poi.xddf.usermodel.chart.AxisTickLabelPosition;
import org.apache.poi.xddf.usermodel.chart.BarDirection;
import org.apache.poi.xddf.usermodel.chart.BarGrouping;
import org.apache.poi.xddf.usermodel.chart.ChartTypes;
import org.apache.poi.xddf.usermodel.chart.XDDFBarChartData;
import org.apache.poi.xddf.usermodel.chart.XDDFCategoryAxis;
import org.apache.poi.xddf.usermodel.chart.XDDFDataSource;
import org.apache.poi.xddf.usermodel.chart.XDDFDataSourcesFactory;
import org.apache.poi.xddf.usermodel.chart.XDDFNumericalDataSource;
import org.apache.poi.xddf.usermodel.chart.XDDFValueAxis;
import org.apache.poi.xssf.usermodel.XSSFChart;
import org.apache.poi.xssf.usermodel.XSSFDrawing;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The finance workbook.
 *
 * <p>Sheet {@value #MOVEMENTS}: one row per movement (date, kind, from, to, amount, note). Sheet
 * {@value #POTS}: one row per pot with its balance, then after one empty row the unassigned money;
 * a bar chart of the pot balances to the right. Sheet {@value #TOTALS}: week, currency and the
 * number of movements and pots in A1:B4, per kind the number and sum of movements from row 6, and
 * the sum of the pots, the unassigned money and their total below that.
 */
public final class FinanceWorkbook {

    public static final String MOVEMENTS = "Mutaties";
    public static final String POTS = "Potjes";
    public static final String TOTALS = "Totalen";
    static final String[] MOVEMENT_HEADERS = {"Datum", "Soort", "Van", "Naar", "Bedrag", "Notitie"};
    static final String[] POT_HEADERS = {"Potje", "Saldo"};
    static final String UNASSIGNED = "Niet toegewezen";
    static final String[] TOTAL_LABELS = {"Week", "Valuta", "Mutaties", "Potjes"};
    static final String[] KIND_HEADERS = {"Soort", "Aantal", "Bedrag"};
    static final String[] BALANCE_LABELS = {"Som potjes", UNASSIGNED, "Totaal"};
    /** First row (0-based) of the per-kind table's header on the totals sheet. */
    static final int KIND_TABLE = 5;
    static final int BALANCE_TABLE = KIND_TABLE + 1 + FinanceSheet.Kind.values().length + 1;
    private static final int GAP_WIDTH_PERCENT = 60;

    private FinanceWorkbook() {
    }

    /** The Dutch word the sheet shows for a kind. */
    static String label(FinanceSheet.Kind kind) {
        return switch (kind) {
            case INCOME -> "Inkomen";
            case ALLOCATION -> "Toewijzing";
            case MOVE -> "Verplaatsing";
            case SPEND -> "Uitgave";
            case COVER -> "Dekking";
        };
    }

    public static byte[] write(FinanceSheet sheet) {
        try (XSSFWorkbook workbook = new XSSFWorkbook()) {
            Cells cells = new Cells(workbook, sheet.currency());
            XSSFSheet movements = workbook.createSheet(MOVEMENTS);
            XSSFSheet pots = workbook.createSheet(POTS);
            XSSFSheet totals = workbook.createSheet(TOTALS);
            writeMovements(cells, movements, sheet.movements());
            writePots(cells, pots, sheet);
            writeTotals(cells, totals, sheet);
            return WorkbookBytes.write(workbook, sheet.week(), "Financiën " + sheet.week(), WorkbookBytes.digest(sheet));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void writeMovements(Cells cells, XSSFSheet sheet, List<FinanceSheet.Movement> movements) {
        cells.headerRow(sheet, 0, MOVEMENT_HEADERS);
        int[] widths = {10, 12, 4, 4, 14, 7};
        int r = 1;
        for (FinanceSheet.Movement m : movements) {
            String field = "movements[" + (r - 1) + "].amount";
            cells.date(sheet, r, 0, m.date());
            cells.text(sheet, r, 1, label(m.kind()));
            cells.text(sheet, r, 2, m.from());
            cells.text(sheet, r, 3, m.to());
            cells.money(sheet, r, 4, m.amount(), field);
            cells.text(sheet, r, 5, m.note());
            widths[2] = Math.max(widths[2], Math.min(40, m.from().length()));
            widths[3] = Math.max(widths[3], Math.min(40, m.to().length()));
            widths[5] = Math.max(widths[5], Math.min(60, m.note().length()));
            r++;
        }
        Cells.widths(sheet, widths);
        sheet.createFreezePane(0, 1);
        sheet.setAutoFilter(new CellRangeAddress(0, Math.max(0, movements.size()), 0, MOVEMENT_HEADERS.length - 1));
    }

    private static void writePots(Cells cells, XSSFSheet sheet, FinanceSheet finance) {
        cells.headerRow(sheet, 0, POT_HEADERS);
        int longest = UNASSIGNED.length();
        int r = 1;
        for (FinanceSheet.PotBalance pot : finance.balances()) {
            cells.text(sheet, r, 0, pot.pot());
            cells.money(sheet, r, 1, pot.balance(), "balances[" + (r - 1) + "].balance");
            longest = Math.max(longest, Math.min(40, pot.pot().length()));
            r++;
        }
        cells.label(sheet, r + 1, 0, UNASSIGNED);
        cells.money(sheet, r + 1, 1, finance.unassigned(), "unassigned");
        Cells.widths(sheet, longest, 16);
        sheet.createFreezePane(0, 1);
        if (!finance.balances().isEmpty()) {
            chart(sheet, finance.balances().size(), finance.currency());
        }
    }

    /**
     * Bar chart of the pot balances, bound to the pot rows: categories the names in column A, values
     * the balance cells of column B, the title its header cell. The value axis shows whole amounts in
     * the ledger's currency.
     */
    private static void chart(XSSFSheet sheet, int pots, String currency) {
        XSSFDrawing drawing = sheet.createDrawingPatriarch();
        XSSFChart chart = drawing.createChart(drawing.createAnchor(0, 0, 0, 0, 3, 0, 13, 20));
        ChartStyle.frame(chart);
        chart.setTitleText("Saldo per potje");
        chart.setTitleOverlay(false);
        XDDFCategoryAxis potAxis = chart.createCategoryAxis(AxisPosition.BOTTOM);
        potAxis.setTitle("Potje");
        ChartStyle.categoryAxis(potAxis, null);
        // a pot in deficit has a negative bar; its name stays below the plot, not on the zero line
        potAxis.setTickLabelPosition(AxisTickLabelPosition.LOW);
        XDDFValueAxis valueAxis = chart.createValueAxis(AxisPosition.LEFT);
        valueAxis.setTitle("Saldo");
        valueAxis.setCrosses(AxisCrosses.AUTO_ZERO);
        valueAxis.setCrossBetween(AxisCrossBetween.BETWEEN);
        ChartStyle.valueAxis(valueAxis, Cells.wholeMoneyFormat(currency));
        XDDFDataSource<String> names = XDDFDataSourcesFactory.fromStringCellRange(sheet,
                new CellRangeAddress(1, pots, 0, 0));
        XDDFNumericalDataSource<Double> balances = XDDFDataSourcesFactory.fromNumericCellRange(sheet,
                new CellRangeAddress(1, pots, 1, 1));
        XDDFBarChartData data = (XDDFBarChartData) chart.createData(ChartTypes.BAR, potAxis, valueAxis);
        data.setBarDirection(BarDirection.COL);
        data.setBarGrouping(BarGrouping.CLUSTERED);
        data.setVaryColors(false);
        data.setGapWidth(GAP_WIDTH_PERCENT);
        XDDFBarChartData.Series series = (XDDFBarChartData.Series) data.addSeries(names, balances);
        series.setTitle(POT_HEADERS[1], new CellReference(sheet.getSheetName(), 0, 1, true, true));
        ChartStyle.bars(series, ChartStyle.Colour.BLUE);
        ChartStyle.valueLabels(series, Cells.moneyFormat(currency));
        chart.plot(data);
        ChartStyle.unlinkNumberFormats(chart);
        ChartStyle.printOnOnePageWidth(sheet);
    }

    private static void writeTotals(Cells cells, XSSFSheet sheet, FinanceSheet finance) {
        for (int i = 0; i < TOTAL_LABELS.length; i++) {
            cells.label(sheet, i, 0, TOTAL_LABELS[i]);
        }
        cells.text(sheet, 0, 1, finance.week());
        cells.text(sheet, 1, 1, finance.currency());
        cells.integer(sheet, 2, 1, finance.movements().size());
        cells.integer(sheet, 3, 1, finance.balances().size());
        Totals totals = Totals.of(finance);
        int r = KIND_TABLE;
        cells.headerRow(sheet, r++, KIND_HEADERS);
        for (FinanceSheet.Kind kind : FinanceSheet.Kind.values()) {
            cells.label(sheet, r, 0, label(kind));
            cells.integer(sheet, r, 1, totals.counts().get(kind));
            cells.money(sheet, r, 2, totals.sums().get(kind), "sum of " + kind + " movements");
            r++;
        }
        BigDecimal[] balanceTotals = {totals.pots(), finance.unassigned(), totals.pots().add(finance.unassigned())};
        for (int i = 0; i < BALANCE_LABELS.length; i++) {
            cells.label(sheet, BALANCE_TABLE + i, 0, BALANCE_LABELS[i]);
            cells.money(sheet, BALANCE_TABLE + i, 2, balanceTotals[i], BALANCE_LABELS[i]);
        }
        Cells.widths(sheet, 16, 10, 16);
    }

    public static FinanceSheet read(byte[] bytes) {
        try (XSSFWorkbook workbook = WorkbookBytes.open(bytes, "finance")) {
            SheetCells movements = SheetCells.of(workbook, MOVEMENTS);
            SheetCells pots = SheetCells.of(workbook, POTS);
            SheetCells totals = SheetCells.of(workbook, TOTALS);
            movements.expectHeaders(0, MOVEMENT_HEADERS);
            pots.expectHeaders(0, POT_HEADERS);
            for (int i = 0; i < TOTAL_LABELS.length; i++) {
                totals.expectLabel(i, 0, TOTAL_LABELS[i]);
            }
            String week = totals.text(0, 1);
            String currency = totals.text(1, 1);
            int movementCount = totals.integer(2, 1);
            int potCount = totals.integer(3, 1);
            if (movements.usedRows() - 1 != movementCount) {
                throw new SheetFormatException(MOVEMENTS + " has " + (movements.usedRows() - 1)
                        + " movement rows but " + totals.at(2, 1) + " counts " + movementCount);
            }
            if (pots.usedRows() != potCount + 3) {
                throw new SheetFormatException(POTS + " has " + pots.usedRows() + " rows but "
                        + totals.at(3, 1) + " counts " + potCount + " pots (plus header and unassigned)");
            }
            List<FinanceSheet.Movement> lines = new ArrayList<>(movementCount);
            for (int r = 1; r <= movementCount; r++) {
                lines.add(new FinanceSheet.Movement(movements.date(r, 0), kind(movements, r, 1), movements.text(r, 2),
                        movements.text(r, 3), movements.money(r, 4), movements.text(r, 5)));
            }
            List<FinanceSheet.PotBalance> balances = new ArrayList<>(potCount);
            for (int r = 1; r <= potCount; r++) {
                balances.add(new FinanceSheet.PotBalance(pots.text(r, 0), pots.money(r, 1)));
            }
            pots.expectLabel(potCount + 2, 0, UNASSIGNED);
            BigDecimal unassigned = pots.money(potCount + 2, 1);
            FinanceSheet sheet;
            try {
                sheet = new FinanceSheet(week, currency, lines, balances, unassigned);
            } catch (IllegalArgumentException e) {
                throw new SheetFormatException(totals.at(0, 1) + ": " + e.getMessage(), e);
            }
            checkTotals(totals, sheet);
            WorkbookBytes.checkDigest(workbook, sheet);
            return sheet;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static FinanceSheet.Kind kind(SheetCells sheet, int row, int col) {
        String word = sheet.text(row, col);
        for (FinanceSheet.Kind kind : FinanceSheet.Kind.values()) {
            if (label(kind).equals(word)) {
                return kind;
            }
        }
        throw sheet.wrong(row, col, "unknown kind '" + word + "'");
    }

    private static void checkTotals(SheetCells totals, FinanceSheet finance) {
        Totals expected = Totals.of(finance);
        int r = KIND_TABLE;
        totals.expectHeaders(r++, KIND_HEADERS);
        for (FinanceSheet.Kind kind : FinanceSheet.Kind.values()) {
            totals.expectLabel(r, 0, label(kind));
            LogbookWorkbook.expectInteger(totals, r, 1, expected.counts().get(kind));
            expectMoney(totals, r, 2, expected.sums().get(kind));
            r++;
        }
        BigDecimal[] balanceTotals = {expected.pots(), finance.unassigned(), expected.pots().add(finance.unassigned())};
        for (int i = 0; i < BALANCE_LABELS.length; i++) {
            totals.expectLabel(BALANCE_TABLE + i, 0, BALANCE_LABELS[i]);
            expectMoney(totals, BALANCE_TABLE + i, 2, balanceTotals[i]);
        }
        if (totals.usedRows() != BALANCE_TABLE + BALANCE_LABELS.length) {
            throw new SheetFormatException(TOTALS + " has rows beyond its totals (row "
                    + (BALANCE_TABLE + BALANCE_LABELS.length + 1) + " and on)");
        }
    }

    private static void expectMoney(SheetCells sheet, int row, int col, BigDecimal expected) {
        BigDecimal found = sheet.money(row, col);
        if (found.compareTo(expected) != 0) {
            throw sheet.wrong(row, col, "the rows give " + expected.toPlainString() + ", the cell says "
                    + found.toPlainString());
        }
    }

    /** Counts and sums per kind and the sum of the pots, exact. */
    private record Totals(Map<FinanceSheet.Kind, Integer> counts, Map<FinanceSheet.Kind, BigDecimal> sums,
                          BigDecimal pots) {
        static Totals of(FinanceSheet sheet) {
            Map<FinanceSheet.Kind, Integer> counts = new EnumMap<>(FinanceSheet.Kind.class);
            Map<FinanceSheet.Kind, BigDecimal> sums = new EnumMap<>(FinanceSheet.Kind.class);
            for (FinanceSheet.Kind kind : FinanceSheet.Kind.values()) {
                counts.put(kind, 0);
                sums.put(kind, BigDecimal.ZERO.setScale(2));
            }
            for (FinanceSheet.Movement m : sheet.movements()) {
                counts.merge(m.kind(), 1, Integer::sum);
                sums.merge(m.kind(), m.amount(), BigDecimal::add);
            }
            BigDecimal pots = BigDecimal.ZERO.setScale(2);
            for (FinanceSheet.PotBalance pot : sheet.balances()) {
                pots = pots.add(pot.balance());
            }
            return new Totals(counts, sums, pots);
        }
    }
}
