package dev.avalon.ics.internal;

import net.fortuna.ical4j.model.component.VTimeZone;

import java.util.Objects;

/**
 * The VTIMEZONE of a region, validated, with its text as {@link CalendarText} writes it inside a
 * calendar (folded, from BEGIN:VTIMEZONE to END:VTIMEZONE). Neither is ever changed.
 *
 * @param zoneId    the region, which is also the component's TZID
 * @param component the VTIMEZONE, for a calendar model that needs it
 * @param text      the component's text, for an invite written with {@link CalendarText#of(net.fortuna.ical4j.model.Calendar, java.util.List)}
 */
public record ZoneDefinition(String zoneId, VTimeZone component, String text) {

    public ZoneDefinition {
        Objects.requireNonNull(zoneId, "zoneId");
        Objects.requireNonNull(component, "component");
        Objects.requireNonNull(text, "text");
    }
}
