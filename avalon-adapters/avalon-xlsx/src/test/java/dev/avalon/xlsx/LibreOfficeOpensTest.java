package dev.avalon.xlsx;

import dev.avalon.core.port.LogbookSheet;
import dev.avalon.testkit.sheet.SheetFixtures;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A third reader: LibreOffice converts the logbook's first sheet to CSV, and both workbooks to its own
 * format, whose chart styles show whether it will draw the lines and bars. It needs {@code soffice}
 * (Debian: {@code apt-get install libreoffice-calc-nogui}), so it is tagged {@code libreoffice} and left
 * out of the default test run; run it with
 * {@code mvn -pl avalon-adapters/avalon-xlsx -am test -Dgroups=libreoffice -DexcludedGroups= -Dtest=LibreOfficeOpensTest -Dsurefire.failIfNoSpecifiedTests=false}.
 * Without {@code soffice} it fails: a check that cannot run must not pass.
 */
@Tag("libreoffice")
@DisplayName("LibreOffice opens the workbooks, shows formula-looking text as text and draws the charts")
class LibreOfficeOpensTest {

    private static final String CHART = "urn:oasis:names:tc:opendocument:xmlns:chart:1.0";
    private static final String STYLE = "urn:oasis:names:tc:opendocument:xmlns:style:1.0";
    private static final String DRAW = "urn:oasis:names:tc:opendocument:xmlns:drawing:1.0";
    private static final String SVG = "urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0";

    private static Optional<Path> soffice() {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String dir : path.split(File.pathSeparator)) {
            for (String name : List.of("soffice", "libreoffice")) {
                Path candidate = Path.of(dir, name);
                if (Files.isExecutable(candidate)) {
                    return Optional.of(candidate);
                }
            }
        }
        return Optional.empty();
    }

    @Test
    @DisplayName("the CSV LibreOffice makes of the Logboek sheet holds the activities as typed")
    void opensInLibreOffice(@TempDir Path dir) throws IOException, InterruptedException {
        Optional<Path> soffice = soffice();
        assertThat(soffice).as("soffice must be on the PATH (apt-get install libreoffice-calc-nogui)").isPresent();
        List<LogbookSheet.Row> rows = new ArrayList<>(SheetFixtures.logbookWeek().rows());
        rows.add(new LogbookSheet.Row(LocalDate.of(2026, 11, 20), "=SUM(A1:A9)", "werk", 5, 5, "done", 0));
        Path xlsx = dir.resolve("2026-W47.xlsx");
        Files.write(xlsx, new XlsxSheetRenderer().logbook(new LogbookSheet("2026-W47", rows)));
        // field separator comma, text delimiter double quote, character set UTF-8 (76), from line 1
        convert(soffice.get(), dir, "csv:Text - txt - csv (StarCalc):44,34,76,1", xlsx);
        String csv = Files.readString(dir.resolve("2026-W47.csv"), StandardCharsets.UTF_8);
        assertThat(csv).contains("rapport schrijven", "etentje met Sanne", "=SUM(A1:A9)");
    }

    @Test
    @DisplayName("LibreOffice draws the logbook's lines in two colours and fills the finance bars")
    void chartsAreDrawn(@TempDir Path dir) throws IOException, InterruptedException {
        Optional<Path> soffice = soffice();
        assertThat(soffice).as("soffice must be on the PATH (apt-get install libreoffice-calc-nogui)").isPresent();
        XlsxSheetRenderer renderer = new XlsxSheetRenderer();
        Path logbook = dir.resolve("logbook.xlsx");
        Path finance = dir.resolve("finance.xlsx");
        Files.write(logbook, renderer.logbook(SheetFixtures.logbookWeek()));
        Files.write(finance, renderer.finance(SheetFixtures.financeWeek()));
        // LibreOffice's own chart format says how it understood each series: its stroke and its fill
        convert(soffice.get(), dir, "ods", logbook, finance);

        List<Element> lines = seriesLooks(dir.resolve("logbook.ods"));
        assertThat(lines).hasSize(2);
        for (Element line : lines) {
            assertThat(line.getAttributeNS(DRAW, "stroke")).as("line stroke").isNotEqualTo("none");
            assertThat(line.getAttributeNS(SVG, "stroke-color")).as("line colour").isNotEmpty();
        }
        assertThat(lines.get(0).getAttributeNS(SVG, "stroke-color"))
                .isNotEqualToIgnoringCase(lines.get(1).getAttributeNS(SVG, "stroke-color"));

        List<Element> bars = seriesLooks(dir.resolve("finance.ods"));
        assertThat(bars).hasSize(1);
        assertThat(bars.get(0).getAttributeNS(DRAW, "fill")).as("bar fill").isNotEqualTo("none");
        assertThat(bars.get(0).getAttributeNS(DRAW, "fill-color")).as("bar colour").isNotEmpty();
    }

    /** The graphic properties of each series of the (only) chart object in an ODF spreadsheet. */
    private static List<Element> seriesLooks(Path ods) throws IOException {
        OoxmlParts parts = new OoxmlParts(Files.readAllBytes(ods));
        Document content = parts.xml("Object 1/content.xml");
        Map<String, Element> graphics = new HashMap<>();
        NodeList styles = content.getElementsByTagNameNS(STYLE, "style");
        for (int i = 0; i < styles.getLength(); i++) {
            Element style = (Element) styles.item(i);
            NodeList properties = style.getElementsByTagNameNS(STYLE, "graphic-properties");
            if (properties.getLength() > 0) {
                graphics.put(style.getAttributeNS(STYLE, "name"), (Element) properties.item(0));
            }
        }
        List<Element> out = new ArrayList<>();
        NodeList series = content.getElementsByTagNameNS(CHART, "series");
        for (int i = 0; i < series.getLength(); i++) {
            String name = ((Element) series.item(i)).getAttributeNS(CHART, "style-name");
            assertThat(graphics).as("graphic properties of series style " + name).containsKey(name);
            out.add(graphics.get(name));
        }
        return out;
    }

    private static void convert(Path soffice, Path dir, String format, Path... inputs)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(soffice.toString(), "--headless", "-env:UserInstallation=file://"
                + dir.resolve("profile").toAbsolutePath(), "--convert-to", format, "--outdir", dir.toString()));
        for (Path input : inputs) {
            command.add(input.toString());
        }
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(dir.resolve("soffice-" + format.substring(0, 3) + ".log").toFile()).start();
        boolean finished = process.waitFor(180, TimeUnit.SECONDS);
        if (!finished) {
            process.destroyForcibly();
        }
        assertThat(finished).as("soffice finished converting within 180 s").isTrue();
    }
}
