package dev.avalon.core.notulen;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.MonthDay;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A due date written in words in one action-point line: a keyword ({@code vóór}, {@code voor},
 * {@code uiterlijk}, {@code deadline}, {@code due}, {@code by}, {@code before}, optionally followed by a
 * colon and a Dutch weekday) and then a date as
 * <ul>
 *   <li>ISO {@code 2026-11-30};</li>
 *   <li>day and month with {@code -} or {@code /}: {@code 30-11}, {@code 30/11/2026}, and with
 *       {@code .} only with a year ({@code 30.11.26}; a two-digit year is 20yy), the same separator
 *       throughout;</li>
 *   <li>day and month name: {@code 30 november}, {@code 30 nov.}, {@code 3 mrt 2027}; Dutch names and
 *       abbreviations, and the English ones.</li>
 * </ul>
 * A date without a year is the first such day on or after the minutes' date: minutes of 23 November
 * 2026 that say {@code vóór 5-1} mean 5 January 2027. A date without a keyword is not taken as a due
 * date, since minutes mention dates for many other reasons.
 *
 * @param due  the date meant
 * @param from where the phrase starts in the line
 * @param to   where it ends (exclusive)
 */
record DuePhrase(LocalDate due, int from, int to) {

    private static final Map<String, Integer> MONTHS = Map.ofEntries(
            Map.entry("januari", 1), Map.entry("january", 1), Map.entry("jan", 1),
            Map.entry("februari", 2), Map.entry("february", 2), Map.entry("feb", 2),
            Map.entry("maart", 3), Map.entry("march", 3), Map.entry("mrt", 3), Map.entry("mar", 3),
            Map.entry("april", 4), Map.entry("apr", 4),
            Map.entry("mei", 5), Map.entry("may", 5),
            Map.entry("juni", 6), Map.entry("june", 6), Map.entry("jun", 6),
            Map.entry("juli", 7), Map.entry("july", 7), Map.entry("jul", 7),
            Map.entry("augustus", 8), Map.entry("august", 8), Map.entry("aug", 8),
            Map.entry("september", 9), Map.entry("sep", 9), Map.entry("sept", 9),
            Map.entry("oktober", 10), Map.entry("october", 10), Map.entry("okt", 10), Map.entry("oct", 10),
            Map.entry("november", 11), Map.entry("nov", 11),
            Map.entry("december", 12), Map.entry("dec", 12));
    // longest first, so that "sept" is not read as "sep" followed by a stray "t"
    private static final String MONTH_NAMES = String.join("|", MONTHS.keySet().stream()
            .sorted((a, b) -> b.length() - a.length()).toList());
    private static final String WEEKDAY = "(?:(?:maandag|dinsdag|woensdag|donderdag|vrijdag|zaterdag|zondag"
            + "|ma|di|wo|do|vr|za|zo)\\.?,?\\s+)?";
    private static final Pattern PHRASE = Pattern.compile(
            "(?<![\\p{L}\\p{N}])(?:v[óo]{1,2}r|uiterlijk|deadline|due|by|before)\\s*:?\\s*" + WEEKDAY
                    + "(?:(?<iso>\\d{4}-\\d{2}-\\d{2})"
                    + "|(?<d>\\d{1,2})(?<sep>[-/.])(?<m>\\d{1,2})(?:\\k<sep>(?<y>\\d{4}|\\d{2}))?"
                    + "|(?<dn>\\d{1,2})\\s+(?<mn>" + MONTH_NAMES + ")\\.?(?:\\s+(?<yn>\\d{4}))?)"
                    + "(?![\\p{L}\\p{N}]|[-/.]\\d)",
            Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);

    /**
     * The first due phrase in {@code text} that names a real date.
     *
     * @param minutesDate the minutes' date, which a date without a year is counted from; when
     *                    {@code null}, such a date is not understood
     */
    static Optional<DuePhrase> find(String text, LocalDate minutesDate) {
        Matcher m = PHRASE.matcher(text);
        while (m.find()) {
            Optional<LocalDate> date = date(m, minutesDate);
            if (date.isPresent()) {
                return Optional.of(new DuePhrase(date.get(), m.start(), m.end()));
            }
        }
        return Optional.empty();
    }

    private static Optional<LocalDate> date(Matcher m, LocalDate minutesDate) {
        try {
            if (m.group("iso") != null) {
                return Optional.of(LocalDate.parse(m.group("iso")));
            }
            boolean numeric = m.group("d") != null;
            int day = Integer.parseInt(numeric ? m.group("d") : m.group("dn"));
            int month = numeric ? Integer.parseInt(m.group("m"))
                    : MONTHS.get(m.group("mn").toLowerCase(Locale.ROOT));
            String year = numeric ? m.group("y") : m.group("yn");
            if (numeric && year == null && ".".equals(m.group("sep"))) {
                // "voor 1.5 uur" is a duration, not the first of May: a dotted date needs its year
                return Optional.empty();
            }
            if (year != null) {
                int y = Integer.parseInt(year);
                return Optional.of(LocalDate.of(year.length() == 2 ? 2000 + y : y, month, day));
            }
            return minutesDate == null ? Optional.empty() : onOrAfter(MonthDay.of(month, day), minutesDate);
        } catch (DateTimeException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** The first {@code day} on or after {@code from}; 29 February waits for the next leap year. */
    static Optional<LocalDate> onOrAfter(MonthDay day, LocalDate from) {
        for (int year = from.getYear(); year <= from.getYear() + 8; year++) {
            if (day.isValidYear(year) && !day.atYear(year).isBefore(from)) {
                return Optional.of(day.atYear(year));
            }
        }
        return Optional.empty();
    }
}
