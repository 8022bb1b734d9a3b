package dev.avalon.core.finance;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.avalon.core.action.Outcome;
import dev.avalon.core.event.DomainEvent;
import dev.avalon.core.json.Json;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;

/**
 * The events of a spend, published with its unit of work: {@code finance.spent} with how much of
 * the money put into the pot is used, and {@code finance.overspent} when the pot went below zero.
 */
final class FinanceEvents {

    private FinanceEvents() {
    }

    /** {@code outcome} with the spend's events added. */
    static Outcome spent(Outcome outcome, Ledger after, String pot, LedgerEntry entry, Instant at) {
        Money funded = Money.zero(after.currency());
        for (LedgerEntry e : after.entries()) {
            if (pot.equals(e.to()) && e.kind() != EntryKind.SPEND) {
                funded = funded.plus(e.amount());
            }
        }
        Money balance = after.balance(pot);
        Money used = funded.minus(balance);
        ObjectNode data = Json.object();
        data.put("pot", pot);
        data.put("entryId", entry.id());
        data.put("amount", entry.amount().wire());
        data.put("balance", balance.wire());
        data.put("funded", funded.wire());
        // whole percent, rounded down: 79.99 % is not yet the 80 % a budget alert waits for
        long percent = funded.amount().signum() <= 0 ? 100 : used.amount().multiply(BigDecimal.valueOf(100))
                .divide(funded.amount(), 0, RoundingMode.DOWN).longValue();
        data.put("usedPercent", percent);
        data.put("overspent", balance.isNegative());
        Outcome.Builder b = Outcome.builder(outcome.result()).merge(outcome)
                .event(new DomainEvent("finance.spent", data, at));
        if (balance.isNegative()) {
            b.event(new DomainEvent("finance.overspent", data, at));
        }
        return b.build();
    }
}
