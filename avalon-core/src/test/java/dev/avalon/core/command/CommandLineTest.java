package dev.avalon.core.command;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@DisplayName("An ACTION: line is read by its grammar")
class CommandLineTest {

    @Test
    @DisplayName("system, action and parameters, quoted values with escapes, = inside a bare value")
    void parses() {
        CommandLine line = CommandLine.parse(
                "  ACTION: N8N.SEND_EMAIL to=jan@example.org subject=\"Offerte \\\"Q4\\\" verstuurd\" url=https://x.nl/?a=b");
        assertThat(line.system()).contains("N8N");
        assertThat(line.action()).isEqualTo("SEND_EMAIL");
        assertThat(line.params()).containsExactly(Map.entry("to", "jan@example.org"),
                Map.entry("subject", "Offerte \"Q4\" verstuurd"), Map.entry("url", "https://x.nl/?a=b"));
        assertThat(line.render()).isEqualTo(
                "ACTION: N8N.SEND_EMAIL to=jan@example.org subject=\"Offerte \\\"Q4\\\" verstuurd\" url=https://x.nl/?a=b");
    }

    @Test
    @DisplayName("the action alone leaves the system to the whitelist; an empty value is written \"\"")
    void actionAlone() {
        CommandLine line = CommandLine.parse("ACTION: NOTIFY text=\"\"");
        assertThat(line.system()).isEmpty();
        assertThat(line.params()).containsExactly(Map.entry("text", ""));
        assertThat(new CommandLine(Optional.empty(), "NOTIFY", Map.of("text", "")).render())
                .isEqualTo("ACTION: NOTIFY text=\"\"");
    }

    @Test
    @DisplayName("what leaves the grammar is refused with the column and what was expected")
    void refuses() {
        assertThatThrownBy(() -> CommandLine.parse("ACTION: n8n.send")).isInstanceOf(CommandLine.SyntaxError.class)
                .hasMessageContaining("column 9").hasMessageContaining("capitals");
        assertThatThrownBy(() -> CommandLine.parse("ACTION: N8N.SEND to")).hasMessageContaining("expected = after to");
        assertThatThrownBy(() -> CommandLine.parse("ACTION: N8N.SEND to=a to=b")).hasMessageContaining("given twice");
        assertThatThrownBy(() -> CommandLine.parse("ACTION: N8N.SEND to=\"open")).hasMessageContaining("not closed");
        assertThatThrownBy(() -> CommandLine.parse("ACTION: N8N.SEND to=a\"b")).hasMessageContaining("in quotes");
        assertThatThrownBy(() -> CommandLine.parse("ACTION: N8N.SEND to=")).hasMessageContaining("expected a value");
        assertThatThrownBy(() -> CommandLine.parse("ACTION: N8N.SEND to=\"a\"b=c"))
                .hasMessageContaining("a space before the next parameter");
        assertThatThrownBy(() -> CommandLine.parse("DO: N8N.SEND")).hasMessageContaining("expected ACTION:");
    }

    @Test
    @DisplayName("only lines starting with ACTION: (after spaces or tabs) are command lines")
    void linesOf() {
        assertThat(CommandLine.linesOf("Zal ik doen.\nACTION: A.B\n  action: A.B\n\tACTION: C.D x=1\nNo ACTION: here"))
                .containsExactly("ACTION: A.B", "\tACTION: C.D x=1");
    }
}
