package dev.avalon.xlsx;

import dev.avalon.core.port.FinanceSheet;
import dev.avalon.core.port.LogbookSheet;
import dev.avalon.core.port.SheetFormatException;
import dev.avalon.testkit.sheet.SheetFixtures;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.xssf.usermodel.XSSFCell;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@DisplayName("XlsxSheetRenderer writes workbooks a person and any reader can use, and notices tampering")
class XlsxSheetRendererTest {

    private final XlsxSheetRenderer renderer = new XlsxSheetRenderer();
    private final LogbookSheet week = SheetFixtures.logbookWeek();
    private final FinanceSheet money = SheetFixtures.financeWeek();

    private static XSSFWorkbook open(byte[] bytes) throws IOException {
        return new XSSFWorkbook(new ByteArrayInputStream(bytes));
    }

    private static byte[] edit(byte[] bytes, Consumer<XSSFWorkbook> change) throws IOException {
        try (XSSFWorkbook wb = open(bytes)) {
            change.accept(wb);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            wb.write(out);
            return out.toByteArray();
        }
    }

    private static XSSFCell cell(XSSFWorkbook wb, String sheet, int row, int col) {
        return wb.getSheet(sheet).getRow(row).getCell(col);
    }

    @Nested
    @DisplayName("the logbook workbook")
    class Logbook {

        @Test
        @DisplayName("has a bold, frozen header and one row per entry with every field, dates as real dates")
        void entriesSheet() throws IOException {
            try (XSSFWorkbook wb = open(renderer.logbook(week))) {
                assertThat(wb.getSheetAt(0).getSheetName()).isEqualTo("Logboek");
                XSSFSheet sheet = wb.getSheet("Logboek");
                assertThat(sheet.getLastRowNum()).isEqualTo(week.rows().size());
                assertThat(sheet.getPaneInformation().isFreezePane()).isTrue();
                assertThat(sheet.getPaneInformation().getHorizontalSplitPosition()).isEqualTo((short) 1);
                List<String> headers = new ArrayList<>();
                sheet.getRow(0).forEach(c -> headers.add(c.getStringCellValue()));
                assertThat(headers).containsExactly("Datum", "Activiteit", "Domein", "Stress", "Motivatie", "Status", "Moves");
                assertThat(cell(wb, "Logboek", 0, 0).getCellStyle().getFont().getBold()).isTrue();
                XSSFCell date = cell(wb, "Logboek", 1, 0);
                assertThat(DateUtil.isCellDateFormatted(date)).isTrue();
                assertThat(date.getLocalDateTimeCellValue()).isEqualTo(LocalDateTime.of(2026, 11, 16, 0, 0));
                assertThat(cell(wb, "Logboek", 1, 1).getStringCellValue()).isEqualTo("rapport schrijven");
                assertThat(cell(wb, "Logboek", 3, 3).getNumericCellValue()).isEqualTo(8.0);
                assertThat(cell(wb, "Logboek", 6, 6).getNumericCellValue()).isEqualTo(3.0);
                assertThat(sheet.getColumnWidth(1)).isGreaterThan(sheet.getColumnWidth(3));
            }
        }

