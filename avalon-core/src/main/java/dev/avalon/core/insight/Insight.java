package dev.avalon.core.insight;

import dev.avalon.core.logbook.LogbookEntry;
import dev.avalon.core.logbook.LogbookWeek;
import dev.avalon.core.reminder.Reminder;
import dev.avalon.core.reminder.ReminderBook;
import dev.avalon.core.reminder.ReminderStatus;
import dev.avalon.core.time.IsoWeek;

import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.ToIntFunction;

/**
 * The statistics of the insight engine (seed 04 §8.1): pure functions of the journal and the
 * reminders, no model weights and no I/O. Every metric is either a finite value in its documented
 * range or {@code null} with a reason.
 *
 * <ul>
 *   <li><b>procrastinationIndex</b> = M / (M + N), N the week's entries, M the sum of their
 *       moveCount. Range [0, 1]. Needs N ≥ 1.</li>
 *   <li><b>stressSlope</b>, <b>motivationSlope</b>: the least-squares slope of the per-day mean
 *       (x = day of the week, Monday 0 … Sunday 6; y = mean stress or motivatie of that day's entries),
 *       in points per day. Range [-9, 9] (a weighted mean of pairwise slopes, each at most 9/1).
 *       Needs entries on 2 or more distinct days.</li>
 *   <li><b>reminderEffectiveness</b> = U / C, C the reminders completed during the week (in the
 *       user's zone), U those of them never moved. Range [0, 1]. Needs C ≥ 1.</li>
 *   <li><b>seasonalStagnation</b> = 1 − (max − min) / 9 over the mean motivatie of the week and the
 *       3 weeks before it. Range [0, 1]: 1 is flat, 0 swings over the whole scale. Needs entries in
 *       each of the 4 weeks.</li>
 * </ul>
 */
public final class Insight {

    /** Weeks the seasonal window spans, the given week included. */
    public static final int SEASON_WEEKS = 4;

    private Insight() {
    }

    /**
     * The metrics of {@code week}.
     *
     * @param week      the week to measure
     * @param journal   logbook weeks; those of {@code week} and the 3 before it are used, others ignored
     * @param reminders the reminder book
     * @param zone      the user's zone (for the day a reminder was completed)
     */
    public static WeekMetrics metrics(IsoWeek week, List<LogbookWeek> journal, ReminderBook reminders, ZoneId zone) {
        Objects.requireNonNull(week, "week");
        Objects.requireNonNull(reminders, "reminders");
        Objects.requireNonNull(zone, "zone");
        Map<IsoWeek, List<LogbookEntry>> byWeek = new TreeMap<>();
        for (LogbookWeek w : journal) {
            byWeek.computeIfAbsent(w.week(), k -> new ArrayList<>()).addAll(w.entries());
        }
        List<LogbookEntry> entries = byWeek.getOrDefault(week, List.of());
        int escalations = reminders.escalationsBetween(week.monday(), week.sunday()).size();
        return new WeekMetrics(week, procrastinationIndex(week, entries),
                slope("stressSlope", "stress", week, entries, LogbookEntry::stress),
                slope("motivationSlope", "motivatie", week, entries, LogbookEntry::motivatie),
                reminderEffectiveness(week, reminders, zone), seasonalStagnation(week, byWeek), escalations);
    }

    static Metric procrastinationIndex(IsoWeek week, List<LogbookEntry> entries) {
        long n = entries.size();
        long m = entries.stream().mapToLong(LogbookEntry::moveCount).sum();
        String basis = m + " moves over " + n + " entries in " + week;
        if (n == 0) {
            return Metric.none("procrastinationIndex", "no logbook entries in " + week, basis);
        }
        return Metric.of("procrastinationIndex", (double) m / (double) (m + n), basis, (int) n);
    }

    static Metric slope(String name, String field, IsoWeek week, List<LogbookEntry> entries,
                        ToIntFunction<LogbookEntry> value) {
        Map<Integer, double[]> days = new TreeMap<>();
        for (LogbookEntry e : entries) {
            int x = (int) ChronoUnit.DAYS.between(week.monday(), e.date());
            double[] sumCount = days.computeIfAbsent(x, k -> new double[2]);
            sumCount[0] += value.applyAsInt(e);
            sumCount[1] += 1;
        }
        String basis = "daily mean " + field + " on " + days.size() + " days of " + week;
        if (days.size() < 2) {
            return Metric.none(name, "needs entries on at least 2 days of " + week + ", found " + days.size(), basis);
        }
        double meanX = days.keySet().stream().mapToDouble(Integer::doubleValue).average().orElseThrow();
        double meanY = days.values().stream().mapToDouble(sc -> sc[0] / sc[1]).average().orElseThrow();
        double sxy = 0;
        double sxx = 0;
        StringBuilder points = new StringBuilder();
        for (Map.Entry<Integer, double[]> d : days.entrySet()) {
            double dx = d.getKey() - meanX;
            double y = d.getValue()[0] / d.getValue()[1];
            sxy += dx * (y - meanY);
            sxx += dx * dx;
            points.append(points.length() == 0 ? "" : ", ").append(week.monday().plusDays(d.getKey()).getDayOfWeek()
                    .name(), 0, 3).append(' ').append(Metric.of("y", y, "").value().stripTrailingZeros().toPlainString());
        }
        return Metric.of(name, sxy / sxx, basis + " (" + points + ")", days.size());
    }

    static Metric reminderEffectiveness(IsoWeek week, ReminderBook reminders, ZoneId zone) {
        List<Reminder> completed = reminders.reminders().stream()
                .filter(r -> r.status() == ReminderStatus.COMPLETED)
                .filter(r -> week.contains(r.completedAt().atZone(zone).toLocalDate())).toList();
        long unmoved = completed.stream().filter(r -> r.moveCount() == 0).count();
        String basis = unmoved + " of " + completed.size() + " reminders completed in " + week + " were never moved";
        if (completed.isEmpty()) {
            return Metric.none("reminderEffectiveness", "no reminder was completed in " + week, basis);
        }
        return Metric.of("reminderEffectiveness", (double) unmoved / completed.size(), basis, completed.size());
    }

    static Metric seasonalStagnation(IsoWeek week, Map<IsoWeek, List<LogbookEntry>> byWeek) {
        List<Double> means = new ArrayList<>();
        List<IsoWeek> missing = new ArrayList<>();
        for (int i = SEASON_WEEKS - 1; i >= 0; i--) {
            IsoWeek w = week.plus(-i);
            List<LogbookEntry> entries = byWeek.getOrDefault(w, List.of());
            if (entries.isEmpty()) {
                missing.add(w);
            } else {
                means.add(entries.stream().mapToInt(LogbookEntry::motivatie).average().orElseThrow());
            }
        }
        String basis = "weekly mean motivatie of " + week.plus(-(SEASON_WEEKS - 1)) + " to " + week;
        if (!missing.isEmpty()) {
            return Metric.none("seasonalStagnation", "needs entries in each of the " + SEASON_WEEKS
                    + " weeks up to " + week + "; none in " + missing, basis);
        }
        double max = means.stream().mapToDouble(Double::doubleValue).max().orElseThrow();
        double min = means.stream().mapToDouble(Double::doubleValue).min().orElseThrow();
        List<String> shown = means.stream()
                .map(x -> Metric.of("m", x, "").value().stripTrailingZeros().toPlainString()).toList();
        return Metric.of("seasonalStagnation", 1.0 - (max - min) / 9.0, basis + " (" + String.join(", ", shown) + ")",
                means.size());
    }
}
