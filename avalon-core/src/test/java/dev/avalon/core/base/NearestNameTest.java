package dev.avalon.core.base;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("NearestName suggests what a misspelt name most likely meant, and nothing for unrelated names")
class NearestNameTest {

    private static final List<String> ACTIONS = List.of("calendar.create_event", "calendar.cancel_event",
            "calendar.update_event", "finance.register_income");

    @Test
    @DisplayName("one dropped, swapped or changed letter finds the name")
    void nearMisses() {
        assertThat(NearestName.among("calendar.creat_event", ACTIONS)).contains("calendar.create_event");
        assertThat(NearestName.among("calendar.craete_event", ACTIONS)).contains("calendar.create_event");
        assertThat(NearestName.among("Calendar.Create_Event", ACTIONS)).contains("calendar.create_event");
        assertThat(NearestName.among("amout", List.of("amount", "date", "source"))).contains("amount");
    }

    @Test
    @DisplayName("an unrelated or exact name gets no suggestion")
    void noSuggestion() {
        assertThat(NearestName.among("weekclose.start", ACTIONS)).isEmpty();
        assertThat(NearestName.among("domains.SPORT", List.of("domains.WERK"))).isEmpty();
        assertThat(NearestName.hint("calendar.create_event", ACTIONS)).isEmpty();
    }

    @Test
    @DisplayName("distance counts a swap of neighbours as one edit")
    void distance() {
        assertThat(NearestName.distance("ab", "ba")).isEqualTo(1);
        assertThat(NearestName.distance("kitten", "sitting")).isEqualTo(3);
        assertThat(NearestName.distance("", "abc")).isEqualTo(3);
    }
}
