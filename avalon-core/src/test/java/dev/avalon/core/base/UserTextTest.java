package dev.avalon.core.base;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("UserText keeps names comparable: NFC, and no invisible or reordering characters")
class UserTextTest {

    @Test
    @DisplayName("a decomposed accent becomes the composed character")
    void nfc() {
        assertThat(UserText.normalise("Cafe\u0301")).isEqualTo("Caf\u00e9");
        assertThat(UserText.normalise("Caf\u00e9")).isEqualTo("Caf\u00e9");
    }

    @Test
    @DisplayName("each kind of refused character is reported once, naming its code point")
    void refused() {
        assertThat(UserText.problems("a\u200bb\u200dc")).singleElement().asString().contains("zero-width", "U+200B");
        assertThat(UserText.problems("\u202eabc\u2069")).singleElement().asString().contains("text-direction", "U+202E");
        assertThat(UserText.problems("a\tb")).singleElement().asString().contains("control character U+0009");
        assertThat(UserText.problems("a\u0000\u2060\u061c")).hasSize(3);
    }

    @Test
    @DisplayName("ordinary names, emoji and accents pass")
    void accepted() {
        assertThat(UserText.problems("Bestuursoverleg 😀 café – ĳs")).isEmpty();
    }
}
