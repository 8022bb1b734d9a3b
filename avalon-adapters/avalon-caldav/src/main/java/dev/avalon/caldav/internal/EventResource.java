package dev.avalon.caldav.internal;

import dev.avalon.core.port.RemoteEvent;
import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.data.CalendarOutputter;
import net.fortuna.ical4j.data.ParserException;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.Component;
import net.fortuna.ical4j.model.Parameter;
import net.fortuna.ical4j.model.Property;
import net.fortuna.ical4j.model.TimeZone;
import net.fortuna.ical4j.model.TimeZoneRegistry;
import net.fortuna.ical4j.model.TimeZoneRegistryFactory;
import net.fortuna.ical4j.model.component.CalendarComponent;
import net.fortuna.ical4j.model.component.VEvent;
import net.fortuna.ical4j.model.component.VTimeZone;
import net.fortuna.ical4j.model.parameter.TzId;
import net.fortuna.ical4j.model.parameter.Value;
import net.fortuna.ical4j.model.property.Attendee;
import net.fortuna.ical4j.model.property.DateProperty;
import net.fortuna.ical4j.model.property.Description;
import net.fortuna.ical4j.model.property.DtEnd;
import net.fortuna.ical4j.model.property.DtStamp;
import net.fortuna.ical4j.model.property.DtStart;
import net.fortuna.ical4j.model.property.LastModified;
import net.fortuna.ical4j.model.property.Location;
import net.fortuna.ical4j.model.property.ProdId;
import net.fortuna.ical4j.model.property.RecurrenceId;
import net.fortuna.ical4j.model.property.Summary;
import net.fortuna.ical4j.model.property.Uid;
import net.fortuna.ical4j.model.property.XProperty;
import net.fortuna.ical4j.model.property.immutable.ImmutableStatus;
import net.fortuna.ical4j.model.property.immutable.ImmutableVersion;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.time.temporal.Temporal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * One calendar object resource (RFC 4791 §4.1): a series or a single event as its master VEVENT, and the
 * overrides of single instances ({@code RECURRENCE-ID}) that share its UID, with the VTIMEZONEs they use.
 * Immutable: every change answers a new resource.
 *
 * <p>Mapping of the port's fields: {@code SUMMARY}, {@code DESCRIPTION}, {@code LOCATION}, {@code DTSTART} and
 * {@code DTEND} ({@code TZID} for a zoned time, UTC for a time without zone, {@code VALUE=DATE} all-day),
 * {@code RRULE}/{@code EXRULE}/{@code RDATE}/{@code EXDATE} as the recurrence lines, {@code ATTENDEE:mailto:},
 * {@code STATUS:CANCELLED}, {@code LAST-MODIFIED}; the colour id and the private properties, which iCalendar has
 * no place for, go into {@code X-AVALON-COLOR-ID} and {@code X-AVALON-PRIVATE} ({@code key=value}, both
 * percent-encoded so no iCalendar escaping is needed).
 */
public final class EventResource {

    private static final String COLOR = "X-AVALON-COLOR-ID";
    private static final String PRIVATE = "X-AVALON-PRIVATE";
    /** The recurrence lines as Avalon wrote them, for servers that rewrite rules in their own order of parts. */
    private static final String WRITTEN_RECURRENCE = "X-AVALON-RECURRENCE";
    /** The recurrence lines in the order they are written and read back: servers may re-sort properties. */
    private static final List<String> RECURRENCE = List.of("RRULE", "EXRULE", "RDATE", "EXDATE");
    private static final List<String> DATE_TIMES = List.of(Property.DTSTART, Property.DTEND, Property.RECURRENCE_ID);
    private static final DateTimeFormatter LOCAL_BASIC = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss");
    private static final TimeZoneRegistry ZONES = TimeZoneRegistryFactory.getInstance().createRegistry();

    private final String productId;
    private final VEvent master;
    private final List<VEvent> overrides;
    private final Map<String, VTimeZone> zones;

    private EventResource(String productId, VEvent master, List<VEvent> overrides, Map<String, VTimeZone> zones) {
        this.productId = productId;
        this.master = master;
        this.overrides = List.copyOf(overrides);
        this.zones = zones;
    }

