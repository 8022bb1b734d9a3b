package dev.avalon.core.logbook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.avalon.core.json.Json;
import dev.avalon.core.port.LogbookSheet;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Locale;
import java.util.Objects;

/**
 * One daily logbook entry (seed 04 §1.1). Wire names are the seed's: {@code activiteit, domein,
 * stress, motivatie, status, moveCount}, plus {@code date} and {@code recordedAt}.
 *
 * <p>Ranges (also in the action schema of {@code logbook.add_daily_entry}): {@code stress} and
 * {@code motivatie} are integers 1 to 10, {@code moveCount} is 0 or more, {@code activiteit} is 1 to
 * {@value #MAX_ACTIVITY} characters without control characters.
 *
 * @param date       the day the entry is about (in the user's zone)
 * @param activiteit what was done
 * @param domein     one of the domains of behaviour.avl
 * @param stress     1 (calm) to 10 (maximal stress)
 * @param motivatie  1 (none) to 10 (maximal motivation)
 * @param status     how far it got
 * @param moveCount  how often the activity was moved before it happened
 * @param recordedAt when the entry was (last) recorded
 */
public record LogbookEntry(LocalDate date, String activiteit, String domein, int stress, int motivatie,
                           EntryStatus status, int moveCount, Instant recordedAt) {

    /** The longest activity text accepted. */
    public static final int MAX_ACTIVITY = 200;

    public LogbookEntry {
        Objects.requireNonNull(date, "date");
        Objects.requireNonNull(activiteit, "activiteit");
        Objects.requireNonNull(domein, "domein");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(recordedAt, "recordedAt");
        // counted in code points, as the action's JSON Schema counts maxLength: an emoji is one character
        if (activiteit.isEmpty() || activiteit.codePointCount(0, activiteit.length()) > MAX_ACTIVITY) {
            throw new IllegalArgumentException("activiteit must be 1.." + MAX_ACTIVITY + " characters");
        }
        if (stress < 1 || stress > 10 || motivatie < 1 || motivatie > 10) {
            throw new IllegalArgumentException("stress and motivatie must be 1..10");
        }
        if (moveCount < 0) {
            throw new IllegalArgumentException("moveCount must not be negative");
        }
    }

    /**
     * The de-duplication key: one entry per day and activity, the activity compared without
     * surrounding blanks and without regard to case.
     */
    public String key() {
        return date + "|" + activiteit.strip().toLowerCase(Locale.ROOT);
    }

    public ObjectNode toJson() {
        ObjectNode n = Json.object();
        n.put("date", date.toString());
        n.put("activiteit", activiteit);
        n.put("domein", domein);
        n.put("stress", stress);
        n.put("motivatie", motivatie);
        n.put("status", status.wire());
        n.put("moveCount", moveCount);
        n.put("recordedAt", recordedAt.toString());
        return n;
    }

    public static LogbookEntry fromJson(JsonNode n) {
        return new LogbookEntry(LocalDate.parse(n.get("date").textValue()), n.get("activiteit").textValue(),
                n.get("domein").textValue(), n.get("stress").intValue(), n.get("motivatie").intValue(),
                EntryStatus.fromWire(n.get("status").textValue()).orElseThrow(
                        () -> new IllegalArgumentException("unknown status " + n.get("status"))),
                n.get("moveCount").intValue(), java.time.Instant.parse(n.get("recordedAt").textValue()));
    }

    /** This entry as a row of the weekly sheet. */
    public LogbookSheet.Row toRow() {
        return new LogbookSheet.Row(date, activiteit, domein, stress, motivatie, status.wire(), moveCount);
    }
}
