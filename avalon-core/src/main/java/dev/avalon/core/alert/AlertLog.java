package dev.avalon.core.alert;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.avalon.core.json.Json;
import dev.avalon.core.port.Alert;
import dev.avalon.core.port.AlertLevel;
import dev.avalon.core.layout.BrainLayout;
import dev.avalon.core.port.BrainPath;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The kept alerts ({@code state/alerts.json}), immutable. A raised alert counts up the unacknowledged
 * entry of its code and subject, or starts a new one; ids come from a counter in the file, so they
 * never repeat, not even after old entries are dropped.
 *
 * @param next    the number the next new entry's id gets
 * @param entries every kept entry, in the order they were first raised
 */
public record AlertLog(long next, List<AlertEntry> entries) {

    /** Where the log lives in the brain. */
    public static final BrainPath PATH = BrainLayout.ALERTS;
    /** At most this many entries are kept; beyond it the oldest acknowledged ones go first. */
    public static final int MAX_ENTRIES = 500;
    public static final AlertLog EMPTY = new AlertLog(1, List.of());

    public AlertLog {
        entries = List.copyOf(entries);
        if (next < 1) {
            throw new IllegalArgumentException("next must be at least 1");
        }
    }

    /** The log with {@code alert} recorded. */
    public AlertLog record(Alert alert) {
        List<AlertEntry> list = new ArrayList<>(entries);
        for (int i = 0; i < list.size(); i++) {
            if (list.get(i).repeatedBy(alert)) {
                list.set(i, list.get(i).again(alert));
                return new AlertLog(next, list);
            }
        }
        list.add(AlertEntry.first("AL-" + next, alert));
        return new AlertLog(next + 1, trimmed(list));
    }

    private static List<AlertEntry> trimmed(List<AlertEntry> list) {
        while (list.size() > MAX_ENTRIES) {
            AlertEntry oldest = list.stream().filter(AlertEntry::acknowledged)
                    .min(Comparator.comparing(AlertEntry::lastSeen))
                    .orElseGet(() -> list.stream().min(Comparator.comparing(AlertEntry::lastSeen)).orElseThrow());
            list.remove(oldest);
        }
        return list;
    }

    public Optional<AlertEntry> find(String id) {
        return entries.stream().filter(e -> e.id().equals(id)).findFirst();
    }

    /** The log with entry {@code id} acknowledged; an entry acknowledged already keeps its first acknowledgement. */
    public AlertLog acknowledge(String id, Instant at, String by) {
        List<AlertEntry> list = new ArrayList<>(entries);
        list.replaceAll(e -> e.id().equals(id) && !e.acknowledged() ? e.acknowledge(at, by) : e);
        return new AlertLog(next, list);
    }

    /**
     * The entries that match, newest (latest occurrence) first.
     *
     * @param level        only this level, or null for all
     * @param acknowledged only acknowledged ({@code true}) or unacknowledged ({@code false}), or null for both
     */
    public List<AlertEntry> newestFirst(AlertLevel level, Boolean acknowledged) {
        return entries.stream()
                .filter(e -> level == null || e.level() == level)
                .filter(e -> acknowledged == null || e.acknowledged() == acknowledged)
                .sorted(Comparator.comparing(AlertEntry::lastSeen).reversed()
                        .thenComparing(Comparator.comparingLong(AlertLog::number).reversed()))
                .toList();
    }

    private static long number(AlertEntry e) {
        try {
            return Long.parseLong(e.id().substring(e.id().indexOf('-') + 1));
        } catch (NumberFormatException ex) {
            return 0;
        }
    }

    public ObjectNode toJson() {
        ObjectNode n = Json.object();
        n.put("next", next);
        ArrayNode list = n.putArray("alerts");
        entries.forEach(e -> list.add(e.toJson()));
        return n;
    }

    public static AlertLog fromJson(JsonNode n) {
        List<AlertEntry> list = new ArrayList<>();
        n.path("alerts").forEach(e -> list.add(AlertEntry.fromJson(e)));
        return new AlertLog(Math.max(1, n.path("next").asLong(1)), list);
    }
}
