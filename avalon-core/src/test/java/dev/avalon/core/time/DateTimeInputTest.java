package dev.avalon.core.time;

import dev.avalon.core.base.Violation;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("Date-times are read in one convention: an offset or Z, or a local time in the action's zone")
class DateTimeInputTest {

    private static final ZoneId AMSTERDAM = ZoneId.of("Europe/Amsterdam");
    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

    private static ZonedDateTime resolved(String text, ZoneId zone) {
        DateTimeInput.Reading r = DateTimeInput.read(text, zone);
        assertThat(r).isInstanceOf(DateTimeInput.Resolved.class);
        return ((DateTimeInput.Resolved) r).value();
    }

    @Test
    @DisplayName("local, offset and Z forms of one instant read the same, placed in the action's zone")
    void threeForms() {
        ZonedDateTime local = resolved("2026-11-17T10:00", AMSTERDAM);
        assertThat(resolved("2026-11-17T10:00:00+01:00", AMSTERDAM)).isEqualTo(local);
        assertThat(resolved("2026-11-17T09:00:00Z", AMSTERDAM)).isEqualTo(local);
        assertThat(resolved("2026-11-17T09:00Z", AMSTERDAM)).isEqualTo(local);
        assertThat(resolved("2026-11-17T10:00:00.000+01:00", AMSTERDAM)).isEqualTo(local);
        assertThat(local.getZone()).isEqualTo(AMSTERDAM);
        assertThat(DateTimeOutput.format(local)).isEqualTo("2026-11-17T10:00:00+01:00");
    }

    @Test
    @DisplayName("an offset that is not the zone's keeps the instant and shows it as the zone's local time")
    void foreignOffset() {
        ZonedDateTime t = resolved("2026-11-17T10:00:00-05:00", AMSTERDAM);
        assertThat(t.getZone()).isEqualTo(AMSTERDAM);
        assertThat(t.toInstant()).isEqualTo(Instant.parse("2026-11-17T15:00:00Z"));
        assertThat(DateTimeOutput.format(t)).isEqualTo("2026-11-17T16:00:00+01:00");
    }

    @Test
    @DisplayName("a local time in the Amsterdam spring gap is refused with its two readings, earlier first")
    void springGap() {
        DateTimeInput.Reading r = DateTimeInput.read("2026-03-29T02:30", AMSTERDAM);
        assertThat(r).isInstanceOf(DateTimeInput.Skipped.class);
        assertThat(DateTimeInput.problem(r)).contains("does not exist in Europe/Amsterdam")
                .contains("from 02:00 to 03:00")
                .contains("2026-03-29T01:30:00+01:00 or 2026-03-29T03:30:00+02:00");
    }

    @Test
    @DisplayName("a local time in the Amsterdam autumn overlap is refused with both instants")
    void autumnOverlap() {
        DateTimeInput.Reading r = DateTimeInput.read("2026-10-25T02:30", AMSTERDAM);
        assertThat(r).isInstanceOf(DateTimeInput.Repeated.class);
        assertThat(DateTimeInput.problem(r)).contains("occurs twice in Europe/Amsterdam")
                .contains("2026-10-25T02:30:00+02:00 or 2026-10-25T02:30:00+01:00");
        assertThat(resolved("2026-10-25T02:30:00+01:00", AMSTERDAM).toInstant())
                .isEqualTo(Instant.parse("2026-10-25T01:30:00Z"));
    }

    @Test
    @DisplayName("New York's gap and overlap are refused the same way, and each candidate is then accepted")
    void newYork() {
        List<Violation> problems = new ArrayList<>();
        assertThat(DateTimeInput.read("2026-03-08T02:15", NEW_YORK, "$.data.start", problems)).isEmpty();
        assertThat(DateTimeInput.read("2026-11-01T01:15", NEW_YORK, "$.data.end", problems)).isEmpty();
        assertThat(problems).extracting(Violation::path).containsExactly("$.data.start", "$.data.end");
        assertThat(problems.get(0).problem()).contains("2026-03-08T01:15:00-05:00 or 2026-03-08T03:15:00-04:00");
        assertThat(problems.get(1).problem()).contains("2026-11-01T01:15:00-04:00 or 2026-11-01T01:15:00-05:00");
        assertThat(resolved("2026-03-08T03:15:00-04:00", NEW_YORK).toLocalDateTime())
                .isEqualTo(LocalDateTime.of(2026, 3, 8, 3, 15));
    }

