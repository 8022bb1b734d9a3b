package dev.avalon.core.finance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.avalon.core.action.ActionContext;
import dev.avalon.core.base.ErrorCode;
import dev.avalon.core.base.Refusal;
import dev.avalon.core.base.Violation;
import dev.avalon.core.brain.Brain;
import dev.avalon.core.json.Json;
import dev.avalon.core.port.BrainPath;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * The ledger as one action sees it: the rules from behaviour.avl and the ledger from the brain,
 * plus the conversions every finance handler shares.
 *
 * @param rules  the finance rules, in the ledger's currency
 * @param ledger the current ledger (empty when the brain has none yet)
 */
record FinanceBook(FinanceRules rules, Ledger ledger) {

    static final BrainPath LEDGER = BrainPath.of("finance/ledger.json");

    static FinanceBook load(ActionContext ctx) {
        return load(ctx.brain());
    }

    static FinanceBook load(Brain brain) {
        JsonNode behaviour = brain.behaviour().behaviour().orElseThrow(() -> new Refusal(
                ErrorCode.BEHAVIOUR_INCONSISTENT, "behaviour.avl is invalid",
                new Violation("$", "behaviour.avl does not validate"))).document();
        FinanceRules rules = FinanceRules.from(behaviour);
        Ledger ledger = brain.readJson(LEDGER).map(node -> Brain.parseAs(LEDGER, node, Ledger::fromJson)).orElse(Ledger.empty(rules.currency()));
        return new FinanceBook(rules.inCurrency(ledger.currency()), ledger);
    }

    FinanceBook with(Ledger next) {
        return new FinanceBook(rules, next);
    }

    byte[] ledgerBytes() {
        return Json.pretty(ledger.toJson(rules.pots()));
    }

    ArrayNode balancesJson() {
        return balancesJson(ledger.balances(rules.pots()));
    }

    static ArrayNode balancesJson(Map<String, Money> balances) {
        ArrayNode list = Json.nodes().arrayNode();
        balances.forEach((pot, m) -> list.addObject().put("pot", pot).put("balance", m.wire()));
        return list;
    }

    /** The day an operation without its own date counts for: today in the user's zone. */
    static LocalDate today(ActionContext ctx) {
        return ctx.now().atZone(ctx.zone()).toLocalDate();
    }

    /** The refusal for broken finance rules, each problem named under {@code prefix} (e.g. {@code $.data}). */
    static Refusal refusal(FinanceException e, String prefix) {
        return refusal(e.problems(), prefix);
    }

    static Refusal refusal(List<FinanceProblem> problems, String prefix) {
        List<Violation> details = problems.stream()
                .map(p -> new Violation(prefix + "." + p.field(), p.problem())).toList();
        return new Refusal(ErrorCode.VALIDATION_FAILED, "the finance rules refuse this: " + details.get(0).path()
                + " " + details.get(0).problem(), details);
    }
}
