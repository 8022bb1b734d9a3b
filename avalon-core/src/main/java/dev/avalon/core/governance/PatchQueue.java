package dev.avalon.core.governance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.avalon.core.json.Json;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The FIFO chain of behaviour patches ({@code state/patch-queue.json}). Only the head is ever
 * worked on; the next starts when the head is committed, declined or dropped; a failure stops the
 * chain (every later patch is dropped). Immutable.
 */
public final class PatchQueue {

    public static final PatchQueue EMPTY = new PatchQueue(List.of());
    private static final int FINISHED_KEPT = 100;

    private final List<QueuedPatch> entries;

    private PatchQueue(List<QueuedPatch> entries) {
        this.entries = List.copyOf(entries);
    }

    public List<QueuedPatch> entries() {
        return entries;
    }

    /** Patches not yet finished, oldest first. */
    public List<QueuedPatch> active() {
        return entries.stream().filter(e -> e.status().isActive()).toList();
    }

    /** The patch being worked on, if any. */
    public Optional<QueuedPatch> head() {
        return active().stream().findFirst();
    }

    public Optional<QueuedPatch> find(String patchId) {
        return entries.stream().filter(e -> e.patch().id().equals(patchId)).reduce((a, b) -> b);
    }

    public boolean containsId(String patchId) {
        return entries.stream().anyMatch(e -> e.patch().id().equals(patchId));
    }

    public PatchQueue enqueue(QueuedPatch entry) {
        List<QueuedPatch> next = new ArrayList<>(entries);
        next.add(entry);
        return new PatchQueue(trim(next));
    }

    /** Replaces the entry with the same patch id. */
    public PatchQueue update(QueuedPatch entry) {
        List<QueuedPatch> next = new ArrayList<>(entries);
        for (int i = next.size() - 1; i >= 0; i--) {
            if (next.get(i).patch().id().equals(entry.patch().id())) {
                next.set(i, entry);
                return new PatchQueue(trim(next));
            }
        }
        throw new IllegalArgumentException("no patch " + entry.patch().id() + " in the queue");
    }

    /** Stops the chain after a failure: every active patch but {@code failedId} is dropped. */
    public PatchQueue stopAfterFailure(String failedId, String why) {
        List<QueuedPatch> next = new ArrayList<>();
        for (QueuedPatch e : entries) {
            if (e.patch().id().equals(failedId)) {
                next.add(e.with(PatchStatus.FAILED, null, why));
            } else if (e.status().isActive()) {
                next.add(e.with(PatchStatus.DROPPED, null, "chain stopped after " + failedId + " failed"));
            } else {
                next.add(e);
            }
        }
        return new PatchQueue(trim(next));
    }

    private static List<QueuedPatch> trim(List<QueuedPatch> list) {
        long finished = list.stream().filter(e -> !e.status().isActive()).count();
        List<QueuedPatch> out = new ArrayList<>();
        for (QueuedPatch e : list) {
            if (!e.status().isActive() && finished > FINISHED_KEPT) {
                finished--;
                continue;
            }
            out.add(e);
        }
        return out;
    }

    public ObjectNode toJson() {
        ObjectNode node = Json.object();
        ArrayNode list = node.putArray("patches");
        entries.forEach(e -> list.add(e.toJson()));
        return node;
    }

    public static PatchQueue fromJson(JsonNode node) {
        List<QueuedPatch> list = new ArrayList<>();
        node.path("patches").forEach(e -> list.add(QueuedPatch.fromJson(e)));
        return new PatchQueue(list);
    }
}
