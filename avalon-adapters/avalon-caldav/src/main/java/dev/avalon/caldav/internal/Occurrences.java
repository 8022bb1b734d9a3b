package dev.avalon.caldav.internal;

import net.fortuna.ical4j.model.Property;
import net.fortuna.ical4j.model.Recur;
import net.fortuna.ical4j.model.component.VEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.Temporal;
import java.util.List;

/**
 * Whether a series has an occurrence at a given original start: its {@code DTSTART}, a date its {@code RRULE}s
 * or {@code RDATE}s give, and not one its {@code EXDATE}s take away. Rules are expanded with ical4j.
 */
final class Occurrences {

    private static final Logger LOG = LoggerFactory.getLogger(Occurrences.class);

    private final VEvent master;

    private Occurrences(VEvent master) {
        this.master = master;
    }

    static Occurrences of(VEvent master) {
        return new Occurrences(master);
    }

    /** Whether {@code originalStart} (an all-day series: the day's UTC midnight) is an occurrence. */
    boolean includes(Instant originalStart) {
        Temporal start = master.getProperty(Property.DTSTART).map(EventResource::time).orElse(null);
        if (start == null) {
            return false;
        }
        if (listed(Property.EXDATE, originalStart)) {
            return false;
        }
        if (instant(start).equals(originalStart) || listed(Property.RDATE, originalStart)) {
            return true;
        }
        for (Property rule : master.getProperties(Property.RRULE)) {
            try {
                if (ruleGives(rule.getValue(), start, originalStart)) {
                    return true;
                }
            } catch (RuntimeException e) {
                // a rule ical4j cannot expand: let the server judge the write rather than refuse it here
                LOG.warn("the rule {} could not be expanded ({}); taking {} as an occurrence", rule.getValue(),
                        e.getMessage(), originalStart);
                return true;
            }
        }
        return false;
    }

    /**
     * Whether an occurrence lasting {@code length} overlaps {@code [from, to)} (an all-day series: its days taken in
     * UTC). A rule ical4j cannot expand counts as overlapping, so a window errs on the side of too much.
     */
    boolean overlaps(Instant from, Instant to, java.time.Duration length) {
        Temporal start = master.getProperty(Property.DTSTART).map(EventResource::time).orElse(null);
        if (start == null) {
            return false;
        }
        Instant earliest = from.minus(length);
        if (instant(start).isAfter(earliest) && instant(start).isBefore(to)) {
            return true;
        }
        for (Property rule : master.getProperties(Property.RRULE)) {
            try {
                if (start instanceof LocalDate day) {
                    LocalDate first = LocalDate.ofInstant(earliest, ZoneOffset.UTC);
                    LocalDate last = LocalDate.ofInstant(to, ZoneOffset.UTC).plusDays(1);
                    if (new Recur<LocalDate>(rule.getValue()).getDates(day, first, last).stream()
                            .map(Occurrences::instant)
                            .anyMatch(d -> d.isAfter(earliest) && d.isBefore(to) && !excluded(d))) {
                        return true;
                    }
                } else {
                    ZonedDateTime seed = start instanceof ZonedDateTime zoned ? zoned
                            : Instant.from(start).atZone(ZoneOffset.UTC);
                    if (new Recur<ZonedDateTime>(rule.getValue()).getDates(seed, earliest.atZone(seed.getZone()),
                                    to.atZone(seed.getZone())).stream().map(ZonedDateTime::toInstant)
                            .anyMatch(d -> d.isAfter(earliest) && d.isBefore(to) && !excluded(d))) {
                        return true;
                    }
                }
            } catch (RuntimeException e) {
                LOG.warn("the rule {} could not be expanded ({}); the series is taken as in the window",
                        rule.getValue(), e.getMessage());
                return true;
            }
        }
        return false;
    }

    private boolean excluded(Instant occurrence) {
        return listed(Property.EXDATE, occurrence);
    }

    private static boolean ruleGives(String rule, Temporal start, Instant originalStart) {
        if (start instanceof LocalDate day) {
            LocalDate target = LocalDate.ofInstant(originalStart, ZoneOffset.UTC);
            List<LocalDate> dates = new Recur<LocalDate>(rule).getDates(day, day, target.plusDays(1));
            return dates.contains(target);
        }
        ZonedDateTime seed = start instanceof ZonedDateTime zoned ? zoned
                : Instant.from(start).atZone(ZoneOffset.UTC);
        ZonedDateTime end = originalStart.plusSeconds(1).atZone(seed.getZone());
        List<ZonedDateTime> dates = new Recur<ZonedDateTime>(rule).getDates(seed, seed, end);
        return dates.stream().anyMatch(d -> d.toInstant().equals(originalStart));
    }

    /** Whether a date-list property ({@code EXDATE}, {@code RDATE}) names {@code originalStart}. */
    private boolean listed(String name, Instant originalStart) {
        for (Property p : master.getProperties(name)) {
            for (String value : p.getValue().split(",")) {
                if (value.contains("/")) {
                    continue; // an RDATE period
                }
                try {
                    if (instant(EventResource.time(p, value.trim())).equals(originalStart)) {
                        return true;
                    }
                } catch (RuntimeException e) {
                    LOG.debug("{} value {} not understood: {}", name, value, e.getMessage());
                }
            }
        }
        return false;
    }

    private static Instant instant(Temporal t) {
        return t instanceof LocalDate day ? day.atStartOfDay(ZoneOffset.UTC).toInstant() : Instant.from(t);
    }
}
