package dev.avalon.xlsx.internal;

import org.apache.poi.ss.usermodel.BorderStyle;
import org.apache.poi.ss.usermodel.FillPatternType;
import org.apache.poi.ss.usermodel.IndexedColors;
import org.apache.poi.xssf.usermodel.XSSFCell;
import org.apache.poi.xssf.usermodel.XSSFCellStyle;
import org.apache.poi.xssf.usermodel.XSSFFont;
import org.apache.poi.xssf.usermodel.XSSFRow;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.regex.Pattern;

/**
 * The cell styles of one workbook and the only ways cells are written. Text always goes in as a
 * string cell, never as a formula; text a spreadsheet would read as a formula also gets the
 * quote-prefix style, so even re-typing the cell in Excel keeps it text.
 */
final class Cells {

    private static final Pattern CURRENCY_CODE = Pattern.compile("[A-Z]{3}");

    private final XSSFCellStyle header;
    private final XSSFCellStyle text;
    private final XSSFCellStyle quotedText;
    private final XSSFCellStyle date;
    private final XSSFCellStyle integer;
    private final XSSFCellStyle decimal;
    private final XSSFCellStyle money;
    private final XSSFCellStyle label;

    Cells(XSSFWorkbook workbook, String currency) {
        XSSFFont bold = workbook.createFont();
        bold.setBold(true);
        header = workbook.createCellStyle();
        header.setFont(bold);
        header.setFillForegroundColor(IndexedColors.GREY_25_PERCENT.getIndex());
        header.setFillPattern(FillPatternType.SOLID_FOREGROUND);
        header.setBorderBottom(BorderStyle.THIN);
        label = workbook.createCellStyle();
        label.setFont(bold);
        text = workbook.createCellStyle();
        text.setWrapText(false);
        quotedText = workbook.createCellStyle();
        quotedText.setQuotePrefixed(true);
        short dateFormat = workbook.createDataFormat().getFormat("yyyy-mm-dd");
        date = workbook.createCellStyle();
        date.setDataFormat(dateFormat);
        integer = workbook.createCellStyle();
        integer.setDataFormat(workbook.createDataFormat().getFormat("0"));
        decimal = workbook.createCellStyle();
        decimal.setDataFormat(workbook.createDataFormat().getFormat("0.00"));
        money = workbook.createCellStyle();
        money.setDataFormat(workbook.createDataFormat().getFormat(moneyFormat(currency)));
    }

    /** A euro amount shows as {@code € 1.234,56} in a Dutch Excel; other ledgers show their ISO code. */
    static String moneyFormat(String currency) {
        if ("EUR".equals(currency)) {
            return "[$€-nl-NL] #,##0.00;[Red][$€-nl-NL] -#,##0.00";
        }
        if (currency != null && CURRENCY_CODE.matcher(currency).matches()) {
            return "#,##0.00 \"" + currency + "\";[Red]-#,##0.00 \"" + currency + "\"";
        }
        return "#,##0.00;[Red]-#,##0.00";
    }

    /** Whole amounts for a chart axis: {@code € 1.200} for euros, the ISO code after the number otherwise. */
    static String wholeMoneyFormat(String currency) {
        if ("EUR".equals(currency)) {
            return "[$€-nl-NL] #,##0;[$€-nl-NL] -#,##0";
        }
        if (currency != null && CURRENCY_CODE.matcher(currency).matches()) {
            return "#,##0 \"" + currency + "\";-#,##0 \"" + currency + "\"";
        }
        return "#,##0;-#,##0";
    }

    void headerRow(XSSFSheet sheet, int row, String... titles) {
        XSSFRow r = row(sheet, row);
        for (int c = 0; c < titles.length; c++) {
            XSSFCell cell = r.createCell(c);
            cell.setCellValue(titles[c]);
            cell.setCellStyle(header);
        }
    }

    /** A fixed label of Avalon's own (never user text), bold. */
    void label(XSSFSheet sheet, int row, int col, String value) {
        XSSFCell cell = row(sheet, row).createCell(col);
        cell.setCellValue(value);
        cell.setCellStyle(label);
    }

    /** User text: a string cell, escaped so it reads back verbatim, quote-prefixed if it looks like a formula. */
    void text(XSSFSheet sheet, int row, int col, String value) {
        XSSFCell cell = row(sheet, row).createCell(col);
        cell.setCellValue(CellText.escape(value, sheet.getSheetName() + "!" + cell.getReference()));
        cell.setCellStyle(CellText.looksLikeFormula(value) ? quotedText : text);
    }

    void date(XSSFSheet sheet, int row, int col, LocalDate value) {
        XSSFCell cell = row(sheet, row).createCell(col);
        cell.setCellValue(value);
        cell.setCellStyle(date);
    }

    void integer(XSSFSheet sheet, int row, int col, long value) {
        XSSFCell cell = row(sheet, row).createCell(col);
        cell.setCellValue(value);
        cell.setCellStyle(integer);
    }

    void decimal(XSSFSheet sheet, int row, int col, double value) {
        XSSFCell cell = row(sheet, row).createCell(col);
        cell.setCellValue(value);
        cell.setCellStyle(decimal);
    }

    void money(XSSFSheet sheet, int row, int col, BigDecimal value, String field) {
        XSSFCell cell = row(sheet, row).createCell(col);
        cell.setCellValue(Amounts.toCell(value, field));
        cell.setCellStyle(money);
    }

    private static XSSFRow row(XSSFSheet sheet, int row) {
        XSSFRow r = sheet.getRow(row);
        return r != null ? r : sheet.createRow(row);
    }

    /** Column widths from the longest value, in characters, so the result does not depend on fonts installed. */
    static void widths(XSSFSheet sheet, int... chars) {
        for (int c = 0; c < chars.length; c++) {
            sheet.setColumnWidth(c, Math.min(255, Math.max(8, chars[c] + 2)) * 256);
        }
    }
}
