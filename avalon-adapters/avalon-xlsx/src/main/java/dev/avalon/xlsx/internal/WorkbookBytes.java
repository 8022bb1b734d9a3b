package dev.avalon.xlsx.internal;

import dev.avalon.core.json.CanonicalJson;
import dev.avalon.core.json.Json;
import dev.avalon.core.port.SheetFormatException;
import org.apache.poi.ooxml.POIXMLProperties;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.openxmlformats.schemas.officeDocument.x2006.customProperties.CTProperty;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.IsoFields;
import java.util.Date;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/**
 * Turns a workbook into reproducible bytes and back.
 *
 * <p>POI stamps the creation time and every zip entry with the clock; both are replaced by the
 * Monday of the sheet's week, so the same week renders to the same bytes (and the same git blob). The
 * workbook also carries a SHA-256 of what it was rendered from, in a custom document property, so
 * that a changed cell no summary covers (a renamed activity, say) is still caught on read-back.
 */
final class WorkbookBytes {

    static final String DIGEST_PROPERTY = "AvalonContentSha256";
    private static final String CREATOR = "Avalon";

    private WorkbookBytes() {
    }

    /** The hex SHA-256 of a sheet record's canonical JSON form. */
    static String digest(Object sheetRecord) {
        return CanonicalJson.sha256(Json.valueToTree(sheetRecord));
    }

    static byte[] write(XSSFWorkbook workbook, String week, String title, String digest) {
        LocalDate monday = monday(week);
        POIXMLProperties properties = workbook.getProperties();
        POIXMLProperties.CoreProperties core = properties.getCoreProperties();
        core.setCreated(Optional.of(Date.from(monday.atStartOfDay(ZoneOffset.UTC).toInstant())));
        core.setCreator(CREATOR);
        core.setTitle(title);
        properties.getCustomProperties().addProperty(DIGEST_PROPERTY, digest);
        ByteArrayOutputStream raw = new ByteArrayOutputStream(32 * 1024);
        try {
            workbook.write(raw);
        } catch (IOException e) {
            throw new UncheckedIOException("writing a workbook to memory failed", e);
        }
        return repack(raw.toByteArray(), monday.atStartOfDay());
    }

    static XSSFWorkbook open(byte[] bytes, String what) {
        if (bytes == null || bytes.length == 0) {
            throw new SheetFormatException("the " + what + " workbook is empty");
        }
        try {
            return new XSSFWorkbook(new ByteArrayInputStream(bytes));
        } catch (IOException | RuntimeException e) {
            // POI reports a non-xlsx input through a dozen unchecked types; all mean "not a workbook"
            throw new SheetFormatException("the bytes are not a readable " + what + " workbook: " + e.getMessage(), e);
        }
    }

    /** Checks the recorded digest against the digest of what was read. */
    static void checkDigest(XSSFWorkbook workbook, Object readBack) {
        POIXMLProperties.CustomProperties custom = workbook.getProperties().getCustomProperties();
        CTProperty property = custom.getProperty(DIGEST_PROPERTY);
        if (property == null || !property.isSetLpwstr()) {
            throw new SheetFormatException("the workbook has no content digest (custom property "
                    + DIGEST_PROPERTY + "); it was not written by Avalon");
        }
        String recorded = property.getLpwstr();
        String actual = digest(readBack);
        if (!recorded.equals(actual)) {
            throw new SheetFormatException("the cells disagree with the content digest (custom property "
                    + DIGEST_PROPERTY + "): a cell was changed after the sheet was written");
        }
    }

    /** The Monday of an ISO week; a week number the year does not have is taken as its last week. */
    static LocalDate monday(String week) {
        int year = Integer.parseInt(week.substring(0, 4));
        long number = Integer.parseInt(week.substring(6));
        LocalDate inYear = LocalDate.of(year, 1, 4);
        long last = inYear.range(IsoFields.WEEK_OF_WEEK_BASED_YEAR).getMaximum();
        return inYear.with(IsoFields.WEEK_OF_WEEK_BASED_YEAR, Math.max(1, Math.min(last, number)))
                .with(DayOfWeek.MONDAY);
    }

    /** Same entries, same order, same content; only the entry times are fixed. */
    private static byte[] repack(byte[] zip, LocalDateTime time) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(zip.length + 1024);
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip));
             ZipOutputStream repacked = new ZipOutputStream(out)) {
            ZipEntry entry;
            while ((entry = in.getNextEntry()) != null) {
                ZipEntry fixed = new ZipEntry(entry.getName());
                fixed.setTimeLocal(time);
                repacked.putNextEntry(fixed);
                in.transferTo(repacked);
                repacked.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("repacking a workbook in memory failed", e);
        }
        return out.toByteArray();
    }
}
