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
                tuple("Bram belt de gemeente over de vergunning", "Bram", LocalDate.of(2026, 12, 4), false, 17),
                tuple("@anne stuurt de uitnodiging voor de ALV", "anne", null, false, 18),
                tuple("website bijwerken", null, null, false, 19),
                tuple("Sleutel teruggeven aan de beheerder @carla", "carla", null, true, 22),
                tuple("contract verlengen met Sportfondsen @bram", "bram", null, false, 23),
                tuple("nalopen wie de kascommissie doet", null, null, false, 25));
    }

    static final String ORDINARY = """
            # Bestuursoverleg 23 november 2026

            Aanwezig: Jan de Vries, Piet, Anne (notulist)

            ## Besluiten

            - De contributie blijft gelijk.
            - Piet stuurt geen nieuwsbrief meer uit.

            ## Actiepunten

            1. Jan: offerte versturen vóór 30-11
            2) Jan stuurt de offerte, uiterlijk 30-11-2026
            3. Anne belt de verhuurder (deadline: 5 jan)
               - Piet zoekt het oude contract op, by 2026-12-01
            4. Website bijwerken vóór vrijdag 4 december
            5. Kascommissie benaderen voor 31-11

            ## Rondvraag

            - Geen actie: de koffie is op.

            **Acties:**
            • Piet: sleutel teruggeven vóór 1 dec.
            * Anne regelt de zaal voor 12/12/26
            """;

    @Test
    @DisplayName("ordinary minutes: the items of an Actiepunten section and after an Acties label, owners and Dutch dates")
    void ordinaryMinutes() {
        List<ActionPoint> points = ActionPoints.extract(ORDINARY, LocalDate.of(2026, 11, 23));
        assertThat(points).extracting(ActionPoint::text, ActionPoint::owner, ActionPoint::due, ActionPoint::line)
                .containsExactly(
                        tuple("offerte versturen", "Jan", LocalDate.of(2026, 11, 30), 12),
                        tuple("Jan stuurt de offerte", "Jan", LocalDate.of(2026, 11, 30), 13),
                        tuple("Anne belt de verhuurder", "Anne", LocalDate.of(2027, 1, 5), 14),
                        tuple("Piet zoekt het oude contract op", "Piet", LocalDate.of(2026, 12, 1), 15),
                        tuple("Website bijwerken", null, LocalDate.of(2026, 12, 4), 16),
                        // 31 November is no date: kept in the text rather than guessed
                        tuple("Kascommissie benaderen voor 31-11", null, null, 17),
                        tuple("sleutel teruggeven", "Piet", LocalDate.of(2026, 12, 1), 24),
                        tuple("Anne regelt de zaal", "Anne", LocalDate.of(2026, 12, 12), 25));
    }

    @Test
    @DisplayName("a name and a verb name an owner only for an attendee; without a list only before a known verb")
    void ownerByNameAndVerb() {
        String withList = "Aanwezig: Jan, Piet\n\n## Acties\n\n- Kees stuurt de offerte\n- Piet bestelt de taart\n";
        assertThat(ActionPoints.extract(withList)).extracting(ActionPoint::owner).containsExactly(null, "Piet");
        String without = "## Acties\n\n- Kees stuurt de offerte\n- Nieuwe kast bestellen\n- Budget wordt besproken\n"
                + "- Besluit: geen actie\n- De voorzitter belt\n";
        assertThat(ActionPoints.extract(without)).extracting(ActionPoint::owner)
                .containsExactly("Kees", null, null, null, null);
    }

    @Test
    @DisplayName("a date without a year is the first such day on or after the minutes' date; 29-02 waits for a leap year")
    void yearlessDates() {
        assertThat(ActionPoints.extract("Actie: Jan: bellen vóór 5-1", LocalDate.of(2026, 11, 23)))
                .extracting(ActionPoint::due).containsExactly(LocalDate.of(2027, 1, 5));
        assertThat(ActionPoints.extract("Actie: Jan: bellen vóór 23 nov", LocalDate.of(2026, 11, 23)))
                .extracting(ActionPoint::due).containsExactly(LocalDate.of(2026, 11, 23));
        assertThat(ActionPoints.extract("Actie: Jan: bellen uiterlijk 29-02", LocalDate.of(2026, 11, 23)))
                .extracting(ActionPoint::due).containsExactly(LocalDate.of(2028, 2, 29));
        // without a minutes' date a year-less date is not understood
        assertThat(ActionPoints.extract("Actie: Jan: bellen vóór 5-1")).extracting(ActionPoint::due)
                .containsExactly((LocalDate) null);
    }

    @Test
    @DisplayName("numbers after 'voor' that are no date stay in the text: 1.5 uur, 10.000 euro, 31-11")
    void notDates() {
        assertThat(ActionPoints.extract("## Acties\n\n- Jan: zaal huren voor 1.5 uur\n- Piet: offerte voor 10.000 euro\n"
                + "- Anne: bellen vóór 30.11.2026\n", LocalDate.of(2026, 11, 23)))
                .extracting(ActionPoint::text, ActionPoint::due).containsExactly(
                        tuple("zaal huren voor 1.5 uur", null),
                        tuple("offerte voor 10.000 euro", null),
                        tuple("bellen", LocalDate.of(2026, 11, 30)));
    }

    @Test
    @DisplayName("a list outside an action section, and a date without a keyword, give nothing")
    void conservative() {
        String minutes = "## Besluiten\n\n- Jan: akkoord met de begroting\n\n## Acties\n\n- Jan: bellen op 30-11\n";
        assertThat(ActionPoints.extract(minutes, LocalDate.of(2026, 11, 23)))
                .extracting(ActionPoint::text, ActionPoint::owner, ActionPoint::due)
                .containsExactly(tuple("bellen op 30-11", "Jan", null));
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
