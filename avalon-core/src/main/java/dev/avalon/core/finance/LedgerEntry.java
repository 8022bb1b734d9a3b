package dev.avalon.core.finance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.avalon.core.json.Json;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Objects;

/**
 * One line of the ledger. The ledger is the list of these; balances are what they add up to.
 *
 * @param id         {@code F-<n>}, the entry's position in the ledger
 * @param kind       what it does
 * @param date       the day it counts for (the user's date for income and spending, the day it was
 *                   recorded for the others)
 * @param from       income source, {@link Ledger#UNASSIGNED} for an allocation, else the pot money leaves
 * @param to         {@link Ledger#UNASSIGNED} for income, empty for spending, else the pot money goes to
 * @param amount     positive
 * @param note       free text, may be empty
 * @param recordedAt when Avalon recorded it
 */
public record LedgerEntry(String id, EntryKind kind, LocalDate date, String from, String to, Money amount,
                          String note, Instant recordedAt) {

    public LedgerEntry {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(date, "date");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(amount, "amount");
        if (!amount.isPositive()) {
            throw new IllegalArgumentException("a ledger entry moves a positive amount: " + amount);
        }
        Objects.requireNonNull(note, "note");
        Objects.requireNonNull(recordedAt, "recordedAt");
    }

    public ObjectNode toJson() {
        ObjectNode n = Json.object();
        n.put("id", id);
        n.put("kind", kind.name());
        n.put("date", date.toString());
        n.put("from", from);
        n.put("to", to);
        n.put("amount", amount.wire());
        n.put("note", note);
        n.put("recordedAt", recordedAt.toString());
        return n;
    }

    /** Reads an entry the schema already accepted. */
    public static LedgerEntry fromJson(JsonNode n, String currency) {
        return new LedgerEntry(n.get("id").textValue(), EntryKind.valueOf(n.get("kind").textValue()),
                LocalDate.parse(n.get("date").textValue()), n.get("from").textValue(), n.get("to").textValue(),
                Money.parse(n.get("amount").textValue(), currency, "amount"), n.get("note").textValue(),
                Instant.parse(n.get("recordedAt").textValue()));
    }
}
