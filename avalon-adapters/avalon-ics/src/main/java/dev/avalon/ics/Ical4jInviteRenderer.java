package dev.avalon.ics;

import dev.avalon.core.base.Mailbox;
import dev.avalon.core.port.Invite;
import dev.avalon.core.port.InviteRenderer;
import dev.avalon.core.port.InviteRequest;
import dev.avalon.core.port.InviteRequest.InviteMethod;
import dev.avalon.ics.internal.CalendarText;
import dev.avalon.ics.internal.InviteCheck;
import dev.avalon.ics.internal.ZoneDefinition;
import dev.avalon.ics.internal.ZoneDefinitions;
import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.data.ParserException;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.ComponentList;
import net.fortuna.ical4j.model.DateList;
import net.fortuna.ical4j.model.Parameter;
import net.fortuna.ical4j.model.ParameterList;
import net.fortuna.ical4j.model.Property;
import net.fortuna.ical4j.model.Recur;
import net.fortuna.ical4j.model.component.VEvent;
import net.fortuna.ical4j.model.parameter.Cn;
import net.fortuna.ical4j.model.parameter.PartStat;
import net.fortuna.ical4j.model.parameter.Role;
import net.fortuna.ical4j.model.parameter.Rsvp;
import net.fortuna.ical4j.model.parameter.TzId;
import net.fortuna.ical4j.model.property.Attendee;
import net.fortuna.ical4j.model.component.CalendarComponent;
import net.fortuna.ical4j.model.property.DateProperty;
import net.fortuna.ical4j.model.property.Description;
import net.fortuna.ical4j.model.property.DtEnd;
import net.fortuna.ical4j.model.property.DtStamp;
import net.fortuna.ical4j.model.property.DtStart;
import net.fortuna.ical4j.model.property.ExDate;
import net.fortuna.ical4j.model.property.Location;
import net.fortuna.ical4j.model.property.Organizer;
import net.fortuna.ical4j.model.property.ProdId;
import net.fortuna.ical4j.model.property.RRule;
import net.fortuna.ical4j.model.property.RecurrenceId;
import net.fortuna.ical4j.model.property.Sequence;
import net.fortuna.ical4j.model.property.Summary;
import net.fortuna.ical4j.model.property.Uid;
import net.fortuna.ical4j.model.property.immutable.ImmutableCalScale;
import net.fortuna.ical4j.model.property.immutable.ImmutableMethod;
import net.fortuna.ical4j.model.property.immutable.ImmutableStatus;
import net.fortuna.ical4j.model.property.immutable.ImmutableVersion;
import net.fortuna.ical4j.validate.ITIPValidator;
import net.fortuna.ical4j.validate.ValidationException;
import net.fortuna.ical4j.validate.ValidationResult;

import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.time.temporal.Temporal;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Renders invitations with ical4j 4 and reads them back.
 *
 * <p>A REQUEST carries METHOD:REQUEST; a CANCEL carries METHOD:CANCEL and STATUS:CANCELLED (not when it
 * only uninvites some attendees, RFC 5546 §3.2.5). Every
 * VEVENT has UID, DTSTAMP (to the second), SEQUENCE, ORGANIZER and one ATTENDEE per address with
 * ROLE=REQ-PARTICIPANT, PARTSTAT=NEEDS-ACTION and RSVP=TRUE, and CN when the attendee is given with a
 * display name ({@code Jan Jansen <jan@example.org>}, see {@link Mailbox}); times carry a TZID with a VTIMEZONE for
 * every zone used, or are written in UTC; an RRULE's UNTIL is written in UTC (a date or a local time
 * in the RRULE is read in the start's zone, a date meaning the end of that day); one changed or
 * cancelled instance is addressed by RECURRENCE-ID. Text is escaped by ical4j, so no title can add a
 * property. Lines are folded at 75 octets, never inside a character, and each VTIMEZONE holds only the
 * observances in force while the event is. The calendar is validated, including the iTIP rules of its
 * method, before it is returned. The output depends on the request alone (and on the tz data of the ical4j version).
 *
 * <pre>{@code
 * InviteRenderer renderer = new Ical4jInviteRenderer();
 * Invite invite = renderer.render(request);
 * InviteRequest back = renderer.parse(invite.icalendar());
 * }</pre>
 *
 * Instances are thread-safe.
 */
public final class Ical4jInviteRenderer implements InviteRenderer {

    /** The PRODID written when none is given. */
    public static final String DEFAULT_PRODUCT_ID = "-//Avalon//Avalon invites//EN";

    private final String productId;
    private final CalendarText text = new CalendarText();
    private final ZoneDefinitions zones = new ZoneDefinitions(text);

