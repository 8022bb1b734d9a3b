package dev.avalon.core.automation;

import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.model.time.ExecutionTime;
import com.cronutils.parser.CronParser;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Both Amsterdam DST nights of 2026 (29 March, 25 October), against the documented rule and cron-utils. */
class CronDstTest {

    private static final ZoneId AMS = ZoneId.of("Europe/Amsterdam");
    private static final CronParser REFERENCE = new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.UNIX));

    private static List<Instant> firings(String expr, String from, int n) {
        Cron cron = Cron.parse(expr, AMS);
        List<Instant> out = new ArrayList<>();
        Instant at = Instant.parse(from);
        for (int i = 0; i < n; i++) {
            at = cron.next(at).orElseThrow();
            out.add(at);
        }
        return out;
    }

    private static Instant reference(String expr, String after) {
        return ExecutionTime.forCron(REFERENCE.parse(expr)).nextExecution(Instant.parse(after).atZone(AMS))
                .map(ZonedDateTime::toInstant).orElseThrow();
    }

    @Test
    @DisplayName("spring: 02:30 does not exist on 29 March 2026 and fires once at 03:30 CEST")
    void springGap() {
        assertThat(firings("30 2 * * *", "2026-03-27T12:00:00Z", 3)).containsExactly(
                Instant.parse("2026-03-28T01:30:00Z"), Instant.parse("2026-03-29T01:30:00Z"),
                Instant.parse("2026-03-30T00:30:00Z"));
    }

    @Test
    @DisplayName("spring: an hourly job fires 23 times on the short day, never twice at one instant")
    void springHourly() {
        List<Instant> day = firings("0 * * * *", "2026-03-28T23:00:00Z", 23);
        assertThat(day).doesNotHaveDuplicates();
        assertThat(day.get(22)).isEqualTo(Instant.parse("2026-03-29T22:00:00Z"));
    }

    @Test
    @DisplayName("autumn: 02:30 happens twice on 25 October 2026 and fires once, the first time (CEST)")
    void autumnOverlap() {
        assertThat(firings("30 2 * * *", "2026-10-24T12:00:00Z", 2)).containsExactly(
                Instant.parse("2026-10-25T00:30:00Z"), Instant.parse("2026-10-26T01:30:00Z"));
    }

    @Test
    @DisplayName("autumn: every 30 minutes skips the repeated hour; the long day has 48 firings")
    void autumnHalfHourly() {
        List<Instant> day = firings("*/30 * * * *", "2026-10-24T21:59:00Z", 48);
        assertThat(day.get(0)).isEqualTo(Instant.parse("2026-10-24T22:00:00Z"));
        assertThat(day).doesNotContain(Instant.parse("2026-10-25T01:00:00Z"), Instant.parse("2026-10-25T01:30:00Z"));
        assertThat(day.get(47)).isEqualTo(Instant.parse("2026-10-25T22:30:00Z"));
    }

    @ParameterizedTest(name = "{0} after {1}")
    @DisplayName("away from the changed hour, both nights agree with cron-utils")
    @CsvSource({
            "'0 9 * * 1-5', 2026-03-27T10:00:00Z", "'0 9 * * 1-5', 2026-10-23T10:00:00Z",
            "'0 3 * * *', 2026-03-28T23:00:00Z", "'0 3 * * *', 2026-10-24T23:00:00Z",
            "'15 1 * * *', 2026-03-28T20:00:00Z", "'15 1 * * *', 2026-10-24T20:00:00Z",
            "'0 18 * * SUN', 2026-03-28T12:00:00Z", "'0 18 * * 0', 2026-10-24T12:00:00Z",
            "'*/15 4 * * *', 2026-03-29T00:00:00Z", "'*/15 4 * * *', 2026-10-25T00:00:00Z"})
    void referenceAroundDst(String expr, String after) {
        assertThat(Cron.parse(expr, AMS).next(Instant.parse(after))).contains(reference(expr, after));
    }

    @Test
    @DisplayName("missed firings count once: firesBetween over a week of ticks missed")
    void missedOnce() {
        Cron daily = Cron.parse("0 8 * * *", AMS);
        assertThat(daily.firesBetween(Instant.parse("2026-11-16T08:00:00Z"), Instant.parse("2026-11-23T08:00:00Z")))
                .isTrue();
        assertThat(daily.firesBetween(Instant.parse("2026-11-23T07:00:01Z"), Instant.parse("2026-11-23T08:00:00Z")))
                .isFalse();
    }

    @Test
    @DisplayName("both day fields restricted: either matches; 31 February never fires; bad fields are named")
    void edges() {
        assertThat(Cron.parse("0 12 13 * 5", AMS).next(Instant.parse("2026-11-01T00:00:00Z")))
                .contains(Instant.parse("2026-11-06T11:00:00Z"));
        assertThat(Cron.parse("0 0 31 2 *", AMS).next(Instant.parse("2026-01-01T00:00:00Z"))).isEmpty();
        assertThatThrownBy(() -> Cron.parse("60 * * * *", AMS)).hasMessageContaining("minute");
        assertThatThrownBy(() -> Cron.parse("* * * *", AMS)).hasMessageContaining("five fields");
        assertThatThrownBy(() -> Cron.parse("0 0 * * FOO", AMS)).hasMessageContaining("weekday");
    }
}
