package dev.avalon.core.governance;

import dev.avalon.core.behaviour.PatchType;
import dev.avalon.core.behaviour.SemVer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

@DisplayName("SemVer follows Semantic Versioning 2.0.0")
class SemVerTest {

    @Test
    @DisplayName("parses every part of MAJOR.MINOR.PATCH-PRERELEASE+BUILD")
    void parsesAllParts() {
        SemVer v = SemVer.parse("1.22.333-alpha.7.x-y+build.007");

        assertThat(v.major()).isEqualTo(1);
        assertThat(v.minor()).isEqualTo(22);
        assertThat(v.patch()).isEqualTo(333);
        assertThat(v.preRelease()).containsExactly("alpha", "7", "x-y");
        assertThat(v.build()).containsExactly("build", "007");
        assertThat(v.isPreRelease()).isTrue();
        assertThat(v).hasToString("1.22.333-alpha.7.x-y+build.007");
    }

    @ParameterizedTest(name = "\"{0}\" is valid")
    @ValueSource(strings = {"0.0.4", "1.2.3", "10.20.30", "1.1.2-prerelease+meta", "1.1.2+meta", "1.1.2+meta-valid",
            "1.0.0-alpha", "1.0.0-beta", "1.0.0-alpha.beta", "1.0.0-alpha.beta.1", "1.0.0-alpha.1", "1.0.0-alpha0.valid",
            "1.0.0-alpha.0valid", "1.0.0-alpha-a.b-c-somethinglong+build.1-aef.1-its-okay", "1.0.0-rc.1+build.1",
            "2.0.0-rc.1+build.123", "1.2.3-beta", "10.2.3-DEV-SNAPSHOT", "1.2.3-SNAPSHOT-123", "2.0.0+build.1848",
            "2.0.1-alpha.1227", "1.0.0-alpha+beta", "1.2.3----RC-SNAPSHOT.12.9.1--.12+788", "1.2.3----R-S.12.9.1--.12+meta",
            "1.2.3----RC-SNAPSHOT.12.9.1--.12", "1.0.0+0.build.1-rc.10000aaa-kk-0.1", "1.0.0-0A.is.legal",
            "2147483647.0.0", "1.0.0-99999999999999999999999"})
    void acceptsValidVersions(String text) {
        assertThat(SemVer.tryParse(text)).isPresent();
        assertThat(SemVer.parse(text)).hasToString(text);
    }

    @ParameterizedTest(name = "\"{0}\" is rejected")
    @ValueSource(strings = {"1", "1.2", "1.2.3.4", "v1.2.3", "V1.2.3", " 1.2.3", "1.2.3 ", "01.2.3", "1.02.3", "1.2.03",
            "1.2.3-0123", "1.2.3-0123.0123", "1.0.0-alpha_beta", "1.2.3-", "1.2.3+", "1.2.3-+", "1.2.3-.", "1.2.3-a..b",
            "1.2.3+a..b", "1.2.3-a.", "1.2.3+.a", "1.2.3+meta+meta", "1.2.3-beta+meta+x", "+invalid", "-invalid",
            "alpha", "1.2.3.DEV", "1.2-SNAPSHOT", "1.2.31.2.3----RC-SNAPSHOT.12.09.1--..12+788", "-1.0.3-gamma+b7718",
            "9.8.7-whatever+meta+meta", "1..3", ".2.3", "1.2.", "", "2147483648.0.0", "1.2.3-é", "1.2.3+é",
            "1.2.3-beta.01"})
    void rejectsInvalidVersions(String text) {
        assertThat(SemVer.tryParse(text)).isEmpty();
        assertThatIllegalArgumentException().isThrownBy(() -> SemVer.parse(text)).withMessageContaining("\"");
    }

    @Test
    @DisplayName("the error message says what is wrong")
    void clearMessages() {
        assertThatIllegalArgumentException().isThrownBy(() -> SemVer.parse("1.2"))
                .withMessageContaining("expected MAJOR.MINOR.PATCH");
        assertThatIllegalArgumentException().isThrownBy(() -> SemVer.parse("1.02.3"))
                .withMessageContaining("leading zero in its minor version");
        assertThatIllegalArgumentException().isThrownBy(() -> SemVer.parse("1.2.3-alpha..1"))
                .withMessageContaining("must not be empty");
        assertThatIllegalArgumentException().isThrownBy(() -> SemVer.parse("1.2.3-01"))
                .withMessageContaining("leading zeros");
        assertThatIllegalArgumentException().isThrownBy(() -> SemVer.parse("v1.2.3"))
                .withMessageContaining("non-numeric major");
    }

