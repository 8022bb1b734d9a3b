package dev.avalon.core.time;

import java.time.LocalDate;
import java.util.Objects;

/**
 * The days Avalon accepts from a caller: 1900-01-01 to 2200-12-31, both inclusive.
 *
 * <p>The range is far wider than a personal calendar needs and narrow enough that every date in it
 * has an ISO week, a four-digit year in every file name and a valid value in every adapter (XLSX
 * dates start in 1900), so a date that was accepted can always be written and read back.
 */
public final class SupportedDates {

    /** The first day accepted. */
    public static final LocalDate FIRST = LocalDate.of(1900, 1, 1);
    /** The last day accepted. */
    public static final LocalDate LAST = LocalDate.of(2200, 12, 31);

    private SupportedDates() {
    }

    /** Whether {@code date} lies within {@link #FIRST} .. {@link #LAST}. */
    public static boolean contains(LocalDate date) {
        Objects.requireNonNull(date, "date");
        return !date.isBefore(FIRST) && !date.isAfter(LAST);
    }

    /** Whether every day of {@code week} lies within the range. */
    public static boolean contains(IsoWeek week) {
        return contains(week.monday()) && contains(week.sunday());
    }

    /** The range as it appears in problems, {@code 1900-01-01 .. 2200-12-31}. */
    public static String range() {
        return FIRST + " .. " + LAST;
    }
}
