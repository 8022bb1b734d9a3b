package dev.avalon.ics.internal;

import dev.avalon.core.base.Mailbox;
import dev.avalon.core.port.InviteRequest;

import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * The semantic rules of an invitation that the record itself does not enforce. Every broken rule is
 * reported at once, each starting with the field it is about.
 */
public final class InviteCheck {

    /**
     * Deliberately plain: a local part and a domain without spaces or the characters that would end a
     * calendar address or a mail header. The calendar engine checks addresses before they get here.
     */
    private static final Pattern ADDRESS = Pattern.compile("[^\\s@<>()\\[\\]\\\\,;:\"]+@[A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?");

    private InviteCheck() {
    }

    /**
     * The violations of {@code request}, empty when it can be rendered.
     *
     * @param knownZone tells whether a region zone can be written as a VTIMEZONE
     */
    public static List<String> violations(InviteRequest request, Predicate<String> knownZone) {
        List<String> problems = new ArrayList<>();
        if (request.uid().isBlank() || hasControl(request.uid(), false)) {
            problems.add("uid: must be non-blank text without control characters");
        }
        if (!isAddress(request.organizer())) {
            problems.add("organizer: not an e-mail address: " + printable(request.organizer()));
        }
        List<String> attendees = request.attendees();
        if (attendees.isEmpty()) {
            problems.add("attendees: an invitation needs at least one attendee");
        }
        for (int i = 0; i < attendees.size(); i++) {
            if (attendee(attendees.get(i)).isEmpty()) {
                problems.add("attendees[" + i + "]: not an e-mail address: " + printable(attendees.get(i)));
            }
        }
        if (request.summary().isBlank()) {
            problems.add("summary: must not be blank");
        }
        text("summary", request.summary(), problems);
        text("description", request.description(), problems);
        text("location", request.location(), problems);
        zone("start", request.start(), knownZone, problems);
        zone("end", request.end(), knownZone, problems);
        if (!request.end().toInstant().isAfter(request.start().toInstant())) {
            problems.add("end: must be after start");
        }
        if (request.recurrenceId() != null) {
            zone("recurrenceId", request.recurrenceId(), knownZone, problems);
            if (request.rrule() != null) {
                problems.add("rrule: an invite for one instance (recurrenceId) carries no rrule");
            }
        }
        if (request.rrule() != null && (request.rrule().isBlank() || hasControl(request.rrule(), false))) {
            problems.add("rrule: must be an RRULE value such as FREQ=WEEKLY;COUNT=4");
        }
        return List.copyOf(problems);
    }

    /**
     * Text as written: ical4j escapes LF but would write a lone CR as it is, which a reader takes for
     * the end of the line, so every CR LF and CR becomes LF first.
     */
    public static String lineBreaks(String text) {
        return text.replace("\r\n", "\n").replace('\r', '\n');
    }

    /**
     * The attendee {@code text} names: a plain address, or a display name and a plain address as
     * {@link Mailbox} reads them ({@code Jan Jansen <jan@example.org>}); empty when it is neither.
     */
    public static Optional<Mailbox> attendee(String text) {
        return Mailbox.parse(text).filter(mailbox -> isAddress(mailbox.address()));
    }

    /** Whether {@code address} is a plain e-mail address ({@code local@domain}). */
    public static boolean isAddress(String address) {
        return ADDRESS.matcher(address).matches();
    }

    /** Whether {@code zone} is written as UTC ({@code …Z}) rather than with a TZID. */
    public static boolean isUtc(ZoneId zone) {
        return zone.normalized().equals(ZoneOffset.UTC);
    }

    private static void zone(String field, ZonedDateTime time, Predicate<String> knownZone, List<String> problems) {
        ZoneId zone = time.getZone();
        if (isUtc(zone)) {
            return;
        }
        if (zone instanceof ZoneOffset) {
            problems.add(field + ": a fixed offset has no time zone definition; use a region such as Europe/Amsterdam, or UTC");
        } else if (!knownZone.test(zone.getId())) {
            problems.add(field + ": unknown time zone " + zone.getId());
        }
    }

    private static void text(String field, String value, List<String> problems) {
        if (hasControl(value, true)) {
            problems.add(field + ": contains control characters");
        }
    }

    /** Control characters other than line breaks and tabs (which text may hold) are refused. */
    private static boolean hasControl(String value, boolean lineBreaksAllowed) {
        // every control character is a single UTF-16 unit, so the chars can be checked one by one
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            boolean control = c < 0x20 || c == 0x7f;
            if (control && !(lineBreaksAllowed && (c == '\n' || c == '\r' || c == '\t'))) {
                return true;
            }
        }
        return false;
    }

    private static String printable(String value) {
        return value.replaceAll("\\p{Cntrl}", "?");
    }
}
