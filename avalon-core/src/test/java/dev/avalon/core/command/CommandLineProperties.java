package dev.avalon.core.command;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

@Label("ACTION: lines")
class CommandLineProperties {

    @Property(tries = 500)
    @Label("render then parse is the identity")
    void roundTrip(@ForAll("lines") CommandLine line) {
        assertThat(CommandLine.parse(line.render())).isEqualTo(line);
    }

    @Property(tries = 300)
    @Label("extra blanks around the parts change nothing")
    void blanks(@ForAll("lines") CommandLine line, @ForAll("blank") String pad) {
        StringBuilder spaced = new StringBuilder(pad + "ACTION:" + pad + " " + line.target());
        line.params().forEach((k, v) -> spaced.append(" ").append(pad).append(
                new CommandLine(Optional.empty(), "X", Map.of(k, v)).render().substring("ACTION: X ".length())));
        spaced.append(pad);
        assertThat(CommandLine.parse(spaced.toString())).isEqualTo(line);
    }

    @Property(tries = 300)
    @Label("a reply's lines that start with ACTION: are the commands, in order")
    void linesOf(@ForAll("lines") CommandLine a, @ForAll("lines") CommandLine b, @ForAll("prose") String prose) {
        String text = prose + "\n" + a.render() + "\r\n" + prose + "\n  " + b.render();
        assertThat(CommandLine.linesOf(text).stream().map(CommandLine::parse).toList()).containsExactly(a, b);
    }

    @Provide
    Arbitrary<CommandLine> lines() {
        Arbitrary<String> name = Arbitraries.strings().withChars("ABCXYZ019_").ofMaxLength(12)
                .map(s -> "N" + s);
        Arbitrary<String> key = Arbitraries.strings().withChars("abzAZ09_").ofMaxLength(10).map(s -> "k" + s);
        Arbitrary<String> value = Arbitraries.oneOf(
                Arbitraries.strings().all().ofMaxLength(30),
                Arbitraries.strings().withChars(" \t\"\\=ab.@:/é😀").ofMaxLength(12))
                .map(s -> s.replaceAll("\\R", ""))
                // a lone surrogate is no text a line can hold
                .filter(s -> s.codePoints().noneMatch(c -> Character.getType(c) == Character.SURROGATE));
        Arbitrary<Map<String, String>> params = Arbitraries.maps(key, value).ofMaxSize(5)
                .map(LinkedHashMap::new);
        return Combinators.combine(name.optional(0.7), name, params)
                .as((s, a, p) -> new CommandLine(s, a, p));
    }

    @Provide
    Arbitrary<String> blank() {
        return Arbitraries.strings().withChars(" \t").ofMinLength(0).ofMaxLength(3);
    }

    @Provide
    Arbitrary<String> prose() {
        return Arbitraries.strings().withChars("abc ACTION.:=\"").ofMaxLength(20)
                .filter(s -> !CommandLine.isCommand(s))
                .filter(s -> !s.contains("\n"));
    }

}