    /** A resource read from {@code text}. */
    public static EventResource parse(String text, String productId) {
        Calendar calendar;
        try {
            calendar = new CalendarBuilder().build(new StringReader(text));
        } catch (IOException | ParserException e) {
            throw new IllegalArgumentException("not readable iCalendar: " + e.getMessage(), e);
        }
        VEvent master = null;
        List<VEvent> overrides = new ArrayList<>();
        List<VEvent> events = calendar.getComponents(Component.VEVENT);
        List<List<String>> lines = veventLines(text);
        for (int i = 0; i < events.size(); i++) {
            VEvent event = lines.size() == events.size() ? withVerbatimTimes(events.get(i), lines.get(i)) : events.get(i);
            if (event.getProperty(Property.RECURRENCE_ID).isPresent()) {
                overrides.add(event);
            } else if (master == null) {
                master = event;
            }
        }
        if (master != null) {
            master = withRawRecurrence(master, masterRecurrenceLines(text));
        }
        Map<String, VTimeZone> zones = new LinkedHashMap<>();
        for (VTimeZone zone : calendar.<VTimeZone>getComponents(Component.VTIMEZONE)) {
            zone.getProperty(Property.TZID).ifPresent(id -> zones.put(id.getValue(), zone));
        }
        return new EventResource(productId, master, overrides, zones);
    }

    /** A new resource holding {@code event} alone, stamped at {@code clock}'s time. */
    public static EventResource of(RemoteEvent event, String productId, Clock clock) {
        String uid = event.iCalUid() != null ? event.iCalUid() : event.remoteId();
        EventResource empty = new EventResource(productId, null, List.of(), new LinkedHashMap<>());
        return empty.withMaster(event, uid, clock);
    }

    /** The UID of the resource's events. */
    public Optional<String> uid() {
        VEvent any = master != null ? master : overrides.isEmpty() ? null : overrides.get(0);
        return any == null ? Optional.empty() : any.getProperty(Property.UID).map(Property::getValue);
    }

    /** This resource with {@code event} as its master; the overrides stay. */
    public EventResource withMaster(RemoteEvent event, Clock clock) {
        return withMaster(event, uid().orElse(event.iCalUid() != null ? event.iCalUid() : event.remoteId()), clock);
    }

    private EventResource withMaster(RemoteEvent event, String uid, Clock clock) {
        VEvent written = vevent(event, uid, null, clock);
        return new EventResource(productId, written, overrides, withZone(event.zone()));
    }

    /**
     * This resource with {@code instance} as the override of its original start: replaced when there was one,
     * added when not; the master and the other overrides stay.
     */
    public EventResource withInstance(RemoteEvent instance, Clock clock) {
        String uid = uid().orElse(instance.recurringEventId());
        Temporal recurrenceId = recurrenceId(instance.originalStart());
        VEvent written = vevent(instance, uid, recurrenceId, clock);
        List<VEvent> kept = new ArrayList<>();
        for (VEvent override : overrides) {
            if (!originalStart(override).equals(instance.originalStart())) {
                kept.add(override);
            }
        }
        kept.add(written);
        kept.sort(Comparator.comparing(EventResource::originalStart));
        return new EventResource(productId, master, kept, withZone(instance.zone()));
    }

    /** Every event of the resource as the port lists them: the master first, then each override as an instance. */
    public List<RemoteEvent> events(String remoteId, String etag) {
        List<RemoteEvent> events = new ArrayList<>();
        master(remoteId, etag).ifPresent(events::add);
        for (VEvent override : overrides) {
            events.add(override(override, remoteId, etag));
        }
        return events;
    }

    /** The master as the event {@code remoteId}. */
    public Optional<RemoteEvent> master(String remoteId, String etag) {
        return master == null ? Optional.empty() : Optional.of(event(master, remoteId, etag, null, null));
    }

