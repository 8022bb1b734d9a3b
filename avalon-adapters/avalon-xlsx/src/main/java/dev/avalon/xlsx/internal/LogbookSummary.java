package dev.avalon.xlsx.internal;

import dev.avalon.core.port.LogbookSheet;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the summary sheet shows, computed from the rows alone: per-day means of stress and motivatie,
 * counts per status and per domain (sorted by name), and the total moveCount.
 */
record LogbookSummary(int rows, long moveCount, List<Day> days, Map<String, Integer> statuses,
                      Map<String, Integer> domains) {

    /** One day's figures. */
    record Day(LocalDate date, double meanStress, double meanMotivatie, int entries) {
    }

    LogbookSummary {
        days = List.copyOf(days);
        statuses = Collections.unmodifiableMap(new TreeMap<>(statuses));
        domains = Collections.unmodifiableMap(new TreeMap<>(domains));
    }

    static LogbookSummary of(List<LogbookSheet.Row> rows) {
        Map<LocalDate, long[]> perDay = new TreeMap<>();
        Map<String, Integer> statuses = new TreeMap<>();
        Map<String, Integer> domains = new TreeMap<>();
        long moves = 0;
        for (LogbookSheet.Row row : rows) {
            long[] sums = perDay.computeIfAbsent(row.date(), d -> new long[3]);
            sums[0] += row.stress();
            sums[1] += row.motivatie();
            sums[2]++;
            statuses.merge(row.status(), 1, Integer::sum);
            domains.merge(row.domein(), 1, Integer::sum);
            moves += row.moveCount();
        }
        List<Day> days = new ArrayList<>(perDay.size());
        perDay.forEach((date, sums) -> days.add(
                new Day(date, (double) sums[0] / sums[2], (double) sums[1] / sums[2], (int) sums[2])));
        return new LogbookSummary(rows.size(), moves, days, statuses, domains);
    }
}
