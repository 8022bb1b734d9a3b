package dev.avalon.core.finance;

import com.fasterxml.jackson.databind.JsonNode;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The finance part of behaviour.avl ({@code finance.*}) as the ledger needs it.
 *
 * @param currency     the currency of a new ledger (an existing ledger keeps its own)
 * @param pots         the pots money can be allocated to, in the user's order
 * @param defaultSplit percentage per pot proposed by the finance check
 * @param maxAmount    sanity maximum of one income (and one spending): larger is surely a typo
 */
public record FinanceRules(String currency, List<String> pots, Map<String, BigDecimal> defaultSplit,
                           Money maxAmount) {

    public static final String DEFAULT_CURRENCY = "EUR";
    public static final String DEFAULT_MAX = "100000.00";

    public FinanceRules {
        Objects.requireNonNull(currency, "currency");
        pots = List.copyOf(pots);
        defaultSplit = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(defaultSplit));
        Objects.requireNonNull(maxAmount, "maxAmount");
    }

    /** Reads {@code finance} from a behaviour document that passed its schema. */
    public static FinanceRules from(JsonNode behaviour) {
        JsonNode f = behaviour.path("finance");
        String currency = f.path("currency").asText(DEFAULT_CURRENCY);
        List<String> pots = new ArrayList<>();
        f.path("pots").forEach(p -> pots.add(p.textValue()));
        Map<String, BigDecimal> split = new LinkedHashMap<>();
        f.path("defaultSplit").fields().forEachRemaining(e -> split.put(e.getKey(), e.getValue().decimalValue()));
        Money max = Money.parse(f.path("maxIncome").asText(DEFAULT_MAX), currency, "finance.maxIncome");
        return new FinanceRules(currency, pots, split, max);
    }

    /** The rules with the ledger's currency, which wins over the behaviour's once a ledger exists. */
    public FinanceRules inCurrency(String ledgerCurrency) {
        if (ledgerCurrency.equals(currency)) {
            return this;
        }
        return new FinanceRules(ledgerCurrency, pots, defaultSplit, new Money(maxAmount.amount(), ledgerCurrency));
    }

    public boolean knows(String pot) {
        return pots.contains(pot);
    }
}