    /**
     * The instance {@code name} of this series: its override, or the occurrence as the rule makes it; empty when
     * the series has no such occurrence.
     */
    public Optional<RemoteEvent> instance(InstanceName name, String etag) {
        for (VEvent override : overrides) {
            if (originalStart(override).equals(name.originalStart())) {
                return Optional.of(override(override, name.seriesId(), etag));
            }
        }
        if (master == null || !Occurrences.of(master).includes(name.originalStart())) {
            return Optional.empty();
        }
        RemoteEvent series = event(master, name.seriesId(), etag, null, null);
        if (series.startDate() != null) {
            LocalDate day = name.originalDay();
            long days = ChronoUnit.DAYS.between(series.startDate(), series.endDate());
            return Optional.of(new RemoteEvent(name.portId(), etag, series.iCalUid(), series.title(),
                    series.description(), series.location(), null, null, null, day, day.plusDays(days), List.of(),
                    name.seriesId(), name.originalStart(), false, series.attendees(), series.colorId(),
                    series.privateProperties(), series.updated()));
        }
        Duration length = Duration.between(series.start(), series.end());
        return Optional.of(new RemoteEvent(name.portId(), etag, series.iCalUid(), series.title(),
                series.description(), series.location(), name.originalStart(), name.originalStart().plus(length),
                series.zone(), null, null, List.of(), name.seriesId(), name.originalStart(), false,
                series.attendees(), series.colorId(), series.privateProperties(), series.updated()));
    }

    /**
     * Whether an event of the resource has a time in {@code [from, to)}: the master or one of its occurrences, or
     * an override where it now is. For servers whose {@code calendar-query} does not expand series.
     */
    public boolean overlaps(Instant from, Instant to) {
        for (RemoteEvent e : events("x", null)) {
            Instant start = e.start() != null ? e.start()
                    : e.startDate() == null ? null : e.startDate().atStartOfDay(ZoneOffset.UTC).toInstant();
            Instant end = e.end() != null ? e.end()
                    : e.endDate() == null ? start : e.endDate().atStartOfDay(ZoneOffset.UTC).toInstant();
            if (start != null && start.isBefore(to) && (end.isAfter(from) || (end.equals(start) && !start.isBefore(from)))) {
                return true;
            }
        }
        if (master == null) {
            return false;
        }
        return master("x", null).filter(m -> !m.cancelled()).map(m -> Occurrences.of(master).overlaps(from, to,
                m.start() != null ? Duration.between(m.start(), m.end())
                        : Duration.ofDays(ChronoUnit.DAYS.between(m.startDate(), m.endDate())))).orElse(false);
    }

    /** The resource as iCalendar text. */
    public String text() {
        Calendar calendar = new Calendar();
        calendar.add(new ProdId(productId));
        calendar.add(ImmutableVersion.VERSION_2_0);
        for (VTimeZone zone : zones.values()) {
            calendar.add((CalendarComponent) zone);
        }
        if (master != null) {
            calendar.add((CalendarComponent) master);
        }
        for (VEvent override : overrides) {
            calendar.add((CalendarComponent) override);
        }
        StringWriter out = new StringWriter();
        try {
            new CalendarOutputter(false).output(calendar, out);
        } catch (IOException e) {
            throw new IllegalStateException("a calendar could not be written", e);
        }
        return out.toString();
    }

    // ---------------------------------------------------------------- writing

    private Map<String, VTimeZone> withZone(String zoneId) {
        Map<String, VTimeZone> all = new LinkedHashMap<>(zones);
        if (zoneId != null && !all.containsKey(zoneId) && !ZoneOffset.UTC.normalized().getId().equals(zoneId)) {
            TimeZone zone;
            synchronized (ZONES) {
                zone = ZONES.getTimeZone(zoneId);
            }
            if (zone != null) {
                // ical4j answers a linked zone with its target's definition: the copy carries the id the times name
                VTimeZone copy = zone.getVTimeZone().copy();
                copy.removeAll(Property.TZURL, "X-LIC-LOCATION");
                copy.replace(new net.fortuna.ical4j.model.property.TzId(zoneId));
                all.put(zoneId, copy);
            }
        }
        return all;
    }

    private Temporal recurrenceId(Instant originalStart) {
        if (master != null) {
            Temporal start = time(master.getProperty(Property.DTSTART).orElseThrow());
            if (start instanceof LocalDate) {
                return LocalDate.ofInstant(originalStart, ZoneOffset.UTC);
            }
            Optional<String> zone = zoneOf(master.getProperty(Property.DTSTART).orElseThrow());
            if (zone.isPresent()) {
                return originalStart.atZone(ZoneId.of(zone.get()));
            }
        }
        return originalStart;
    }

