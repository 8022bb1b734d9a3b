package dev.avalon.xlsx;

import dev.avalon.core.port.LogbookSheet;
import dev.avalon.testkit.sheet.SheetFixtures;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A third reader: LibreOffice converts the logbook's first sheet to CSV. It needs {@code soffice}
 * (Debian: {@code apt-get install libreoffice-calc-nogui}), so it is tagged {@code libreoffice} and left
 * out of the default test run; run it with
 * {@code mvn -pl avalon-adapters/avalon-xlsx -am test -Dgroups=libreoffice -DexcludedGroups= -Dtest=LibreOfficeOpensTest -Dsurefire.failIfNoSpecifiedTests=false}.
 * Without {@code soffice} it fails: a check that cannot run must not pass.
 */
@Tag("libreoffice")
@DisplayName("LibreOffice opens the logbook and shows formula-looking text as text")
class LibreOfficeOpensTest {

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
        Process process = new ProcessBuilder(soffice.get().toString(), "--headless", "-env:UserInstallation=file://"
                + dir.resolve("profile").toAbsolutePath(), "--convert-to",
                // filter options: comma, double quote, character set 76 (UTF-8); the default follows the system locale
                "csv:Text - txt - csv (StarCalc):44,34,76", "--outdir", dir.toString(), xlsx.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("soffice.log").toFile()).start();
        boolean finished = process.waitFor(180, TimeUnit.SECONDS);
        if (!finished) {
            process.destroyForcibly();
        }
        assertThat(finished).as("soffice finished converting within 180 s").isTrue();
        String csv = Files.readString(dir.resolve("2026-W47.csv"), StandardCharsets.UTF_8);
        assertThat(csv).contains("rapport schrijven", "etentje met Sanne", "=SUM(A1:A9)");
    }
}
