package dev.avalon.caldav.internal;

import dev.avalon.core.port.RemoteEvent;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The port's name of one instance of a series, {@link RemoteEvent#instanceId}, taken apart: the series (whose
 * resource holds the instance as an override) and the original start (its {@code RECURRENCE-ID}).
 *
 * @param portId        the name as the port gives it
 * @param seriesId      the series' id
 * @param originalStart the instance's original start (an all-day instance: its day's UTC midnight)
 * @param allDay        whether the name has a day and no time
 */
public record InstanceName(String portId, String seriesId, Instant originalStart, boolean allDay) {

    // ids Avalon chooses are base32hex, which has no underscore: an underscore marks an instance
    private static final Pattern NAME = Pattern.compile("(.+)_(\\d{8})(T\\d{6}Z)?");
    private static final DateTimeFormatter BASIC = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'");

    /** The parts of {@code remoteId} when it names an instance the port's way, else empty. */
    public static Optional<InstanceName> parse(String remoteId) {
        Matcher m = NAME.matcher(remoteId);
        if (!m.matches()) {
            return Optional.empty();
        }
        try {
            boolean allDay = m.group(3) == null;
            Instant start = allDay
                    ? LocalDate.parse(m.group(2), DateTimeFormatter.BASIC_ISO_DATE).atStartOfDay(ZoneOffset.UTC).toInstant()
                    : LocalDateTime.parse(m.group(2) + m.group(3), BASIC).toInstant(ZoneOffset.UTC);
            return Optional.of(new InstanceName(remoteId, m.group(1), start, allDay));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    /** The original day of an all-day instance. */
    public LocalDate originalDay() {
        return LocalDate.ofInstant(originalStart, ZoneOffset.UTC);
    }
}
