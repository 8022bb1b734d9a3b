package dev.avalon.core.time;

import dev.avalon.core.base.Violation;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.zone.ZoneOffsetTransition;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one way Avalon reads a date-time a caller sends. Two forms are accepted:
 * <ul>
 *   <li>an RFC 3339 instant with an offset or {@code Z}: {@code 2026-11-17T10:00:00+01:00},
 *       {@code 2026-11-17T09:00Z}; it is never ambiguous and is placed in the zone the action works in
 *       (an event's {@code zone}, else the user's). When the offset differs from that zone's offset at that
 *       instant, the instant is kept and shown as the zone's local time: {@code 2026-11-17T10:00:00-05:00}
 *       for an event in Europe/Amsterdam is the event at {@code 2026-11-17T16:00:00+01:00};</li>
 *   <li>a local date-time without offset, {@code 2026-11-17T10:00}, read in that zone. A local time the
 *       zone skips (the spring gap) or passes twice (the autumn overlap) is refused with the two instants it
 *       could mean, never guessed: for Europe/Amsterdam {@code 2026-03-29T02:30} could be
 *       {@code 2026-03-29T01:30:00+01:00} (read with the summer offset) or {@code 2026-03-29T03:30:00+02:00}
 *       (read with the winter offset), and {@code 2026-10-25T02:30} could be {@code 2026-10-25T02:30:00+02:00}
 *       or {@code 2026-10-25T02:30:00+01:00}; the candidates are listed earlier first, written as
 *       {@link DateTimeOutput} writes them, so either can be sent back as it is.</li>
 * </ul>
 * Seconds and a fraction of up to nine digits are optional in both forms; an offset is {@code ±hh:mm}
 * (or {@code ±hh:mm:ss}, the historic offsets {@link DateTimeOutput} writes). Every string
 * {@link DateTimeOutput} writes is read back as the same instant.
 */
public final class DateTimeInput {

    /** The JSON Schema pattern of a date-time field, kept equal to what {@link #read} accepts. */
    public static final String PATTERN = "^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}(:[0-9]{2}(\\.[0-9]{1,9})?)?"
            + "(Z|[+-][0-9]{2}:[0-9]{2}(:[0-9]{2})?)?$";
    /** An example of each accepted form, for hints. */
    public static final String EXAMPLES = "2026-11-17T10:00:00+01:00, 2026-11-17T09:00:00Z or 2026-11-17T10:00 (local)";

    private static final Pattern SHAPE = Pattern.compile(
            "([0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}(?::[0-9]{2}(?:\\.[0-9]{1,9})?)?)"
                    + "(Z|[+-][0-9]{2}:[0-9]{2}(?::[0-9]{2})?)?");
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm");

    private DateTimeInput() {
    }

    /** What reading a text gave: an instant in the zone, or why not. */
    public sealed interface Reading permits Resolved, Malformed, Skipped, Repeated {
    }

    /** A date-time that names one instant, placed in the action's zone. */
    public record Resolved(ZonedDateTime value) implements Reading {
        public Resolved {
            Objects.requireNonNull(value, "value");
        }
    }

    /** A text that is not a date-time in either form, or names a day that does not exist. */
    public record Malformed(String text) implements Reading {
        public Malformed {
            Objects.requireNonNull(text, "text");
        }
    }

    /**
     * A local time the zone skips when its clocks go forward.
     *
     * @param earlier the local time read with the offset after the change (the earlier instant)
     * @param later   the local time read with the offset before the change (the later instant)
     */
    public record Skipped(LocalDateTime local, ZoneId zone, ZoneOffsetTransition transition,
                          ZonedDateTime earlier, ZonedDateTime later) implements Reading {
        public Skipped {
            Objects.requireNonNull(local, "local");
            Objects.requireNonNull(zone, "zone");
            Objects.requireNonNull(transition, "transition");
            Objects.requireNonNull(earlier, "earlier");
            Objects.requireNonNull(later, "later");
        }
    }

    /** A local time the zone passes twice when its clocks go back; {@code earlier} is the first pass. */
    public record Repeated(LocalDateTime local, ZoneId zone, ZoneOffsetTransition transition,
                           ZonedDateTime earlier, ZonedDateTime later) implements Reading {
        public Repeated {
            Objects.requireNonNull(local, "local");
            Objects.requireNonNull(zone, "zone");
            Objects.requireNonNull(transition, "transition");
            Objects.requireNonNull(earlier, "earlier");
            Objects.requireNonNull(later, "later");
        }
    }

