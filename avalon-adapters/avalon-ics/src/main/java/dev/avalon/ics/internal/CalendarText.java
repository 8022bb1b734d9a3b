package dev.avalon.ics.internal;

import net.fortuna.ical4j.data.CalendarOutputter;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.ComponentList;
import net.fortuna.ical4j.model.component.CalendarComponent;
import net.fortuna.ical4j.validate.ValidationException;

import java.io.IOException;
import java.io.StringWriter;
import java.util.List;

/**
 * Calendars as ical4j's {@link CalendarOutputter} writes them: folded lines ending in CR LF.
 *
 * <p>The outputter folds every line on its own, so the text of a calendar is its properties' text
 * followed by the text of each component in turn, and a component's text can be written once and put
 * in the place the outputter would have written it. That is how an invite gets its VTIMEZONEs, whose
 * many observances cost far more to write than the rest of the invite.
 *
 * <p>Lines are folded here rather than by the outputter, which counts characters: RFC 5545 §3.1 counts
 * octets, so a line of non-ASCII text folded at 75 characters could be far longer than 75 octets, and
 * a fold by characters may fall between the two halves of a surrogate pair. Each physical line here is
 * at most {@value #FOLD_OCTETS} octets of UTF-8 before its CR LF, and a fold never falls inside the
 * encoding of a code point. Instances are thread-safe.
 */
public final class CalendarText {

    private static final String FIRST_COMPONENT = "\r\nBEGIN:";
    private static final String END = "END:VCALENDAR\r\n";

    /** The longest physical line, in octets of UTF-8 without its CR LF (RFC 5545 §3.1). */
    public static final int FOLD_OCTETS = 75;

    // the outputter keeps no state between calls; already validated calendars are not validated again.
    // It folds at 75 characters at most whatever length it is given, so its folds are undone here and
    // the content lines folded again by octets
    private final CalendarOutputter outputter = new CalendarOutputter(false);

    /** The text of {@code calendar}, as {@link CalendarOutputter} writes it. */
    public String of(Calendar calendar) {
        StringWriter text = new StringWriter(2048);
        try {
            outputter.output(calendar, text);
        } catch (IOException | ValidationException e) {
            throw new IllegalStateException("writing a calendar to memory failed", e);
        }
        return folded(unfolded(text.toString()));
    }

    /**
     * {@code text} with every fold (CR LF and a space) removed: its content lines, each ending in CR LF.
     * A content line never starts with a space, so no other CR LF is taken for a fold.
     */
    public static String unfolded(String text) {
        return text.replace("\r\n ", "");
    }

    /**
     * {@code text}, whose lines end in CR LF, with every line longer than {@link #FOLD_OCTETS} octets
     * folded: CR LF and a space inserted before the code point that would make it longer, the space
     * counting towards the next line's length.
     */
    public static String folded(String text) {
        StringBuilder out = new StringBuilder(text.length() + text.length() / 32);
        int lineOctets = 0;
        for (int i = 0; i < text.length(); ) {
            int codePoint = text.codePointAt(i);
            int chars = Character.charCount(codePoint);
            if (codePoint == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                out.append("\r\n");
                lineOctets = 0;
                i += 2;
                continue;
            }
            int octets = utf8Length(codePoint);
            if (lineOctets + octets > FOLD_OCTETS) {
                out.append("\r\n ");
                lineOctets = 1;
            }
            out.appendCodePoint(codePoint);
            lineOctets += octets;
            i += chars;
        }
        return out.toString();
    }

    private static int utf8Length(int codePoint) {
        if (codePoint < 0x80) {
            return 1;
        }
        if (codePoint < 0x800) {
            return 2;
        }
        // a lone surrogate is written by the encoder as one replacement octet '?'; counting 3 is safe
        return codePoint < 0x10000 ? 3 : 4;
    }

    /** The text {@code component} has inside a calendar, from its BEGIN line to its END line. */
    public String of(CalendarComponent component) {
        String text = of(new Calendar(new ComponentList<>(List.of(component))));
        return text.substring(componentsStart(text), text.length() - END.length());
    }

    /**
     * The text of {@code calendar} with {@code components} (the text of components, see
     * {@link #of(CalendarComponent)}) written before its own components: what the outputter writes
     * for the calendar with those components added at the front of its component list.
     */
    public String of(Calendar calendar, List<String> components) {
        String text = of(calendar);
        if (components.isEmpty()) {
            return text;
        }
        int at = componentsStart(text);
        StringBuilder spliced = new StringBuilder(text.length() + components.stream().mapToInt(String::length).sum());
        spliced.append(text, 0, at);
        components.forEach(spliced::append);
        return spliced.append(text, at, text.length()).toString();
    }

    /**
     * Where the first component begins: the first line after the BEGIN:VCALENDAR line that starts with
     * BEGIN:. Only the calendar's properties come before it, and their lines start with their name
     * (folded lines with a space), so none of them can be taken for it.
     */
    private static int componentsStart(String text) {
        int at = text.indexOf(FIRST_COMPONENT);
        if (at < 0 || !text.endsWith(END)) {
            throw new IllegalStateException("not a calendar with components: " + text);
        }
        return at + 2;
    }
}