        @Test
        @DisplayName("summarises per-day means, counts per status and domain and the total moveCount, as computed by hand")
        void summarySheet() throws IOException {
            try (XSSFWorkbook wb = open(renderer.logbook(week))) {
                assertThat(cell(wb, "Samenvatting", 0, 1).getStringCellValue()).isEqualTo("2026-W47");
                assertThat(cell(wb, "Samenvatting", 1, 1).getNumericCellValue()).isEqualTo(11);
                assertThat(cell(wb, "Samenvatting", 2, 1).getNumericCellValue()).isEqualTo(8);
                assertThat(cell(wb, "Samenvatting", 3, 1).getNumericCellValue()).isEqualTo(6);
                // Monday: stress (6+3)/2, motivatie (7+8)/2; Sunday: (3+2+4)/3, (4+9+7)/3
                assertThat(cell(wb, "Samenvatting", 8, 0).getLocalDateTimeCellValue().toLocalDate())
                        .isEqualTo(LocalDate.of(2026, 11, 16));
                assertThat(cell(wb, "Samenvatting", 8, 1).getNumericCellValue()).isEqualTo(4.5);
                assertThat(cell(wb, "Samenvatting", 8, 2).getNumericCellValue()).isEqualTo(7.5);
                assertThat(cell(wb, "Samenvatting", 13, 0).getLocalDateTimeCellValue().toLocalDate())
                        .isEqualTo(LocalDate.of(2026, 11, 22));
                assertThat(cell(wb, "Samenvatting", 13, 1).getNumericCellValue()).isEqualTo(3.0);
                assertThat(cell(wb, "Samenvatting", 13, 2).getNumericCellValue()).isCloseTo(20.0 / 3, org.assertj.core.data.Offset.offset(1e-12));
                assertThat(cell(wb, "Samenvatting", 13, 3).getNumericCellValue()).isEqualTo(3);
                // statuses sorted by name: done 7, not_done 1, partial 3
                assertThat(cell(wb, "Samenvatting", 15, 0).getStringCellValue()).isEqualTo("Status");
                assertThat(List.of(text(wb, 16), text(wb, 17), text(wb, 18)))
                        .containsExactly("done=7", "not_done=1", "partial=3");
                // domains: financiën 1, gezondheid 3, huis 2, sociaal 1, werk 4
                assertThat(List.of(text(wb, 21), text(wb, 22), text(wb, 23), text(wb, 24), text(wb, 25)))
                        .containsExactly("financiën=1", "gezondheid=3", "huis=2", "sociaal=1", "werk=4");
            }
        }

        private String text(XSSFWorkbook wb, int row) {
            return cell(wb, "Samenvatting", row, 0).getStringCellValue() + "="
                    + (int) cell(wb, "Samenvatting", row, 1).getNumericCellValue();
        }

        @Test
        @DisplayName("has a line chart of stress and motivatie whose series point at the per-day table")
        void chart() throws IOException {
            OoxmlParts parts = new OoxmlParts(renderer.logbook(week));
            String chart = parts.text("xl/charts/chart1.xml");
            assertThat(chart).contains("<c:lineChart>");
            assertThat(chart).contains("<c:f>Samenvatting!$A$9:$A$14</c:f>", "<c:f>Samenvatting!$B$9:$B$14</c:f>",
                    "<c:f>Samenvatting!$C$9:$C$14</c:f>", "<c:f>Samenvatting!$B$8</c:f>", "<c:f>Samenvatting!$C$8</c:f>");
            assertThat(parts.text("xl/worksheets/_rels/sheet2.xml.rels")).contains("drawing");
            try (XSSFWorkbook wb = open(renderer.logbook(week))) {
                assertThat(wb.getSheet("Samenvatting").getDrawingPatriarch().getCharts()).hasSize(1);
                assertThat(wb.getSheet("Samenvatting").getDrawingPatriarch().getCharts().get(0).getTitleText()
                        .getString()).isEqualTo("Stress en motivatie per dag");
            }
        }

        @Test
        @DisplayName("draws each line series with its own solid line and filled markers, on a formatted value axis")
        void chartLooks() {
            OoxmlParts parts = new OoxmlParts(renderer.logbook(week));
            Element lineChart = ChartXml.plot(parts, "lineChart");
            assertThat(OoxmlParts.chartVal(lineChart, "grouping")).isEqualTo("standard");
            assertThat(OoxmlParts.chartVal(lineChart, "varyColors")).isIn("0", "false");
            List<Element> series = OoxmlParts.children(lineChart, OoxmlParts.CHART, "ser");
            assertThat(series).hasSize(2);
            List<String> colours = new ArrayList<>();
            for (Element ser : series) {
                Element line = OoxmlParts.child(OoxmlParts.child(ser, OoxmlParts.CHART, "spPr"), OoxmlParts.DRAWING, "ln");
                assertThat(Integer.parseInt(line.getAttribute("w"))).as("line width in EMU").isGreaterThan(12700);
                String colour = ChartXml.solidColour(line);
                colours.add(colour);
                Element marker = OoxmlParts.child(ser, OoxmlParts.CHART, "marker");
                assertThat(OoxmlParts.chartVal(marker, "symbol")).isNotEqualTo("none");
                assertThat(ChartXml.solidColour(OoxmlParts.child(marker, OoxmlParts.CHART, "spPr"))).isEqualTo(colour);
                ChartXml.expectNumericCells(parts, "xl/worksheets/sheet2.xml", ser, "val", 6);
                ChartXml.expectNumericCells(parts, "xl/worksheets/sheet2.xml", ser, "cat", 6);
            }
            assertThat(colours).doesNotHaveDuplicates();
            ChartXml.expectReadableValueAxis(parts, "0");
        }

