package dev.avalon.testkit.contract;

import dev.avalon.core.port.FinanceSheet;
import dev.avalon.core.port.FinanceSheet.Kind;
import dev.avalon.core.port.FinanceSheet.Movement;
import dev.avalon.core.port.FinanceSheet.PotBalance;
import dev.avalon.core.port.LogbookSheet;
import dev.avalon.core.port.SheetFormatException;
import dev.avalon.core.port.SheetRenderer;
import dev.avalon.testkit.sheet.SheetFixtures;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The behaviour every {@link SheetRenderer} must have. An implementation's test extends this class
 * and says how to make a renderer:
 *
 * <pre>{@code
 * class XlsxSheetRendererTest extends SheetRendererContract {
 *     protected SheetRenderer newRenderer() {
 *         return new XlsxSheetRenderer();
 *     }
 * }
 * }</pre>
 *
 * Fixed here for every renderer: what is written reads back equal (text verbatim, amounts with their
 * cents and scale, dates, the order of rows); the same sheet gives the same bytes, from any instance;
 * bytes that are not such a sheet, or a sheet of the other kind, are a {@link SheetFormatException}.
 *
 * <p>The tests are grouped by theme in {@code @Nested} classes ({@code Logbook}, {@code Finance},
 * {@code Output} and {@code BadBytes}); JUnit runs them for every subclass, as part of its own test class,
 * with the subclass's set-up.
 */
public abstract class SheetRendererContract {

    /** The renderer under test, new for every test. */
    protected SheetRenderer renderer;

    /** A new renderer; two calls may return the same instance if it is stateless. */
    protected abstract SheetRenderer newRenderer();

    @BeforeEach
    void openRenderer() {
        renderer = newRenderer();
    }

    @Nested
    @DisplayName("logbook sheets")
    class Logbook {

        @Test
        @DisplayName("a week of logbook entries reads back equal, in journal order")
        void logbookRoundTrips() {
            LogbookSheet week = SheetFixtures.logbookWeek();
            assertThat(renderer.readLogbook(renderer.logbook(week))).isEqualTo(week);
        }

        @Test
        @DisplayName("a week without entries is still a sheet and reads back empty")
        void emptyLogbookWeek() {
            LogbookSheet empty = new LogbookSheet("2026-W01", List.of());
            byte[] bytes = renderer.logbook(empty);
            assertThat(bytes).isNotEmpty();
            assertThat(renderer.readLogbook(bytes)).isEqualTo(empty);
        }

        @Test
        @DisplayName("accents, emoji, scripts, combining marks, line breaks and control characters read back verbatim")
        void logbookUnicode() {
            List<String> texts = List.of("Café naïef über", "日本語の日記", "😀🏃‍♀️ rennen", "שלום עולם", "e\u0301",
                    "twee\nregels", "tab\tin het midden", "x\u0001y\u001Fz", "_x0041_ blijft _x0041_", "  spaties  ",
                    "'al een apostrof", "\"aanhalingstekens\" & <tags>", "");
            List<LogbookSheet.Row> rows = new ArrayList<>();
            for (int i = 0; i < texts.size(); i++) {
                rows.add(new LogbookSheet.Row(LocalDate.of(2026, 11, 16).plusDays(i % 7), texts.get(i),
                        texts.get((i + 1) % texts.size()), 1 + i % 10, 10 - i % 10, texts.get((i + 2) % texts.size()), i));
            }
            LogbookSheet sheet = new LogbookSheet("2026-W47", rows);
            assertThat(renderer.readLogbook(renderer.logbook(sheet))).isEqualTo(sheet);
        }

        @Test
        @DisplayName("logbook text that starts like a formula (= + - @ tab CR) reads back exactly as typed")
        void logbookFormulaTextIsText() {
            List<LogbookSheet.Row> rows = new ArrayList<>();
            for (String text : SheetFixtures.FORMULA_LOOKING) {
                rows.add(new LogbookSheet.Row(LocalDate.of(2026, 11, 18), text, text, 5, 5, text, 0));
            }
            LogbookSheet sheet = new LogbookSheet("2026-W47", rows);
            LogbookSheet back = renderer.readLogbook(renderer.logbook(sheet));
            assertThat(back).isEqualTo(sheet);
            assertThat(back.rows()).extracting(LogbookSheet.Row::activiteit)
                    .containsExactlyElementsOf(SheetFixtures.FORMULA_LOOKING);
        }

