package dev.avalon.core.governance;

import dev.avalon.core.behaviour.PatchType;
import dev.avalon.core.behaviour.SemVer;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/** SemVer parsing, formatting, precedence and bumping, over random versions. */
@Label("SemVer properties")
class SemVerPropertiesTest {

    /** The regular expression semver.org publishes for the 2.0.0 grammar. */
    private static final Pattern OFFICIAL = Pattern.compile("^(0|[1-9]\\d*)\\.(0|[1-9]\\d*)\\.(0|[1-9]\\d*)"
            + "(?:-((?:0|[1-9]\\d*|\\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\\.(?:0|[1-9]\\d*|\\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?"
            + "(?:\\+([0-9a-zA-Z-]+(?:\\.[0-9a-zA-Z-]+)*))?$");

    @Provide
    Arbitrary<SemVer> versions() {
        return GovernanceArbitraries.versions();
    }

    @Property
    @Label("parse(format(v)) is v")
    void parseFormatIdentity(@ForAll("versions") SemVer v) {
        assertThat(SemVer.parse(v.toString())).isEqualTo(v);
    }

    @Property
    @Label("precedence is antisymmetric, and zero exactly for equal versions")
    void antisymmetric(@ForAll("versions") SemVer a, @ForAll("versions") SemVer b) {
        assertThat(Integer.signum(a.compareTo(b))).isEqualTo(-Integer.signum(b.compareTo(a)));
        assertThat(a.compareTo(b) == 0).isEqualTo(a.equals(b));
        assertThat(Integer.signum(a.comparePrecedence(b))).isEqualTo(-Integer.signum(b.comparePrecedence(a)));
        Statistics.label("order").collect(Integer.signum(a.compareTo(b)));
    }

    @Property
    @Label("precedence is transitive")
    void transitive(@ForAll("versions") SemVer a, @ForAll("versions") SemVer b, @ForAll("versions") SemVer c) {
        List<SemVer> sorted = new ArrayList<>(List.of(a, b, c));
        sorted.sort(null);
        assertThat(sorted.get(0).compareTo(sorted.get(2))).isLessThanOrEqualTo(0);
        if (a.compareTo(b) <= 0 && b.compareTo(c) <= 0) {
            assertThat(a.compareTo(c)).isLessThanOrEqualTo(0);
        }
        if (a.comparePrecedence(b) < 0 && b.comparePrecedence(c) < 0) {
            assertThat(a.comparePrecedence(c)).isNegative();
        }
    }

    @Property
    @Label("precedence is total: any two versions are ordered one way or the other")
    void total(@ForAll("versions") SemVer a, @ForAll("versions") SemVer b) {
        assertThat(a.compareTo(b) <= 0 || b.compareTo(a) <= 0).isTrue();
        // Build metadata is the only thing precedence ignores.
        if (a.comparePrecedence(b) == 0) {
            assertThat(new SemVer(a.major(), a.minor(), a.patch(), a.preRelease(), List.of()))
                    .isEqualTo(new SemVer(b.major(), b.minor(), b.patch(), b.preRelease(), List.of()));
        }
    }

    @Property
    @Label("a pre-release precedes its release, and the release precedes the next patch")
    void preReleaseBeforeRelease(@ForAll("versions") SemVer v) {
        SemVer release = SemVer.of(v.major(), v.minor(), v.patch());
        if (v.isPreRelease()) {
            assertThat(v.comparePrecedence(release)).isNegative();
        } else {
            assertThat(v.comparePrecedence(release)).isZero();
        }
    }

    @Property
    @Label("bump is strictly increasing for every type and resets the lower parts")
    void bumpIncreases(@ForAll("versions") SemVer v, @ForAll PatchType type) {
        SemVer next = v.bump(type);

        assertThat(next.compareTo(v)).isPositive();
        assertThat(next.comparePrecedence(v)).isPositive();
        assertThat(next.preRelease()).isEmpty();
        assertThat(next.build()).isEmpty();
        switch (type) {
            case MAJOR -> assertThat(next).isEqualTo(SemVer.of(v.major() + 1, 0, 0));
            case MINOR -> assertThat(next).isEqualTo(SemVer.of(v.major(), v.minor() + 1, 0));
            case PATCH -> assertThat(next).isEqualTo(SemVer.of(v.major(), v.minor(), v.patch() + 1));
        }
    }

    @Property
    @Label("a larger change type gives a larger version")
    void biggerTypeBiggerVersion(@ForAll("versions") SemVer v) {
        assertThat(v.bump(PatchType.PATCH)).isLessThan(v.bump(PatchType.MINOR));
        assertThat(v.bump(PatchType.MINOR)).isLessThan(v.bump(PatchType.MAJOR));
    }

    @Property
    @Label("broken versions are rejected: prefixes, missing parts, leading zeros, empty identifiers")
    void brokenVersionsRejected(@ForAll("versions") SemVer v, @ForAll("breakages") int how) {
        String text = v.toString();
        String core = v.major() + "." + v.minor() + "." + v.patch();
        String broken = switch (how) {
            case 0 -> "v" + text;
            case 1 -> v.major() + "." + v.minor();
            case 2 -> "0" + text.substring(0, 1).replace("0", "1") + text.substring(1);
            case 3 -> v.major() + ".0" + (v.minor() + 1) + "." + v.patch();
            case 4 -> core + "-0" + (v.patch() % 9 + 1);
            case 5 -> core + "-";
            case 6 -> core + "+";
            case 7 -> core + "-a..b";
            case 8 -> text + (v.build().isEmpty() ? "+a." : ".");
            case 9 -> core + ".0";
            default -> " " + text;
        };
        assertThatIllegalArgumentException().isThrownBy(() -> SemVer.parse(broken));
        assertThat(SemVer.tryParse(broken)).isEmpty();
    }

    @Provide
    Arbitrary<Integer> breakages() {
        return Arbitraries.integers().between(0, 10);
    }

    @Property(tries = 3000)
    @Label("parse accepts exactly the strings the official SemVer regex matches")
    void agreesWithTheOfficialGrammar(@ForAll("candidates") String text) {
        boolean official = OFFICIAL.matcher(text).matches();
        boolean fitsInt = !official || fitsInt(text);
        assertThat(SemVer.tryParse(text).isPresent()).as(text).isEqualTo(official && fitsInt);
        Statistics.label("valid").collect(official);
    }

    @Provide
    Arbitrary<String> candidates() {
        Arbitrary<String> noise = Arbitraries.strings().withChars("0123456789.-+aZ").ofMaxLength(14);
        Arbitrary<String> mutated = GovernanceArbitraries.versions().map(SemVer::toString)
                .flatMap(s -> Arbitraries.integers().between(0, s.length()).flatMap(i ->
                        Arbitraries.of("", "0", ".", "-", "+", "a", "00").map(ins -> s.substring(0, i) + ins + s.substring(i))));
        return Arbitraries.oneOf(noise, mutated);
    }

    private static boolean fitsInt(String text) {
        String core = text.split("[-+]", 2)[0];
        for (String part : core.split("\\.")) {
            if (part.length() > 10 || Long.parseLong(part) > Integer.MAX_VALUE) {
                return false;
            }
        }
        return true;
    }
}
