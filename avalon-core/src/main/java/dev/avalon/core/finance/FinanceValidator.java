package dev.avalon.core.finance;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.avalon.core.base.Violation;
import dev.avalon.core.brain.Brain;
import dev.avalon.core.brain.BrainValidation;
import dev.avalon.core.json.Json;
import dev.avalon.core.port.BrainPath;
import dev.avalon.core.port.SheetFormatException;
import dev.avalon.core.port.SheetRenderer;
import dev.avalon.core.schema.JsonSchemas;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Validates everything under {@code finance/}: the ledger against its schema and against itself
 * (the recorded balances must be what the entries add up to), and each week's sheet by reading it
 * back through the {@link SheetRenderer} and recomputing its totals from the ledger.
 */
public final class FinanceValidator implements BrainValidation.FileValidator {

    private static final Pattern SHEET = Pattern.compile("finance/(\\d{4}-W\\d{2})\\.([a-z0-9]{1,8})");

    private final Brain brain;
    private final Optional<SheetRenderer> renderer;

    /**
     * @param brain    where the ledger is read when a sheet is checked
     * @param renderer reads sheets back; without one, sheets are only checked by name
     */
    public FinanceValidator(Brain brain, Optional<SheetRenderer> renderer) {
        this.brain = brain;
        this.renderer = renderer;
    }

    @Override
    public List<Violation> validate(BrainPath path, byte[] content) {
        if (path.equals(FinanceBook.LEDGER)) {
            return ledger(path, content);
        }
        java.util.regex.Matcher m = SHEET.matcher(path.value());
        if (!m.matches() || IsoWeek.parse(m.group(1)).isEmpty()) {
            return List.of(new Violation(path.value(), "is neither the ledger nor a weekly sheet finance/<yyyy>-W<ww>.<ext>"));
        }
        if (renderer.isEmpty() || !renderer.get().extension().equals(m.group(2))) {
            return List.of();
        }
        Optional<JsonNode> ledgerJson;
        try {
            ledgerJson = brain.read(FinanceBook.LEDGER).map(FinanceValidator::parse);
        } catch (IllegalArgumentException e) {
            return List.of(new Violation(path.value(), "cannot be checked: the ledger is unreadable"));
        }
        if (ledgerJson.isEmpty() || !ledger(FinanceBook.LEDGER, brain.read(FinanceBook.LEDGER).get()).isEmpty()) {
            return List.of(new Violation(path.value(), "cannot be checked: the ledger is missing or invalid"));
        }
        Ledger ledger = Ledger.fromJson(ledgerJson.get());
        try {
            List<String> problems = FinanceSheets.mismatches(renderer.get().readFinance(content), ledger, null);
            if (!m.group(1).equals(renderer.get().readFinance(content).week())) {
                problems = new ArrayList<>(problems);
                problems.add("holds week " + renderer.get().readFinance(content).week() + " but is named " + m.group(1));
            }
            return problems.stream().map(p -> new Violation(path.value(), p)).toList();
        } catch (SheetFormatException e) {
            return List.of(new Violation(path.value(), "is not a readable finance sheet: " + e.getMessage()));
        }
    }

    /** The ledger's problems: schema, then whether the recorded balances are what the entries add up to. */
    static List<Violation> ledger(BrainPath path, byte[] content) {
        JsonNode node;
        try {
            node = Json.parse(content);
        } catch (JsonProcessingException e) {
            return List.of(new Violation(path.value(), "is not valid JSON: " + e.getOriginalMessage()));
        }
        List<Violation> problems = new ArrayList<>(JsonSchemas.validate(
                JsonSchemas.resource("schema/finance-ledger.schema.json"), node, path.value() + ":$"));
        if (!problems.isEmpty()) {
            return problems;
        }
        Ledger ledger;
        try {
            ledger = Ledger.fromJson(node);
        } catch (RuntimeException e) {
            return List.of(new Violation(path.value(), "entries do not replay: " + e.getMessage()));
        }
        String at = path.value() + ":$";
        for (int i = 0; i < ledger.entries().size(); i++) {
            if (!ledger.entries().get(i).id().equals("F-" + (i + 1))) {
                problems.add(new Violation(at + ".entries[" + i + "].id", "should be F-" + (i + 1)));
            }
        }
        compare(problems, at + ".unassigned", node.get("unassigned").textValue(), ledger.unassigned());
        compare(problems, at + ".totals.income", node.get("totals").get("income").textValue(), ledger.totalIncome());
        compare(problems, at + ".totals.spent", node.get("totals").get("spent").textValue(), ledger.totalSpent());
        Map<String, Money> balances = ledger.balances(List.of());
        node.get("balances").fields().forEachRemaining(e -> compare(problems, at + ".balances." + e.getKey(),
                e.getValue().textValue(), balances.getOrDefault(e.getKey(), Money.zero(ledger.currency()))));
        balances.forEach((pot, m) -> {
            if (!node.get("balances").has(pot) && !m.isZero()) {
                problems.add(new Violation(at + ".balances." + pot, "is missing; the entries give " + m.wire()));
            }
        });
        return problems;
    }

    private static void compare(List<Violation> problems, String at, String recorded, Money computed) {
        if (new java.math.BigDecimal(recorded).compareTo(computed.amount()) != 0) {
            problems.add(new Violation(at, "records " + recorded + " but the entries add up to " + computed.wire()));
        }
    }

    private static JsonNode parse(byte[] bytes) {
        try {
            return Json.parse(bytes);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e.getOriginalMessage(), e);
        }
    }
}
