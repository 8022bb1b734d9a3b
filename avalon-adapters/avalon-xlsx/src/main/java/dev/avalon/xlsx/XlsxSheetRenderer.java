package dev.avalon.xlsx;

import dev.avalon.core.port.FinanceSheet;
import dev.avalon.core.port.LogbookSheet;
import dev.avalon.core.port.SheetFormatException;
import dev.avalon.core.port.SheetRenderer;
import dev.avalon.xlsx.internal.FinanceWorkbook;
import dev.avalon.xlsx.internal.LogbookWorkbook;

import java.util.Objects;

/**
 * The weekly sheets as Excel workbooks ({@code .xlsx}, Apache POI).
 *
 * <p>The logbook workbook has a sheet {@code Logboek} with one row per entry and a sheet
 * {@code Samenvatting} with per-day means of stress and motivatie, counts per status and per domain,
 * the total moveCount and a line chart of the means per day. The finance workbook has the week's
 * movements ({@code Mutaties}), the pot balances with a bar chart ({@code Potjes}) and the totals
 * ({@code Totalen}). Amounts are numbers with a currency format, dates are date cells.
 *
 * <p>Guarantees: user text is only ever a string cell, and text that starts like a formula
 * ({@code = + - @}, tab, CR) is also quote-prefixed; every text reads back exactly as written. The
 * same sheet renders to the same bytes (times come from the week, not the clock). Read-back checks
 * the headers, the row counts, every summary figure against the rows and a digest of the content,
 * and throws {@link SheetFormatException} naming the cell or part that disagrees. Amounts must be
 * below 10^13 in size, so a spreadsheet's doubles hold them to the cent.
 *
 * <pre>{@code
 * SheetRenderer sheets = new XlsxSheetRenderer();
 * byte[] xlsx = sheets.logbook(new LogbookSheet("2026-W47", rows));
 * LogbookSheet back = sheets.readLogbook(xlsx);   // equals the input, or SheetFormatException
 * }</pre>
 *
 * <p>Stateless and thread-safe.
 */
public final class XlsxSheetRenderer implements SheetRenderer {

    @Override
    public byte[] logbook(LogbookSheet sheet) {
        return LogbookWorkbook.write(Objects.requireNonNull(sheet, "sheet"));
    }

    @Override
    public LogbookSheet readLogbook(byte[] workbook) {
        return LogbookWorkbook.read(workbook);
    }

    @Override
    public byte[] finance(FinanceSheet sheet) {
        return FinanceWorkbook.write(Objects.requireNonNull(sheet, "sheet"));
    }

    @Override
    public FinanceSheet readFinance(byte[] workbook) {
        return FinanceWorkbook.read(workbook);
    }
}
