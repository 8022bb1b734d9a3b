package dev.avalon.ics.internal;

import net.fortuna.ical4j.validate.ValidationException;
import net.fortuna.ical4j.validate.ValidationResult;
import net.fortuna.ical4j.model.TimeZone;
import net.fortuna.ical4j.model.TimeZoneRegistry;
import net.fortuna.ical4j.model.TimeZoneRegistryFactory;
import net.fortuna.ical4j.model.component.VTimeZone;
import net.fortuna.ical4j.model.property.TzId;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * VTIMEZONE definitions from the tz data shipped inside ical4j (never fetched: see
 * {@code ical4j.properties}).
 *
 * <p>ical4j answers a linked zone with its target's definition (Europe/Amsterdam with
 * Europe/Brussels); the copy handed out carries the requested id as TZID, so it matches the TZID
 * parameter of the times that use it, and drops the TZURL and X-LIC-LOCATION lines that name the target.
 * Each definition is validated and written once, when it is first loaded: its observances come from
 * the bundled tz data and never change.
 */
public final class ZoneDefinitions {

    private final TimeZoneRegistry registry = TimeZoneRegistryFactory.getInstance().createRegistry();
    private final Map<String, Optional<ZoneDefinition>> byId = new ConcurrentHashMap<>();
    private final CalendarText calendarText;

    /** Definitions whose text is written by {@code calendarText}, the writer of the calendars they go in. */
    public ZoneDefinitions(CalendarText calendarText) {
        this.calendarText = Objects.requireNonNull(calendarText, "calendarText");
    }

    /** Whether a definition exists for the region {@code zoneId}. */
    public boolean knows(String zoneId) {
        return definition(zoneId).isPresent();
    }

    /**
     * The definition of {@code zoneId}, shared between calls: callers add its component to a calendar
     * or write its text, and never change it.
     */
    public Optional<ZoneDefinition> definition(String zoneId) {
        return byId.computeIfAbsent(zoneId, this::load);
    }

    private Optional<ZoneDefinition> load(String zoneId) {
        TimeZone zone;
        synchronized (registry) {
            zone = registry.getTimeZone(zoneId);
        }
        if (zone == null) {
            return Optional.empty();
        }
        VTimeZone copy = zone.getVTimeZone().copy();
        copy.removeAll("TZURL", "X-LIC-LOCATION");
        copy.replace(new TzId(zoneId));
        // validated once here, so an invite that uses it need not validate its many observances again
        ValidationResult result;
        try {
            result = copy.validate();
        } catch (ValidationException e) {
            throw new IllegalStateException("the bundled definition of " + zoneId + " is invalid: " + e.getMessage(), e);
        }
        if (result.hasErrors()) {
            throw new IllegalStateException("the bundled definition of " + zoneId + " is invalid: " + result.getEntries());
        }
        return Optional.of(new ZoneDefinition(zoneId, copy, calendarText.of(copy)));
    }
}
