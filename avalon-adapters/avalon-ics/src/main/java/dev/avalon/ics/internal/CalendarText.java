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
 * <p>The fold length is the outputter's, fixed when this is created (ical4j reads it from the
 * {@code ical4j.compatibility.outlook} hint), so components written once and calendars written later
 * always agree. Instances are thread-safe.
 */
public final class CalendarText {

    private static final String FIRST_COMPONENT = "\r\nBEGIN:";
    private static final String END = "END:VCALENDAR\r\n";

    // the outputter keeps no state between calls; already validated calendars are not validated again
    private final CalendarOutputter outputter = new CalendarOutputter(false);

    /** The text of {@code calendar}, as {@link CalendarOutputter} writes it. */
    public String of(Calendar calendar) {
        StringWriter text = new StringWriter(2048);
        try {
            outputter.output(calendar, text);
        } catch (IOException | ValidationException e) {
            throw new IllegalStateException("writing a calendar to memory failed", e);
        }
        return text.toString();
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
