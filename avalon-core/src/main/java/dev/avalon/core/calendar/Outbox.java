package dev.avalon.core.calendar;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.avalon.core.json.Json;
import dev.avalon.core.layout.BrainLayout;
import dev.avalon.core.port.BrainPath;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The invitations Avalon has queued, sent or given up on, as stored in {@code state/outbox.json}.
 *
 * @param entries in queue order
 */
public record Outbox(List<OutboxEntry> entries) {

    public static final BrainPath PATH = BrainLayout.OUTBOX;
    public static final Outbox EMPTY = new Outbox(List.of());

    public Outbox {
        entries = List.copyOf(entries);
    }

    public Optional<OutboxEntry> find(String id) {
        return entries.stream().filter(e -> e.id().equals(id)).findFirst();
    }

    public Optional<OutboxEntry> byKey(String key) {
        return entries.stream().filter(e -> e.key().equals(key)).findFirst();
    }

    /** This outbox with {@code entry} added or replacing the entry with its id. */
    public Outbox put(OutboxEntry entry) {
        List<OutboxEntry> next = new ArrayList<>(entries);
        for (int i = 0; i < next.size(); i++) {
            if (next.get(i).id().equals(entry.id())) {
                next.set(i, entry);
                return new Outbox(next);
            }
        }
        next.add(entry);
        return new Outbox(next);
    }

    /** Entries not yet delivered: PENDING and DEAD, the ones that block commits. */
    public List<OutboxEntry> undelivered() {
        return entries.stream().filter(e -> e.status() != OutboxStatus.SENT).toList();
    }

    public ObjectNode toJson() {
        ObjectNode n = Json.object();
        ArrayNode list = n.putArray("invites");
        entries.forEach(e -> list.add(e.toJson()));
        return n;
    }

    public static Outbox fromJson(JsonNode n) {
        List<OutboxEntry> entries = new ArrayList<>();
        n.path("invites").forEach(e -> entries.add(OutboxEntry.fromJson(e)));
        return new Outbox(entries);
    }
}