    private static VEvent vevent(RemoteEvent event, String uid, Temporal recurrenceId, Clock clock) {
        VEvent v = new VEvent(false);
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        v.add(new Uid(uid));
        v.add(new DtStamp(now));
        v.add(new LastModified(now));
        if (recurrenceId != null) {
            v.add(recurrenceId instanceof ZonedDateTime zoned ? inZone(zoned, Property.RECURRENCE_ID)
                    : new RecurrenceId<>(recurrenceId));
        }
        if (event.startDate() != null) {
            v.add(new DtStart<>(event.startDate()));
            v.add(new DtEnd<>(event.endDate() != null ? event.endDate() : event.startDate().plusDays(1)));
        } else if (event.start() != null) {
            v.add(dateTime(event.start(), event.zone(), Property.DTSTART));
            v.add(dateTime(event.end() != null ? event.end() : event.start(), event.zone(), Property.DTEND));
        }
        v.add(new Summary(event.title()));
        if (!event.description().isEmpty()) {
            v.add(new Description(event.description()));
        }
        if (!event.location().isEmpty()) {
            v.add(new Location(event.location()));
        }
        for (Property line : recurrence(event.recurrence())) {
            v.add(line);
        }
        for (String line : event.recurrence()) {
            v.add(new XProperty(WRITTEN_RECURRENCE, encode(line)));
        }
        if (event.cancelled()) {
            v.add(ImmutableStatus.VEVENT_CANCELLED);
        }
        for (String address : event.attendees()) {
            v.add(new Attendee(URI.create("mailto:" + address)));
        }
        if (event.colorId() != null) {
            v.add(new XProperty(COLOR, encode(event.colorId())));
        }
        event.privateProperties().entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(e -> v.add(new XProperty(PRIVATE, encode(e.getKey()) + "=" + encode(e.getValue()))));
        return v;
    }

    /**
     * DTSTART or DTEND at {@code time}: in UTC, or as the local time in {@code zone} that java.time's rules
     * give, written as it is with the zone's TZID. ical4j is not left to work the local time out: it converts
     * through its own rules for the zone, which put a transition given as "second Sunday" on the first Sunday
     * on or after the 2nd (ical4j#902: US daylight saving a week early in 2027), and the event would move.
     */
    private static Property dateTime(Instant time, String zone, String name) {
        Instant at = time.truncatedTo(ChronoUnit.SECONDS);
        if (zone == null || zone.equals("UTC") || zone.equals("Z")) {
            return name.equals(Property.DTSTART) ? new DtStart<>(at) : new DtEnd<>(at);
        }
        return inZone(at.atZone(ZoneId.of(zone)), name);
    }

    /** DTSTART, DTEND or RECURRENCE-ID at {@code time}'s local time with its zone's TZID, as {@link #dateTime} says why. */
    private static Property inZone(ZonedDateTime time, String name) {
        LocalDateTime local = time.toLocalDateTime();
        String text = LOCAL_BASIC.format(local);
        Property p = switch (name) {
            case Property.DTSTART -> new DtStart<>(local) {
                @Override
                public String getValue() {
                    return text;
                }
            };
            case Property.DTEND -> new DtEnd<>(local) {
                @Override
                public String getValue() {
                    return text;
                }
            };
            default -> new RecurrenceId<>(local) {
                @Override
                public String getValue() {
                    return text;
                }
            };
        };
        p.add(new TzId(time.getZone().getId()));
        return p;
    }

    /**
     * {@code v} with its recurrence properties carrying their values exactly as {@code lines} spell them: ical4j
     * writes a rule it read in its own order of parts ({@code COUNT} before {@code BYDAY}), and the port gives back
     * the lines as they were written.
     */
    private static VEvent withRawRecurrence(VEvent v, List<String> lines) {
        List<Property> parsed = new ArrayList<>();
        for (String name : RECURRENCE) {
            parsed.addAll(v.getProperties(name));
        }
        if (parsed.size() != lines.size()) {
            return v;
        }
        VEvent copy = v.copy();
        copy.removeAll(RECURRENCE.toArray(String[]::new));
        for (int i = 0; i < parsed.size(); i++) {
            Property p = parsed.get(i);
            copy.add(new VerbatimLine(p.getName(), p.getParameterList(), rawValue(lines.get(i))));
        }
        return copy;
    }