        @Test
        @DisplayName("reads the same through the JDK's zip and XML parsers as through POI")
        void independentReader() {
            OoxmlParts parts = new OoxmlParts(renderer.logbook(week));
            assertThat(parts.text("xl/workbook.xml")).contains("name=\"Logboek\"", "name=\"Samenvatting\"");
            List<String> strings = parts.sharedStrings();
            Map<String, Element> cells = parts.cells("xl/worksheets/sheet1.xml");
            for (int i = 0; i < week.rows().size(); i++) {
                LogbookSheet.Row row = week.rows().get(i);
                int r = i + 2;
                long serial = ChronoUnit.DAYS.between(LocalDate.of(1899, 12, 30), row.date());
                assertThat(Double.parseDouble(OoxmlParts.value(cells.get("A" + r)))).isEqualTo(serial);
                assertThat(strings.get(Integer.parseInt(OoxmlParts.value(cells.get("B" + r))))).isEqualTo(row.activiteit());
                assertThat(cells.get("B" + r).getAttribute("t")).isEqualTo("s");
                assertThat(strings.get(Integer.parseInt(OoxmlParts.value(cells.get("C" + r))))).isEqualTo(row.domein());
                assertThat(Double.parseDouble(OoxmlParts.value(cells.get("D" + r)))).isEqualTo(row.stress());
                assertThat(Double.parseDouble(OoxmlParts.value(cells.get("E" + r)))).isEqualTo(row.motivatie());
                assertThat(strings.get(Integer.parseInt(OoxmlParts.value(cells.get("F" + r))))).isEqualTo(row.status());
                assertThat(Double.parseDouble(OoxmlParts.value(cells.get("G" + r)))).isEqualTo(row.moveCount());
            }
            assertThat(cells).doesNotContainKey("A" + (week.rows().size() + 2));
        }

        @Test
        @DisplayName("an empty week still has both sheets, and no chart without days to draw")
        void emptyWeek() throws IOException {
            byte[] bytes = renderer.logbook(new LogbookSheet("2026-W01", List.of()));
            try (XSSFWorkbook wb = open(bytes)) {
                assertThat(wb.getSheet("Logboek").getLastRowNum()).isZero();
                assertThat(cell(wb, "Samenvatting", 1, 1).getNumericCellValue()).isZero();
            }
            assertThat(new OoxmlParts(bytes).parts).doesNotContainKey("xl/charts/chart1.xml");
        }
    }

    @Nested
    @DisplayName("the finance workbook")
    class Finance {

        @Test
        @DisplayName("shows amounts as numbers in a euro format, dates as dates and the kinds in Dutch")
        void movementsSheet() throws IOException {
            try (XSSFWorkbook wb = open(renderer.finance(money))) {
                assertThat(wb.getSheetAt(0).getSheetName()).isEqualTo("Mutaties");
                XSSFCell amount = cell(wb, "Mutaties", 1, 4);
                assertThat(amount.getCellType()).isEqualTo(CellType.NUMERIC);
                assertThat(amount.getNumericCellValue()).isEqualTo(2450.00);
                assertThat(amount.getCellStyle().getDataFormatString()).contains("€").contains("0.00");
                assertThat(DateUtil.isCellDateFormatted(cell(wb, "Mutaties", 1, 0))).isTrue();
                assertThat(cell(wb, "Mutaties", 1, 1).getStringCellValue()).isEqualTo("Inkomen");
                assertThat(cell(wb, "Mutaties", 8, 1).getStringCellValue()).isEqualTo("Dekking");
                assertThat(wb.getSheet("Mutaties").getPaneInformation().isFreezePane()).isTrue();
            }
        }

