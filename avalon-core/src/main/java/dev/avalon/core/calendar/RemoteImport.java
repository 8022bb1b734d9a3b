package dev.avalon.core.calendar;

import dev.avalon.core.port.RemoteEvent;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * An event the user made in the remote calendar, taken into the brain by {@code calendar.sync} so free slots and
 * AUTO_PLAN count it as busy. It keeps its remote id and ETag and is marked {@link EventOrigin#REMOTE}; the
 * remote holds its version, so nothing is written back, and importing it sends no invitation.
 *
 * <p>Its domain: the one Avalon's private property names, when behaviour.avl has it; else the domain whose
 * colour the remote colour is, when exactly one domain has it; else {@code calendar.importDomain}. A series
 * comes with its rule and its cancelled dates (EXDATE); one whose rule Avalon cannot keep (no end, a part it
 * does not know) is not imported and says why.
 */
final class RemoteImport {

    private static final DateTimeFormatter BASIC_LOCAL = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss");
    private static final DateTimeFormatter BASIC_DATE = DateTimeFormatter.BASIC_ISO_DATE;

    private RemoteImport() {
    }

    /** The result of trying to import: the event, or why it is not. */
    record Imported(Optional<CalendarEvent> event, String reason) {
    }

    static Imported of(RemoteEvent r, String id, CalendarRules rules, ZoneId userZone, Instant now) {
        ZoneId zone = r.zone() != null && ZoneId.getAvailableZoneIds().contains(r.zone()) ? ZoneId.of(r.zone())
                : userZone;
        boolean allDay = r.start() == null;
        LocalDateTime start = allDay ? r.startDate().atStartOfDay() : LocalDateTime.ofInstant(r.start(), zone);
        LocalDateTime end = allDay ? r.endDate().atStartOfDay() : LocalDateTime.ofInstant(r.end(), zone);
        if (!end.isAfter(start)) {
            return new Imported(Optional.empty(), "it ends before it starts");
        }
        Recurrence recurrence = null;
        Set<LocalDateTime> exceptions = new TreeSet<>();
        for (String line : r.recurrence()) {
            String upper = line.toUpperCase(Locale.ROOT);
            try {
                if (upper.startsWith("RRULE:")) {
                    recurrence = rule(line.substring("RRULE:".length()), zone);
                } else if (upper.startsWith("EXDATE")) {
                    exceptions.addAll(exdates(line, start, zone));
                } else {
                    return new Imported(Optional.empty(), "its recurrence has a line Avalon does not keep: " + line);
                }
            } catch (IllegalArgumentException | DateTimeParseException e) {
                return new Imported(Optional.empty(), "its rule cannot be kept: " + e.getMessage());
            }
        }
        if (recurrence == null && !exceptions.isEmpty()) {
            exceptions.clear();
        }
        String uid = r.iCalUid() != null && !r.iCalUid().isBlank() ? r.iCalUid() : r.remoteId();
        String title = r.title().isBlank() ? "(geen titel)" : r.title();
        CalendarEvent e = new CalendarEvent(id, uid, r.remoteId(), r.etag(), title, allDay, start, end, zone,
                domain(r, rules), r.location(), r.description(), r.attendees(), recurrence, exceptions,
                EventMode.FREE, 0, EventStatus.CONFIRMED, List.of(), now, now, Map.of(), exceptions, now,
                EventOrigin.REMOTE);
        return new Imported(Optional.of(e), null);
    }

    /** The domain as the class comment says: the private property, the colour, or the configured default. */
    static String domain(RemoteEvent r, CalendarRules rules) {
        String named = r.privateProperties().get(RemoteMapping.DOMAIN);
        if (named != null && rules.domains().containsKey(named)) {
            return named;
        }
        if (r.colorId() != null) {
            List<String> coloured = rules.domains().keySet().stream()
                    .filter(d -> r.colorId().equals(RemoteMapping.colorId(d, rules))).toList();
            if (coloured.size() == 1) {
                return coloured.get(0);
            }
        }
        if (rules.domains().isEmpty() || rules.domains().containsKey(rules.importDomain())) {
            return rules.importDomain();
        }
        return rules.domains().keySet().iterator().next();
    }

    /** An RRULE value as Avalon keeps rules; refused when it has no end or a part Avalon does not know. */
    static Recurrence rule(String value, ZoneId zone) {
        Frequency frequency = null;
        int interval = 1;
        List<DayOfWeek> byDay = new ArrayList<>();
        List<Integer> byMonthDay = new ArrayList<>();
        List<Integer> bySetPos = new ArrayList<>();
        LocalDate until = null;
        Integer count = null;
        for (String part : value.split(";")) {
            String[] kv = part.split("=", 2);
            if (kv.length != 2) {
                throw new IllegalArgumentException("not a rule part: " + part);
            }
            String v = kv[1].trim();
            switch (kv[0].trim().toUpperCase(Locale.ROOT)) {
                case "FREQ" -> frequency = Frequency.valueOf(v.toUpperCase(Locale.ROOT));
                case "INTERVAL" -> interval = Integer.parseInt(v);
                case "COUNT" -> count = Integer.parseInt(v);
                case "UNTIL" -> until = untilDate(v, zone);
                case "BYDAY" -> {
                    for (String d : v.split(",")) {
                        byDay.add(Recurrence.fromTwoLetters(d.trim()));
                    }
                }
                case "BYMONTHDAY" -> {
                    for (String d : v.split(",")) {
                        byMonthDay.add(Integer.parseInt(d.trim()));
                    }
                }
                case "BYSETPOS" -> {
                    for (String d : v.split(",")) {
                        bySetPos.add(Integer.parseInt(d.trim()));
                    }
                }
                case "WKST" -> {
                    // the week start changes nothing for the weekly rules Avalon keeps (INTERVAL 1 or BYDAY
                    // days of one week); kept by the remote as it is
                }
                default -> throw new IllegalArgumentException("unknown rule part " + kv[0]);
            }
        }
        if (frequency == null) {
            throw new IllegalArgumentException("no FREQ");
        }
        if (until == null && count == null) {
            throw new IllegalArgumentException("the series has no end (neither UNTIL nor COUNT)");
        }
        return new Recurrence(frequency, interval, byDay, byMonthDay, bySetPos, until, count);
    }

    private static LocalDate untilDate(String v, ZoneId zone) {
        if (v.endsWith("Z")) {
            return LocalDateTime.parse(v.substring(0, v.length() - 1), BASIC_LOCAL).atOffset(ZoneOffset.UTC)
                    .atZoneSameInstant(zone).toLocalDate();
        }
        if (v.contains("T")) {
            return LocalDateTime.parse(v, BASIC_LOCAL).toLocalDate();
        }
        return LocalDate.parse(v, BASIC_DATE);
    }

    /** The local starts an EXDATE line cancels: UTC, with a TZID, floating, or dates at the series' time. */
    private static List<LocalDateTime> exdates(String line, LocalDateTime start, ZoneId zone) {
        int colon = line.indexOf(':');
        String params = line.substring(0, colon).toUpperCase(Locale.ROOT);
        ZoneId in = zone;
        int tz = params.indexOf("TZID=");
        if (tz >= 0) {
            String id = line.substring(tz + "TZID=".length(), colon).split(";")[0];
            in = ZoneId.of(id);
        }
        List<LocalDateTime> out = new ArrayList<>();
        for (String v : line.substring(colon + 1).split(",")) {
            String t = v.trim();
            if (t.endsWith("Z")) {
                out.add(LocalDateTime.parse(t.substring(0, t.length() - 1), BASIC_LOCAL).atOffset(ZoneOffset.UTC)
                        .atZoneSameInstant(zone).toLocalDateTime());
            } else if (t.contains("T")) {
                out.add(LocalDateTime.parse(t, BASIC_LOCAL).atZone(in).withZoneSameInstant(zone).toLocalDateTime());
            } else {
                out.add(LocalDate.parse(t, BASIC_DATE).atTime(start.toLocalTime()));
            }
        }
        return out;
    }
}