    @Test
    @DisplayName("tryParse of null is empty")
    void tryParseNull() {
        assertThat(SemVer.tryParse(null)).isEmpty();
    }

    @Test
    @DisplayName("precedence follows the example chain of SemVer §11")
    void specExampleChain() {
        List<String> chain = List.of("1.0.0-alpha", "1.0.0-alpha.1", "1.0.0-alpha.beta", "1.0.0-beta", "1.0.0-beta.2",
                "1.0.0-beta.11", "1.0.0-rc.1", "1.0.0", "2.0.0", "2.1.0", "2.1.1");
        List<SemVer> versions = chain.stream().map(SemVer::parse).toList();
        for (int i = 0; i + 1 < versions.size(); i++) {
            assertThat(versions.get(i)).as(chain.get(i) + " < " + chain.get(i + 1)).isLessThan(versions.get(i + 1));
        }
        List<SemVer> shuffled = new ArrayList<>(versions);
        Collections.shuffle(shuffled, new java.util.Random(6));
        Collections.sort(shuffled);
        assertThat(shuffled).isEqualTo(versions);
    }

    @Test
    @DisplayName("numeric identifiers compare as numbers, however long")
    void numericIdentifiers() {
        assertThat(SemVer.parse("1.0.0-2")).isLessThan(SemVer.parse("1.0.0-10"));
        assertThat(SemVer.parse("1.0.0-99999999999999999999")).isLessThan(SemVer.parse("1.0.0-100000000000000000000"));
        assertThat(SemVer.parse("1.0.0-999")).isLessThan(SemVer.parse("1.0.0-a"));
        assertThat(SemVer.parse("1.0.0-Z")).isLessThan(SemVer.parse("1.0.0-a"));
    }

    @Test
    @DisplayName("build metadata has no precedence, but breaks ties so that the order matches equals")
    void buildMetadata() {
        SemVer plain = SemVer.parse("1.0.0");
        SemVer a = SemVer.parse("1.0.0+a");
        SemVer b = SemVer.parse("1.0.0+b");

        assertThat(a.comparePrecedence(b)).isZero();
        assertThat(plain.comparePrecedence(a)).isZero();
        assertThat(a).isNotEqualTo(b);
        assertThat(plain.compareTo(a)).isNegative();
        assertThat(a.compareTo(b)).isNegative();
        assertThat(new TreeSet<>(List.of(b, a, plain))).containsExactly(plain, a, b);
        assertThat(SemVer.parse("1.0.0-rc.1+zzz")).isLessThan(SemVer.parse("1.0.0+aaa"));
    }

    @Test
    @DisplayName("bump increases the right part, resets the lower ones and drops pre-release and build")
    void bump() {
        SemVer v = SemVer.parse("1.4.2-rc.1+b7");

        assertThat(v.bump(PatchType.PATCH)).hasToString("1.4.3");
        assertThat(v.bump(PatchType.MINOR)).hasToString("1.5.0");
        assertThat(v.bump(PatchType.MAJOR)).hasToString("2.0.0");
        assertThat(SemVer.of(0, 9, 9).bump(PatchType.MAJOR)).isEqualTo(SemVer.of(1, 0, 0));
    }

    @Test
    @DisplayName("bump refuses to overflow")
    void bumpOverflow() {
        assertThatIllegalStateException().isThrownBy(() -> SemVer.of(Integer.MAX_VALUE, 0, 0).bump(PatchType.MAJOR))
                .withMessageContaining("major");
    }

    @Test
    @DisplayName("the constructor refuses what parse would refuse")
    void constructorValidates() {
        assertThatIllegalArgumentException().isThrownBy(() -> new SemVer(-1, 0, 0, List.of(), List.of()));
        assertThatIllegalArgumentException().isThrownBy(() -> new SemVer(1, 0, 0, List.of("01"), List.of()));
        assertThatIllegalArgumentException().isThrownBy(() -> new SemVer(1, 0, 0, List.of(""), List.of()));
        assertThatIllegalArgumentException().isThrownBy(() -> new SemVer(1, 0, 0, List.of(), List.of("a.b")));
        assertThat(new SemVer(1, 0, 0, List.of(), List.of("007"))).hasToString("1.0.0+007");
    }
}
