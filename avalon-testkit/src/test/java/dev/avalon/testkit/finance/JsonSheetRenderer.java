package dev.avalon.testkit.finance;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.avalon.core.json.Json;
import dev.avalon.core.port.FinanceSheet;
import dev.avalon.core.port.LogbookSheet;
import dev.avalon.core.port.SheetFormatException;
import dev.avalon.core.port.SheetRenderer;

import java.io.IOException;
import java.util.function.UnaryOperator;

/**
 * A test double of the sheet port: a "workbook" is the sheet record as JSON. {@code onRead} lets a
 * test make the read-back disagree with what was written, as a broken adapter or a tampered file would.
 */
final class JsonSheetRenderer implements SheetRenderer {

    private final UnaryOperator<FinanceSheet> onRead;

    JsonSheetRenderer() {
        this(UnaryOperator.identity());
    }

    JsonSheetRenderer(UnaryOperator<FinanceSheet> onRead) {
        this.onRead = onRead;
    }

    @Override
    public byte[] logbook(LogbookSheet sheet) {
        return write(sheet);
    }

    @Override
    public LogbookSheet readLogbook(byte[] workbook) {
        return read(workbook, LogbookSheet.class);
    }

    @Override
    public byte[] finance(FinanceSheet sheet) {
        return write(sheet);
    }

    @Override
    public FinanceSheet readFinance(byte[] workbook) {
        return onRead.apply(read(workbook, FinanceSheet.class));
    }

    @Override
    public String extension() {
        return "json";
    }

    private static byte[] write(Object sheet) {
        try {
            return Json.mapper().writeValueAsBytes(sheet);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static <T> T read(byte[] bytes, Class<T> type) {
        try {
            return Json.mapper().readValue(bytes, type);
        } catch (IOException | IllegalArgumentException e) {
            throw new SheetFormatException("not a sheet: " + e.getMessage(), e);
        }
    }
}
