package dev.avalon.core.calendar;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Duration;
import java.time.LocalTime;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The calendar's settings, read from behaviour.avl ({@code calendar.*} and {@code domains}); a setting
 * the document lacks takes the default named here.
 *
 * @param domains          domain name → its settings, in the order of behaviour.avl
 * @param workStart        {@code calendar.workingHours.start}, default 09:00
 * @param workEnd          {@code calendar.workingHours.end}, default 17:30
 * @param buffer           {@code calendar.bufferMinutes}, default 10
 * @param minimumNotice    {@code calendar.minimumNoticeMinutes}, default 60
 * @param maxWindow        {@code calendar.maxWindowDays}, default 92: the longest window a query or check covers
 * @param instanceCap      {@code calendar.instanceCap}, default 500: the most instances one expansion yields
 * @param titleMaxLength   {@code calendar.titleMaxLength}, default 200
 * @param defaultMode      {@code calendar.defaultMode}, default FREE
 * @param organizer        {@code calendar.organizer}: the address invitations come from, if set
 * @param inviteAttempts   {@code calendar.inviteMaxAttempts}, default 5: sends before an invite is dead
 * @param inviteBackoff    {@code calendar.inviteBackoffMinutes}, default 15: the first retry delay, doubled per attempt
 * @param importDomain     {@code calendar.importDomain}: the domain of an event imported from the remote calendar
 *                         that names no domain of its own and whose colour is no single domain's; default PRIVE,
 *                         or the first domain when there is no PRIVE
 */
public record CalendarRules(Map<String, DomainRule> domains, LocalTime workStart, LocalTime workEnd, Duration buffer,
                            Duration minimumNotice, Duration maxWindow, int instanceCap, int titleMaxLength,
                            EventMode defaultMode, Optional<String> organizer, int inviteAttempts,
                            Duration inviteBackoff, String importDomain) {

    /** The domain of imported events when behaviour.avl names none and has a domain of this name. */
    public static final String DEFAULT_IMPORT_DOMAIN = "PRIVE";

    public CalendarRules {
        domains = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(domains));
        Objects.requireNonNull(organizer, "organizer");
    }

    /**
     * One domain's calendar settings.
     *
     * @param colour       its colour, {@code #RRGGBB}
     * @param sendsInvites whether its events send invitations
     */
    public record DomainRule(String colour, boolean sendsInvites) {
    }

    /** The rules in force under a behaviour document (a missing node gives every default). */
    public static CalendarRules of(JsonNode behaviour) {
        Map<String, DomainRule> domains = new LinkedHashMap<>();
        behaviour.path("domains").fields().forEachRemaining(e -> domains.put(e.getKey(),
                new DomainRule(e.getValue().path("colour").asText("#000000"),
                        e.getValue().path("sendsInvites").asBoolean(false))));
        JsonNode c = behaviour.path("calendar");
        String organizer = c.path("organizer").asText("");
        String fallback = domains.containsKey(DEFAULT_IMPORT_DOMAIN) || domains.isEmpty() ? DEFAULT_IMPORT_DOMAIN
                : domains.keySet().iterator().next();
        return new CalendarRules(domains,
                LocalTime.parse(c.path("workingHours").path("start").asText("09:00")),
                LocalTime.parse(c.path("workingHours").path("end").asText("17:30")),
                Duration.ofMinutes(c.path("bufferMinutes").asLong(10)),
                Duration.ofMinutes(c.path("minimumNoticeMinutes").asLong(60)),
                Duration.ofDays(c.path("maxWindowDays").asLong(92)),
                c.path("instanceCap").asInt(500),
                c.path("titleMaxLength").asInt(200),
                EventMode.valueOf(c.path("defaultMode").asText("FREE")),
                organizer.isBlank() ? Optional.empty() : Optional.of(organizer),
                c.path("inviteMaxAttempts").asInt(5),
                Duration.ofMinutes(c.path("inviteBackoffMinutes").asLong(15)),
                c.path("importDomain").asText(fallback));
    }

    public FreeSlots freeSlots(java.time.ZoneId zone) {
        return new FreeSlots(zone, workStart, workEnd, buffer);
    }

    public boolean sendsInvites(String domain) {
        DomainRule rule = domains.get(domain);
        return rule != null && rule.sendsInvites();
    }
}