    @Test
    @DisplayName("texts that are not date-times, or name a day that does not exist, are malformed")
    void malformed() {
        for (String text : List.of("", "2026-11-17", "2026-11-17 10:00", "2026-02-30T10:00", "2026-11-17T25:00",
                "2026-11-17T10:00+1", "2026-11-17T10:00:00+19:00", "2026-11-17T10:00:00.1234567890Z",
                "2026-11-17T10:00\n", "tomorrow")) {
            assertThat(DateTimeInput.read(text, AMSTERDAM)).as(text).isInstanceOf(DateTimeInput.Malformed.class);
        }
        assertThat(DateTimeInput.problem(DateTimeInput.read("soon", AMSTERDAM))).startsWith("is \"soon\", not a date-time");
    }

    @Test
    @DisplayName("the schema pattern accepts exactly the shapes the reader accepts")
    void patternAgrees() {
        Pattern schema = Pattern.compile(DateTimeInput.PATTERN);
        for (String text : List.of("2026-11-17T10:00", "2026-11-17T10:00:00", "2026-11-17T10:00:00.5",
                "2026-11-17T10:00:00Z", "2026-11-17T10:00+01:00", "1900-01-01T00:00:00+00:19:32", "2026-11-17",
                "2026-11-17T10:00:00+0100", "2026-11-17t10:00")) {
            assertThat(schema.matcher(text).find()).as(text).isEqualTo(DateTimeInput.hasShape(text));
        }
    }

    @Property
    @Label("every date-time the writer writes is read back as the same instant, in any zone")
    void writtenIsRead(@ForAll("instants") Instant at, @ForAll("zones") ZoneId writtenIn, @ForAll("zones") ZoneId readIn) {
        String text = DateTimeOutput.format(at, writtenIn);
        assertThat(text).matches(DateTimeInput.PATTERN);
        ZonedDateTime back = resolved(text, readIn);
        assertThat(back.toInstant()).isEqualTo(at);
        assertThat(back.getZone()).isEqualTo(readIn);
    }

    @Property
    @Label("a local time is refused exactly when its zone has no single offset for it")
    void localAmbiguityIsNeverGuessed(@ForAll("locals") LocalDateTime local, @ForAll("zones") ZoneId zone) {
        DateTimeInput.Reading r = DateTimeInput.read(local.toString(), zone);
        int offsets = zone.getRules().getValidOffsets(local).size();
        if (offsets == 1) {
            assertThat(((DateTimeInput.Resolved) r).value().toLocalDateTime()).isEqualTo(local);
        } else {
            String problem = DateTimeInput.problem(r);
            ZonedDateTime earlier = r instanceof DateTimeInput.Skipped s ? s.earlier()
                    : ((DateTimeInput.Repeated) r).earlier();
            ZonedDateTime later = r instanceof DateTimeInput.Skipped s ? s.later()
                    : ((DateTimeInput.Repeated) r).later();
            assertThat(earlier.toInstant()).isBefore(later.toInstant());
            assertThat(problem).contains(DateTimeOutput.format(earlier)).contains(DateTimeOutput.format(later));
            assertThat(resolved(DateTimeOutput.format(earlier), zone)).isEqualTo(earlier);
            assertThat(resolved(DateTimeOutput.format(later), zone)).isEqualTo(later);
        }
    }

    @Provide
    Arbitrary<Instant> instants() {
        return Arbitraries.longs().between(Instant.parse("1900-01-02T00:00:00Z").getEpochSecond(),
                Instant.parse("2200-12-30T00:00:00Z").getEpochSecond())
                .flatMap(s -> Arbitraries.of(0, 0, 500_000_000, 1).map(n -> Instant.ofEpochSecond(s, n)));
    }

    @Provide
    Arbitrary<LocalDateTime> locals() {
        // the hours around the changes of a few recent years, where the gaps and overlaps are
        Arbitrary<LocalDateTime> nearChanges = Arbitraries.of(
                        LocalDateTime.of(2026, 3, 29, 0, 0), LocalDateTime.of(2026, 10, 25, 0, 0),
                        LocalDateTime.of(2026, 3, 8, 0, 0), LocalDateTime.of(2026, 11, 1, 0, 0),
                        LocalDateTime.of(2027, 3, 28, 0, 0), LocalDateTime.of(2027, 10, 31, 0, 0))
                .flatMap(d -> Arbitraries.integers().between(0, 4 * 60).map(m -> d.plusMinutes(m)));
        Arbitrary<LocalDateTime> anywhere = Arbitraries.longs().between(0, 300L * 366 * 24 * 60)
                .map(m -> LocalDateTime.of(1900, 1, 1, 0, 0).plusMinutes(m));
        return Arbitraries.oneOf(nearChanges, anywhere);
    }

    @Provide
    Arbitrary<ZoneId> zones() {
        return Arbitraries.of("Europe/Amsterdam", "America/New_York", "UTC", "Asia/Kolkata", "Australia/Lord_Howe",
                "America/Sao_Paulo", "Pacific/Chatham").map(ZoneId::of);
    }
}