        @Test
        @DisplayName("the extremes of every number field read back")
        void logbookNumberExtremes() {
            LogbookSheet sheet = new LogbookSheet("2026-W53", List.of(
                    new LogbookSheet.Row(LocalDate.of(2026, 12, 28), "a", "b", 0, Integer.MAX_VALUE, "c", Integer.MAX_VALUE),
                    new LogbookSheet.Row(LocalDate.of(2027, 1, 3), "a", "b", -1, 0, "c", 0)));
            assertThat(renderer.readLogbook(renderer.logbook(sheet))).isEqualTo(sheet);
        }

        @Test
        @DisplayName("random logbook weeks read back equal")
        void randomLogbooks() {
            Random random = new Random(47);
            for (int i = 0; i < 12; i++) {
                LogbookSheet sheet = SheetFixtures.randomLogbook(random, 30);
                assertThat(renderer.readLogbook(renderer.logbook(sheet))).as("sample %d", i).isEqualTo(sheet);
            }
        }
    }

    @Nested
    @DisplayName("finance sheets")
    class Finance {

        @Test
        @DisplayName("a week of finance reads back equal: movements, pot balances (one negative) and unassigned")
        void financeRoundTrips() {
            FinanceSheet week = SheetFixtures.financeWeek();
            assertThat(renderer.readFinance(renderer.finance(week))).isEqualTo(week);
        }

        @Test
        @DisplayName("a finance week without movements or pots reads back empty")
        void emptyFinanceWeek() {
            FinanceSheet empty = new FinanceSheet("2026-W02", "EUR", List.of(), List.of(), new BigDecimal("0.00"));
            assertThat(renderer.readFinance(renderer.finance(empty))).isEqualTo(empty);
        }

        @Test
        @DisplayName("amounts come back to the cent with scale 2, including those a binary fraction cannot hold")
        void amountsAreExact() {
            List<String> amounts = List.of("0.01", "0.10", "0.20", "0.30", "0.07", "1.005".substring(0, 4), "19.99",
                    "1234567.89", "9999999999.99", "100.00", "-0.01", "-12345.67", "0.00");
            List<Movement> movements = new ArrayList<>();
            List<PotBalance> pots = new ArrayList<>();
            for (int i = 0; i < amounts.size(); i++) {
                BigDecimal amount = new BigDecimal(amounts.get(i));
                movements.add(new Movement(LocalDate.of(2026, 11, 23), Kind.values()[i % Kind.values().length],
                        "van", "naar", amount, "regel " + i));
                pots.add(new PotBalance("pot " + i, amount));
            }
            FinanceSheet sheet = new FinanceSheet("2026-W48", "EUR", movements, pots, new BigDecimal("0.30"));
            FinanceSheet back = renderer.readFinance(renderer.finance(sheet));
            assertThat(back).isEqualTo(sheet);
            assertThat(back.movements()).extracting(m -> m.amount().toPlainString()).containsExactlyElementsOf(amounts);
            assertThat(back.balances()).allSatisfy(b -> assertThat(b.balance().scale()).isEqualTo(2));
            assertThat(back.unassigned()).isEqualTo(new BigDecimal("0.30"));
        }

        @Test
        @DisplayName("finance text that starts like a formula reads back exactly as typed, in every text field")
        void financeFormulaTextIsText() {
            List<Movement> movements = new ArrayList<>();
            List<PotBalance> pots = new ArrayList<>();
            for (String text : SheetFixtures.FORMULA_LOOKING) {
                movements.add(new Movement(LocalDate.of(2026, 11, 24), Kind.SPEND, text, text, new BigDecimal("1.00"), text));
                pots.add(new PotBalance(text, new BigDecimal("2.00")));
            }
            FinanceSheet sheet = new FinanceSheet("2026-W48", "EUR", movements, pots, new BigDecimal("3.00"));
            assertThat(renderer.readFinance(renderer.finance(sheet))).isEqualTo(sheet);
        }

