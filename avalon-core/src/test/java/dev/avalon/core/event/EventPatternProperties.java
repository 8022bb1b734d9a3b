package dev.avalon.core.event;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Example;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Event patterns: {@code *} one segment, {@code **} any number, checked against a regex translation. */
class EventPatternProperties {

    @Provide
    Arbitrary<List<String>> names() {
        return Arbitraries.of("calendar", "created", "reminder", "finance", "spent", "a", "b", "x_1")
                .list().ofMinSize(1).ofMaxSize(5);
    }

    @Provide
    Arbitrary<List<String>> patterns() {
        return Arbitraries.of("calendar", "created", "reminder", "a", "b", "*", "**").list().ofMinSize(1).ofMaxSize(5);
    }

    /** The reference: every segment with a leading dot, ** as any run of such segments, as a regex. */
    private static boolean reference(List<String> pattern, List<String> name) {
        StringBuilder rx = new StringBuilder("^");
        for (String p : pattern) {
            rx.append(p.equals("**") ? "(?:\\.[a-z0-9_]+)*" : p.equals("*") ? "\\.[a-z0-9_]+" : "\\." + Pattern.quote(p));
        }
        return Pattern.compile(rx.append("$").toString()).matcher("." + String.join(".", name)).matches();
    }

    @Property(tries = 2000)
    @Label("a pattern matches a name exactly when its regex translation does")
    void agreesWithRegex(@ForAll("patterns") List<String> pattern, @ForAll("names") List<String> name) {
        assertThat(EventPattern.of(String.join(".", pattern)).matches(String.join(".", name)))
                .isEqualTo(reference(pattern, name));
    }

    @Property(tries = 500)
    @Label("** matches every name; a name matches itself; * matches every one-segment name")
    void laws(@ForAll("names") List<String> name) {
        String n = String.join(".", name);
        assertThat(EventPattern.of("**").matches(n)).isTrue();
        assertThat(EventPattern.of(n).matches(n)).isTrue();
        assertThat(EventPattern.of("*").matches(n)).isEqualTo(name.size() == 1);
    }

    @Property(tries = 500)
    @Label("replacing any segment by * keeps the match, and prefix.** matches every longer name")
    void widening(@ForAll("names") List<String> name, @ForAll("indexes") int index) {
        List<String> p = new ArrayList<>(name);
        int i = index % name.size();
        p.set(i, "*");
        String n = String.join(".", name);
        assertThat(EventPattern.of(String.join(".", p)).matches(n)).isTrue();
        assertThat(EventPattern.of(String.join(".", name.subList(0, i + 1)) + ".**").matches(n)).isTrue();
    }

    @Provide
    Arbitrary<Integer> indexes() {
        return Arbitraries.integers().between(0, 100);
    }

    @Example
    @Label("the documented examples")
    void examples() {
        assertThat(EventPattern.of("calendar.*").matches("calendar.created")).isTrue();
        assertThat(EventPattern.of("calendar.*").matches("calendar.invite.sent")).isFalse();
        assertThat(EventPattern.of("calendar.**").matches("calendar.invite.sent")).isTrue();
        assertThat(EventPattern.of("*.created").matches("reminder.created")).isTrue();
        assertThat(EventPattern.of("*.created").matches("reminder.moved")).isFalse();
        assertThat(EventPattern.of("**.sent").matches("invite.sent")).isTrue();
        assertThat(EventPattern.of("**").matches("not a name")).isFalse();
        assertThatThrownBy(() -> EventPattern.of("calendar..x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> EventPattern.of("Calendar.*")).isInstanceOf(IllegalArgumentException.class);
    }
}