        @Test
        @DisplayName("lists pot balances and unassigned money, and totals per kind that balance the ledger")
        void potsAndTotals() throws IOException {
            try (XSSFWorkbook wb = open(renderer.finance(money))) {
                assertThat(cell(wb, "Potjes", 4, 0).getStringCellValue()).isEqualTo("uit eten");
                assertThat(cell(wb, "Potjes", 4, 1).getNumericCellValue()).isEqualTo(-12.50);
                assertThat(cell(wb, "Potjes", 6, 0).getStringCellValue()).isEqualTo("Niet toegewezen");
                assertThat(cell(wb, "Potjes", 6, 1).getNumericCellValue()).isEqualTo(299.90);
                // Inkomen 1 x 2450.00, Toewijzing 3 x 2150.10, Verplaatsing 1 x 25.00, Uitgave 2 x 129.85, Dekking 1 x 30.00
                assertThat(cell(wb, "Totalen", 6, 2).getNumericCellValue()).isEqualTo(2450.00);
                assertThat(cell(wb, "Totalen", 7, 1).getNumericCellValue()).isEqualTo(3);
                assertThat(cell(wb, "Totalen", 7, 2).getNumericCellValue()).isEqualTo(2150.10);
                assertThat(cell(wb, "Totalen", 9, 2).getNumericCellValue()).isEqualTo(129.85);
                assertThat(cell(wb, "Totalen", 12, 0).getStringCellValue()).isEqualTo("Som potjes");
                assertThat(cell(wb, "Totalen", 12, 2).getNumericCellValue()).isEqualTo(2020.25);
                // unassigned + pots = income - spending = 2450.00 - 129.85
                assertThat(cell(wb, "Totalen", 14, 2).getNumericCellValue()).isEqualTo(2320.15);
            }
        }

        @Test
        @DisplayName("has a bar chart of the pot balances bound to the pot rows")
        void chart() {
            String chart = new OoxmlParts(renderer.finance(money)).text("xl/charts/chart1.xml");
            assertThat(chart).contains("<c:barChart>", "<c:f>Potjes!$A$2:$A$5</c:f>", "<c:f>Potjes!$B$2:$B$5</c:f>");
        }

        @Test
        @DisplayName("fills the bars of one colour, negative ones too, labels them and formats the value axis in euros")
        void chartLooks() {
            OoxmlParts parts = new OoxmlParts(renderer.finance(money));
            Element barChart = ChartXml.plot(parts, "barChart");
            assertThat(OoxmlParts.chartVal(barChart, "barDir")).isEqualTo("col");
            assertThat(OoxmlParts.chartVal(barChart, "grouping")).isEqualTo("clustered");
            assertThat(OoxmlParts.chartVal(barChart, "varyColors")).isIn("0", "false");
            Element ser = OoxmlParts.child(barChart, OoxmlParts.CHART, "ser");
            Element shape = OoxmlParts.child(ser, OoxmlParts.CHART, "spPr");
            assertThat(ChartXml.solidColour(shape)).matches("[0-9A-F]{6}");
            assertThat(OoxmlParts.chartVal(ser, "invertIfNegative")).isIn("0", "false");
            Element labels = OoxmlParts.child(ser, OoxmlParts.CHART, "dLbls");
            assertThat(OoxmlParts.chartVal(labels, "showVal")).isIn("1", "true");
            ChartXml.expectNumericCells(parts, "xl/worksheets/sheet2.xml", ser, "val", 4);
            ChartXml.expectReadableValueAxis(parts, "[$€-nl-NL] #,##0;[$€-nl-NL] -#,##0");
        }

        @Test
        @DisplayName("prints the pots sheet landscape and one page wide, so the chart is not cut in two")
        void printsOnOnePageWidth() {
            Element sheet = new OoxmlParts(renderer.finance(money)).xml("xl/worksheets/sheet2.xml").getDocumentElement();
            Element setup = OoxmlParts.child(sheet, OoxmlParts.MAIN, "pageSetup");
            assertThat(setup.getAttribute("orientation")).isEqualTo("landscape");
            assertThat(setup.getAttribute("fitToWidth")).isEqualTo("1");
            assertThat(setup.getAttribute("fitToHeight")).isEqualTo("0");
            Element pageSetUpPr = OoxmlParts.child(OoxmlParts.child(sheet, OoxmlParts.MAIN, "sheetPr"),
                    OoxmlParts.MAIN, "pageSetUpPr");
            assertThat(pageSetUpPr.getAttribute("fitToPage")).isIn("1", "true");
        }

        @Test
        @DisplayName("an amount too large for a spreadsheet to hold to the cent is refused, naming the field")
        void hugeAmount() {
            FinanceSheet huge = new FinanceSheet("2026-W48", "EUR", List.of(), List.of(),
                    new BigDecimal("10000000000000.00"));
            assertThatThrownBy(() -> renderer.finance(huge)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("unassigned");
        }
    }

