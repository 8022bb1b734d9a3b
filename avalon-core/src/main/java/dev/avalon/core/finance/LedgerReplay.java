package dev.avalon.core.finance;

import com.fasterxml.jackson.databind.JsonNode;
import dev.avalon.core.brain.Brain;
import dev.avalon.core.json.CanonicalJson;
import dev.avalon.core.json.Json;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A ledger put back as an older version holds it, with the movements the audit log recorded since
 * entered again: every finance action audits the ledger entries it added ({@code data.entries}), so a
 * restore loses none of them. An entry is replayed only as it was written: the audit log scrubs personal
 * data, so an entry whose recorded hash ({@code data.entrySha256}) does not match is left out (it stays
 * listed). Entries the restored ledger holds already are skipped; the result must pass the ledger's
 * validator, or nothing is replayed.
 */
final class LedgerReplay {

    private LedgerReplay() {
    }

    /** The sha256 of an entry's canonical JSON, as the audit log records it beside the entry. */
    static String sha256(LedgerEntry entry) {
        return CanonicalJson.sha256(entry.toJson());
    }

    /** The replayed ledger's bytes; empty when nothing was entered since or the result would not validate. */
    static Optional<byte[]> replay(Brain restoredBrain, byte[] restored, List<JsonNode> enteredSince) {
        if (!FinanceValidator.ledger(FinanceBook.LEDGER, restored).isEmpty()) {
            return Optional.empty();
        }
        Optional<JsonNode> behaviour = restoredBrain.behaviour().behaviour().map(b -> b.document());
        if (behaviour.isEmpty()) {
            return Optional.empty();
        }
        Ledger ledger;
        try {
            ledger = Ledger.fromJson(Json.parse(restored));
        } catch (Exception e) {
            return Optional.empty();
        }
        List<LedgerEntry> entries = new ArrayList<>(ledger.entries());
        Set<String> held = new HashSet<>();
        entries.forEach(e -> held.add(e.id()));
        int replayed = 0;
        for (JsonNode audit : enteredSince) {
            if (!audit.path("type").asText("").startsWith("finance.")) {
                continue;
            }
            JsonNode data = audit.path("data");
            for (int i = 0; i < data.path("entries").size(); i++) {
                try {
                    LedgerEntry entry = LedgerEntry.fromJson(data.path("entries").get(i), ledger.currency());
                    if (!sha256(entry).equals(data.path("entrySha256").path(i).asText(null))) {
                        // scrubbed in the audit log (a note with an IBAN …), or from before entries were hashed:
                        // not given back altered; it stays listed as entered after the version
                        continue;
                    }
                    if (held.add(entry.id())) {
                        entries.add(entry);
                        replayed++;
                    }
                } catch (RuntimeException unreadable) {
                    // an entry the log cannot give back stays listed as entered after the version
                }
            }
        }
        if (replayed == 0) {
            return Optional.empty();
        }
        FinanceRules rules = FinanceRules.from(behaviour.get()).inCurrency(ledger.currency());
        byte[] bytes = Json.pretty(Ledger.replay(ledger.currency(), entries).toJson(rules.pots()));
        return FinanceValidator.ledger(FinanceBook.LEDGER, bytes).isEmpty() ? Optional.of(bytes) : Optional.empty();
    }
}
