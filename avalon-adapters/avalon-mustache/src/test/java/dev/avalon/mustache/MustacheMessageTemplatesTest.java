package dev.avalon.mustache;

import dev.avalon.core.port.MessageTemplates;
import dev.avalon.core.port.MessageTemplates.TemplateException;
import dev.avalon.testkit.contract.MessageTemplatesContract;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MustacheMessageTemplatesTest extends MessageTemplatesContract {

    private final MustacheMessageTemplates mustache = new MustacheMessageTemplates();

    @Override
    protected MessageTemplates templates() {
        return mustache;
    }

    @Test
    @DisplayName("sections repeat over lists and show or hide on booleans")
    void sections() {
        Map<String, Object> data = Map.of("event", Map.of("data", Map.of("items",
                List.of(Map.of("t", "a"), Map.of("t", "b")), "late", true, "done", false)));
        assertThat(mustache.render("{{#event.data.items}}[{{t}}]{{/event.data.items}}"
                + "{{#event.data.late}} late{{/event.data.late}}{{^event.data.done}} open{{/event.data.done}}", data))
                .isEqualTo("[a][b] late open");
    }

    @Test
    @DisplayName("sandbox: no methods or fields of values are reachable, and partials are refused")
    void sandbox() {
        Map<String, Object> data = Map.of("event", Map.of("name", "reminder.created"));
        assertThat(mustache.render("[{{event.class}}][{{event.name.bytes}}][{{event.name.length}}][{{event.getClass}}]",
                data)).isEqualTo("[][][][]");
        assertThatThrownBy(() -> mustache.render("{{> /etc/passwd}}", data)).isInstanceOf(TemplateException.class);
        assertThatThrownBy(() -> mustache.render("{{> other}}", data)).isInstanceOf(TemplateException.class);
    }

    @Test
    @DisplayName("a section over a long list cannot grow the message beyond MAX_OUTPUT")
    void outputCap() {
        List<Map<String, Object>> many = java.util.Collections.nCopies(5000, Map.of("t", "0123456789"));
        assertThatThrownBy(() -> mustache.render("{{#items}}{{t}}{{/items}}", Map.of("items", many)))
                .isInstanceOf(TemplateException.class);
    }
}
