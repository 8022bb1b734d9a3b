package dev.avalon.core.port;

/**
 * Writes the weekly spreadsheets (logbook and finance) and reads them back for validation.
 *
 * <p>Contract (checked by {@code SheetRendererContract} in avalon-testkit): rendering is
 * deterministic for the same input; {@code readLogbook(logbook(s))} equals {@code s} and
 * {@code readFinance(finance(s))} equals {@code s}; user text is never stored as a formula; reading
 * a file that is not such a sheet, or whose summary disagrees with its rows, throws
 * {@link SheetFormatException} naming what is wrong.
 */
public interface SheetRenderer {

    /** The workbook bytes of a week's logbook: one row per entry, a summary and a chart. */
    byte[] logbook(LogbookSheet sheet);

    /** Re-opens a logbook workbook and returns what it holds. */
    LogbookSheet readLogbook(byte[] workbook);

    /** The workbook bytes of a week's finance sheet: movements, pot balances and a chart. */
    byte[] finance(FinanceSheet sheet);

    /** Re-opens a finance workbook and returns what it holds. */
    FinanceSheet readFinance(byte[] workbook);

    /** The file extension of what this renderer writes, without the dot (e.g. {@code xlsx}). */
    default String extension() {
        return "xlsx";
    }
}
