package dev.avalon.testkit.sheet;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.avalon.core.json.Json;
import dev.avalon.core.port.FinanceSheet;
import dev.avalon.core.port.LogbookSheet;
import dev.avalon.core.port.SheetFormatException;
import dev.avalon.core.port.SheetRenderer;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * A {@link SheetRenderer} for tests that need no spreadsheet: the "workbook" is the sheet as
 * canonical JSON (keys sorted, amounts as strings so their scale survives) with a small summary
 * (row count, total moveCount or the sum of the pots) that read-back checks against the rows, as the
 * real renderer checks its summary sheets. It keeps the whole {@code SheetRendererContract}; it is
 * not an xlsx, and its extension is {@code json}.
 */
public final class InMemorySheetRenderer implements SheetRenderer {

    private static final String LOGBOOK = "avalon-test-sheet/logbook";
    private static final String FINANCE = "avalon-test-sheet/finance";

    @Override
    public byte[] logbook(LogbookSheet sheet) {
        ObjectNode root = Json.object();
        root.put("format", LOGBOOK);
        root.put("week", sheet.week());
        ArrayNode rows = root.putArray("rows");
        long moves = 0;
        for (LogbookSheet.Row row : sheet.rows()) {
            ObjectNode r = rows.addObject();
            r.put("date", row.date().toString());
            r.put("activiteit", row.activiteit());
            r.put("domein", row.domein());
            r.put("stress", row.stress());
            r.put("motivatie", row.motivatie());
            r.put("status", row.status());
            r.put("moveCount", row.moveCount());
            moves += row.moveCount();
        }
        ObjectNode summary = root.putObject("summary");
        summary.put("rows", sheet.rows().size());
        summary.put("moveCount", moves);
        return Json.pretty(root);
    }

    @Override
    public LogbookSheet readLogbook(byte[] workbook) {
        JsonNode root = open(workbook, LOGBOOK);
        List<LogbookSheet.Row> rows = new ArrayList<>();
        long moves = 0;
        JsonNode list = field(root, "rows");
        for (int i = 0; i < list.size(); i++) {
            JsonNode r = list.get(i);
            String at = "rows[" + i + "]";
            LogbookSheet.Row row = new LogbookSheet.Row(date(r, at), text(r, "activiteit", at), text(r, "domein", at),
                    number(r, "stress", at), number(r, "motivatie", at), text(r, "status", at),
                    number(r, "moveCount", at));
            moves += row.moveCount();
            rows.add(row);
        }
        JsonNode summary = field(root, "summary");
        if (number(summary, "rows", "summary") != rows.size() || field(summary, "moveCount").asLong() != moves) {
            throw new SheetFormatException("summary disagrees with the rows: " + summary);
        }
        return build(() -> new LogbookSheet(text(root, "week", "$"), rows));
    }

    @Override
    public byte[] finance(FinanceSheet sheet) {
        ObjectNode root = Json.object();
        root.put("format", FINANCE);
        root.put("week", sheet.week());
        root.put("currency", sheet.currency());
        ArrayNode movements = root.putArray("movements");
        for (FinanceSheet.Movement m : sheet.movements()) {
            ObjectNode r = movements.addObject();
            r.put("date", m.date().toString());
            r.put("kind", m.kind().name());
            r.put("from", m.from());
            r.put("to", m.to());
            r.put("amount", m.amount().toPlainString());
            r.put("note", m.note());
        }
        ArrayNode balances = root.putArray("balances");
        BigDecimal pots = BigDecimal.ZERO.setScale(2);
        for (FinanceSheet.PotBalance b : sheet.balances()) {
            balances.addObject().put("pot", b.pot()).put("balance", b.balance().toPlainString());
            pots = pots.add(b.balance());
        }
        root.put("unassigned", sheet.unassigned().toPlainString());
        root.putObject("summary").put("movements", sheet.movements().size()).put("pots", pots.toPlainString());
        return Json.pretty(root);
    }