    /** The value of a content line: what follows its first colon outside a quoted parameter value. */
    private static String rawValue(String line) {
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            } else if (c == ':' && !quoted) {
                return line.substring(i + 1);
            }
        }
        throw new IllegalArgumentException("not a content line: " + line);
    }

    private static String lineName(String line) {
        int end = 0;
        while (end < line.length() && line.charAt(end) != ';' && line.charAt(end) != ':') {
            end++;
        }
        return line.substring(0, end).toUpperCase(Locale.ROOT);
    }

    /**
     * The recurrence lines of the first VEVENT without RECURRENCE-ID in {@code text}, unfolded, as written there,
     * in the port's order (rules, then dates).
     */
    private static List<String> masterRecurrenceLines(String text) {
        for (List<String> block : veventLines(text)) {
            if (block.stream().noneMatch(l -> lineName(l).equals("RECURRENCE-ID"))) {
                List<String> lines = new ArrayList<>();
                for (String name : RECURRENCE) {
                    block.stream().filter(l -> lineName(l).equals(name)).forEach(lines::add);
                }
                return lines;
            }
        }
        return List.of();
    }

    /**
     * The content lines of each VEVENT in {@code text}, in order, unfolded, as written there; the lines of a
     * component inside one (a VALARM) are left out. ical4j reads the text; this only keeps what it re-renders.
     */
    private static List<List<String>> veventLines(String text) {
        String unfolded = text.replaceAll("\r?\n[ \t]", "");
        List<List<String>> blocks = new ArrayList<>();
        List<String> block = null;
        int depth = 0;
        for (String line : unfolded.split("\r?\n")) {
            String upper = line.toUpperCase(Locale.ROOT);
            if (block == null) {
                if (upper.equals("BEGIN:VEVENT")) {
                    block = new ArrayList<>();
                    depth = 0;
                }
                continue;
            }
            if (upper.startsWith("BEGIN:")) {
                depth++;
            } else if (upper.startsWith("END:")) {
                if (depth == 0) {
                    blocks.add(block);
                    block = null;
                } else {
                    depth--;
                }
            } else if (depth == 0) {
                block.add(line);
            }
        }
        return blocks;
    }

    /**
     * {@code v} with its DTSTART, DTEND and RECURRENCE-ID as written in {@code lines} (its VEVENT's content
     * lines), where they carry a TZID java.time knows: read with java.time's rules for the zone, not ical4j's
     * (see {@link VerbatimLine}). A TZID only the resource's VTIMEZONE defines stays with ical4j.
     */
    private static VEvent withVerbatimTimes(VEvent v, List<String> lines) {
        VEvent copy = null;
        for (String name : DATE_TIMES) {
            Optional<Property> p = v.getProperty(name);
            Optional<String> line = lines.stream().filter(l -> lineName(l).equals(name)).findFirst();
            if (p.isPresent() && line.isPresent() && zoneOf(p.get()).isPresent()) {
                copy = copy != null ? copy : v.copy();
                copy.removeAll(name);
                copy.add(new VerbatimLine(name, p.get().getParameterList(), rawValue(line.get())));
            }
        }
        return copy != null ? copy : v;
    }

    /** The port's recurrence lines as properties, read by ical4j as the content lines they are. */
    private static List<Property> recurrence(List<String> lines) {
        if (lines.isEmpty()) {
            return List.of();
        }
        StringBuilder text = new StringBuilder("BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\n");
        for (String line : lines) {
            if (line.indexOf('\r') >= 0 || line.indexOf('\n') >= 0) {
                throw new IllegalArgumentException("a recurrence line must be one line: " + line);
            }
            text.append(line).append("\r\n");
        }
        text.append("END:VEVENT\r\nEND:VCALENDAR\r\n");
        Calendar parsed;
        try {
            parsed = new CalendarBuilder().build(new StringReader(text.toString()));
        } catch (IOException | ParserException e) {
            throw new IllegalArgumentException("recurrence lines are not iCalendar: " + e.getMessage(), e);
        }
        List<Property> properties = new ArrayList<>();
        for (VEvent v : parsed.<VEvent>getComponents(Component.VEVENT)) {
            properties.addAll(v.getPropertyList().getAll());
        }
        for (Property p : properties) {
            if (!RECURRENCE.contains(p.getName().toUpperCase(Locale.ROOT))) {
                throw new IllegalArgumentException("not a recurrence line: " + p.getName());
            }
        }
        if (properties.size() != lines.size()) {
            throw new IllegalArgumentException("recurrence lines are not one property each: " + lines);
        }
        List<Property> raw = new ArrayList<>();
        for (int i = 0; i < properties.size(); i++) {
            Property p = properties.get(i);
            raw.add(new VerbatimLine(p.getName(), p.getParameterList(), rawValue(lines.get(i))));
        }
        raw.sort(Comparator.comparingInt(p -> RECURRENCE.indexOf(p.getName().toUpperCase(Locale.ROOT))));
        return raw;
    }

    // ---------------------------------------------------------------- reading

    private static RemoteEvent override(VEvent override, String seriesId, String etag) {
        Instant original = originalStart(override);
        boolean allDay = override.getProperty(Property.RECURRENCE_ID).map(EventResource::time)
                .map(t -> t instanceof LocalDate).orElse(false);
        return event(override, RemoteEvent.instanceId(seriesId, original, allDay), etag, seriesId, original);
    }

    private static RemoteEvent event(VEvent v, String remoteId, String etag, String seriesId, Instant originalStart) {
        boolean cancelled = v.getProperty(Property.STATUS).map(Property::getValue)
                .map(s -> s.equalsIgnoreCase("CANCELLED")).orElse(false);
        Optional<Property> dtStart = v.getProperty(Property.DTSTART);
        Temporal start = dtStart.map(EventResource::time).orElse(null);
        Temporal end = v.getProperty(Property.DTEND).map(EventResource::time).orElse(null);
        if (end == null && start != null) {
            Optional<Property> duration = v.getProperty(Property.DURATION);
            end = duration.isPresent()
                    ? start.plus(((net.fortuna.ical4j.model.property.Duration) duration.get()).getDuration())
                    : start instanceof LocalDate day ? day.plusDays(1) : start;
        }
        Instant startTime = null;
        Instant endTime = null;
        String zone = null;
        LocalDate startDate = null;
        LocalDate endDate = null;
        if (start instanceof LocalDate day) {
            startDate = day;
            endDate = end instanceof LocalDate last ? last : day.plusDays(1);
        } else if (start != null) {
            startTime = Instant.from(start);
            endTime = end == null ? startTime : Instant.from(end);
            zone = zoneOf(dtStart.get()).orElse(null);
        }
        List<String> recurrence = new ArrayList<>();
        for (String name : RECURRENCE) {
            for (Property p : v.getProperties(name)) {
                recurrence.add(line(p));
            }
        }
        List<String> written = v.getProperties(WRITTEN_RECURRENCE).stream().map(Property::getValue)
                .map(EventResource::decode).toList();
        if (!written.isEmpty() && normalised(written).equals(normalised(recurrence))) {
            // the server spelled the lines otherwise (Xandikos re-orders a rule's parts) but they mean the same
            recurrence = new ArrayList<>(written);
        }
        List<String> attendees = new ArrayList<>();
        for (Property p : v.getProperties(Property.ATTENDEE)) {
            String value = p.getValue();
            attendees.add(value.regionMatches(true, 0, "mailto:", 0, 7) ? value.substring(7) : value);
        }
        String color = v.getProperty(COLOR).map(Property::getValue).map(EventResource::decode).orElse(null);
        Map<String, String> privateProperties = new LinkedHashMap<>();
        for (Property p : v.getProperties(PRIVATE)) {
            String value = p.getValue();
            int eq = value.indexOf('=');
            if (eq > 0) {
                privateProperties.put(decode(value.substring(0, eq)), decode(value.substring(eq + 1)));
            }
        }
        Instant updated = v.getProperty(Property.LAST_MODIFIED).or(() -> v.getProperty(Property.DTSTAMP))
                .map(EventResource::time).filter(t -> !(t instanceof LocalDate)).map(Instant::from).orElse(null);
        return new RemoteEvent(remoteId, etag, v.getProperty(Property.UID).map(Property::getValue).orElse(null),
                text(v, Property.SUMMARY), text(v, Property.DESCRIPTION), text(v, Property.LOCATION), startTime,
                endTime, zone, startDate, endDate, seriesId == null ? recurrence : List.of(), seriesId, originalStart,
                cancelled || (start == null), attendees, color, privateProperties, updated);
    }

    /**
     * Recurrence lines in a form where two spellings of the same lines are equal: names and parameters in upper
     * case, a rule's parts and a date list's values sorted, the lines sorted.
     */
    private static List<String> normalised(List<String> lines) {
        List<String> out = new ArrayList<>();
        for (String line : lines) {
            String value;
            try {
                value = rawValue(line);
            } catch (IllegalArgumentException e) {
                out.add(line);
                continue;
            }
            String head = line.substring(0, line.length() - value.length() - 1).toUpperCase(Locale.ROOT);
            String[] headParts = head.split(";");
            java.util.Arrays.sort(headParts, 1, headParts.length);
            String name = headParts[0];
            String separator = name.equals("RRULE") || name.equals("EXRULE") ? ";" : ",";
            String[] valueParts = value.toUpperCase(Locale.ROOT).split(separator);
            java.util.Arrays.sort(valueParts);
            out.add(String.join(";", headParts) + ":" + String.join(separator, valueParts));
        }
        out.sort(Comparator.naturalOrder());
        return out;
    }

    private static String text(VEvent v, String name) {
        return v.getProperty(name).map(Property::getValue).orElse("");
    }

    /** A property as its content line, without the line break. */
    private static String line(Property p) {
        return p.toString().replaceAll("\r?\n$", "");
    }

    static Instant originalStart(VEvent override) {
        Temporal t = time(override.getProperty(Property.RECURRENCE_ID).orElseThrow());
        return t instanceof LocalDate day ? day.atStartOfDay(ZoneOffset.UTC).toInstant() : Instant.from(t);
    }

    /** The IANA zone a time names with its TZID, when java.time knows it. */
    static Optional<String> zoneOf(Property p) {
        return p.<TzId>getParameter(Parameter.TZID).map(TzId::getValue)
                .filter(ZoneId.getAvailableZoneIds()::contains);
    }

    /**
     * A date-time property's value: a {@link LocalDate} for a date, a zoned time for a time with a TZID java.time
     * knows, an {@link Instant} for UTC, ical4j's reading for anything else (a floating time counts as UTC).
     */
    static Temporal time(Property p) {
        return time(p, p.getValue().trim());
    }

    /** One {@code value} of the date-time property {@code p} (a list such as EXDATE has several). */
    @SuppressWarnings("unchecked")
    static Temporal time(Property p, String value) {
        boolean date = p.<Value>getParameter(Parameter.VALUE).map(v -> v.getValue().equalsIgnoreCase("DATE"))
                .orElse(false) || value.length() == 8;
        try {
            if (date) {
                return LocalDate.parse(value.substring(0, 8), DateTimeFormatter.BASIC_ISO_DATE);
            }
            if (value.endsWith("Z")) {
                return LocalDateTime.parse(value.substring(0, value.length() - 1), LOCAL_BASIC).toInstant(ZoneOffset.UTC);
            }
            Optional<String> zone = zoneOf(p);
            if (zone.isPresent()) {
                return LocalDateTime.parse(value, LOCAL_BASIC).atZone(ZoneId.of(zone.get()));
            }
            if (p.getParameter(Parameter.TZID).isEmpty()) {
                return LocalDateTime.parse(value, LOCAL_BASIC).toInstant(ZoneOffset.UTC);
            }
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(p.getName() + ": not a date or time: " + value, e);
        }
        Temporal parsed = ((DateProperty<Temporal>) p).getDate();
        return parsed instanceof ZonedDateTime zoned ? zoned.toInstant() : parsed;
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static String decode(String s) {
        try {
            return URLDecoder.decode(s, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return s;
        }
    }
}