    @Nested
    @DisplayName("user text")
    class UserText {

        @Test
        @DisplayName("is never a formula: no cell of any sheet has a formula, formula-looking text is a quote-prefixed string")
        void noFormulas() throws IOException {
            List<LogbookSheet.Row> rows = new ArrayList<>();
            for (String text : SheetFixtures.FORMULA_LOOKING) {
                rows.add(new LogbookSheet.Row(LocalDate.of(2026, 11, 18), text, text, 5, 5, text, 0));
            }
            byte[] bytes = renderer.logbook(new LogbookSheet("2026-W47", rows));
            OoxmlParts parts = new OoxmlParts(bytes);
            for (String part : parts.parts.keySet()) {
                if (part.startsWith("xl/worksheets/sheet")) {
                    assertThat(parts.xml(part).getElementsByTagNameNS(OoxmlParts.MAIN, "f").getLength())
                            .as("formulas in %s", part).isZero();
                }
            }
            try (XSSFWorkbook wb = open(bytes)) {
                for (int r = 1; r <= rows.size(); r++) {
                    for (int c : new int[] {1, 2, 5}) {
                        XSSFCell cell = cell(wb, "Logboek", r, c);
                        assertThat(cell.getCellType()).isEqualTo(CellType.STRING);
                        assertThat(cell.getCellStyle().getQuotePrefixed()).as("quote prefix of %s", cell.getReference()).isTrue();
                    }
                }
            }
        }

        @Test
        @DisplayName("that looks harmless is not quote-prefixed")
        void plainTextIsPlain() throws IOException {
            try (XSSFWorkbook wb = open(renderer.logbook(week))) {
                assertThat(cell(wb, "Logboek", 1, 1).getCellStyle().getQuotePrefixed()).isFalse();
            }
        }

        @Test
        @DisplayName("with characters the sheet XML cannot hold is escaped, and other readers see the escape, not a broken file")
        void controlCharacters() {
            LogbookSheet sheet = new LogbookSheet("2026-W47", List.of(
                    new LogbookSheet.Row(LocalDate.of(2026, 11, 16), "a\u0001b", "_x0041_", 1, 1, "ok", 0)));
            OoxmlParts parts = new OoxmlParts(renderer.logbook(sheet));
            assertThat(parts.sharedStrings()).contains("a_x0001_b", "_x005F_x0041_");
            assertThat(renderer.readLogbook(renderer.logbook(sheet))).isEqualTo(sheet);
        }
    }

    @Nested
    @DisplayName("limits")
    class Limits {

        @Test
        @DisplayName("a text longer than a cell holds is refused, naming the cell, rather than cut")
        void longText() {
            LogbookSheet sheet = new LogbookSheet("2026-W47", List.of(new LogbookSheet.Row(LocalDate.of(2026, 11, 16),
                    "a".repeat(40_000), "werk", 1, 1, "done", 0)));
            assertThatThrownBy(() -> renderer.logbook(sheet)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("Logboek!B2: text longer than a cell holds");
        }

        @Test
        @DisplayName("the longest text a cell holds reads back whole")
        void longestText() {
            LogbookSheet sheet = new LogbookSheet("2026-W47", List.of(new LogbookSheet.Row(LocalDate.of(2026, 11, 16),
                    "=" + "b".repeat(32_766), "werk", 1, 1, "done", 0)));
            assertThat(renderer.readLogbook(renderer.logbook(sheet))).isEqualTo(sheet);
        }
    }

    @Nested
    @DisplayName("the bytes")
    class Bytes {

        @Test
        @DisplayName("carry no clock time: the created date and every zip entry time are the Monday of the week")
        void noClock() {
            OoxmlParts parts = new OoxmlParts(renderer.logbook(week));
            assertThat(parts.text("docProps/core.xml")).contains("2026-11-16T00:00:00Z").contains("Logboek 2026-W47");
            assertThat(parts.entries.values()).allSatisfy(e ->
                    assertThat(e.getTimeLocal()).isEqualTo(LocalDateTime.of(2026, 11, 16, 0, 0)));
        }
    }

    @Nested
    @DisplayName("read-back")
    class ReadBack {

