package dev.avalon.testkit.contract;

import dev.avalon.core.port.MessageTemplates;
import dev.avalon.core.port.MessageTemplates.TemplateException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The behaviour every {@link MessageTemplates} must have: the fake in the testkit and the Mustache
 * adapter both extend it.
 */
public abstract class MessageTemplatesContract {

    protected abstract MessageTemplates templates();

    protected static Map<String, Object> facts() {
        return Map.of("event", Map.of("name", "finance.spent", "data", Map.of("pot", "boodschappen & co",
                "usedPercent", 85L)), "now", Map.of("date", "2026-11-23"));
    }

    @Test
    @DisplayName("dotted names are filled in from the maps, as plain text (nothing HTML-escaped)")
    void fillsIn() {
        assertThat(templates().render("Pot {{event.data.pot}} at {{event.data.usedPercent}} % on {{now.date}}.",
                facts())).isEqualTo("Pot boodschappen & co at 85 % on 2026-11-23.");
    }

    @Test
    @DisplayName("text without names stays as it is, and a missing name renders as nothing")
    void missingNames() {
        assertThat(templates().render("Stand-up!", facts())).isEqualTo("Stand-up!");
        assertThat(templates().render("[{{event.data.nothing}}]", facts())).isEqualTo("[]");
    }

    @Test
    @DisplayName("a template longer than MAX_TEMPLATE, or output longer than MAX_OUTPUT, is refused")
    void limits() {
        assertThatThrownBy(() -> templates().render("x".repeat(MessageTemplates.MAX_TEMPLATE + 1), facts()))
                .isInstanceOf(TemplateException.class);
        Map<String, Object> big = Map.of("big", "y".repeat(MessageTemplates.MAX_OUTPUT / 2 + 1));
        assertThatThrownBy(() -> templates().render("{{big}}{{big}}", big)).isInstanceOf(TemplateException.class);
    }

    @Test
    @DisplayName("an unclosed tag is refused")
    void unparsable() {
        assertThatThrownBy(() -> templates().render("Hello {{#event}} unclosed", facts()))
                .isInstanceOf(TemplateException.class);
    }
}
