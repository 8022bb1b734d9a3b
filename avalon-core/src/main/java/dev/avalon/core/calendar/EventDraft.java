package dev.avalon.core.calendar;

import com.fasterxml.jackson.databind.JsonNode;
import dev.avalon.core.base.ErrorCode;
import dev.avalon.core.base.Refusal;
import dev.avalon.core.base.Mailbox;
import dev.avalon.core.base.Violation;
import dev.avalon.core.time.DateTimeInput;
import dev.avalon.core.time.DateTimeOutput;

import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.zone.ZoneOffsetTransition;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Turns the {@code data} of {@code calendar.create_event} or {@code calendar.update_event} into an
 * event, checking every field the schema cannot (times, zone, domain, title, attendees, rule) and
 * reporting every problem at once.
 */
final class EventDraft {

    private EventDraft() {
    }

    /** Whether {@code text} holds a control character or a line/paragraph separator. */
    static boolean hasControl(String text) {
        return text.codePoints().anyMatch(c -> Character.getType(c) == Character.CONTROL
                || c == 0x2028 || c == 0x2029 || Character.getType(c) == Character.FORMAT && c != 0x200D);
    }

    static boolean validAddress(String address) {
        return Mailbox.isAddress(address);
    }

    /**
     * The event {@code data} describes, on top of {@code base} for an update.
     *
     * @throws Refusal VALIDATION_FAILED listing every problem
     */
    static CalendarEvent build(JsonNode data, CalendarEvent base, String id, String uid, CalendarRules rules,
                               ZoneId userZone, Instant now) {
        List<Violation> problems = new ArrayList<>();
        String title = data.has("title") ? data.get("title").asText() : base.title();
        String location = data.has("location") ? data.get("location").asText() : base == null ? "" : base.location();
        String description = data.has("description") ? data.get("description").asText()
                : base == null ? "" : base.description();
        checkTexts(title, location, description, rules, problems);
        String domain = data.has("domain") ? data.get("domain").asText() : base.domain();
        if (!rules.domains().containsKey(domain)) {
            problems.add(new Violation("$.data.domain", "is not a domain of behaviour.avl; known: "
                    + String.join(", ", rules.domains().keySet())));
        }
        ZoneId zone = base == null ? userZone : base.zone();
        if (data.has("zone")) {
            String z = data.get("zone").asText();
            if (ZoneId.getAvailableZoneIds().contains(z)) {
                zone = ZoneId.of(z);
            } else {
                problems.add(new Violation("$.data.zone", "is not a known IANA time zone: " + z));
            }
        }
        boolean timed = data.has("start") || data.has("end");
        boolean allDayGiven = data.has("startDate") || data.has("endDate");
        boolean allDay = base != null && base.allDay();
        LocalDateTime start = base == null ? null : base.start();
        LocalDateTime end = base == null ? null : base.end();
        if (timed && allDayGiven) {
            problems.add(new Violation("$.data.startDate", "give either start/end (timed) or startDate/endDate (all-day)"));
        } else if (timed) {
            allDay = false;
            LocalDateTime s = data.has("start") ? localDateTime(data.get("start").asText(), zone, "$.data.start", problems)
                    : base != null && !base.allDay() ? base.start() : null;
            LocalDateTime e = data.has("end") ? localDateTime(data.get("end").asText(), zone, "$.data.end", problems)
                    : null;
            if (e == null && !data.has("end") && base != null && !base.allDay() && s != null) {
                e = s.plus(Duration.between(base.start(), base.end()));
            }
            if (s == null && !data.has("start")) {
                problems.add(new Violation("$.data.start", "is required with end"));
            }
            if (e == null && !data.has("end")) {
                problems.add(new Violation("$.data.end", "is required with start"));
            }
            start = s;
            end = e;
        } else if (allDayGiven) {
            allDay = true;
            LocalDate s = data.has("startDate") ? date(data.get("startDate").asText(), "$.data.startDate", problems)
                    : null;
            LocalDate e = data.has("endDate") ? date(data.get("endDate").asText(), "$.data.endDate", problems)
                    : s == null ? null : s.plusDays(1);
            if (!data.has("startDate")) {
                problems.add(new Violation("$.data.startDate", "is required with endDate"));
            }
            if (s != null && s.equals(e)) {
                // "all day on the 5th" is written with the same day twice as often as with the day after
                e = s.plusDays(1);
            }
            start = s == null ? null : s.atStartOfDay();
            end = e == null ? null : e.atStartOfDay();
        } else if (base == null) {
            problems.add(new Violation("$.data.start", "is required (or startDate for an all-day event)"));
        }
        if (start != null && end != null && !end.isAfter(start)) {
            problems.add(new Violation(allDay ? "$.data.endDate" : "$.data.end", "must be after the start"));
        }
        if (start != null && end != null && !allDay && zone != null
                && !end.atZone(zone).toInstant().isAfter(start.atZone(zone).toInstant())) {
            problems.add(new Violation("$.data.end", "must be after the start on the time line of " + zone));
        }
        List<String> attendees = new ArrayList<>();
        if (data.has("attendees")) {
            Set<String> seen = new LinkedHashSet<>();
            JsonNode list = data.get("attendees");
            for (int i = 0; i < list.size(); i++) {
                java.util.Optional<Mailbox> a = Mailbox.parse(list.get(i).asText());
                if (a.isEmpty()) {
                    problems.add(new Violation("$.data.attendees[" + i + "]",
                            "is not a valid e-mail address, e.g. jan@example.org or Jan Jansen <jan@example.org>"));
                } else if (!seen.add(a.get().address().toLowerCase(java.util.Locale.ROOT))) {
                    problems.add(new Violation("$.data.attendees[" + i + "]", "is listed twice"));
                } else {
                    // kept in one form, so a name given with or without quotes is the same attendee
                    attendees.add(a.get().text());
                }
            }
        } else if (base != null) {
            attendees.addAll(base.attendees());
        }
        Recurrence recurrence = base == null ? null : base.recurrence();
        if (data.has("recurrence")) {
            recurrence = recurrence(data.get("recurrence"), start, problems);
        } else if (recurrence != null && start != null && base != null && !start.equals(base.start())) {
            // a moved series keeps its rule, but the rule must still fit the new first instance
            checkRuleFitsStart(recurrence, start, "$.data.start", problems);
        }
        EventMode mode = data.has("mode") ? EventMode.valueOf(data.get("mode").asText())
                : base == null ? rules.defaultMode() : base.mode();
        List<ChecklistItem> checklist = new ArrayList<>();
        if (data.has("checklist")) {
            JsonNode list = data.get("checklist");
            for (int i = 0; i < list.size(); i++) {
                String text = list.get(i).asText();
                if (text.isBlank() || hasControl(text)) {
                    problems.add(new Violation("$.data.checklist[" + i + "]", "must be non-blank text without control characters"));
                }
                checklist.add(new ChecklistItem(text, false));
            }
        } else if (base != null) {
            checklist.addAll(base.checklist());
        }
        if (!problems.isEmpty()) {
            throw new Refusal(ErrorCode.VALIDATION_FAILED, "the event is not valid", problems);
        }
        CalendarEvent event = new CalendarEvent(id, uid, base == null ? null : base.remoteId(),
                base == null ? null : base.etag(), title, allDay, start, end, zone, domain, location, description,
                attendees, recurrence, base == null ? Set.of() : base.exceptions(), mode,
                base == null ? 0 : base.sequence(), EventStatus.CONFIRMED, checklist,
                base == null ? now : base.createdAt(), base == null ? now : base.changeStamp(now));
        return base == null ? event : SeriesExceptions.carry(base, event);
    }

