package dev.avalon.core.calendar;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.avalon.core.json.Json;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * An event as Avalon keeps it. Times are local to {@code zone}; an all-day event runs from midnight of
 * its first day to midnight of the day after its last ({@code end} exclusive).
 *
 * @param id          Avalon's id, e.g. {@code EV-0001}
 * @param uid         the iCalendar UID, stable for the event's life
 * @param remoteId    the remote calendar's id once pushed, else {@code null}
 * @param etag        the remote's last ETag, else {@code null}
 * @param title       summary
 * @param allDay      whether the event covers whole days
 * @param start       local start
 * @param end         local end (exclusive), after start
 * @param zone        the zone the local times are in
 * @param domain      a domain of behaviour.avl
 * @param location    may be empty
 * @param description may be empty
 * @param attendees   e-mail addresses
 * @param recurrence  the rule of a recurring event, or {@code null}
 * @param exceptions  local starts of cancelled instances
 * @param mode        FREE or AUTO_PLAN
 * @param sequence    iCalendar SEQUENCE, raised on every significant change
 * @param status      CONFIRMED, CANCELLED or COMPLETED
 * @param checklist   items to tick
 * @param createdAt   when Avalon created it
 * @param updatedAt   when Avalon last changed the event itself; changing or cancelling one instance leaves it
 * @param overrides   changed instances of a series, by their original local start; never an exception's
 * @param syncedInstances the original starts of the changed and cancelled instances that the remote calendar
 *                    holds as they are here; any other changed or cancelled instance is still to be written
 *                    there (kept only for instances that are changed or cancelled)
 * @param remoteVersion the {@code updatedAt} of the version of the event itself that the remote calendar is
 *                    known to hold (written there, or adopted from there), or {@code null} when it holds none
 *                    known; while {@code updatedAt} is later, the event is still to be written there
 */
