package dev.avalon.core.time;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@DisplayName("ISO weeks run Monday to Sunday and cross year ends correctly")
class IsoWeekTest {

    @Test
    @DisplayName("31 December 2024 is in 2025-W01 and 1 January 2027 in 2026-W53")
    void yearEnds() {
        assertThat(IsoWeek.of(LocalDate.of(2024, 12, 31))).hasToString("2025-W01");
        assertThat(IsoWeek.of(LocalDate.of(2027, 1, 1))).hasToString("2026-W53");
        assertThat(IsoWeek.parse("2026-W53").plus(1)).hasToString("2027-W01");
    }

    @Test
    @DisplayName("a week knows its Monday and Sunday, and a week that does not exist is refused")
    void bounds() {
        IsoWeek w = IsoWeek.parse("2026-W48");
        assertThat(w.monday()).isEqualTo(LocalDate.of(2026, 11, 23));
        assertThat(w.sunday()).isEqualTo(LocalDate.of(2026, 11, 29));
        assertThatThrownBy(() -> IsoWeek.parse("2025-W53")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> IsoWeek.parse("2026-47")).isInstanceOf(IllegalArgumentException.class);
    }
}
