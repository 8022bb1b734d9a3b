package dev.avalon.core.logbook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.avalon.core.json.Json;
import dev.avalon.core.port.LogbookSheet;
import dev.avalon.core.time.IsoWeek;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The journal of one ISO week: its entries ordered by date, then in the order they were first
 * recorded. At most one entry per {@linkplain LogbookEntry#key() day and activity}.
 *
 * @param week    the week
 * @param entries the entries, all dated inside {@code week}
 */
public record LogbookWeek(IsoWeek week, List<LogbookEntry> entries) {

    public LogbookWeek {
        Objects.requireNonNull(week, "week");
        entries = List.copyOf(entries);
        for (LogbookEntry e : entries) {
            if (!week.contains(e.date())) {
                throw new IllegalArgumentException(e.date() + " is not in " + week);
            }
        }
    }

    public static LogbookWeek empty(IsoWeek week) {
        return new LogbookWeek(week, List.of());
    }

    /** The entry this week already holds for the same day and activity, if any. */
    public Optional<LogbookEntry> sameAs(LogbookEntry entry) {
        return entries.stream().filter(e -> e.key().equals(entry.key())).findFirst();
    }

    /**
     * This week with {@code entry} added; an entry for the same day and activity is replaced in
     * place (the latest word of the user counts, and the week never holds both).
     */
    public LogbookWeek with(LogbookEntry entry) {
        List<LogbookEntry> next = new ArrayList<>();
        boolean replaced = false;
        for (LogbookEntry e : entries) {
            if (e.key().equals(entry.key())) {
                next.add(entry);
                replaced = true;
            } else {
                next.add(e);
            }
        }
        if (!replaced) {
            next.add(entry);
        }
        next.sort(Comparator.comparing(LogbookEntry::date));
        return new LogbookWeek(week, next);
    }

    /** The week as the sheet renderer gets it. */
    public LogbookSheet toSheet() {
        return new LogbookSheet(week.toString(), entries.stream().map(LogbookEntry::toRow).toList());
    }

    public ObjectNode toJson() {
        ObjectNode n = Json.object();
        n.put("week", week.toString());
        ArrayNode list = n.putArray("entries");
        entries.forEach(e -> list.add(e.toJson()));
        return n;
    }

    public static LogbookWeek fromJson(JsonNode n) {
        List<LogbookEntry> list = new ArrayList<>();
        n.path("entries").forEach(e -> list.add(LogbookEntry.fromJson(e)));
        return new LogbookWeek(IsoWeek.parse(n.get("week").textValue()), list);
    }
}
