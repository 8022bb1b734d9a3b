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
 * What the calendar has queued for the world outside, as stored in {@code state/outbox.json}: the
 * invitations queued, sent or given up on, and the writes to the remote calendar still to be made.
 *
 * @param entries      the invitations, in queue order
 * @param remoteWrites the events still to be written to the remote calendar, in queue order, one per event
 */
public record Outbox(List<OutboxEntry> entries, List<RemoteWrite> remoteWrites) {

    public static final BrainPath PATH = BrainLayout.OUTBOX;
    public static final Outbox EMPTY = new Outbox(List.of(), List.of());

    public Outbox {
        entries = List.copyOf(entries);
        remoteWrites = List.copyOf(remoteWrites);
    }

    /** This outbox with other invitations and the same remote writes. */
    public Outbox withEntries(List<OutboxEntry> value) {
        return new Outbox(value, remoteWrites);
    }

    /** This outbox with other remote writes and the same invitations. */
    public Outbox withRemoteWrites(List<RemoteWrite> value) {
        return new Outbox(entries, value);
    }

    /** The remote write queued for event {@code eventId}, if any. */
    public Optional<RemoteWrite> remoteWrite(String eventId) {
        return remoteWrites.stream().filter(w -> w.eventId().equals(eventId)).findFirst();
    }

    /** This outbox with {@code write} added, or replacing the one for its event. */
    public Outbox put(RemoteWrite write) {
        List<RemoteWrite> next = new ArrayList<>(remoteWrites);
        next.removeIf(w -> w.eventId().equals(write.eventId()));
        next.add(write);
        return withRemoteWrites(next);
    }

    /** This outbox without the remote write for event {@code eventId}. */
    public Outbox withoutRemoteWrite(String eventId) {
        List<RemoteWrite> next = new ArrayList<>(remoteWrites);
        return next.removeIf(w -> w.eventId().equals(eventId)) ? withRemoteWrites(next) : this;
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
                return withEntries(next);
            }
        }
        next.add(entry);
        return withEntries(next);
    }

    /** Entries not yet delivered: PENDING and DEAD, the ones that block commits. */
    public List<OutboxEntry> undelivered() {
        return entries.stream().filter(e -> e.status() != OutboxStatus.SENT).toList();
    }

    public ObjectNode toJson() {
        ObjectNode n = Json.object();
        ArrayNode list = n.putArray("invites");
        entries.forEach(e -> list.add(e.toJson()));
        if (!remoteWrites.isEmpty()) {
            ArrayNode writes = n.putArray("remoteWrites");
            remoteWrites.forEach(w -> writes.add(w.toJson()));
        }
        return n;
    }

    public static Outbox fromJson(JsonNode n) {
        List<OutboxEntry> entries = new ArrayList<>();
        n.path("invites").forEach(e -> entries.add(OutboxEntry.fromJson(e)));
        List<RemoteWrite> writes = new ArrayList<>();
        n.path("remoteWrites").forEach(w -> writes.add(RemoteWrite.fromJson(w)));
        return new Outbox(entries, writes);
    }
}
