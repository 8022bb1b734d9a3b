package dev.avalon.testkit.hardening;

import dev.avalon.core.base.ErrorCode;
import dev.avalon.testkit.MutableClock;
import dev.avalon.testkit.brain.InMemoryBrainStore;
import dev.avalon.testkit.harness.AvalonHarness;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

import java.math.BigInteger;

import static dev.avalon.testkit.hardening.Hardening.dailyEntryWith;
import static org.assertj.core.api.Assertions.assertThat;

/** F2 as a property: whatever the magnitude and notation, an integer field is refused or stored exactly. */
class IntegerFieldsProperties {

    private static AvalonHarness h;

    @BeforeContainer
    static void open() {
        // hundreds of tries in a second: the per-minute limit (real time) is switched off
        h = AvalonHarness.on(new InMemoryBrainStore(),
                MutableClock.at("2026-11-23T08:00:00+01:00"),
                b -> b.rateLimits(Integer.MAX_VALUE, Integer.MAX_VALUE));
    }

    @AfterContainer
    static void close() {
        h.close();
    }

    /** An integer written as JSON in one of several notations: plain, with a fraction of zeros, or with an exponent. */
    record Written(BigInteger value, String text) {
    }

    @Provide
    Arbitrary<Written> integers() {
        Arbitrary<BigInteger> small = Arbitraries.bigIntegers().between(BigInteger.valueOf(-5), BigInteger.valueOf(1005));
        Arbitrary<BigInteger> large = Arbitraries.integers().between(1, 400)
                .flatMap(digits -> Arbitraries.strings().numeric().ofLength(digits))
                .map(BigInteger::new);
        Arbitrary<BigInteger> wrapping = Arbitraries.integers().between(-3, 3)
                .map(k -> BigInteger.TWO.pow(64).add(BigInteger.valueOf(k)));
        Arbitrary<BigInteger> value = Arbitraries.oneOf(small, large, wrapping,
                large.map(BigInteger::negate));
        Arbitrary<Integer> notation = Arbitraries.integers().between(0, 2);
        return Combinators.combine(value, notation).as((v, n) -> new Written(v, switch (n) {
            case 0 -> v.toString();
            case 1 -> v + ".0";
            default -> scientific(v);
        }));
    }

    /** {@code v} exactly, as {@code d.ddde<n>}. */
    static String scientific(BigInteger v) {
        String digits = v.abs().toString();
        String mantissa = digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
        return (v.signum() < 0 ? "-" : "") + mantissa + "e" + (digits.length() - 1);
    }

    @Property(tries = 200)
    void refusedOrStoredExactly(@ForAll("integers") Written written) {
        var response = h.raw(dailyEntryWith("moveCount", written.text()));
        if (response.result().ok()) {
            BigInteger stored = response.data().path("entry").path("moveCount").bigIntegerValue();
            assertThat(stored).as(written.text()).isEqualTo(written.value());
            assertThat(written.value()).isBetween(BigInteger.ZERO, BigInteger.valueOf(1000));
        } else {
            assertThat(response.rejected().error().code()).as(written.text())
                    .isIn(ErrorCode.VALIDATION_FAILED, ErrorCode.PAYLOAD_TOO_LARGE);
            assertThat(response.rejected().error().details()).as(written.text()).isNotEmpty();
        }
    }
}
