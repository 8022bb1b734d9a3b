package dev.avalon.core.calendar;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.avalon.core.json.Json;
import dev.avalon.core.port.RemoteCalendarException;
import dev.avalon.core.port.RemoteEvent;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The lists of a {@code calendar.sync} response, filled as the sync goes: what changed remotely, which
 * changes made here a remote version replaced, what was written, which writes failed, and which remote edits
 * were adopted.
 */
record SyncReport(ArrayNode changes, ArrayNode overridden, ArrayNode pushed, ArrayNode failures,
                  List<Adopted> adopted, Map<String, CalendarEvent> imported) {

    /**
     * A report with empty lists of adopted remote edits and imported events, to be filled. The imported events
     * (by remote id) join the book once the listing is read, all at once: a remote calendar of thousands of
     * events is not copied into the book one event at a time.
     */
    SyncReport(ArrayNode changes, ArrayNode overridden, ArrayNode pushed, ArrayNode failures) {
        this(changes, overridden, pushed, failures, new ArrayList<>(), new LinkedHashMap<>());
    }

    /** A report whose lists belong to no response (a delivery's). */
    static SyncReport detached() {
        return new SyncReport(Json.mapper().createArrayNode(), Json.mapper().createArrayNode(),
                Json.mapper().createArrayNode(), Json.mapper().createArrayNode());
    }

    /**
     * A remote edit the sync adopted: of the event itself ({@code instance} null) or of one instance of a series,
     * by its original start; its attendees are told when its domain sends invitations.
     */
    record Adopted(String eventId, LocalDateTime instance) {
    }

    void adopted(CalendarEvent e, LocalDateTime instance) {
        adopted.add(new Adopted(e.id(), instance));
    }

    ObjectNode failure(CalendarEvent e, String op, LocalDateTime instance, RemoteCalendarException ex) {
        ObjectNode f = failures().addObject();
        f.put("eventId", e.id());
        f.put("op", op);
        if (instance != null) {
            f.put("instance", instance.toString());
        }
        f.put("kind", ex.kind().name());
        f.put("message", String.valueOf(ex.getMessage()));
        return f;
    }

    /** Reports the local values a remote version replaced, if any differ. */
    void overridden(CalendarEvent e, LocalDateTime instance, String reason, ObjectNode fields) {
        if (fields.isEmpty()) {
            return;
        }
        ObjectNode n = overridden().addObject();
        n.put("eventId", e.id());
        if (instance != null) {
            n.put("instance", instance.toString());
        }
        n.put("title", e.title());
        n.put("reason", reason);
        n.set("fields", fields);
    }

    static void differ(ObjectNode fields, String name, String here, String remote) {
        if (!here.equals(remote)) {
            fields.putObject(name).put("local", here).put("remote", remote);
        }
    }

    static ObjectNode change(String kind, CalendarEvent local, RemoteEvent remote) {
        ObjectNode n = Json.object();
        n.put("kind", kind);
        if (local != null) {
            n.put("eventId", local.id());
            n.put("title", local.title());
            n.put("start", local.start().toString());
        }
        if (remote != null) {
            n.put("remoteId", remote.remoteId());
            if (!remote.title().isEmpty()) {
                n.put("remoteTitle", remote.title());
            }
            if (remote.start() != null) {
                n.put("remoteStart", remote.start().toString());
            }
        }
        return n;
    }

    static ObjectNode instanceChange(String kind, CalendarEvent m, RemoteEvent r, LocalDateTime original,
                                     InstanceOverride from, InstanceOverride to) {
        ObjectNode c = change(kind, m, r);
        c.put("instance", original.toString());
        if (from != null && to != null) {
            c.put("from", from.start().toString());
            c.put("to", to.start().toString());
        }
        return c;
    }
}