public record CalendarEvent(String id, String uid, String remoteId, String etag, String title, boolean allDay,
                            LocalDateTime start, LocalDateTime end, ZoneId zone, String domain, String location,
                            String description, List<String> attendees, Recurrence recurrence,
                            Set<LocalDateTime> exceptions, EventMode mode, int sequence, EventStatus status,
                            List<ChecklistItem> checklist, Instant createdAt, Instant updatedAt,
                            Map<LocalDateTime, InstanceOverride> overrides, Set<LocalDateTime> syncedInstances,
                            Instant remoteVersion) {

    /** How far ahead a series is looked at to see whether an instance is still to come. */
    private static final long HORIZON_DAYS = 366L * 200;

    public CalendarEvent {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(uid, "uid");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
        Objects.requireNonNull(zone, "zone");
        Objects.requireNonNull(domain, "domain");
        location = location == null ? "" : location;
        description = description == null ? "" : description;
        attendees = List.copyOf(attendees);
        exceptions = Set.copyOf(exceptions);
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(status, "status");
        checklist = List.copyOf(checklist);
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
        if (!end.isAfter(start)) {
            throw new IllegalArgumentException("an event ends after it starts");
        }
        overrides = Collections.unmodifiableMap(new TreeMap<>(overrides));
        if (recurrence == null && !overrides.isEmpty()) {
            throw new IllegalArgumentException("only a recurring event has changed instances");
        }
        for (Map.Entry<LocalDateTime, InstanceOverride> o : overrides.entrySet()) {
            if (!o.getKey().equals(o.getValue().originalStart()) || exceptions.contains(o.getKey())) {
                throw new IllegalArgumentException("a changed instance is keyed by its original start and not cancelled");
            }
        }
        // a mark outlives neither its change nor its cancellation: what is no longer there needs no writing
        Set<LocalDateTime> marked = new TreeSet<>(syncedInstances);
        Set<LocalDateTime> exceptional = exceptions;
        Map<LocalDateTime, InstanceOverride> changed = overrides;
        marked.removeIf(o -> !exceptional.contains(o) && !changed.containsKey(o));
        syncedInstances = Collections.unmodifiableSet(marked);
    }

    /** An event of which the remote calendar holds no version known yet. */
    public CalendarEvent(String id, String uid, String remoteId, String etag, String title, boolean allDay,
                         LocalDateTime start, LocalDateTime end, ZoneId zone, String domain, String location,
                         String description, List<String> attendees, Recurrence recurrence,
                         Set<LocalDateTime> exceptions, EventMode mode, int sequence, EventStatus status,
                         List<ChecklistItem> checklist, Instant createdAt, Instant updatedAt,
                         Map<LocalDateTime, InstanceOverride> overrides, Set<LocalDateTime> syncedInstances) {
        this(id, uid, remoteId, etag, title, allDay, start, end, zone, domain, location, description, attendees,
                recurrence, exceptions, mode, sequence, status, checklist, createdAt, updatedAt, overrides,
                syncedInstances, null);
    }

    /** An event whose changed instances are all still to be written to the remote calendar. */
    public CalendarEvent(String id, String uid, String remoteId, String etag, String title, boolean allDay,
                         LocalDateTime start, LocalDateTime end, ZoneId zone, String domain, String location,
                         String description, List<String> attendees, Recurrence recurrence,
                         Set<LocalDateTime> exceptions, EventMode mode, int sequence, EventStatus status,
                         List<ChecklistItem> checklist, Instant createdAt, Instant updatedAt,
                         Map<LocalDateTime, InstanceOverride> overrides) {
        this(id, uid, remoteId, etag, title, allDay, start, end, zone, domain, location, description, attendees,
                recurrence, exceptions, mode, sequence, status, checklist, createdAt, updatedAt, overrides, Set.of());
    }

    /** An event without changed instances. */
    public CalendarEvent(String id, String uid, String remoteId, String etag, String title, boolean allDay,
                         LocalDateTime start, LocalDateTime end, ZoneId zone, String domain, String location,
                         String description, List<String> attendees, Recurrence recurrence,
                         Set<LocalDateTime> exceptions, EventMode mode, int sequence, EventStatus status,
                         List<ChecklistItem> checklist, Instant createdAt, Instant updatedAt) {
        this(id, uid, remoteId, etag, title, allDay, start, end, zone, domain, location, description, attendees,
                recurrence, exceptions, mode, sequence, status, checklist, createdAt, updatedAt, Map.of());
    }

    public boolean recurring() {
        return recurrence != null;
    }

    /** The instances that meet {@code [from, to)}, at most {@code cap}. */
    public Recurrence.Expansion occurrences(Instant from, Instant to, int cap) {
        if (recurrence != null && !overrides.isEmpty()) {
            return withOverridesApplied(from, to, cap);
        }
        if (recurrence != null) {
            return recurrence.expand(id, start, end, zone, exceptions, from, to, cap);
        }
        Instant s = start.atZone(zone).toInstant();
        Instant e = end.atZone(zone).toInstant();
        if (!e.isAfter(s)) {
            e = s.plusSeconds(60);
        }
        if (s.isBefore(to) && e.isAfter(from) && cap > 0) {
            return new Recurrence.Expansion(List.of(new Occurrence(id, s, e, start)), false);
        }
        return new Recurrence.Expansion(List.of(), false);
    }

    /**
     * The instances the rule alone produces in {@code [from, to)}: changed instances at their original
     * times, cancelled ones left out. What a RECURRENCE-ID may name.
     */
    public Recurrence.Expansion ruleOccurrences(Instant from, Instant to, int cap) {
        return recurrence == null ? occurrences(from, to, cap)
                : recurrence.expand(id, start, end, zone, exceptions, from, to, cap);
    }

    /**
     * The rule's instances without the changed ones, plus each changed instance that meets the window at
     * its new time; the first {@code cap} by start. A changed instance may have moved into the window
     * from outside it, so it is looked up by its own times, never by its original start.
     */
    private Recurrence.Expansion withOverridesApplied(Instant from, Instant to, int cap) {
        Set<LocalDateTime> hidden = new TreeSet<>(exceptions);
        hidden.addAll(overrides.keySet());
        Recurrence.Expansion plain = recurrence.expand(id, start, end, zone, hidden, from, to, cap);
        List<Occurrence> all = new ArrayList<>(plain.occurrences());
        Instant last = plain.truncated() ? all.get(all.size() - 1).start() : null;
        for (InstanceOverride o : overrides.values()) {
            Instant s = o.start().atZone(zone).toInstant();
            Instant e = o.end().atZone(zone).toInstant();
            if (!e.isAfter(s)) {
                e = s.plusSeconds(60);
            }
            // past the last instance of a truncated expansion, earlier rule instances may be missing
            if (s.isBefore(to) && e.isAfter(from) && (last == null || !s.isAfter(last))) {
                all.add(new Occurrence(id, s, e, o.originalStart()));
            }
        }
        all.sort(Comparator.comparing(Occurrence::start).thenComparing(Occurrence::originalStart));
        boolean truncated = plain.truncated() || all.size() > cap;
        return new Recurrence.Expansion(all.subList(0, Math.min(cap, all.size())), truncated);
    }

    /** Whether {@code originalStart} is the start of an instance the rule produces and not cancelled. */
    public boolean hasInstance(LocalDateTime originalStart) {
        if (recurrence == null) {
            return false;
        }
        Instant at = originalStart.atZone(zone).toInstant();
        return ruleOccurrences(at.minus(java.time.Duration.ofDays(1)), at.plus(java.time.Duration.ofDays(1)),
                1000).occurrences().stream().anyMatch(o -> o.originalStart().equals(originalStart));
    }

    /** The instance at {@code originalStart} as it stands: changed, or as the rule makes it. */
    public InstanceOverride instance(LocalDateTime originalStart) {
        InstanceOverride changed = overrides.get(originalStart);
        return changed != null ? changed : ruleInstance(originalStart);
    }

    /** The instance at {@code originalStart} as the rule makes it, with the series' texts, changed or not. */
    public InstanceOverride ruleInstance(LocalDateTime originalStart) {
        return new InstanceOverride(originalStart, originalStart,
                originalStart.plus(java.time.Duration.between(start, end)), title, location, description);
    }

    /**
     * This event with the instance at {@code value.originalStart()} changed, to be written to the remote
     * calendar. {@code updatedAt} stays: it tells when the series itself changed, which one instance does not.
     */
    public CalendarEvent withOverride(InstanceOverride value) {
        Map<LocalDateTime, InstanceOverride> next = new TreeMap<>(overrides);
        next.put(value.originalStart(), value);
        return new CalendarEvent(id, uid, remoteId, etag, title, allDay, start, end, zone, domain, location,
                description, attendees, recurrence, exceptions, mode, sequence, status, checklist, createdAt,
                updatedAt, next, unmarked(value.originalStart()), remoteVersion);
    }

    /** The original starts of the changed and cancelled instances, in order. */
    public List<LocalDateTime> changedInstances() {
        Set<LocalDateTime> all = new TreeSet<>(exceptions);
        all.addAll(overrides.keySet());
        return List.copyOf(all);
    }

    /** The changed and cancelled instances the remote calendar does not hold as they are here yet, in order. */
    public List<LocalDateTime> unsyncedInstances() {
        List<LocalDateTime> all = new ArrayList<>(changedInstances());
        all.removeAll(syncedInstances);
        return List.copyOf(all);
    }

    /** This event with the instance at {@code originalStart} held by the remote calendar as it is here. */
    public CalendarEvent withInstanceSynced(LocalDateTime originalStart) {
        Set<LocalDateTime> marked = new TreeSet<>(syncedInstances);
        marked.add(originalStart);
        return new CalendarEvent(id, uid, remoteId, etag, title, allDay, start, end, zone, domain, location,
                description, attendees, recurrence, exceptions, mode, sequence, status, checklist, createdAt,
                updatedAt, overrides, marked, remoteVersion);
    }

    private Set<LocalDateTime> unmarked(LocalDateTime originalStart) {
        Set<LocalDateTime> marked = new TreeSet<>(syncedInstances);
        marked.remove(originalStart);
        return marked;
    }

    /**
     * This event with those changed instances of {@code before} that are still instances of this
     * event's rule (a series moved to other days loses the changes of days it no longer has), and with
     * what {@code before} knew of the remote calendar's copy: which instances it holds, which version.
     */
    public CalendarEvent keepingOverridesOf(CalendarEvent before) {
        Map<LocalDateTime, InstanceOverride> kept = new TreeMap<>();
        if (recurrence != null) {
            before.overrides().forEach((k, v) -> {
                if (hasInstance(k)) {
                    kept.put(k, v);
                }
            });
        }
        return new CalendarEvent(id, uid, remoteId, etag, title, allDay, start, end, zone, domain, location,
                description, attendees, recurrence, exceptions, mode, sequence, status, checklist, createdAt,
                updatedAt, kept, before.syncedInstances(), before.remoteVersion());
    }

    /** When the event (its last instance, for a series) is over, or {@code null} if that is not known cheaply. */
    public Instant lastEnd() {
        if (recurrence == null) {
            return end.atZone(zone).toInstant();
        }
        if (recurrence.until() != null) {
            return recurrence.until().plusDays(1).atTime(end.toLocalTime()).atZone(zone).toInstant()
                    .plus(java.time.Duration.between(start, end));
        }
        return null;
    }

    /**
     * Whether every instance has ended by {@code now}: no instance meets {@code [now, …)}. A series with
     * COUNT is expanded from its start, which the count bounds; exceptions count as ended.
     */
    public boolean endedBy(Instant now) {
        if (recurrence == null) {
            return !end.atZone(zone).toInstant().isAfter(now);
        }
        return occurrences(now, now.plus(java.time.Duration.ofDays(HORIZON_DAYS)), 1).occurrences().isEmpty();
    }

    /**
     * Whether the event should now be COMPLETED: it is confirmed, has a checklist with every item
     * ticked, and has ended. An event without a checklist stays CONFIRMED: nothing was there to finish.
     */
    public boolean completableAt(Instant now) {
        return status == EventStatus.CONFIRMED && !checklist.isEmpty()
                && checklist.stream().allMatch(ChecklistItem::done) && endedBy(now);
    }

    /**
     * The {@code updatedAt} of a change made at {@code at}: later than this version's even when the clock has
     * not moved on (a coarse clock, several changes in one tick), so no change is taken for the version the
     * remote calendar holds.
     */
    public Instant changeStamp(Instant at) {
        return at.isAfter(updatedAt) ? at : updatedAt.plusNanos(1);
    }

    public CalendarEvent withStatus(EventStatus value, Instant at) {
        return new CalendarEvent(id, uid, remoteId, etag, title, allDay, start, end, zone, domain, location,
                description, attendees, recurrence, exceptions, mode, sequence, value, checklist, createdAt,
                changeStamp(at),
                overrides, syncedInstances, remoteVersion);
    }

    public CalendarEvent withSequence(int value) {
        return new CalendarEvent(id, uid, remoteId, etag, title, allDay, start, end, zone, domain, location,
                description, attendees, recurrence, exceptions, mode, value, status, checklist, createdAt, updatedAt,
                overrides, syncedInstances, remoteVersion);
    }

    /**
     * This event with the instance at {@code originalStart} cancelled, to be written to the remote calendar.
     * {@code updatedAt} stays: it tells when the series itself changed, which one instance does not.
     */
    public CalendarEvent withException(LocalDateTime originalStart) {
        Set<LocalDateTime> next = new TreeSet<>(exceptions);
        next.add(originalStart);
        // a cancelled instance is gone, changed or not
        Map<LocalDateTime, InstanceOverride> changed = new TreeMap<>(overrides);
        changed.remove(originalStart);
        return new CalendarEvent(id, uid, remoteId, etag, title, allDay, start, end, zone, domain, location,
                description, attendees, recurrence, next, mode, sequence, status, checklist, createdAt, updatedAt,
                changed, unmarked(originalStart), remoteVersion);
    }

    /**
     * Whether the event itself changed here since the version the remote calendar is known to hold, so it is
     * still to be written there. Changes of single instances are tracked apart ({@link #unsyncedInstances}).
     */
    public boolean changedSinceRemote() {
        return remoteVersion == null || updatedAt.isAfter(remoteVersion);
    }

    /** This event with the remote calendar known to hold its version of {@code version} (an {@code updatedAt}). */
    public CalendarEvent withRemoteVersion(Instant version) {
        return new CalendarEvent(id, uid, remoteId, etag, title, allDay, start, end, zone, domain, location,
                description, attendees, recurrence, exceptions, mode, sequence, status, checklist, createdAt,
                updatedAt, overrides, syncedInstances, version);
    }

    public CalendarEvent withRemote(String value, String tag) {
        return new CalendarEvent(id, uid, value, tag, title, allDay, start, end, zone, domain, location,
                description, attendees, recurrence, exceptions, mode, sequence, status, checklist, createdAt,
                updatedAt, overrides, syncedInstances, remoteVersion);
    }

    public CalendarEvent withTimes(LocalDateTime newStart, LocalDateTime newEnd, Instant at) {
        return new CalendarEvent(id, uid, remoteId, etag, title, allDay, newStart, newEnd, zone, domain, location,
                description, attendees, recurrence, exceptions, mode, sequence, status, checklist, createdAt,
                changeStamp(at),
                overrides, syncedInstances, remoteVersion);
    }

    public CalendarEvent withChecklist(List<ChecklistItem> value, Instant at) {
        return new CalendarEvent(id, uid, remoteId, etag, title, allDay, start, end, zone, domain, location,
                description, attendees, recurrence, exceptions, mode, sequence, status, value, createdAt,
                changeStamp(at),
                overrides, syncedInstances, remoteVersion);
    }

    public ObjectNode toJson() {
        ObjectNode n = Json.object();
        n.put("id", id);
        n.put("uid", uid);
        if (remoteId != null) {
            n.put("remoteId", remoteId);
        }
        if (etag != null) {
            n.put("etag", etag);
        }
        n.put("title", title);
        n.put("allDay", allDay);
        n.put("start", start.toString());
        n.put("end", end.toString());
        n.put("zone", zone.getId());
        n.put("domain", domain);
        n.put("location", location);
        n.put("description", description);
        ArrayNode a = n.putArray("attendees");
        attendees.forEach(a::add);
        if (recurrence != null) {
            n.set("recurrence", recurrence.toJson());
        }
        ArrayNode x = n.putArray("exceptions");
        new TreeSet<>(exceptions).forEach(e -> x.add(e.toString()));
        if (!overrides.isEmpty()) {
            ArrayNode o = n.putArray("overrides");
            overrides.values().forEach(v -> o.add(v.toJson()));
        }
        if (!syncedInstances.isEmpty()) {
            ArrayNode s = n.putArray("syncedInstances");
            syncedInstances.forEach(v -> s.add(v.toString()));
        }
        n.put("mode", mode.name());
        n.put("sequence", sequence);
        n.put("status", status.name());
        ArrayNode c = n.putArray("checklist");
        checklist.forEach(i -> c.addObject().put("text", i.text()).put("done", i.done()));
        n.put("createdAt", createdAt.toString());
        n.put("updatedAt", updatedAt.toString());
        if (remoteVersion != null) {
            n.put("remoteVersion", remoteVersion.toString());
        }
        return n;
    }

    public static CalendarEvent fromJson(JsonNode n) {
        List<String> attendees = new ArrayList<>();
        n.path("attendees").forEach(a -> attendees.add(a.asText()));
        Set<LocalDateTime> exceptions = new TreeSet<>();
        n.path("exceptions").forEach(e -> exceptions.add(LocalDateTime.parse(e.asText())));
        Map<LocalDateTime, InstanceOverride> overrides = new TreeMap<>();
        n.path("overrides").forEach(o -> {
            InstanceOverride v = InstanceOverride.fromJson(o);
            overrides.put(v.originalStart(), v);
        });
        Set<LocalDateTime> synced = new TreeSet<>();
        n.path("syncedInstances").forEach(o -> synced.add(LocalDateTime.parse(o.asText())));
        List<ChecklistItem> checklist = new ArrayList<>();
        n.path("checklist").forEach(i -> checklist.add(new ChecklistItem(i.path("text").asText(),
                i.path("done").asBoolean())));
        return new CalendarEvent(n.path("id").asText(), n.path("uid").asText(), text(n, "remoteId"), text(n, "etag"),
                n.path("title").asText(), n.path("allDay").asBoolean(), LocalDateTime.parse(n.path("start").asText()),
                LocalDateTime.parse(n.path("end").asText()), ZoneId.of(n.path("zone").asText()),
                n.path("domain").asText(), n.path("location").asText(""), n.path("description").asText(""),
                attendees, n.hasNonNull("recurrence") ? Recurrence.fromJson(n.get("recurrence")) : null, exceptions,
                EventMode.valueOf(n.path("mode").asText()), n.path("sequence").asInt(),
                EventStatus.valueOf(n.path("status").asText()), checklist, Instant.parse(n.path("createdAt").asText()),
                Instant.parse(n.path("updatedAt").asText()), overrides, synced,
                n.hasNonNull("remoteVersion") ? Instant.parse(n.get("remoteVersion").asText()) : null);
    }

    private static String text(JsonNode n, String field) {
        return n.hasNonNull(field) ? n.get(field).asText() : null;
    }
}
