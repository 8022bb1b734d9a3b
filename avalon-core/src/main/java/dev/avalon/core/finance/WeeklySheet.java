package dev.avalon.core.finance;

import dev.avalon.core.port.BrainPath;
import dev.avalon.core.port.FinanceSheet;
import dev.avalon.core.port.SheetFormatException;
import dev.avalon.core.port.SheetRenderer;

import java.util.List;

/**
 * A week's finance sheet rendered from the ledger and read back. The finance check writes it and
 * KEEP_AND_REPAIR rebuilds it through this one method, so a rebuilt sheet is byte for byte what the
 * check writes for the same ledger.
 *
 * @param path       where the sheet lives
 * @param sheet      what was rendered
 * @param bytes      the workbook (empty when rendering failed)
 * @param mismatches what the read-back found wrong; empty when the sheet agrees with the ledger
 */
record WeeklySheet(BrainPath path, FinanceSheet sheet, byte[] bytes, List<String> mismatches) {

    WeeklySheet {
        mismatches = List.copyOf(mismatches);
    }

    static WeeklySheet render(FinanceBook book, IsoWeek week, SheetRenderer renderer) {
        FinanceSheet sheet = FinanceSheets.build(book.ledger(), book.rules().pots(), week);
        byte[] bytes = new byte[0];
        List<String> mismatches;
        try {
            bytes = renderer.finance(sheet);
            mismatches = FinanceSheets.mismatches(renderer.readFinance(bytes), book.ledger(), sheet);
        } catch (SheetFormatException e) {
            mismatches = List.of("the sheet cannot be read back: " + e.getMessage());
        }
        return new WeeklySheet(FinanceSheets.path(week, renderer.extension()), sheet, bytes, mismatches);
    }

    boolean readsBack() {
        return mismatches.isEmpty();
    }
}
