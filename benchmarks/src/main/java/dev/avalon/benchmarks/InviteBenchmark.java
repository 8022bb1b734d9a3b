package dev.avalon.benchmarks;

import dev.avalon.core.port.Invite;
import dev.avalon.core.port.InviteRequest;
import dev.avalon.core.port.InviteRequest.InviteMethod;
import dev.avalon.ics.Ical4jInviteRenderer;
import net.fortuna.ical4j.data.CalendarOutputter;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.TimeZoneRegistry;
import net.fortuna.ical4j.model.TimeZoneRegistryFactory;
import net.fortuna.ical4j.model.component.VEvent;
import net.fortuna.ical4j.model.component.VTimeZone;
import net.fortuna.ical4j.model.parameter.PartStat;
import net.fortuna.ical4j.model.parameter.Role;
import net.fortuna.ical4j.model.parameter.Rsvp;
import net.fortuna.ical4j.model.property.Attendee;
import net.fortuna.ical4j.model.property.Description;
import net.fortuna.ical4j.model.property.DtEnd;
import net.fortuna.ical4j.model.property.DtStamp;
import net.fortuna.ical4j.model.property.DtStart;
import net.fortuna.ical4j.model.property.Location;
import net.fortuna.ical4j.model.property.Organizer;
import net.fortuna.ical4j.model.property.ProdId;
import net.fortuna.ical4j.model.property.RRule;
import net.fortuna.ical4j.model.property.Sequence;
import net.fortuna.ical4j.model.property.Summary;
import net.fortuna.ical4j.model.property.TzId;
import net.fortuna.ical4j.model.property.Uid;
import net.fortuna.ical4j.model.property.immutable.ImmutableCalScale;
import net.fortuna.ical4j.model.property.immutable.ImmutableMethod;
import net.fortuna.ical4j.model.property.immutable.ImmutableVersion;
import net.fortuna.ical4j.validate.ValidationException;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Rendering one weekly VSB invitation with two attendees through {@link Ical4jInviteRenderer}
 * ({@link #avalonRender}: checks, VTIMEZONE, VEVENT, iTIP validation, UTF-8 bytes) next to raw ical4j
 * building and writing the same VCALENDAR with the same VTIMEZONE and no checks ({@link #rawIcal4j}).
 * {@link #rawIcal4jValidated} adds ical4j's own validation to the raw path, to show what of the
 * difference is validation.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 3, time = 2)
public class InviteBenchmark {

    private static final ZoneId AMSTERDAM = ZoneId.of("Europe/Amsterdam");

    private Ical4jInviteRenderer renderer;
    private InviteRequest request;
    private VTimeZone zone;

    @Setup(Level.Trial)
    public void setUp() {
        renderer = new Ical4jInviteRenderer();
        ZonedDateTime start = ZonedDateTime.of(2026, 11, 26, 14, 0, 0, 0, AMSTERDAM);
        request = new InviteRequest(InviteMethod.REQUEST, "evt-20261126-vsb@avalon.test", 1,
                Instant.parse("2026-11-23T07:00:00Z"), "organizer@example.org",
                List.of("bob@example.org", "carol@example.net"), "VSB board meeting",
                "Agenda:\n1. Budget\n2. Planning", "Room 4, Town hall", start, start.plusMinutes(90),
                "FREQ=WEEKLY;BYDAY=TH;COUNT=4", null);
        TimeZoneRegistry registry = TimeZoneRegistryFactory.getInstance().createRegistry();
        zone = registry.getTimeZone(AMSTERDAM.getId()).getVTimeZone().copy();
        zone.replace(new TzId(AMSTERDAM.getId()));
        renderer.render(request);
        if (rawIcal4j().length < 1000) {
            throw new IllegalStateException("the raw calendar must be complete");
        }
    }

    @Benchmark
    public Invite avalonRender() {
        return renderer.render(request);
    }

    @Benchmark
    public byte[] rawIcal4j() {
        return write(build());
    }

    @Benchmark
    public byte[] rawIcal4jValidated() {
        Calendar calendar = build();
        try {
            if (calendar.validate().hasErrors()) {
                throw new IllegalStateException("invalid");
            }
        } catch (ValidationException e) {
            throw new IllegalStateException(e);
        }
        return write(calendar);
    }

    private Calendar build() {
        Calendar calendar = new Calendar();
        calendar.add(new ProdId(Ical4jInviteRenderer.DEFAULT_PRODUCT_ID));
        calendar.add(ImmutableVersion.VERSION_2_0);
        calendar.add(ImmutableCalScale.GREGORIAN);
        calendar.add(ImmutableMethod.REQUEST);
        calendar.add(zone);
        VEvent event = new VEvent(false);
        event.add(new Uid(request.uid()));
        event.add(new DtStamp(request.stamp()));
        event.add(new Sequence(request.sequence()));
        event.add(new DtStart<>(request.start()));
        event.add(new DtEnd<>(request.end()));
        event.add(new RRule<>(request.rrule()));
        event.add(new Summary(request.summary()));
        event.add(new Description(request.description()));
        event.add(new Location(request.location()));
        event.add(new Organizer(URI.create("mailto:" + request.organizer())));
        for (String address : request.attendees()) {
            Attendee attendee = new Attendee(URI.create("mailto:" + address));
            attendee.add(Role.REQ_PARTICIPANT);
            attendee.add(PartStat.NEEDS_ACTION);
            attendee.add(Rsvp.TRUE);
            event.add(attendee);
        }
        calendar.add(event);
        return calendar;
    }

    private static byte[] write(Calendar calendar) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(8192);
        try (Writer writer = new OutputStreamWriter(bytes, StandardCharsets.UTF_8)) {
            new CalendarOutputter(false).output(calendar, writer);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (ValidationException e) {
            throw new IllegalStateException(e);
        }
        return bytes.toByteArray();
    }
}
