package dev.avalon.testkit.invite;

import dev.avalon.core.port.Invite;
import dev.avalon.core.port.InviteRenderer;
import dev.avalon.core.port.InviteRequest;
import dev.avalon.core.port.InviteRequest.InviteMethod;

import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A fake {@link InviteRenderer}: one {@code NAME[;TZID=zone]:value} line per field, text escaped,
 * no folding and no VTIMEZONE. It reads back only what it wrote. Deterministic and fast, for tests of
 * engines that need invitations without ical4j; it passes {@code InviteRendererContract}, so it
 * refuses the same requests as a real renderer. Thread-safe.
 */
public final class PlainInviteRenderer implements InviteRenderer {

    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmmss");
    private static final Pattern ADDRESS = Pattern.compile("[^\\s@<>()\\[\\]\\\\,;:\"]+@[A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?");
    private static final String CRLF = "\r\n";

    @Override
    public Invite render(InviteRequest request) {
        Objects.requireNonNull(request, "request");
        List<String> problems = violations(request);
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("invalid invite: " + String.join("; ", problems));
        }
        StringBuilder out = new StringBuilder();
        line(out, "BEGIN", "VCALENDAR");
        line(out, "PRODID", "-//Avalon testkit//Plain invites//EN");
        line(out, "VERSION", "2.0");
        line(out, "METHOD", request.method().name());
        line(out, "BEGIN", "VEVENT");
        line(out, "UID", escape(request.uid()));
        line(out, "SEQUENCE", Integer.toString(request.sequence()));
        line(out, "DTSTAMP", LOCAL.format(request.stamp().atOffset(ZoneOffset.UTC)) + "Z");
        time(out, "DTSTART", request.start());
        time(out, "DTEND", request.end());
        if (request.recurrenceId() != null) {
            time(out, "RECURRENCE-ID", request.recurrenceId());
        }
        if (request.rrule() != null) {
            line(out, "RRULE", request.rrule());
        }
        for (ZonedDateTime exdate : request.exdates()) {
            time(out, "EXDATE", exdate);
        }
        line(out, "SUMMARY", escape(request.summary()));
        line(out, "DESCRIPTION", escape(request.description()));
        line(out, "LOCATION", escape(request.location()));
        if (request.method() == InviteMethod.CANCEL && !request.uninvite()) {
            line(out, "STATUS", "CANCELLED");
        }
        line(out, "ORGANIZER", "mailto:" + request.organizer());
        for (String attendee : request.attendees()) {
            line(out, "ATTENDEE;ROLE=REQ-PARTICIPANT;PARTSTAT=NEEDS-ACTION;RSVP=TRUE", "mailto:" + attendee);
        }
        line(out, "END", "VEVENT");
        for (InviteRequest.Instance i : request.instances()) {
            line(out, "BEGIN", "VEVENT");
            line(out, "UID", escape(request.uid()));
            time(out, "RECURRENCE-ID", i.recurrenceId());
            time(out, "DTSTART", i.start());
            time(out, "DTEND", i.end());
            line(out, "SUMMARY", escape(i.summary()));
            line(out, "DESCRIPTION", escape(i.description()));
            line(out, "LOCATION", escape(i.location()));
            line(out, "END", "VEVENT");
        }
        line(out, "END", "VCALENDAR");
        return new Invite(request, out.toString().getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public InviteRequest parse(byte[] icalendar) {
        String text = new String(Objects.requireNonNull(icalendar, "icalendar"), StandardCharsets.UTF_8);
        if (!text.startsWith("BEGIN:VCALENDAR" + CRLF)) {
            throw new IllegalArgumentException("icalendar: not a VCALENDAR");
        }
        Map<String, String> fields = new LinkedHashMap<>();
        List<String> attendees = new ArrayList<>();
        List<String> exdates = new ArrayList<>();
        List<Map<String, String>> instances = new ArrayList<>();
        int events = 0;
        for (String line : text.split(CRLF)) {
            int colon = line.indexOf(':');
            if (colon < 0) {
                throw new IllegalArgumentException("icalendar: a line without a value: " + line);
            }
            String head = line.substring(0, colon);
            String value = line.substring(colon + 1);
            String name = head.contains(";") ? head.substring(0, head.indexOf(';')) : head;
            String kept = head.contains(";TZID=") ? head.substring(head.indexOf(";TZID=") + 6) + "|" + value : value;
            if (line.equals("BEGIN:VEVENT") && ++events > 1) {
                instances.add(new LinkedHashMap<>());
            } else if (events > 1 && !name.equals("END")) {
                instances.get(instances.size() - 1).put(name, kept);
            } else if (name.equals("ATTENDEE")) {
                attendees.add(mailto(value));
            } else if (name.equals("EXDATE")) {
                exdates.add(kept);
            } else if (!name.equals("BEGIN") && !name.equals("END")) {
                fields.put(name, kept);
            }
        }
        try {
            return new InviteRequest(
                    InviteMethod.valueOf(need(fields, "METHOD")),
                    unescape(need(fields, "UID")),
                    Integer.parseInt(need(fields, "SEQUENCE")),
                    parseTime(need(fields, "DTSTAMP")).toInstant(),
                    mailto(need(fields, "ORGANIZER")),
                    attendees,
                    unescape(need(fields, "SUMMARY")),
                    unescape(fields.getOrDefault("DESCRIPTION", "")),
                    unescape(fields.getOrDefault("LOCATION", "")),
                    parseTime(need(fields, "DTSTART")),
                    parseTime(need(fields, "DTEND")),
                    fields.get("RRULE"),
                    fields.containsKey("RECURRENCE-ID") ? parseTime(fields.get("RECURRENCE-ID")) : null,
                    "CANCEL".equals(fields.get("METHOD")) && !fields.containsKey("STATUS"),
                    exdates.stream().map(PlainInviteRenderer::parseTime).toList(),
                    instances.stream().map(i -> new InviteRequest.Instance(parseTime(need(i, "RECURRENCE-ID")),
                            parseTime(need(i, "DTSTART")), parseTime(need(i, "DTEND")), unescape(need(i, "SUMMARY")),
                            unescape(i.getOrDefault("DESCRIPTION", "")), unescape(i.getOrDefault("LOCATION", ""))))
                            .toList());
        } catch (DateTimeParseException | NumberFormatException e) {
            throw new IllegalArgumentException("icalendar: " + e.getMessage(), e);
        }
    }

    private static List<String> violations(InviteRequest r) {
        List<String> problems = new ArrayList<>();
        if (r.uid().isBlank() || hasControl(r.uid(), false)) {
            problems.add("uid: must be non-blank text without control characters");
        }
        if (!ADDRESS.matcher(r.organizer()).matches()) {
            problems.add("organizer: not an e-mail address");
        }
        if (r.attendees().isEmpty()) {
            problems.add("attendees: an invitation needs at least one attendee");
        }
        for (int i = 0; i < r.attendees().size(); i++) {
            if (!ADDRESS.matcher(r.attendees().get(i)).matches()) {
                problems.add("attendees[" + i + "]: not an e-mail address");
            }
        }
        if (r.summary().isBlank()) {
            problems.add("summary: must not be blank");
        }
        for (String[] field : new String[][] {{"summary", r.summary()}, {"description", r.description()}, {"location", r.location()}}) {
            if (hasControl(field[1], true)) {
                problems.add(field[0] + ": contains control characters");
            }
        }
        zone("start", r.start(), problems);
        zone("end", r.end(), problems);
        if (!r.end().toInstant().isAfter(r.start().toInstant())) {
            problems.add("end: must be after start");
        }
        if (r.recurrenceId() != null) {
            zone("recurrenceId", r.recurrenceId(), problems);
            if (r.rrule() != null) {
                problems.add("rrule: an invite for one instance (recurrenceId) carries no rrule");
            }
        }
        if (r.rrule() != null && (r.rrule().isBlank() || hasControl(r.rrule(), false))) {
            problems.add("rrule: must be an RRULE value");
        }
        return problems;
    }

    private static void zone(String field, ZonedDateTime time, List<String> problems) {
        ZoneId zone = time.getZone();
        if (zone instanceof ZoneOffset && !zone.equals(ZoneOffset.UTC)) {
            problems.add(field + ": a fixed offset has no time zone definition");
        }
    }

    private static boolean hasControl(String value, boolean lineBreaksAllowed) {
        return value.chars().anyMatch(c -> (c < 0x20 || c == 0x7f)
                && !(lineBreaksAllowed && (c == '\n' || c == '\r' || c == '\t')));
    }

    private static void line(StringBuilder out, String name, String value) {
        out.append(name).append(':').append(value).append(CRLF);
    }

    private static void time(StringBuilder out, String name, ZonedDateTime time) {
        ZonedDateTime whole = time.truncatedTo(ChronoUnit.SECONDS);
        if (whole.getZone().normalized().equals(ZoneOffset.UTC)) {
            line(out, name, LOCAL.format(whole.withZoneSameInstant(ZoneOffset.UTC)) + "Z");
        } else {
            line(out, name + ";TZID=" + whole.getZone().getId(), LOCAL.format(whole));
        }
    }

    private static ZonedDateTime parseTime(String value) {
        int bar = value.indexOf('|');
        if (bar >= 0) {
            return LocalDateTime.parse(value.substring(bar + 1), LOCAL).atZone(ZoneId.of(value.substring(0, bar)));
        }
        if (!value.endsWith("Z")) {
            throw new IllegalArgumentException("icalendar: a floating time: " + value);
        }
        return LocalDateTime.parse(value.substring(0, value.length() - 1), LOCAL).atZone(ZoneOffset.UTC);
    }

    private static String need(Map<String, String> fields, String name) {
        String value = fields.get(name);
        if (value == null) {
            throw new IllegalArgumentException("icalendar: no " + name);
        }
        return value;
    }

    private static String mailto(String value) {
        if (!value.startsWith("mailto:")) {
            throw new IllegalArgumentException("icalendar: not a mailto: address: " + value);
        }
        return value.substring("mailto:".length());
    }

    private static String escape(String text) {
        return text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
                .replace("\r\n", "\n").replace("\r", "\n").replace("\n", "\\n");
    }

    private static String unescape(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\' && i + 1 < text.length()) {
                char next = text.charAt(++i);
                out.append(next == 'n' || next == 'N' ? '\n' : next);
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
