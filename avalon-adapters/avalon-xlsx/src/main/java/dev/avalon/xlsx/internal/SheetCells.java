package dev.avalon.xlsx.internal;

import dev.avalon.core.port.SheetFormatException;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.util.CellReference;
import org.apache.poi.xssf.usermodel.XSSFCell;
import org.apache.poi.xssf.usermodel.XSSFRow;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * Reads the cells of one sheet strictly: every value must have the type it was written with, and
 * every failure names the cell as Excel does ({@code Logboek!D5}).
 */
final class SheetCells {

    private final XSSFSheet sheet;

    private SheetCells(XSSFSheet sheet) {
        this.sheet = sheet;
    }

    static SheetCells of(XSSFWorkbook workbook, String name) {
        XSSFSheet sheet = workbook.getSheet(name);
        if (sheet == null) {
            throw new SheetFormatException("the workbook has no sheet " + name);
        }
        return new SheetCells(sheet);
    }

    String name() {
        return sheet.getSheetName();
    }

    /** The 1-based number of the last row that holds anything, 0 for an empty sheet. */
    int usedRows() {
        for (int r = sheet.getLastRowNum(); r >= 0; r--) {
            XSSFRow row = sheet.getRow(r);
            if (row != null) {
                for (int c = Math.max(0, row.getFirstCellNum()); c < row.getLastCellNum(); c++) {
                    XSSFCell cell = row.getCell(c);
                    if (cell != null && cell.getCellType() != CellType.BLANK) {
                        return r + 1;
                    }
                }
            }
        }
        return 0;
    }

    String at(int row, int col) {
        return name() + "!" + new CellReference(row, col).formatAsString(false);
    }

    SheetFormatException wrong(int row, int col, String problem) {
        return new SheetFormatException(at(row, col) + ": " + problem);
    }

    private XSSFCell cell(int row, int col) {
        XSSFRow r = sheet.getRow(row);
        return r == null ? null : r.getCell(col);
    }

    private XSSFCell typed(int row, int col, CellType type, String what) {
        XSSFCell cell = cell(row, col);
        if (cell == null || cell.getCellType() == CellType.BLANK) {
            throw wrong(row, col, "expected " + what + ", found an empty cell");
        }
        if (cell.getCellType() != type) {
            throw wrong(row, col, "expected " + what + ", found a " + cell.getCellType().name().toLowerCase() + " cell");
        }
        return cell;
    }

    /** Text as the user wrote it; an empty cell is the empty text. */
    String text(int row, int col) {
        XSSFCell cell = cell(row, col);
        if (cell == null || cell.getCellType() == CellType.BLANK) {
            return "";
        }
        return typed(row, col, CellType.STRING, "text").getStringCellValue();
    }

    /** A fixed label or header of Avalon's own. */
    void expectLabel(int row, int col, String expected) {
        XSSFCell cell = cell(row, col);
        String found = cell == null || cell.getCellType() == CellType.BLANK ? ""
                : cell.getCellType() == CellType.STRING ? cell.getStringCellValue() : cell.toString();
        if (!expected.equals(found)) {
            throw wrong(row, col, "expected the header '" + expected + "', found '" + found + "'");
        }
    }

    void expectHeaders(int row, String... titles) {
        for (int c = 0; c < titles.length; c++) {
            expectLabel(row, c, titles[c]);
        }
    }

    LocalDate date(int row, int col) {
        XSSFCell cell = typed(row, col, CellType.NUMERIC, "a date");
        if (!DateUtil.isCellDateFormatted(cell)) {
            throw wrong(row, col, "expected a date, found a number without a date format");
        }
        double serial = cell.getNumericCellValue();
        if (serial != Math.floor(serial)) {
            throw wrong(row, col, "expected a date, found a date with a time of day");
        }
        return cell.getLocalDateTimeCellValue().toLocalDate();
    }

    int integer(int row, int col) {
        double value = typed(row, col, CellType.NUMERIC, "a whole number").getNumericCellValue();
        if (value != Math.rint(value) || Math.abs(value) > Integer.MAX_VALUE) {
            throw wrong(row, col, "expected a whole number, found " + value);
        }
        return (int) value;
    }

    double decimal(int row, int col) {
        return typed(row, col, CellType.NUMERIC, "a number").getNumericCellValue();
    }

    BigDecimal money(int row, int col) {
        double value = typed(row, col, CellType.NUMERIC, "an amount").getNumericCellValue();
        BigDecimal cents = Amounts.fromCell(value);
        if (cents == null) {
            throw wrong(row, col, "expected an amount in whole cents, found " + value);
        }
        return cents;
    }
}
