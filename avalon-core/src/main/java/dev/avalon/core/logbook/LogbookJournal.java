package dev.avalon.core.logbook;

import dev.avalon.core.brain.Brain;
import dev.avalon.core.port.BrainPath;
import dev.avalon.core.time.IsoWeek;

import java.util.ArrayList;
import java.util.List;

/**
 * The durable journal of daily entries in the brain's working tree: one file per ISO week,
 * {@code state/logbook/<yyyy>-W<ww>.json} (schema {@code schema/logbook-week.schema.json}), written
 * atomically by the unit of work with every entry, so a crash loses no acknowledged entry. This is
 * the read API other engines (insight, weekclose) use.
 *
 * <pre>{@code
 * LogbookWeek w = LogbookJournal.week(brain, IsoWeek.parse("2026-W47"));
 * LogbookSheet sheet = w.toSheet();
 * }</pre>
 */
public final class LogbookJournal {

    /** The folder of the weekly journal files. */
    public static final String FOLDER = dev.avalon.core.layout.BrainLayout.LOGBOOK_JOURNAL_FOLDER;

    private LogbookJournal() {
    }

    /** Where the journal of {@code week} lives. */
    public static BrainPath path(IsoWeek week) {
        return BrainPath.of(FOLDER + "/" + week + ".json");
    }

    /** The journal of {@code week}; empty when nothing was recorded. */
    public static LogbookWeek week(Brain brain, IsoWeek week) {
        return brain.readJson(path(week)).map(LogbookWeek::fromJson).orElse(LogbookWeek.empty(week));
    }

    /** The journals of the {@code count} weeks ending with {@code last}, oldest first. */
    public static List<LogbookWeek> weeks(Brain brain, IsoWeek last, int count) {
        List<LogbookWeek> out = new ArrayList<>();
        for (int i = count - 1; i >= 0; i--) {
            out.add(week(brain, last.plus(-i)));
        }
        return out;
    }
}
