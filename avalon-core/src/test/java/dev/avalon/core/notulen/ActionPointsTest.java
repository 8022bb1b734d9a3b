package dev.avalon.core.notulen;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

@DisplayName("Action points are found in realistic minutes, for every marker, with owner, due date and line")
class ActionPointsTest {

    static final String MINUTES = """
            # Bestuursoverleg VSB — 23 november 2026

            Aanwezig: Anne, Bram, Carla (notulist). Mail: carla@example.org

            ## 1. Opening en vorige notulen

            De notulen van 9 november zijn vastgesteld.

            - [x] Notulen 9 november rondgestuurd @carla
            - [ ] Begroting 2027 opstellen @anne 📅 2026-11-30
              - [ ] Offerte zaalhuur opvragen @bram due: 2026-11-27
              - [x] Ledenaantallen opvragen
              - Geen actie, alleen een opmerking.

            ## 2. Rondvraag

            Actie: Bram belt de gemeente over de vergunning [due:: 2026-12-04]
            AP: @anne stuurt de uitnodiging voor de ALV
            TODO website bijwerken
            Een gewone zin die TODO niet vooraan heeft.

            * [X] Sleutel teruggeven aan de beheerder @carla
            1. Actie: contract **verlengen** met `Sportfondsen` @bram

            > TODO: nalopen wie de kascommissie doet
            """;

    @Test
    @DisplayName("every marker is found, nested lists and checked items included, in document order")
    void everyMarker() {
        List<ActionPoint> points = ActionPoints.extract(MINUTES);
        assertThat(points).extracting(ActionPoint::text, ActionPoint::owner, ActionPoint::due, ActionPoint::done,
                ActionPoint::line).containsExactly(
                tuple("Notulen 9 november rondgestuurd @carla", "carla", null, true, 9),
                tuple("Begroting 2027 opstellen @anne", "anne", LocalDate.of(2026, 11, 30), false, 10),
                tuple("Offerte zaalhuur opvragen @bram", "bram", LocalDate.of(2026, 11, 27), false, 11),
                tuple("Ledenaantallen opvragen", null, null, true, 12),
                tuple("Bram belt de gemeente over de vergunning", null, LocalDate.of(2026, 12, 4), false, 17),
                tuple("@anne stuurt de uitnodiging voor de ALV", "anne", null, false, 18),
                tuple("website bijwerken", null, null, false, 19),
                tuple("Sleutel teruggeven aan de beheerder @carla", "carla", null, true, 22),
                tuple("contract verlengen met Sportfondsen @bram", "bram", null, false, 23),
                tuple("nalopen wie de kascommissie doet", null, null, false, 25));
    }

    @Test
    @DisplayName("an e-mail address is not an owner, and plain text gives no action points")
    void noFalsePositives() {
        assertThat(ActionPoints.extract("Mail carla@example.org over de TODO-lijst.\n\n- gewone lijst\n")).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"- [ ] Ding doen 📅 2026-02-30", "- [ ] Ding doen due: 2026-13-01"})
    @DisplayName("a due date that is not a real date is left out rather than guessed")
    void impossibleDates(String line) {
        assertThat(ActionPoints.extract(line)).singleElement().satisfies(p -> {
            assertThat(p.due()).isNull();
            assertThat(p.text()).isEqualTo("Ding doen");
        });
    }

    @ParameterizedTest(name = "\"{0}\" is refused")
    @ValueSource(strings = {"..", "../../etc", "a/b", "a\\b", "CON", "con", "Prn.md", "AUX", "NUL", "COM1", "LPT1.txt",
            ".git", "tab\there", "", "/etc", "C:x", "ends."})
    @DisplayName("unsafe names are refused as path segments")
    void unsafeNames(String name) {
        assertThat(SafeName.problems(name)).isNotEmpty();
    }

    @ParameterizedTest(name = "\"{0}\" is safe")
    @ValueSource(strings = {"vsb-bestuur", "project_2026", "a.b", "CONTRACT", "com10", "2026-11-23-overleg.md"})
    @DisplayName("ordinary names are safe")
    void safeNames(String name) {
        assertThat(SafeName.problems(name)).isEmpty();
    }
}