    @Override
    public FinanceSheet readFinance(byte[] workbook) {
        JsonNode root = open(workbook, FINANCE);
        List<FinanceSheet.Movement> movements = new ArrayList<>();
        JsonNode list = field(root, "movements");
        for (int i = 0; i < list.size(); i++) {
            JsonNode m = list.get(i);
            String at = "movements[" + i + "]";
            FinanceSheet.Kind kind;
            try {
                kind = FinanceSheet.Kind.valueOf(text(m, "kind", at));
            } catch (IllegalArgumentException e) {
                throw new SheetFormatException(at + ".kind: unknown kind", e);
            }
            movements.add(build(() -> new FinanceSheet.Movement(date(m, at), kind, text(m, "from", at),
                    text(m, "to", at), amount(m, "amount", at), text(m, "note", at))));
        }
        List<FinanceSheet.PotBalance> balances = new ArrayList<>();
        BigDecimal pots = BigDecimal.ZERO.setScale(2);
        JsonNode potList = field(root, "balances");
        for (int i = 0; i < potList.size(); i++) {
            JsonNode b = potList.get(i);
            String at = "balances[" + i + "]";
            FinanceSheet.PotBalance balance = build(() -> new FinanceSheet.PotBalance(text(b, "pot", at),
                    amount(b, "balance", at)));
            pots = pots.add(balance.balance());
            balances.add(balance);
        }
        JsonNode summary = field(root, "summary");
        if (number(summary, "movements", "summary") != movements.size()
                || amount(summary, "pots", "summary").compareTo(pots) != 0) {
            throw new SheetFormatException("summary disagrees with the rows: " + summary);
        }
        return build(() -> new FinanceSheet(text(root, "week", "$"), text(root, "currency", "$"), movements,
                balances, amount(root, "unassigned", "$")));
    }

    @Override
    public String extension() {
        return "json";
    }

    private static JsonNode open(byte[] bytes, String format) {
        JsonNode root;
        try {
            root = bytes == null || bytes.length == 0 ? null : Json.parse(bytes);
        } catch (JsonProcessingException | RuntimeException e) {
            throw new SheetFormatException("not a test sheet: " + e.getMessage(), e);
        }
        if (root == null || !root.isObject() || !format.equals(root.path("format").asText())) {
            throw new SheetFormatException("not a " + format + " test sheet");
        }
        return root;
    }

    private static JsonNode field(JsonNode node, String name) {
        JsonNode value = node.get(name);
        if (value == null || value.isNull()) {
            throw new SheetFormatException(name + " is missing");
        }
        return value;
    }

    private static String text(JsonNode node, String name, String at) {
        JsonNode value = field(node, name);
        if (!value.isTextual()) {
            throw new SheetFormatException(at + "." + name + ": expected text");
        }
        return value.textValue();
    }

    private static int number(JsonNode node, String name, String at) {
        JsonNode value = field(node, name);
        if (!value.isInt()) {
            throw new SheetFormatException(at + "." + name + ": expected a whole number");
        }
        return value.intValue();
    }

    private static LocalDate date(JsonNode node, String at) {
        try {
            return LocalDate.parse(text(node, "date", at));
        } catch (DateTimeParseException e) {
            throw new SheetFormatException(at + ".date: not a date", e);
        }
    }

    private static BigDecimal amount(JsonNode node, String name, String at) {
        try {
            return new BigDecimal(text(node, name, at));
        } catch (NumberFormatException e) {
            throw new SheetFormatException(at + "." + name + ": not an amount", e);
        }
    }

    /** Record constructors refuse impossible values; for a sheet that is a format error. */
    private static <T> T build(Supplier<T> constructor) {
        try {
            return constructor.get();
        } catch (IllegalArgumentException e) {
            throw new SheetFormatException("impossible value in a test sheet: " + e.getMessage(), e);
        }
    }
}