        @Test
        @DisplayName("a ledger in another currency reads back with its currency")
        void otherCurrency() {
            FinanceSheet sheet = new FinanceSheet("2026-W48", "USD",
                    List.of(new Movement(LocalDate.of(2026, 11, 23), Kind.INCOME, "job", "unassigned",
                            new BigDecimal("10.50"), "")),
                    List.of(), new BigDecimal("10.50"));
            assertThat(renderer.readFinance(renderer.finance(sheet))).isEqualTo(sheet);
        }

        @Test
        @DisplayName("random finance weeks read back equal")
        void randomFinances() {
            Random random = new Random(48);
            for (int i = 0; i < 12; i++) {
                FinanceSheet sheet = SheetFixtures.randomFinance(random, 20);
                assertThat(renderer.readFinance(renderer.finance(sheet))).as("sample %d", i).isEqualTo(sheet);
            }
        }
    }

    @Nested
    @DisplayName("the bytes written")
    class Output {

        @Test
        @DisplayName("the same logbook week gives the same bytes, from this renderer and from a new one")
        void logbookIsDeterministic() {
            LogbookSheet week = SheetFixtures.logbookWeek();
            byte[] first = renderer.logbook(week);
            assertThat(renderer.logbook(week)).isEqualTo(first);
            assertThat(newRenderer().logbook(SheetFixtures.logbookWeek())).isEqualTo(first);
        }

        @Test
        @DisplayName("the same finance week gives the same bytes, from this renderer and from a new one")
        void financeIsDeterministic() {
            FinanceSheet week = SheetFixtures.financeWeek();
            byte[] first = renderer.finance(week);
            assertThat(renderer.finance(week)).isEqualTo(first);
            assertThat(newRenderer().finance(SheetFixtures.financeWeek())).isEqualTo(first);
        }

        @Test
        @DisplayName("a different week gives different bytes")
        void differentInputDifferentBytes() {
            LogbookSheet week = SheetFixtures.logbookWeek();
            List<LogbookSheet.Row> rows = new ArrayList<>(week.rows());
            LogbookSheet.Row first = rows.get(0);
            rows.set(0, new LogbookSheet.Row(first.date(), first.activiteit(), first.domein(), first.stress() + 1,
                    first.motivatie(), first.status(), first.moveCount()));
            assertThat(renderer.logbook(new LogbookSheet(week.week(), rows))).isNotEqualTo(renderer.logbook(week));
        }

        @Test
        @DisplayName("the renderer names the extension of what it writes")
        void extensionIsNamed() {
            assertThat(renderer.extension()).isNotBlank().doesNotStartWith(".");
        }
    }

    @Nested
    @DisplayName("bytes that are not a sheet")
    class BadBytes {

        @Test
        @DisplayName("empty, random, zip-looking and truncated bytes are a SheetFormatException for both readers")
        void corruptBytesAreRefused() {
            byte[] random = new byte[4096];
            new Random(7).nextBytes(random);
            byte[] logbook = renderer.logbook(SheetFixtures.logbookWeek());
            byte[] finance = renderer.finance(SheetFixtures.financeWeek());
            List<byte[]> corrupt = List.of(new byte[0], random, "PK\u0003\u0004 not really a zip".getBytes(StandardCharsets.ISO_8859_1),
                    "{\"week\":\"2026-W47\"}".getBytes(StandardCharsets.UTF_8),
                    Arrays.copyOf(logbook, logbook.length / 2), Arrays.copyOf(finance, finance.length / 2));
            for (byte[] bytes : corrupt) {
                assertThatThrownBy(() -> renderer.readLogbook(bytes)).isInstanceOf(SheetFormatException.class);
                assertThatThrownBy(() -> renderer.readFinance(bytes)).isInstanceOf(SheetFormatException.class);
            }
        }

        @Test
        @DisplayName("a logbook is not a finance sheet, and a finance sheet is not a logbook")
        void kindsAreNotMixedUp() {
            byte[] logbook = renderer.logbook(SheetFixtures.logbookWeek());
            byte[] finance = renderer.finance(SheetFixtures.financeWeek());
            assertThatThrownBy(() -> renderer.readFinance(logbook)).isInstanceOf(SheetFormatException.class);
            assertThatThrownBy(() -> renderer.readLogbook(finance)).isInstanceOf(SheetFormatException.class);
        }
    }
}
