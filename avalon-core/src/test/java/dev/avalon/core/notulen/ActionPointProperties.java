package dev.avalon.core.notulen;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

@Label("Action points in ordinary minutes")
class ActionPointProperties {

    private static final List<String> MONTHS = List.of("januari", "februari", "maart", "april", "mei", "juni", "juli",
            "augustus", "september", "oktober", "november", "december");
    private static final List<String> SHORT = List.of("jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep",
            "okt", "nov", "dec");

    /** One way of writing a due date, and whether it carries the year. */
    record DateForm(String name, Function<LocalDate, String> write, boolean hasYear) {
        @Override
        public String toString() {
            return name;
        }
    }

    /** One way of naming an owner in front of a task. */
    record OwnerForm(String name, Function<String, String> write, boolean needsAttendees) {
        @Override
        public String toString() {
            return name;
        }
    }

    static final List<DateForm> DATES = List.of(
            new DateForm("iso", LocalDate::toString, true),
            new DateForm("d-m", d -> d.getDayOfMonth() + "-" + d.getMonthValue(), false),
            new DateForm("dd-mm", d -> d.format(DateTimeFormatter.ofPattern("dd-MM")), false),
            new DateForm("dd-mm-yyyy", d -> d.format(DateTimeFormatter.ofPattern("dd-MM-yyyy")), true),
            new DateForm("d/m/yy", d -> d.format(DateTimeFormatter.ofPattern("d/M/yy")), true),
            new DateForm("d maand", d -> d.getDayOfMonth() + " " + MONTHS.get(d.getMonthValue() - 1), false),
            new DateForm("d maand yyyy", d -> d.getDayOfMonth() + " " + MONTHS.get(d.getMonthValue() - 1) + " "
                    + d.getYear(), true),
            new DateForm("d mnd.", d -> d.getDayOfMonth() + " " + SHORT.get(d.getMonthValue() - 1) + ".", false),
            new DateForm("vrijdag d maand", d -> d.getDayOfWeek().getDisplayName(java.time.format.TextStyle.FULL,
                    Locale.forLanguageTag("nl")) + " " + d.getDayOfMonth() + " " + MONTHS.get(d.getMonthValue() - 1),
                    false));

    static final List<OwnerForm> OWNERS = List.of(
            new OwnerForm("Naam:", n -> n + ": offerte versturen", false),
            new OwnerForm("@naam", n -> "offerte versturen @" + n, false),
            new OwnerForm("Naam werkwoord", n -> n + " stuurt de offerte", false),
            new OwnerForm("attendee and any verb", n -> n + " verzendt de offerte", true));

    @Property
    @Label("any action-point line with an owner and a due date in a supported form gives that owner and date back")
    void roundTrip(@ForAll("names") String owner, @ForAll("ownerForms") OwnerForm ownerForm,
                   @ForAll("dateForms") DateForm dateForm, @ForAll("keywords") String keyword,
                   @ForAll("meetings") LocalDate meeting, @ForAll("offsets") int offset,
                   @ForAll("items") String item) {
        LocalDate due = meeting.plusDays(offset);
        String attendees = ownerForm.needsAttendees() ? "Aanwezig: Kees, " + owner + " en Mia\n\n" : "";
        String phrase = keyword + " " + dateForm.write().apply(due);
        String line = item.formatted(ownerForm.write().apply(owner) + ", " + phrase);
        String minutes = "# Overleg\n\n" + attendees + "## Actiepunten\n\n" + line + "\n";

        List<ActionPoint> points = ActionPoints.extract(minutes, meeting);

        assertThat(points).singleElement().satisfies(p -> {
            assertThat(p.owner()).isEqualTo(owner);
            assertThat(p.due()).isEqualTo(due);
            assertThat(p.text()).contains("offerte").doesNotContain(phrase);
        });
    }

    @Provide
    Arbitrary<String> names() {
        return Combinators.combine(Arbitraries.chars().range('A', 'Z'),
                        Arbitraries.strings().withCharRange('a', 'z').ofMinLength(2).ofMaxLength(9))
                .as((first, rest) -> first + rest)
                .filter(n -> !Owner.LABELS.contains(n.toLowerCase(Locale.ROOT))
                        && !Owner.NOT_NAMES.contains(n.toLowerCase(Locale.ROOT)));
    }

    @Provide
    Arbitrary<OwnerForm> ownerForms() {
        return Arbitraries.of(OWNERS);
    }

    @Provide
    Arbitrary<DateForm> dateForms() {
        return Arbitraries.of(DATES);
    }

    @Provide
    Arbitrary<String> keywords() {
        return Arbitraries.of("vóór", "voor", "Vóór", "uiterlijk", "deadline", "deadline:", "by", "before");
    }

    @Provide
    Arbitrary<LocalDate> meetings() {
        return Arbitraries.integers().between(0, 365 * 8).map(d -> LocalDate.of(2024, 1, 1).plusDays(d));
    }

    @Provide
    Arbitrary<Integer> offsets() {
        // a date without a year is the next one on or after the meeting: within a year it is the date meant
        return Arbitraries.integers().between(0, 364);
    }

    @Provide
    Arbitrary<String> items() {
        return Arbitraries.of("1. %s", "2) %s", "- %s", "* %s", "- [ ] %s", "10. %s");
    }
}
