package dev.avalon.xlsx.internal;

import dev.avalon.core.port.LogbookSheet;
import dev.avalon.core.port.SheetFormatException;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.xddf.usermodel.chart.AxisCrossBetween;
import org.apache.poi.xddf.usermodel.chart.AxisCrosses;
import org.apache.poi.xddf.usermodel.chart.AxisPosition;
import org.apache.poi.xddf.usermodel.chart.ChartTypes;
import org.apache.poi.xddf.usermodel.chart.Grouping;
import org.apache.poi.xddf.usermodel.chart.LegendPosition;
import org.apache.poi.xddf.usermodel.chart.MarkerStyle;
import org.apache.poi.xddf.usermodel.chart.XDDFCategoryAxis;
import org.apache.poi.xddf.usermodel.chart.XDDFDataSourcesFactory;
import org.apache.poi.xddf.usermodel.chart.XDDFLineChartData;
import org.apache.poi.xddf.usermodel.chart.XDDFNumericalDataSource;
import org.apache.poi.xddf.usermodel.chart.XDDFValueAxis;
import org.apache.poi.ss.util.CellReference;
import org.apache.poi.xssf.usermodel.XSSFChart;
import org.apache.poi.xssf.usermodel.XSSFClientAnchor;
import org.apache.poi.xssf.usermodel.XSSFDrawing;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The logbook workbook.
 *
 * <p>Sheet {@value #ENTRIES}: a header row (frozen, bold, filterable) and one row per entry with every
 * field. Sheet {@value #SUMMARY}: the week and the counts in A1:B6, then the per-day table (date,
 * mean stress, mean motivatie, entries) from row 8, the status counts and the domain counts below it,
 * each table after one empty row; a line chart of the two means per day to the right. The counts in
 * A1:B6 tell a reader where each table ends.
 */
public final class LogbookWorkbook {

    public static final String ENTRIES = "Logboek";
    public static final String SUMMARY = "Samenvatting";
    static final String[] ENTRY_HEADERS = {"Datum", "Activiteit", "Domein", "Stress", "Motivatie", "Status", "Moves"};
    static final String[] SUMMARY_LABELS = {"Week", "Regels", "Totaal moves", "Dagen", "Statussen", "Domeinen"};
    static final String[] DAY_HEADERS = {"Datum", "Gem. stress", "Gem. motivatie", "Regels"};
    static final String[] STATUS_HEADERS = {"Status", "Aantal"};
    static final String[] DOMAIN_HEADERS = {"Domein", "Aantal"};
    /** First row (0-based) of the per-day table's header. */
    static final int DAY_TABLE = 7;
    private static final double TOLERANCE = 1e-9;
    private static final String DATE_FORMAT = "yyyy-mm-dd";

    private LogbookWorkbook() {
    }

    public static byte[] write(LogbookSheet sheet) {
        try (XSSFWorkbook workbook = new XSSFWorkbook()) {
            Cells cells = new Cells(workbook, "EUR");
            XSSFSheet entries = workbook.createSheet(ENTRIES);
            XSSFSheet summary = workbook.createSheet(SUMMARY);
            writeEntries(cells, entries, sheet.rows());
            writeSummary(cells, summary, sheet.week(), LogbookSummary.of(sheet.rows()));
            return WorkbookBytes.write(workbook, sheet.week(), "Logboek " + sheet.week(), WorkbookBytes.digest(sheet));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void writeEntries(Cells cells, XSSFSheet sheet, List<LogbookSheet.Row> rows) {
        cells.headerRow(sheet, 0, ENTRY_HEADERS);
        int[] widths = new int[ENTRY_HEADERS.length];
        for (int c = 0; c < widths.length; c++) {
            widths[c] = ENTRY_HEADERS[c].length();
        }
        widths[0] = 10;
        int r = 1;
        for (LogbookSheet.Row row : rows) {
            cells.date(sheet, r, 0, row.date());
            cells.text(sheet, r, 1, row.activiteit());
            cells.text(sheet, r, 2, row.domein());
            cells.integer(sheet, r, 3, row.stress());
            cells.integer(sheet, r, 4, row.motivatie());
            cells.text(sheet, r, 5, row.status());
            cells.integer(sheet, r, 6, row.moveCount());
            widths[1] = Math.max(widths[1], Math.min(60, row.activiteit().length()));
            widths[2] = Math.max(widths[2], row.domein().length());
            widths[5] = Math.max(widths[5], row.status().length());
            r++;
        }
        Cells.widths(sheet, widths);
        sheet.createFreezePane(0, 1);
        sheet.setAutoFilter(new CellRangeAddress(0, Math.max(0, rows.size()), 0, ENTRY_HEADERS.length - 1));
    }

    private static void writeSummary(Cells cells, XSSFSheet sheet, String week, LogbookSummary s) {
        for (int i = 0; i < SUMMARY_LABELS.length; i++) {
            cells.label(sheet, i, 0, SUMMARY_LABELS[i]);
        }
        cells.text(sheet, 0, 1, week);
        cells.integer(sheet, 1, 1, s.rows());
        cells.integer(sheet, 2, 1, s.moveCount());
        cells.integer(sheet, 3, 1, s.days().size());
        cells.integer(sheet, 4, 1, s.statuses().size());
        cells.integer(sheet, 5, 1, s.domains().size());

        int r = DAY_TABLE;
        cells.headerRow(sheet, r++, DAY_HEADERS);
        for (LogbookSummary.Day day : s.days()) {
            cells.date(sheet, r, 0, day.date());
            cells.decimal(sheet, r, 1, day.meanStress());
            cells.decimal(sheet, r, 2, day.meanMotivatie());
            cells.integer(sheet, r, 3, day.entries());
            r++;
        }
        r = writeCounts(cells, sheet, r + 1, STATUS_HEADERS, s.statuses());
        writeCounts(cells, sheet, r + 1, DOMAIN_HEADERS, s.domains());
        int longest = 14;
        for (String name : s.statuses().keySet()) {
            longest = Math.max(longest, Math.min(60, name.length()));
        }
        for (String name : s.domains().keySet()) {
            longest = Math.max(longest, Math.min(60, name.length()));
        }
        Cells.widths(sheet, longest, 14, 16, 8);
        if (!s.days().isEmpty()) {
            chart(sheet, s.days().size());
        }
    }

    private static int writeCounts(Cells cells, XSSFSheet sheet, int first, String[] headers, Map<String, Integer> counts) {
        int r = first;
        cells.headerRow(sheet, r++, headers);
        for (Map.Entry<String, Integer> e : counts.entrySet()) {
            cells.text(sheet, r, 0, e.getKey());
            cells.integer(sheet, r, 1, e.getValue());
            r++;
        }
        return r;
    }

    /**
     * Line chart of the per-day means, its series bound to the per-day table's cells: categories the
     * date cells of column A, values the mean cells of columns B and C, titles their header cells.
     */
    private static void chart(XSSFSheet sheet, int days) {
        XSSFDrawing drawing = sheet.createDrawingPatriarch();
        XSSFClientAnchor anchor = drawing.createAnchor(0, 0, 0, 0, 5, 0, 15, 20);
        XSSFChart chart = drawing.createChart(anchor);
        ChartStyle.frame(chart);
        chart.setTitleText("Stress en motivatie per dag");
        chart.setTitleOverlay(false);
        chart.getOrAddLegend().setPosition(LegendPosition.BOTTOM);
        XDDFCategoryAxis dayAxis = chart.createCategoryAxis(AxisPosition.BOTTOM);
        dayAxis.setTitle("Dag");
        ChartStyle.categoryAxis(dayAxis, DATE_FORMAT);
        XDDFValueAxis valueAxis = chart.createValueAxis(AxisPosition.LEFT);
        valueAxis.setTitle("Gemiddelde");
        valueAxis.setCrosses(AxisCrosses.AUTO_ZERO);
        // each day a slot with its points in the middle, like the table's rows
        valueAxis.setCrossBetween(AxisCrossBetween.BETWEEN);
        valueAxis.setMinimum(0);
        valueAxis.setMajorUnit(1);
        ChartStyle.valueAxis(valueAxis, "0");

        int first = DAY_TABLE + 1;
        int last = DAY_TABLE + days;
        XDDFNumericalDataSource<Double> dates = XDDFDataSourcesFactory.fromNumericCellRange(sheet,
                new CellRangeAddress(first, last, 0, 0));
        XDDFNumericalDataSource<Double> stress = XDDFDataSourcesFactory.fromNumericCellRange(sheet,
                new CellRangeAddress(first, last, 1, 1));
        XDDFNumericalDataSource<Double> motivatie = XDDFDataSourcesFactory.fromNumericCellRange(sheet,
                new CellRangeAddress(first, last, 2, 2));
        dates.setFormatCode(DATE_FORMAT);
        XDDFLineChartData data = (XDDFLineChartData) chart.createData(ChartTypes.LINE, dayAxis, valueAxis);
        data.setGrouping(Grouping.STANDARD);
        data.setVaryColors(false);
        List<XDDFNumericalDataSource<Double>> series = List.of(stress, motivatie);
        ChartStyle.Colour[] colours = {ChartStyle.Colour.ORANGE, ChartStyle.Colour.BLUE};
        MarkerStyle[] markers = {MarkerStyle.CIRCLE, MarkerStyle.SQUARE};
        for (int i = 0; i < series.size(); i++) {
            XDDFLineChartData.Series line = (XDDFLineChartData.Series) data.addSeries(dates, series.get(i));
            line.setTitle(DAY_HEADERS[i + 1], new CellReference(sheet.getSheetName(), DAY_TABLE, i + 1, true, true));
            ChartStyle.line(line, colours[i], markers[i]);
        }
        chart.plot(data);
        ChartStyle.unlinkNumberFormats(chart);
        ChartStyle.printOnOnePageWidth(sheet);
    }

    public static LogbookSheet read(byte[] bytes) {
        try (XSSFWorkbook workbook = WorkbookBytes.open(bytes, "logbook")) {
            SheetCells entries = SheetCells.of(workbook, ENTRIES);
            SheetCells summary = SheetCells.of(workbook, SUMMARY);
            entries.expectHeaders(0, ENTRY_HEADERS);
            for (int i = 0; i < SUMMARY_LABELS.length; i++) {
                summary.expectLabel(i, 0, SUMMARY_LABELS[i]);
            }
            String week = summary.text(0, 1);
            int count = summary.integer(1, 1);
            if (entries.usedRows() - 1 != count) {
                throw new SheetFormatException(ENTRIES + " has " + (entries.usedRows() - 1) + " entry rows but "
                        + summary.at(1, 1) + " counts " + count);
            }
            List<LogbookSheet.Row> rows = new ArrayList<>(count);
            for (int r = 1; r <= count; r++) {
                rows.add(new LogbookSheet.Row(entries.date(r, 0), entries.text(r, 1), entries.text(r, 2),
                        entries.integer(r, 3), entries.integer(r, 4), entries.text(r, 5), entries.integer(r, 6)));
            }
            LogbookSheet sheet;
            try {
                sheet = new LogbookSheet(week, rows);
            } catch (IllegalArgumentException e) {
                throw new SheetFormatException(summary.at(0, 1) + ": " + e.getMessage(), e);
            }
            checkSummary(summary, LogbookSummary.of(rows));
            WorkbookBytes.checkDigest(workbook, sheet);
            return sheet;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void checkSummary(SheetCells summary, LogbookSummary expected) {
        expectInteger(summary, 2, 1, expected.moveCount());
        expectInteger(summary, 3, 1, expected.days().size());
        expectInteger(summary, 4, 1, expected.statuses().size());
        expectInteger(summary, 5, 1, expected.domains().size());
        int r = DAY_TABLE;
        summary.expectHeaders(r++, DAY_HEADERS);
        for (LogbookSummary.Day day : expected.days()) {
            if (!summary.date(r, 0).equals(day.date())) {
                throw summary.wrong(r, 0, "expected the day " + day.date() + ", found " + summary.date(r, 0));
            }
            expectDecimal(summary, r, 1, day.meanStress());
            expectDecimal(summary, r, 2, day.meanMotivatie());
            expectInteger(summary, r, 3, day.entries());
            r++;
        }
        r = checkCounts(summary, r + 1, STATUS_HEADERS, expected.statuses());
        r = checkCounts(summary, r + 1, DOMAIN_HEADERS, expected.domains());
        if (summary.usedRows() != r) {
            throw new SheetFormatException(SUMMARY + " has rows beyond its last table (row " + (r + 1) + " and on)");
        }
    }

    private static int checkCounts(SheetCells summary, int first, String[] headers, Map<String, Integer> counts) {
        int r = first;
        summary.expectHeaders(r++, headers);
        for (Map.Entry<String, Integer> e : counts.entrySet()) {
            String name = summary.text(r, 0);
            if (!name.equals(e.getKey())) {
                throw summary.wrong(r, 0, "expected '" + e.getKey() + "' as the rows count it, found '" + name + "'");
            }
            expectInteger(summary, r, 1, e.getValue());
            r++;
        }
        return r;
    }

    static void expectInteger(SheetCells sheet, int row, int col, long expected) {
        long found = sheet.integer(row, col);
        if (found != expected) {
            throw sheet.wrong(row, col, "the rows give " + expected + ", the cell says " + found);
        }
    }

    private static void expectDecimal(SheetCells sheet, int row, int col, double expected) {
        double found = sheet.decimal(row, col);
        if (Math.abs(found - expected) > TOLERANCE) {
            throw sheet.wrong(row, col, "the rows give " + expected + ", the cell says " + found);
        }
    }
}
