package dev.avalon.ics.internal;

import net.fortuna.ical4j.validate.ValidationException;
import net.fortuna.ical4j.validate.ValidationResult;
import net.fortuna.ical4j.model.TimeZone;
import net.fortuna.ical4j.model.TimeZoneRegistry;
import net.fortuna.ical4j.model.TimeZoneRegistryFactory;
import net.fortuna.ical4j.model.ComponentList;
import net.fortuna.ical4j.model.component.Observance;
import net.fortuna.ical4j.model.component.VTimeZone;
import net.fortuna.ical4j.model.property.TzId;

import java.time.Instant;
import java.time.Period;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
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
 *
 * <p>An invite needs only the observances in force while its event is: RFC 5545 §3.6.5 lets a
 * VTIMEZONE hold just the transitions that cover the times the calendar uses, and a full definition
 * (every rule since the nineteenth century) is most of an invite's size. {@link #definition(String,
 * Instant, Instant)} keeps the observance in force at the start of a span and each one that begins
 * within it (give or take a day), in their original order and whole (with their rules).
 */
public final class ZoneDefinitions {

    private final TimeZoneRegistry registry = TimeZoneRegistryFactory.getInstance().createRegistry();
    /** How far past a zone's last fixed transition its yearly rules are followed: each rule comes round. */
    private static final Period RULES_REPEAT = Period.ofYears(2);

    /** More than any zone's offset from UTC. */
    private static final java.time.Duration SLACK = java.time.Duration.ofDays(1);

    private final Map<String, Optional<ZoneDefinition>> byId = new ConcurrentHashMap<>();
    private static final java.time.Duration YEAR = java.time.Duration.ofDays(366);
    private final Map<String, ZoneDefinition> trimmed = new ConcurrentHashMap<>();
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

    /**
     * The definition of the known region {@code zoneId} with only the observances in force from
     * {@code from} to {@code to} ({@code null}: with no end, as for a series without UNTIL): the one in
     * force at {@code from} and each that begins after it, up to {@code to}.
     *
     * @throws IllegalArgumentException when {@code zoneId} has no definition
     */
    public ZoneDefinition definition(String zoneId, Instant from, Instant to) {
        ZoneDefinition full = definition(zoneId)
                .orElseThrow(() -> new IllegalArgumentException("unknown time zone " + zoneId));
        List<Observance> all = full.component().getObservances();
        BitSet needed = new BitSet(all.size());
        // a reader builds its rules from the observances it is given: ical4j, given only the standard-time
        // observance of a zone with summer time, reads times of that observance with its TZOFFSETFROM. A
        // span is therefore widened to a year, so every observance of the current rules is there.
        Instant until = to == null ? null : to.isBefore(from.plus(YEAR)) ? from.plus(YEAR) : to;
        for (Instant change : changes(zoneId, from, until)) {
            // ical4j's choice of the observance in force can be off by the zone's offset near an onset;
            // a day either side of every change keeps a superset, and a reader still finds the observance
            // with the latest onset among them, since each is kept whole
            for (Instant at : List.of(change.minus(SLACK), change, change.plus(SLACK))) {
                Observance inForce = full.component().getApplicableObservance(at);
                // by identity: two observances may be equal in content
                for (int i = 0; inForce != null && i < all.size(); i++) {
                    if (all.get(i) == inForce) {
                        needed.set(i);
                    }
                }
            }
        }
        if (needed.isEmpty() || needed.cardinality() == all.size()) {
            return full;
        }
        return trimmed.computeIfAbsent(zoneId + needed, key -> subset(full, needed));
    }

    /**
     * {@code from} and every change of offset or name after it up to {@code to}, as java.time knows
     * them; the observance ical4j finds in force at each is what the span needs. Without an end, the
     * zone's yearly rules are followed until each has come round past its last fixed transition.
     */
    private static List<Instant> changes(String zoneId, Instant from, Instant to) {
        ZoneRules rules = ZoneId.of(zoneId).getRules();
        Instant end = to;
        if (end == null) {
            List<ZoneOffsetTransition> fixed = rules.getTransitions();
            Instant lastFixed = fixed.isEmpty() ? from : fixed.get(fixed.size() - 1).getInstant();
            Instant base = lastFixed.isAfter(from) ? lastFixed : from;
            end = base.atOffset(ZoneOffset.UTC).plus(RULES_REPEAT).toInstant();
        }
        List<Instant> changes = new ArrayList<>(List.of(from));
        ZoneOffsetTransition next = rules.nextTransition(from);
        while (next != null && !next.getInstant().isAfter(end)) {
            changes.add(next.getInstant());
            next = rules.nextTransition(next.getInstant());
        }
        return changes;
    }

    private ZoneDefinition subset(ZoneDefinition full, BitSet needed) {
        List<Observance> all = full.component().getObservances();
        List<Observance> kept = new ArrayList<>();
        needed.stream().forEach(i -> kept.add(all.get(i)));
        VTimeZone component = new VTimeZone(full.component().getPropertyList(), new ComponentList<>(kept));
        return new ZoneDefinition(full.zoneId(), validated(full.zoneId(), component), calendarText.of(component));
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
        return Optional.of(new ZoneDefinition(zoneId, validated(zoneId, copy), calendarText.of(copy)));
    }

    private static VTimeZone validated(String zoneId, VTimeZone component) {
        ValidationResult result;
        try {
            result = component.validate();
        } catch (ValidationException e) {
            throw new IllegalStateException("the bundled definition of " + zoneId + " is invalid: " + e.getMessage(), e);
        }
        if (result.hasErrors()) {
            throw new IllegalStateException("the bundled definition of " + zoneId + " is invalid: " + result.getEntries());
        }
        return component;
    }
}