    /** A renderer writing {@link #DEFAULT_PRODUCT_ID}. */
    public Ical4jInviteRenderer() {
        this(DEFAULT_PRODUCT_ID);
    }

    /** A renderer writing {@code productId} as PRODID (RFC 5545 §3.7.3, e.g. {@code -//Org//Product//EN}). */
    public Ical4jInviteRenderer(String productId) {
        Objects.requireNonNull(productId, "productId");
        if (productId.isBlank() || productId.chars().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException("productId: must be one line of text");
        }
        this.productId = productId;
    }

    @Override
    public Invite render(InviteRequest request) {
        Objects.requireNonNull(request, "request");
        Optional<Recur<Temporal>> recur = checked(request);
        Calendar calendar = calendar(request, recur);
        List<ZoneDefinition> definitions = definitions(request, recur);
        validate(calendar, definitions);
        List<String> zoneTexts = definitions.stream().map(ZoneDefinition::text).toList();
        return new Invite(request, text.of(calendar, zoneTexts).getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The complete calendar {@link #render} writes for {@code request}: its properties, a VTIMEZONE per
     * region used and the VEVENT, in that order. {@code render} writes the same text from the calendar
     * without its VTIMEZONEs and the text of each, written once.
     */
    Calendar calendar(InviteRequest request) {
        Objects.requireNonNull(request, "request");
        Optional<Recur<Temporal>> recur = checked(request);
        Calendar calendar = calendar(request, recur);
        List<CalendarComponent> components = new ArrayList<>();
        definitions(request, recur).forEach(definition -> components.add(definition.component()));
        components.addAll(calendar.getComponents());
        return new Calendar(calendar.getPropertyList(), new ComponentList<>(components));
    }

    /** The recurrence of {@code request}, once every rule it breaks has been refused at once. */
    private Optional<Recur<Temporal>> checked(InviteRequest request) {
        List<String> problems = new ArrayList<>(InviteCheck.violations(request, zones::knows));
        Optional<Recur<Temporal>> recur = Optional.empty();
        if (request.rrule() != null && problems.stream().noneMatch(p -> p.startsWith("rrule"))) {
            try {
                recur = Optional.of(recurrence(request.rrule(), request.start()));
            } catch (IllegalArgumentException | java.time.DateTimeException e) {
                problems.add("rrule: " + e.getMessage());
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("invalid invite: " + String.join("; ", problems));
        }
        return recur;
    }

    @Override
    public InviteRequest parse(byte[] icalendar) {
        Objects.requireNonNull(icalendar, "icalendar");
        Calendar calendar;
        try (InputStreamReader reader = new InputStreamReader(new java.io.ByteArrayInputStream(icalendar), StandardCharsets.UTF_8)) {
            calendar = new CalendarBuilder().build(reader);
        } catch (IOException | ParserException e) {
            throw new IllegalArgumentException("icalendar: not readable iCalendar: " + e.getMessage(), e);
        }
        List<VEvent> events = calendar.getComponents("VEVENT");
        // one VEVENT, or a series with its changed instances: the one without RECURRENCE-ID is the series
        List<VEvent> masters = events.size() == 1 ? events
                : events.stream().filter(e -> e.getProperty(Property.RECURRENCE_ID).isEmpty()).toList();
        if (masters.size() != 1) {
            throw new IllegalArgumentException("icalendar: expected one VEVENT (or one series with its changed "
                    + "instances), found " + events.size());
        }
        VEvent event = masters.get(0);
        List<InviteRequest.Instance> instances = new ArrayList<>();
        for (VEvent other : events) {
            if (other != event) {
                ZonedDateTime s = time(required(other, Property.DTSTART), Property.DTSTART);
                instances.add(new InviteRequest.Instance(
                        time(required(other, Property.RECURRENCE_ID), Property.RECURRENCE_ID), s,
                        other.<DtEnd<Temporal>>getProperty(Property.DTEND).map(p -> time(p, Property.DTEND)).orElse(s),
                        other.getProperty(Property.SUMMARY).map(Property::getValue).orElse(""),
                        other.getProperty(Property.DESCRIPTION).map(Property::getValue).orElse(""),
                        other.getProperty(Property.LOCATION).map(Property::getValue).orElse("")));
            }
        }
        List<ZonedDateTime> exdates = new ArrayList<>();
        for (ExDate<Temporal> ex : event.<ExDate<Temporal>>getProperties(Property.EXDATE)) {
            Optional<String> tz = ex.<TzId>getParameter(Parameter.TZID).map(TzId::getValue)
                    .filter(ZoneId.getAvailableZoneIds()::contains);
            for (Temporal t : ex.getDates()) {
                exdates.add(zoned(t, tz));
            }
        }
        String methodName = calendar.getProperty(Property.METHOD).map(Property::getValue)
                .orElseThrow(() -> new IllegalArgumentException("icalendar: no METHOD"));
        InviteMethod method;
        try {
            method = InviteMethod.valueOf(methodName.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("icalendar: METHOD " + methodName + " is neither REQUEST nor CANCEL", e);
        }
        ZonedDateTime start = time(required(event, Property.DTSTART), Property.DTSTART);
        ZonedDateTime end = event.<DtEnd<Temporal>>getProperty(Property.DTEND)
                .map(p -> time(p, Property.DTEND))
                .orElseGet(() -> event.<net.fortuna.ical4j.model.property.Duration>getProperty(Property.DURATION)
                        .map(d -> start.plus(d.getDuration()))
                        .orElse(start));
        List<String> attendees = event.<Attendee>getProperties(Property.ATTENDEE).stream()
                .map(Ical4jInviteRenderer::attendee).toList();
        return new InviteRequest(
                method,
                required(event, Property.UID).getValue(),
                event.<Sequence>getProperty(Property.SEQUENCE).map(Sequence::getSequenceNo).orElse(0),
                ((DtStamp) required(event, Property.DTSTAMP)).getDate(),
                address(((Organizer) required(event, Property.ORGANIZER)).getCalAddress()),
                attendees,
                event.getProperty(Property.SUMMARY).map(Property::getValue).orElse(""),
                event.getProperty(Property.DESCRIPTION).map(Property::getValue).orElse(""),
                event.getProperty(Property.LOCATION).map(Property::getValue).orElse(""),
                start,
                end,
                event.getProperty(Property.RRULE).map(Property::getValue).orElse(null),
                event.<RecurrenceId<Temporal>>getProperty(Property.RECURRENCE_ID)
                        .map(p -> time(p, Property.RECURRENCE_ID)).orElse(null),
                // a CANCEL without STATUS uninvites its attendees only (RFC 5546 §3.2.5)
                method == InviteMethod.CANCEL && event.getProperty(Property.STATUS).isEmpty(),
                exdates, instances);
    }

    private static ZonedDateTime zoned(Temporal value, Optional<String> tzId) {
        if (value instanceof LocalDateTime local && tzId.isPresent()) {
            return local.atZone(ZoneId.of(tzId.get()));
        }
        if (value instanceof ZonedDateTime z) {
            return tzId.map(id -> z.withZoneSameInstant(ZoneId.of(id))).orElse(z);
        }
        if (value instanceof Instant instant) {
            return instant.atZone(ZoneOffset.UTC);
        }
        if (value instanceof OffsetDateTime offset) {
            return offset.atZoneSameInstant(ZoneOffset.UTC);
        }
        throw new IllegalArgumentException("icalendar: EXDATE is a date or a floating time; only zoned or UTC "
                + "times are supported");
    }

    /** The calendar properties and the VEVENT of {@code request}, without VTIMEZONEs. */
    private Calendar calendar(InviteRequest request, Optional<Recur<Temporal>> recur) {
        Calendar calendar = new Calendar();
        calendar.add(new ProdId(productId));
        calendar.add(ImmutableVersion.VERSION_2_0);
        calendar.add(ImmutableCalScale.GREGORIAN);
        calendar.add(request.method() == InviteMethod.CANCEL ? ImmutableMethod.CANCEL : ImmutableMethod.REQUEST);

        VEvent event = vevent(request, request.start(), request.end(), request.recurrenceId(), request.summary(),
                request.description(), request.location());
        recur.ifPresent(r -> event.add(new RRule<>(r)));
        for (ZonedDateTime exdate : request.exdates()) {
            event.add(exdate(exdate));
        }
        calendar.add(event);
        for (InviteRequest.Instance instance : request.instances()) {
            calendar.add(vevent(request, instance.start(), instance.end(), instance.recurrenceId(), instance.summary(),
                    instance.description(), instance.location()));
        }
        return calendar;
    }

    /** EXDATE of one cancelled instance, with the TZID its time is local to (or in UTC). */
    private static ExDate<Temporal> exdate(ZonedDateTime time) {
        if (InviteCheck.isUtc(time.getZone())) {
            return new ExDate<>(new DateList<>((Temporal) time.toInstant()));
        }
        return new ExDate<>(new ParameterList(List.of(new TzId(time.getZone().getId()))),
                new DateList<>((Temporal) time.truncatedTo(ChronoUnit.SECONDS)));
    }

    /** One VEVENT of {@code request}: the event itself, or one changed instance of its series. */
    private static VEvent vevent(InviteRequest request, ZonedDateTime start, ZonedDateTime end,
                                 ZonedDateTime recurrenceId, String summary, String description, String location) {
        VEvent event = new VEvent(false);
        event.add(new Uid(request.uid()));
        event.add(new DtStamp(request.stamp().truncatedTo(ChronoUnit.SECONDS)));
        event.add(new Sequence(request.sequence()));
        event.add(new DtStart<>(temporal(start)));
        event.add(new DtEnd<>(temporal(end)));
        if (recurrenceId != null) {
            event.add(new RecurrenceId<>(temporal(recurrenceId)));
        }
        event.add(new Summary(InviteCheck.lineBreaks(summary)));
        if (!description.isEmpty()) {
            event.add(new Description(InviteCheck.lineBreaks(description)));
        }
        if (!location.isEmpty()) {
            event.add(new Location(InviteCheck.lineBreaks(location)));
        }
        if (request.method() == InviteMethod.CANCEL && !request.uninvite()) {
            event.add(ImmutableStatus.VEVENT_CANCELLED);
        }
        event.add(new Organizer(mailto(request.organizer())));
        for (String text : request.attendees()) {
            Mailbox mailbox = InviteCheck.attendee(text).orElseThrow();
            Attendee attendee = new Attendee(mailto(mailbox.address()));
            if (mailbox.hasName()) {
                // ical4j quotes the value when it holds ':', ';' or ',' (RFC 5545 §3.2)
                attendee.add(new Cn(mailbox.name()));
            }
            attendee.add(Role.REQ_PARTICIPANT);
            attendee.add(PartStat.NEEDS_ACTION);
            attendee.add(Rsvp.TRUE);
            event.add(attendee);
        }
        return event;
    }

    /**
     * The definition of every region the times of {@code request} name, ordered by id, each with only
     * the observances in force while the event is: from its earliest time to its latest, or for a
     * series to the end of its UNTIL instance, with no end when it has none.
     */
    private List<ZoneDefinition> definitions(InviteRequest request, Optional<Recur<Temporal>> recur) {
        TreeSet<String> zoneIds = new TreeSet<>();
        List<ZonedDateTime> times = times(request);
        for (ZonedDateTime time : times) {
            if (!InviteCheck.isUtc(time.getZone())) {
                zoneIds.add(time.getZone().getId());
            }
        }
        Instant from = times.stream().map(ZonedDateTime::toInstant).min(Instant::compareTo).orElseThrow();
        Instant to = times.stream().map(ZonedDateTime::toInstant).max(Instant::compareTo).orElseThrow();
        if (recur.isPresent()) {
            Temporal until = recur.get().getUntil();
            // UNTIL is in UTC here (see recurrence); the last instance may start then and lasts as the first
            Instant last = to;
            to = until == null ? null : Instant.from(until)
                    .plus(java.time.Duration.between(request.start().toInstant(), request.end().toInstant()));
            // a changed instance may have been moved past the rule's last one
            if (to != null && last.isAfter(to)) {
                to = last;
            }
        }
        Instant end = to;
        return zoneIds.stream().map(id -> zones.definition(id, from, end)).toList();
    }

    private static List<ZonedDateTime> times(InviteRequest request) {
        List<ZonedDateTime> times = new ArrayList<>(List.of(request.start(), request.end()));
        if (request.recurrenceId() != null) {
            times.add(request.recurrenceId());
        }
        times.addAll(request.exdates());
        request.instances().forEach(i -> times.addAll(List.of(i.recurrenceId(), i.start(), i.end())));
        return times;
    }

    /** UTC times are written as {@code …Z}; a zoned time with a TZID (ical4j takes the zone's id). */
    private static Temporal temporal(ZonedDateTime time) {
        return InviteCheck.isUtc(time.getZone()) ? time.toInstant() : time.truncatedTo(ChronoUnit.SECONDS);
    }

    /** The recurrence with UNTIL moved to UTC, as RFC 5545 requires when DTSTART has a zone. */
    private static Recur<Temporal> recurrence(String rrule, ZonedDateTime start) {
        Recur<Temporal> recur = new Recur<>(rrule);
        Temporal until = recur.getUntil();
        if (until != null && recur.getCount() >= 1) {
            throw new IllegalArgumentException("UNTIL and COUNT must not both be given");
        }
        if (until == null) {
            return recur;
        }
        Instant utc;
        if (until instanceof LocalDate date) {
            utc = date.atTime(LocalTime.MAX).atZone(start.getZone()).toInstant().truncatedTo(ChronoUnit.SECONDS);
        } else if (until instanceof LocalDateTime local) {
            utc = local.atZone(start.getZone()).toInstant();
        } else {
            utc = Instant.from(until);
        }
        return new Recur.Builder<>(recur).until((Temporal) utc.atOffset(ZoneOffset.UTC)).build();
    }

    private static URI mailto(String address) {
        return URI.create("mailto:" + address);
    }

    /**
     * Validates the invite with ical4j's iTIP rules for its method: the calendar's (one PRODID,
     * VERSION and METHOD, at most one CALSCALE, the kinds of component it may hold), each calendar
     * property's own, and the VEVENT's for the method.
     *
     * <p>Two costs are left out. Its VTIMEZONEs come from {@link ZoneDefinitions}, which validated each
     * once when it loaded it; validating their observances again for every invite was most of the cost
     * of rendering one. So the calendar is validated without them, and every TZID it uses is checked
     * to have its definition among {@code definitions}. And the calendar is validated by
     * {@link ITIPValidator} rather than ical4j's default calendar validator, which applies the same
     * iTIP rules but also validates the VEVENT for the method a second time (and discards that result);
     * what it checks besides (VERSION is 2.0, there is a component, only calendar properties) holds for
     * every calendar {@link #calendar(InviteRequest, Optional)} builds.
     */
    static void validate(Calendar calendar, List<ZoneDefinition> definitions) {
        ValidationResult result;
        try {
            result = new Calendar(calendar.getPropertyList(), calendar.getComponentList(), new ITIPValidator()).validate();
        } catch (ValidationException e) {
            throw new IllegalArgumentException("invalid invite: " + e.getMessage(), e);
        }
        if (result.hasErrors()) {
            throw new IllegalArgumentException("invalid invite: " + result.getEntries());
        }
        Set<String> defined = new TreeSet<>();
        definitions.forEach(definition -> defined.add(definition.zoneId()));
        for (CalendarComponent component : calendar.getComponents()) {
            for (Property property : component.getProperties()) {
                property.getParameter(Parameter.TZID).map(Parameter::getValue)
                        .filter(id -> !defined.contains(id))
                        .ifPresent(id -> {
                            throw new IllegalArgumentException("invalid invite: " + property.getName()
                                    + " names TZID " + id + " but the calendar has no VTIMEZONE for it");
                        });
            }
        }
    }

    private static Property required(VEvent event, String name) {
        return event.getProperty(name)
                .orElseThrow(() -> new IllegalArgumentException("icalendar: the VEVENT has no " + name));
    }

    /** An attendee as the request holds it: its address, or {@code Name <address>} when it has a CN. */
    private static String attendee(Attendee attendee) {
        String address = address(attendee.getCalAddress());
        return attendee.<Cn>getParameter(Parameter.CN).map(Cn::getValue).filter(name -> !name.isBlank())
                .flatMap(name -> {
                    try {
                        return Optional.of(new Mailbox(name.strip(), address).text());
                    } catch (IllegalArgumentException e) {
                        // a name Avalon would not keep (quotes, brackets) is left out, the address stays
                        return Optional.empty();
                    }
                })
                .orElse(address);
    }

    private static String address(URI uri) {
        if (uri == null || !"mailto".equalsIgnoreCase(uri.getScheme())) {
            throw new IllegalArgumentException("icalendar: not a mailto: address: " + uri);
        }
        return uri.getSchemeSpecificPart();
    }

    /**
     * A time as a zoned time. ical4j gives a time with a TZID a zone of its own making; the TZID names
     * the region when it is one java.time knows, so the result carries that region.
     */
    @SuppressWarnings("unchecked")
    private static ZonedDateTime time(Property property, String name) {
        Temporal value = ((DateProperty<Temporal>) property).getDate();
        if (value instanceof ZonedDateTime zoned) {
            Optional<TzId> tzId = property.getParameter(Parameter.TZID);
            return tzId.map(TzId::getValue)
                    .filter(ZoneId.getAvailableZoneIds()::contains)
                    .map(id -> zoned.withZoneSameInstant(ZoneId.of(id)))
                    .orElse(zoned);
        }
        if (value instanceof Instant instant) {
            return instant.atZone(ZoneOffset.UTC);
        }
        if (value instanceof OffsetDateTime offset) {
            return offset.atZoneSameInstant(ZoneOffset.UTC);
        }
        throw new IllegalArgumentException("icalendar: " + name + " is a date or a floating time; only zoned or UTC times are supported");
    }

    @Override
    public String toString() {
        return "Ical4jInviteRenderer[" + productId + "]";
    }
}
