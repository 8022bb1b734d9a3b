package dev.avalon.core.json;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.math.BigDecimal;
import java.math.BigInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** What NumberBounds accepts, Avalon's writer writes in a form its own reader reads back to the same value. */
class NumberBoundsProperties {

    @Provide
    Arbitrary<BigDecimal> decimals() {
        Arbitrary<BigInteger> unscaled = Arbitraries.integers().between(1, 60)
                .flatMap(digits -> Arbitraries.strings().numeric().ofLength(digits))
                .map(BigInteger::new);
        Arbitrary<Integer> scale = Arbitraries.integers().between(-60, 60);
        Arbitrary<Boolean> negative = Arbitraries.of(true, false);
        return Combinators.combine(unscaled, scale, negative)
                .as((u, s, n) -> new BigDecimal(n ? u.negate() : u, s));
    }

    @Property(tries = 500)
    void acceptedNumbersReadBack(@ForAll("decimals") BigDecimal value) throws Exception {
        var node = Json.nodes().numberNode(value);
        if (NumberBounds.problem(node).isPresent()) {
            assertThat(NumberBounds.within(value)).isFalse();
            return;
        }
        String written = CanonicalJson.string(node);
        assertThat(written.length()).as(written).isLessThanOrEqualTo(ReadLimits.defaults().maxNumberLength());
        assertThat(Json.parse(written).decimalValue()).as(written).isEqualByComparingTo(value);
    }
}
