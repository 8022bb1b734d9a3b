package dev.avalon.core.workflow;

import dev.avalon.core.base.Violation;
import dev.avalon.core.brain.BrainValidation;
import dev.avalon.core.port.BrainPath;
import dev.avalon.core.port.LogbookSheet;
import dev.avalon.core.port.SheetFormatException;
import dev.avalon.core.port.SheetRenderer;
import dev.avalon.core.time.IsoWeek;

import java.util.List;
import java.util.Optional;

/**
 * Validates the weekly logbook sheets {@code logbook/<yyyy>-W<ww>.<ext>} by reading each back through the
 * {@link SheetRenderer}: it must be a readable logbook sheet of the week it is named after. It is not
 * compared with the journal, which may gain entries for a week after its close. Without a renderer, or for
 * a file the renderer did not write, nothing is checked.
 */
final class LogbookSheetValidator implements BrainValidation.FileValidator {

    private final Optional<SheetRenderer> renderer;

    LogbookSheetValidator(Optional<SheetRenderer> renderer) {
        this.renderer = renderer;
    }

    @Override
    public List<Violation> validate(BrainPath path, byte[] content) {
        Optional<IsoWeek> week = renderer.flatMap(r -> WeekcloseFeature.sheetWeek(path, r));
        if (week.isEmpty()) {
            return List.of();
        }
        LogbookSheet sheet;
        try {
            sheet = renderer.get().readLogbook(content);
        } catch (SheetFormatException e) {
            return List.of(new Violation(path.value(), "is not a readable logbook sheet: " + e.getMessage()));
        }
        if (!sheet.week().equals(week.get().toString())) {
            return List.of(new Violation(path.value(), "holds week " + sheet.week() + " but is named " + week.get()));
        }
        return List.of();
    }
}
