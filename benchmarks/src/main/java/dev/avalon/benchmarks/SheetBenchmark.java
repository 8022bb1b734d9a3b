package dev.avalon.benchmarks;

import dev.avalon.core.port.LogbookSheet;
import dev.avalon.xlsx.XlsxSheetRenderer;
import org.apache.poi.ss.usermodel.FillPatternType;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.xddf.usermodel.chart.AxisPosition;
import org.apache.poi.xddf.usermodel.chart.ChartTypes;
import org.apache.poi.xddf.usermodel.chart.XDDFCategoryAxis;
import org.apache.poi.xddf.usermodel.chart.XDDFDataSourcesFactory;
import org.apache.poi.xddf.usermodel.chart.XDDFLineChartData;
import org.apache.poi.xddf.usermodel.chart.XDDFNumericalDataSource;
import org.apache.poi.xddf.usermodel.chart.XDDFValueAxis;
import org.apache.poi.ss.usermodel.IndexedColors;
import org.apache.poi.xssf.usermodel.XSSFCellStyle;
import org.apache.poi.xssf.usermodel.XSSFChart;
import org.apache.poi.xssf.usermodel.XSSFDrawing;
import org.apache.poi.xssf.usermodel.XSSFFont;
import org.apache.poi.xssf.usermodel.XSSFRow;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.LocalDate;
import java.time.temporal.IsoFields;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * A year of logbook (365 entries in 52 weekly workbooks) through {@link XlsxSheetRenderer}
 * ({@link #avalonRender}: entries, summary sheet, chart, escaping, digest, reproducible zip) next to
 * raw POI writing the same entry cells with the same styles and nothing else ({@link #rawPoi}).
 * {@link #avalonReadBack} reads the 52 rendered workbooks back with the validation a weekclose runs.
 * {@link #rawPoiWorkbook} is raw POI doing the sheet step's whole job (rows, summary, chart, read back).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 3, time = 2)
public class SheetBenchmark {

    static final int ENTRIES = 365;
    static final int WEEKS = 52;
    private static final String[] ACTIVITIES = {"rapport schrijven", "hardlopen", "boodschappen", "=SUM(A1:A9)",
            "tandarts bellen", "weekplanning", "zolder opruimen"};
    private static final String[] DOMAINS = {"werk", "gezondheid", "huis", "financiën", "sociaal"};
    private static final String[] STATUSES = {"done", "partial", "not_done"};
    private static final String[] HEADERS = {"Datum", "Activiteit", "Domein", "Stress", "Motivatie", "Status", "Moves"};

    private final XlsxSheetRenderer renderer = new XlsxSheetRenderer();
    private List<LogbookSheet> weeks;
    private List<byte[]> rendered;

    @Setup(Level.Trial)
    public void setUp() {
        LocalDate monday = LocalDate.of(2026, 1, 5);
        weeks = new ArrayList<>(WEEKS);
        int entry = 0;
        for (int w = 0; w < WEEKS; w++) {
            LocalDate start = monday.plusWeeks(w);
            int inWeek = w == WEEKS - 1 ? ENTRIES - entry : 7;
            List<LogbookSheet.Row> rows = new ArrayList<>(inWeek);
            for (int i = 0; i < inWeek; i++, entry++) {
                rows.add(new LogbookSheet.Row(start.plusDays(i % 7), ACTIVITIES[entry % ACTIVITIES.length],
                        DOMAINS[entry % DOMAINS.length], 1 + entry % 10, 10 - entry % 10,
                        STATUSES[entry % STATUSES.length], entry % 4));
            }
            weeks.add(new LogbookSheet(String.format("%d-W%02d", start.get(IsoFields.WEEK_BASED_YEAR),
                    start.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR)), rows));
        }
        if (weeks.stream().mapToInt(s -> s.rows().size()).sum() != ENTRIES) {
            throw new IllegalStateException("the year must hold " + ENTRIES + " entries");
        }
        rendered = new ArrayList<>(WEEKS);
        for (LogbookSheet week : weeks) {
            rendered.add(renderer.logbook(week));
        }
    }

    @Benchmark
    public void avalonRender(Blackhole hole) {
        for (LogbookSheet week : weeks) {
            hole.consume(renderer.logbook(week));
        }
    }

    @Benchmark
    public void avalonReadBack(Blackhole hole) {
        for (byte[] workbook : rendered) {
            hole.consume(renderer.readLogbook(workbook));
        }
    }

    @Benchmark
    public void rawPoi(Blackhole hole) throws IOException {
        for (LogbookSheet week : weeks) {
            try (XSSFWorkbook workbook = new XSSFWorkbook()) {
                entries(workbook, week);
                hole.consume(bytes(workbook));
            }
        }
    }

    /**
     * Raw POI doing the whole job of the weekclose's sheet step with no Avalon code: the same entry
     * rows, a second sheet with the per-day means and a line chart of them (two series, POI's default
     * look), written, then opened again and its rows summed. A like-for-like reference, not the
     * issue's baseline.
     */
    @Benchmark
    public void rawPoiWorkbook(Blackhole hole) throws IOException {
        for (LogbookSheet week : weeks) {
            byte[] bytes;
            try (XSSFWorkbook workbook = new XSSFWorkbook()) {
                entries(workbook, week);
                summaryWithChart(workbook, week);
                bytes = bytes(workbook);
            }
            try (XSSFWorkbook back = new XSSFWorkbook(new ByteArrayInputStream(bytes))) {
                double stress = 0;
                for (Row row : back.getSheet("Logboek")) {
                    if (row.getRowNum() > 0) {
                        stress += row.getCell(3).getNumericCellValue();
                    }
                }
                hole.consume(stress);
            }
        }
    }

    private static void entries(XSSFWorkbook workbook, LogbookSheet week) {
        XSSFFont bold = workbook.createFont();
        bold.setBold(true);
        XSSFCellStyle header = workbook.createCellStyle();
        header.setFont(bold);
        header.setFillForegroundColor(IndexedColors.GREY_25_PERCENT.getIndex());
        header.setFillPattern(FillPatternType.SOLID_FOREGROUND);
        XSSFCellStyle date = workbook.createCellStyle();
        date.setDataFormat(workbook.createDataFormat().getFormat("yyyy-mm-dd"));
        XSSFSheet sheet = workbook.createSheet("Logboek");
        XSSFRow top = sheet.createRow(0);
        for (int c = 0; c < HEADERS.length; c++) {
            top.createCell(c).setCellValue(HEADERS[c]);
            top.getCell(c).setCellStyle(header);
        }
        int r = 1;
        for (LogbookSheet.Row row : week.rows()) {
            XSSFRow line = sheet.createRow(r++);
            line.createCell(0).setCellValue(row.date());
            line.getCell(0).setCellStyle(date);
            line.createCell(1).setCellValue(row.activiteit());
            line.createCell(2).setCellValue(row.domein());
            line.createCell(3).setCellValue(row.stress());
            line.createCell(4).setCellValue(row.motivatie());
            line.createCell(5).setCellValue(row.status());
            line.createCell(6).setCellValue(row.moveCount());
        }
    }

    private static void summaryWithChart(XSSFWorkbook workbook, LogbookSheet week) {
        Map<LocalDate, double[]> days = new TreeMap<>();
        for (LogbookSheet.Row row : week.rows()) {
            double[] sums = days.computeIfAbsent(row.date(), d -> new double[3]);
            sums[0] += row.stress();
            sums[1] += row.motivatie();
            sums[2]++;
        }
        XSSFSheet sheet = workbook.createSheet("Samenvatting");
        XSSFRow top = sheet.createRow(0);
        top.createCell(0).setCellValue("Dag");
        top.createCell(1).setCellValue("Stress");
        top.createCell(2).setCellValue("Motivatie");
        int r = 1;
        for (Map.Entry<LocalDate, double[]> day : days.entrySet()) {
            XSSFRow line = sheet.createRow(r++);
            line.createCell(0).setCellValue(day.getKey());
            line.createCell(1).setCellValue(day.getValue()[0] / day.getValue()[2]);
            line.createCell(2).setCellValue(day.getValue()[1] / day.getValue()[2]);
        }
        XSSFDrawing drawing = sheet.createDrawingPatriarch();
        XSSFChart chart = drawing.createChart(drawing.createAnchor(0, 0, 0, 0, 5, 0, 15, 20));
        chart.setTitleText("Stress en motivatie per dag");
        XDDFCategoryAxis dayAxis = chart.createCategoryAxis(AxisPosition.BOTTOM);
        XDDFValueAxis valueAxis = chart.createValueAxis(AxisPosition.LEFT);
        XDDFNumericalDataSource<Double> dates = XDDFDataSourcesFactory.fromNumericCellRange(sheet,
                new CellRangeAddress(1, days.size(), 0, 0));
        XDDFLineChartData data = (XDDFLineChartData) chart.createData(ChartTypes.LINE, dayAxis, valueAxis);
        for (int c = 1; c <= 2; c++) {
            data.addSeries(dates, XDDFDataSourcesFactory.fromNumericCellRange(sheet,
                    new CellRangeAddress(1, days.size(), c, c)));
        }
        chart.plot(data);
    }

    private static byte[] bytes(XSSFWorkbook workbook) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(16 * 1024);
        workbook.write(out);
        return out.toByteArray();
    }
}
