package dev.avalon.testkit.calendar;

import dev.avalon.core.base.Mailbox;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import static org.assertj.core.api.Assertions.assertThat;

class MailboxProperties {

    @Property(tries = 300)
    void theKeptFormReadsBackAsTheSameMailbox(@ForAll("names") String name) {
        Mailbox mailbox = new Mailbox(name, "jan.jansen@example.org");

        assertThat(Mailbox.parse(mailbox.text())).contains(mailbox);
        assertThat(Mailbox.parse("\"" + name + "\" <jan.jansen@example.org>")).contains(mailbox);
        assertThat(mailbox.text()).endsWith(" <jan.jansen@example.org>");
    }

    @Example
    void plainWordsAreNotQuotedAndOthersAre() {
        assertThat(new Mailbox("Jan Jansen", "jan@example.org").text()).isEqualTo("Jan Jansen <jan@example.org>");
        assertThat(new Mailbox("Jansen, Jan", "jan@example.org").text()).isEqualTo("\"Jansen, Jan\" <jan@example.org>");
        assertThat(new Mailbox("", "jan@example.org").text()).isEqualTo("jan@example.org");
        assertThat(Mailbox.parse(" jan@example.org ")).contains(new Mailbox("", "jan@example.org"));
        assertThat(Mailbox.parse("Jan <jan@example.org> x")).isEmpty();
        assertThat(Mailbox.parse("a@b.org, c@d.org")).isEmpty();
    }

    /** Names a mailbox may carry: no control or format characters (a soft hyphen is refused like a title's). */
    @Provide
    Arbitrary<String> names() {
        return Arbitraries.strings().withCharRange(' ', '\u024F').withChars("€,;:.()@ÜĲ").ofMinLength(1).ofMaxLength(40)
                .map(String::strip)
                .filter(s -> !s.isEmpty() && s.chars().noneMatch(c -> c == '<' || c == '>' || c == '"' || c == '\\'
                        || Character.isISOControl(c) || Character.getType(c) == Character.FORMAT));
    }
}