    private static Recurrence recurrence(JsonNode r, LocalDateTime start, List<Violation> problems) {
        boolean hasUntil = r.has("until");
        boolean hasCount = r.has("count");
        if (hasUntil == hasCount) {
            problems.add(new Violation("$.data.recurrence", hasUntil
                    ? "give until or count, not both" : "needs an end: until or count"));
            return null;
        }
        Frequency freq = Frequency.valueOf(r.get("freq").asText());
        List<DayOfWeek> days = new ArrayList<>();
        r.path("byDay").forEach(d -> days.add(Recurrence.fromTwoLetters(d.asText())));
        List<Integer> monthDays = new ArrayList<>();
        r.path("byMonthDay").forEach(d -> monthDays.add(d.asInt()));
        if (!days.isEmpty() && freq != Frequency.WEEKLY && freq != Frequency.MONTHLY) {
            problems.add(new Violation("$.data.recurrence.byDay", "is only supported with WEEKLY or MONTHLY"));
            return null;
        }
        if (!monthDays.isEmpty() && freq != Frequency.MONTHLY) {
            problems.add(new Violation("$.data.recurrence.byMonthDay", "is only supported with MONTHLY"));
            return null;
        }
        List<Integer> setPositions = new ArrayList<>();
        r.path("bySetPos").forEach(d -> setPositions.add(d.asInt()));
        if (!setPositions.isEmpty() && freq != Frequency.MONTHLY) {
            problems.add(new Violation("$.data.recurrence.bySetPos", "is only supported with MONTHLY"));
            return null;
        }
        if (!setPositions.isEmpty() && days.isEmpty() && monthDays.isEmpty()) {
            problems.add(new Violation("$.data.recurrence.bySetPos",
                    "picks from the dates byDay or byMonthDay give: give one of them"));
            return null;
        }
        LocalDate until = hasUntil ? date(r.get("until").asText(), "$.data.recurrence.until", problems) : null;
        if (hasUntil && until == null) {
            return null;
        }
        if (until != null && start != null && until.isBefore(start.toLocalDate())) {
            problems.add(new Violation("$.data.recurrence.until", "is before the first instance"));
            return null;
        }
        Recurrence rule = new Recurrence(freq, r.path("interval").asInt(1), days, monthDays, setPositions, until,
                hasCount ? r.get("count").asInt() : null);
        if (start != null) {
            checkRuleFitsStart(rule, start, "$.data.recurrence", problems);
        }
        return rule;
    }

