package dev.avalon.core.port;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One week of the logbook as a sheet shows it.
 *
 * @param week ISO week, e.g. {@code 2026-W47}
 * @param rows the entries in journal order
 */
public record LogbookSheet(String week, List<Row> rows) {

    private static final Pattern WEEK = Pattern.compile("\\d{4}-W\\d{2}");

    public LogbookSheet {
        Objects.requireNonNull(week, "week");
        if (!WEEK.matcher(week).matches()) {
            throw new IllegalArgumentException("week must look like 2026-W47: " + week);
        }
        rows = List.copyOf(rows);
    }

    /** One daily entry, with the wire names of the seed as Java names where they are fields. */
    public record Row(LocalDate date, String activiteit, String domein, int stress, int motivatie, String status,
                      int moveCount) {
        public Row {
            Objects.requireNonNull(date, "date");
            Objects.requireNonNull(activiteit, "activiteit");
            Objects.requireNonNull(domein, "domein");
            Objects.requireNonNull(status, "status");
        }
    }
}