        @Test
        @DisplayName("notices a changed stress value through the per-day mean, naming the summary cell")
        void changedNumber() throws IOException {
            byte[] tampered = edit(renderer.logbook(week), wb -> cell(wb, "Logboek", 1, 3).setCellValue(9));
            assertThatThrownBy(() -> renderer.readLogbook(tampered)).isInstanceOf(SheetFormatException.class)
                    .hasMessageStartingWith("Samenvatting!B9");
        }

        @Test
        @DisplayName("notices a changed activity, which no summary covers, through the content digest")
        void changedText() throws IOException {
            byte[] tampered = edit(renderer.logbook(week), wb -> cell(wb, "Logboek", 2, 1).setCellValue("niets"));
            assertThatThrownBy(() -> renderer.readLogbook(tampered)).isInstanceOf(SheetFormatException.class)
                    .hasMessageContaining("digest");
        }

        @Test
        @DisplayName("notices a summary figure edited in the sheet XML itself")
        void changedSummaryXml() {
            OoxmlParts parts = new OoxmlParts(renderer.logbook(week));
            String summary = parts.text("xl/worksheets/sheet2.xml");
            String edited = summary.replace("<c r=\"B3\" t=\"n\" s=\"6\"><v>8.0</v>", "<c r=\"B3\" t=\"n\" s=\"6\"><v>9.0</v>");
            assertThat(edited).isNotEqualTo(summary);
            assertThatThrownBy(() -> renderer.readLogbook(parts.with("xl/worksheets/sheet2.xml", edited)))
                    .isInstanceOf(SheetFormatException.class).hasMessageStartingWith("Samenvatting!B3");
        }

        @Test
        @DisplayName("notices a row added below the entries")
        void addedRow() throws IOException {
            byte[] tampered = edit(renderer.logbook(week), wb -> {
                XSSFSheet sheet = wb.getSheet("Logboek");
                sheet.createRow(sheet.getLastRowNum() + 1).createCell(1).setCellValue("extra");
            });
            assertThatThrownBy(() -> renderer.readLogbook(tampered)).isInstanceOf(SheetFormatException.class)
                    .hasMessageContaining("12 entry rows").hasMessageContaining("Samenvatting!B2");
        }

        @Test
        @DisplayName("notices a renamed header and a text where a number belongs, naming the cell")
        void wrongShape() throws IOException {
            byte[] header = edit(renderer.logbook(week), wb -> cell(wb, "Logboek", 0, 3).setCellValue("Spanning"));
            assertThatThrownBy(() -> renderer.readLogbook(header)).isInstanceOf(SheetFormatException.class)
                    .hasMessageStartingWith("Logboek!D1");
            byte[] type = edit(renderer.logbook(week), wb -> cell(wb, "Logboek", 4, 4).setCellValue("veel"));
            assertThatThrownBy(() -> renderer.readLogbook(type)).isInstanceOf(SheetFormatException.class)
                    .hasMessageStartingWith("Logboek!E5");
        }

        @Test
        @DisplayName("notices a changed pot balance through the pot sum, naming the totals cell")
        void changedBalance() throws IOException {
            byte[] tampered = edit(renderer.finance(money), wb -> cell(wb, "Potjes", 1, 1).setCellValue(1000.00));
            assertThatThrownBy(() -> renderer.readFinance(tampered)).isInstanceOf(SheetFormatException.class)
                    .hasMessageStartingWith("Totalen!C13");
        }

        @Test
        @DisplayName("notices an amount that is not whole cents")
        void fractionalCents() throws IOException {
            byte[] tampered = edit(renderer.finance(money), wb -> cell(wb, "Mutaties", 2, 4).setCellValue(400.005));
            assertThatThrownBy(() -> renderer.readFinance(tampered)).isInstanceOf(SheetFormatException.class)
                    .hasMessageStartingWith("Mutaties!E3");
        }

        @Test
        @DisplayName("refuses a workbook without Avalon's content digest")
        void foreignWorkbook() throws IOException {
            byte[] foreign = edit(renderer.logbook(week), wb ->
                    wb.getProperties().getCustomProperties().getUnderlyingProperties().removeProperty(0));
            assertThatThrownBy(() -> renderer.readLogbook(foreign)).isInstanceOf(SheetFormatException.class)
                    .hasMessageContaining("no content digest");
        }
    }
}