    /** The first instance is the start itself (RFC 5545 DTSTART), so the rule must produce it. */
    private static void checkRuleFitsStart(Recurrence rule, LocalDateTime start, String path, List<Violation> problems) {
        if (!rule.byDay().isEmpty() && !rule.byDay().contains(start.getDayOfWeek())) {
            problems.add(new Violation(path, "byDay must include the start's weekday " + start.getDayOfWeek()));
        }
        if (!rule.byMonthDay().isEmpty() && !rule.byMonthDay().contains(start.getDayOfMonth())) {
            problems.add(new Violation(path, "byMonthDay must include the start's day " + start.getDayOfMonth()));
        }
        if (!rule.bySetPos().isEmpty() && !rule.produces(start.toLocalDate())) {
            problems.add(new Violation(path + ".bySetPos", "must select the start's date " + start.toLocalDate()
                    + " among its month's dates"));
        }
    }

    /** The checks of an event's or an instance's title, location and description, reported at their fields. */
    static void checkTexts(String title, String location, String description, CalendarRules rules,
                           List<Violation> problems) {
        if (title.isBlank()) {
            problems.add(new Violation("$.data.title", "must not be blank"));
        } else if (title.codePointCount(0, title.length()) > rules.titleMaxLength()) {
            problems.add(new Violation("$.data.title", "is longer than " + rules.titleMaxLength() + " characters"));
        }
        if (hasControl(title)) {
            problems.add(new Violation("$.data.title", "must not contain control characters or line breaks"));
        }
        if (hasControl(location)) {
            problems.add(new Violation("$.data.location", "must not contain control characters or line breaks"));
        }
        if (description.codePoints().anyMatch(c -> Character.getType(c) == Character.CONTROL && c != '\n'
                && c != '\t')) {
            problems.add(new Violation("$.data.description", "must not contain control characters other than newlines"));
        }
    }

    /**
     * {@code text} as a wall-clock time in {@code zone}, read by {@link DateTimeInput}: an offset or {@code Z} is
     * turned into the zone's local time, a local time the zone skips or repeats is refused with its two instants.
     */
    static LocalDateTime localDateTime(String text, ZoneId zone, String path, List<Violation> problems) {
        ZonedDateTime at = DateTimeInput.read(text, zone, path, problems).orElse(null);
        if (at == null) {
            return null;
        }
        // an event keeps its wall-clock time and zone, which name the first pass of a repeated hour; the second
        // pass cannot be kept, and moving it silently by an hour would be worse than saying so
        ZonedDateTime first = at.withEarlierOffsetAtOverlap();
        if (!first.equals(at)) {
            problems.add(new Violation(path, "is " + DateTimeOutput.format(at) + ", the second time "
                    + at.toLocalDateTime() + " occurs in " + zone + "; an event keeps its local time in its zone, where "
                    + at.toLocalDateTime() + " is the first time, " + DateTimeOutput.format(first)
                    + ": send that, or a time outside the repeated hour"));
            return null;
        }
        return at.toLocalDateTime();
    }

    /**
     * The original local start of the instance of {@code event} that {@code text} names, or null with a problem
     * added. An instance is named by its original start as {@code calendar.list_events} gives it, or in any
     * form {@link DateTimeInput} reads; a local time is its own name even where the zone skips or repeats it,
     * since the series' rule made it: the instance a rule put into a spring gap is listed, and found, at the
     * instant the clocks show after the jump.
     */
    static LocalDateTime instance(String text, CalendarEvent event, String path, List<Violation> problems) {
        DateTimeInput.Reading reading = DateTimeInput.read(text, event.zone());
        LocalDateTime named = null;
        if (reading instanceof DateTimeInput.Resolved r) {
            named = r.value().toLocalDateTime();
            if (!event.hasInstance(named)) {
                ZoneOffsetTransition jump = event.zone().getRules().previousTransition(r.value().toInstant().plusNanos(1));
                if (jump != null && jump.isGap()
                        && r.value().toInstant().isBefore(jump.getInstant().plus(jump.getDuration()))) {
                    LocalDateTime skipped = named.minus(jump.getDuration());
                    named = event.hasInstance(skipped) ? skipped : named;
                }
            }
        } else if (reading instanceof DateTimeInput.Skipped s) {
            named = s.local();
        } else if (reading instanceof DateTimeInput.Repeated r) {
            named = r.local();
        } else {
            problems.add(new Violation(path, DateTimeInput.problem(reading)));
            return null;
        }
        if (!event.hasInstance(named)) {
            problems.add(new Violation(path, "is not the start of an instance of event " + event.id()
                    + (event.recurring() ? "" : ", which does not recur")));
            return null;
        }
        return named;
    }

    static LocalDate date(String text, String path, List<Violation> problems) {
        try {
            return LocalDate.parse(text);
        } catch (DateTimeException e) {
            problems.add(new Violation(path, "is not a valid date: " + text));
            return null;
        }
    }
}
