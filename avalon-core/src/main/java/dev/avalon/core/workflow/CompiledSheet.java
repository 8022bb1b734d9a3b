package dev.avalon.core.workflow;

import dev.avalon.core.brain.Brain;
import dev.avalon.core.logbook.LogbookJournal;
import dev.avalon.core.port.BrainPath;
import dev.avalon.core.port.LogbookSheet;
import dev.avalon.core.port.SheetFormatException;
import dev.avalon.core.port.SheetRenderer;
import dev.avalon.core.time.IsoWeek;

/**
 * A week's logbook sheet rendered from its journal and read back. The weekclose writes it and
 * KEEP_AND_REPAIR rebuilds it through this one method, so a rebuilt sheet is byte for byte what the
 * weekclose writes for the same journal.
 *
 * @param path     where the sheet lives
 * @param sheet    what was rendered
 * @param bytes    the workbook
 * @param mismatch what the read-back found wrong; {@code null} when the sheet reads back as written
 */
record CompiledSheet(BrainPath path, LogbookSheet sheet, byte[] bytes, String mismatch) {

    static CompiledSheet render(Brain brain, IsoWeek week, SheetRenderer renderer) {
        LogbookSheet sheet = LogbookJournal.week(brain, week).toSheet();
        byte[] bytes = renderer.logbook(sheet);
        String mismatch;
        try {
            LogbookSheet back = renderer.readLogbook(bytes);
            mismatch = back.equals(sheet) ? null : "the sheet read back holds " + back.rows().size()
                    + " rows that differ from the journal's " + sheet.rows().size();
        } catch (SheetFormatException e) {
            mismatch = "the sheet could not be read back: " + e.getMessage();
        }
        return new CompiledSheet(WeekcloseFeature.sheetPath(week, renderer), sheet, bytes, mismatch);
    }

    boolean readsBack() {
        return mismatch == null;
    }
}
