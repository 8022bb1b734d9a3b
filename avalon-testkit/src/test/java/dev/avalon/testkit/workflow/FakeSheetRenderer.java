package dev.avalon.testkit.workflow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.avalon.core.json.Json;
import dev.avalon.core.port.FinanceSheet;
import dev.avalon.core.port.LogbookSheet;
import dev.avalon.core.port.SheetFormatException;
import dev.avalon.core.port.SheetRenderer;

import java.io.IOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * A deterministic sheet renderer for tests: the "workbook" is the sheet as pretty JSON. With
 * {@code dropsRowOnRead} it loses the last row when reading back, to provoke a read-back mismatch.
 */
final class FakeSheetRenderer implements SheetRenderer {

    private final boolean dropsRowOnRead;

    FakeSheetRenderer(boolean dropsRowOnRead) {
        this.dropsRowOnRead = dropsRowOnRead;
    }

    @Override
    public byte[] logbook(LogbookSheet sheet) {
        ObjectNode n = Json.object();
        n.put("week", sheet.week());
        ArrayNode rows = n.putArray("rows");
        for (LogbookSheet.Row r : sheet.rows()) {
            rows.addObject().put("date", r.date().toString()).put("activiteit", r.activiteit())
                    .put("domein", r.domein()).put("stress", r.stress()).put("motivatie", r.motivatie())
                    .put("status", r.status()).put("moveCount", r.moveCount());
        }
        return Json.pretty(n);
    }

    @Override
    public LogbookSheet readLogbook(byte[] workbook) {
        JsonNode n;
        try {
            n = Json.parse(workbook);
        } catch (IOException e) {
            throw new SheetFormatException("not a logbook sheet", e);
        }
        List<LogbookSheet.Row> rows = new ArrayList<>();
        for (JsonNode r : n.path("rows")) {
            rows.add(new LogbookSheet.Row(LocalDate.parse(r.get("date").textValue()), r.get("activiteit").textValue(),
                    r.get("domein").textValue(), r.get("stress").intValue(), r.get("motivatie").intValue(),
                    r.get("status").textValue(), r.get("moveCount").intValue()));
        }
        if (dropsRowOnRead && !rows.isEmpty()) {
            rows.remove(rows.size() - 1);
        }
        return new LogbookSheet(n.get("week").textValue(), rows);
    }

    @Override
    public byte[] finance(FinanceSheet sheet) {
        throw new UnsupportedOperationException("the weekclose tests write no finance sheet");
    }

    @Override
    public FinanceSheet readFinance(byte[] workbook) {
        throw new UnsupportedOperationException("the weekclose tests read no finance sheet");
    }
}
