package dev.avalon.core.automation;

import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.model.time.ExecutionTime;
import com.cronutils.parser.CronParser;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** The automations' cron against cron-utils (UNIX definition) as the reference. */
class CronReferenceProperties {

    static final ZoneId AMSTERDAM = ZoneId.of("Europe/Amsterdam");
    private static final CronParser REFERENCE = new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.UNIX));

    private static Arbitrary<String> field(int min, int max) {
        Arbitrary<String> one = Arbitraries.integers().between(min, max).map(String::valueOf);
        Arbitrary<String> range = Combinators.combine(Arbitraries.integers().between(min, max),
                Arbitraries.integers().between(0, Math.min(6, max - min))).as((a, w) -> a + "-" + Math.min(max, a + w));
        Arbitrary<String> step = Arbitraries.integers().between(2, Math.max(2, (max - min) / 2)).map(s -> "*/" + s);
        Arbitrary<String> list = Arbitraries.integers().between(min, max).list().ofMinSize(2).ofMaxSize(3).uniqueElements()
                .map(l -> String.join(",", l.stream().sorted().map(String::valueOf).toList()));
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(3, Arbitraries.just("*")), net.jqwik.api.Tuple.of(3, one),
                net.jqwik.api.Tuple.of(2, range), net.jqwik.api.Tuple.of(2, step), net.jqwik.api.Tuple.of(1, list));
    }

    @Provide
    Arbitrary<String> expressions() {
        // day of month and weekday never both restricted: libraries differ on that case, the class comment says ours
        Arbitrary<String> days = Arbitraries.oneOf(
                Combinators.combine(field(1, 28), Arbitraries.just("*")).as((d, w) -> d + " * " + w),
                Combinators.combine(Arbitraries.just("*"), field(1, 6)).as((d, w) -> d + " * " + w));
        return Combinators.combine(field(0, 59), field(0, 23), days).as((m, h, d) -> m + " " + h + " " + d);
    }

    @Provide
    Arbitrary<Instant> instants() {
        return Arbitraries.longs().between(Instant.parse("2025-01-01T00:00:00Z").getEpochSecond(),
                Instant.parse("2029-01-01T00:00:00Z").getEpochSecond()).map(Instant::ofEpochSecond);
    }

    @Property(tries = 1500)
    @Label("next firing agrees with cron-utils away from DST nights, in Amsterdam")
    void agreesWithReference(@ForAll("expressions") String expression, @ForAll("instants") Instant after) {
        Optional<Instant> ours = Cron.parse(expression, AMSTERDAM).next(after);
        Optional<Instant> theirs = ExecutionTime.forCron(REFERENCE.parse(expression))
                .nextExecution(after.atZone(AMSTERDAM)).map(ZonedDateTime::toInstant);
        boolean dstNear = ours.map(CronReferenceProperties::nearDst).orElse(false)
                || theirs.map(CronReferenceProperties::nearDst).orElse(false);
        if (!dstNear) {
            assertThat(ours).as(expression + " after " + after).isEqualTo(theirs);
        }
    }

    private static boolean nearDst(Instant i) {
        ZonedDateTime z = i.atZone(AMSTERDAM);
        var rules = AMSTERDAM.getRules();
        var t = rules.nextTransition(i.minusSeconds(2 * 86400));
        return t != null && Math.abs(t.getInstant().getEpochSecond() - i.getEpochSecond()) < 2 * 86400 && z != null;
    }
}
