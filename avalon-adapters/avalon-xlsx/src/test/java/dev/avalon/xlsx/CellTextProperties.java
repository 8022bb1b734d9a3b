package dev.avalon.xlsx;

import dev.avalon.core.port.FinanceSheet;
import dev.avalon.core.port.LogbookSheet;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

@Label("xlsx text and amount properties")
class CellTextProperties {

    private final XlsxSheetRenderer renderer = new XlsxSheetRenderer();

    /** Any UTF-16 text: control characters, lone surrogates, noncharacters, escapes and formula starters included. */
    @Provide
    Arbitrary<List<String>> texts() {
        Arbitrary<String> any = Arbitraries.strings().all().ofMaxLength(20);
        Arbitrary<String> tricky = Arbitraries.of("_x0041_", "_x00e9_", "_x", "_", "x", "_x005F_", "_xD83D_", "0041",
                        "=", "+", "-", "@", "\t", "\r", "\n", "\r\n", "\u0000", "\u0001", "\u001F", "\uD83D", "\uDE00",
                        "\uD83D\uDE00", "\uFFFE", "\uFFFF", "'", " ", "é", "日")
                .list().ofMaxSize(8).map(parts -> String.join("", parts));
        return Arbitraries.oneOf(any, tricky).list().ofMinSize(1).ofMaxSize(24);
    }

    @Property(tries = 15)
    @Label("every text reads back verbatim from a logbook")
    void textRoundTrips(@ForAll("texts") List<String> texts) {
        List<LogbookSheet.Row> rows = new ArrayList<>();
        for (int i = 0; i < texts.size(); i++) {
            rows.add(new LogbookSheet.Row(LocalDate.of(2026, 11, 16).plusDays(i % 7), texts.get(i),
                    texts.get((i + 1) % texts.size()), 5, 5, texts.get((i + 2) % texts.size()), i));
        }
        LogbookSheet sheet = new LogbookSheet("2026-W47", rows);
        assertThat(renderer.readLogbook(renderer.logbook(sheet))).isEqualTo(sheet);
    }

    @Provide
    Arbitrary<List<BigDecimal>> amounts() {
        return Arbitraries.longs().between(-999_999_999_999_999L, 999_999_999_999_999L)
                .map(cents -> BigDecimal.valueOf(cents, 2)).list().ofMinSize(1).ofMaxSize(20);
    }

    @Property(tries = 15)
    @Label("every amount below 10^13 comes back to the cent, and so do their sums")
    void amountsRoundTrip(@ForAll("amounts") List<BigDecimal> amounts) {
        List<FinanceSheet.PotBalance> pots = new ArrayList<>();
        for (int i = 0; i < amounts.size(); i++) {
            pots.add(new FinanceSheet.PotBalance("pot " + i, amounts.get(i)));
        }
        // the sum of the pots is a cell too; where it would leave the range, one pot must do
        BigDecimal sum = amounts.stream().reduce(BigDecimal.ZERO, BigDecimal::add);
        if (sum.abs().compareTo(new BigDecimal("10000000000000")) >= 0) {
            pots = pots.subList(0, 1);
        }
        FinanceSheet sheet = new FinanceSheet("2026-W48", "EUR", List.of(), pots, new BigDecimal("0.00"));
        assertThat(renderer.readFinance(renderer.finance(sheet))).isEqualTo(sheet);
    }
}