    /**
     * Reads {@code text} in {@code zone}: an offset or {@code Z} fixes the instant, a local date-time is
     * read as that zone's local time.
     */
    public static Reading read(String text, ZoneId zone) {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(zone, "zone");
        Matcher m = SHAPE.matcher(text);
        if (!m.matches()) {
            return new Malformed(text);
        }
        LocalDateTime local;
        try {
            local = LocalDateTime.parse(m.group(1));
        } catch (DateTimeException e) {
            return new Malformed(text);
        }
        if (m.group(2) != null) {
            ZoneOffset offset;
            try {
                offset = ZoneOffset.of(m.group(2));
            } catch (DateTimeException e) {
                return new Malformed(text);
            }
            return new Resolved(local.atOffset(offset).atZoneSameInstant(zone));
        }
        List<ZoneOffset> valid = zone.getRules().getValidOffsets(local);
        if (valid.size() == 1) {
            return new Resolved(ZonedDateTime.ofLocal(local, zone, valid.get(0)));
        }
        ZoneOffsetTransition transition = zone.getRules().getTransition(local);
        if (valid.isEmpty()) {
            return new Skipped(local, zone, transition,
                    local.atOffset(transition.getOffsetAfter()).atZoneSameInstant(zone),
                    local.atOffset(transition.getOffsetBefore()).atZoneSameInstant(zone));
        }
        ZonedDateTime first = ZonedDateTime.ofLocal(local, zone, null).withEarlierOffsetAtOverlap();
        return new Repeated(local, zone, transition, first, first.withLaterOffsetAtOverlap());
    }

    /**
     * Reads {@code text} in {@code zone}; when it cannot, adds a violation at {@code path} saying why (with the
     * two candidate instants for a local time in a DST gap or overlap) and returns empty.
     */
    public static Optional<ZonedDateTime> read(String text, ZoneId zone, String path, List<Violation> problems) {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(problems, "problems");
        Reading reading = read(text, zone);
        if (reading instanceof Resolved r) {
            return Optional.of(r.value());
        }
        problems.add(new Violation(path, problem(reading)));
        return Optional.empty();
    }

    /** Why {@code reading} names no single instant, in one sentence; empty text for a resolved one. */
    public static String problem(Reading reading) {
        if (reading instanceof Malformed m) {
            return "is " + quoted(m.text()) + ", not a date-time that exists; send one like " + EXAMPLES;
        }
        if (reading instanceof Skipped s) {
            return "is " + s.local() + ", a local time that does not exist in " + s.zone()
                    + " (the clocks jump from " + CLOCK.format(s.transition().getDateTimeBefore()) + " to "
                    + CLOCK.format(s.transition().getDateTimeAfter()) + "); send the instant you mean with its offset: "
                    + DateTimeOutput.format(s.earlier()) + " or " + DateTimeOutput.format(s.later());
        }
        if (reading instanceof Repeated r) {
            return "is " + r.local() + ", a local time that occurs twice in " + r.zone()
                    + " (the clocks go back from " + CLOCK.format(r.transition().getDateTimeBefore()) + " to "
                    + CLOCK.format(r.transition().getDateTimeAfter()) + "); send the instant you mean with its offset: "
                    + DateTimeOutput.format(r.earlier()) + " or " + DateTimeOutput.format(r.later());
        }
        return "";
    }

    /** Whether {@code text} has the shape of either form (whether its day exists is not checked). */
    public static boolean hasShape(String text) {
        return SHAPE.matcher(text).matches();
    }

    /** The day {@code text} is written on, ignoring its offset; empty when it has no shape or no such day. */
    public static Optional<LocalDate> writtenDate(String text) {
        Matcher m = SHAPE.matcher(text);
        if (!m.matches()) {
            return Optional.empty();
        }
        try {
            return Optional.of(LocalDateTime.parse(m.group(1)).toLocalDate());
        } catch (DateTimeException e) {
            return Optional.empty();
        }
    }

    private static String quoted(String text) {
        String cut = text.length() > 40 ? text.substring(0, 40) + "…" : text;
        return "\"" + cut + "\"";
    }
}
