package dev.avalon.core.calendar;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
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
 * @param attendees   e-mail addresses, each alone or with a display name as {@link dev.avalon.core.base.Mailbox#text()} writes it
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
 * @param origin      where the event was made: LOCAL by an action here, REMOTE in the remote calendar and
 *                    imported by {@code calendar.sync}
 */
public record CalendarEvent(String id, String uid, String remoteId, String etag, String title, boolean allDay,
                            LocalDateTime start, LocalDateTime end, ZoneId zone, String domain, String location,
                            String description, List<String> attendees, Recurrence recurrence,
                            Set<LocalDateTime> exceptions, EventMode mode, int sequence, EventStatus status,
                            List<ChecklistItem> checklist, Instant createdAt, Instant updatedAt,
                            Map<LocalDateTime, InstanceOverride> overrides, Set<LocalDateTime> syncedInstances,
                            Instant remoteVersion, EventOrigin origin) {

    public CalendarEvent {
        origin = origin == null ? EventOrigin.LOCAL : origin;
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

    /** An event made here. */
    public CalendarEvent(String id, String uid, String remoteId, String etag, String title, boolean allDay,
                         LocalDateTime start, LocalDateTime end, ZoneId zone, String domain, String location,
                         String description, List<String> attendees, Recurrence recurrence,
                         Set<LocalDateTime> exceptions, EventMode mode, int sequence, EventStatus status,
                         List<ChecklistItem> checklist, Instant createdAt, Instant updatedAt,
                         Map<LocalDateTime, InstanceOverride> overrides, Set<LocalDateTime> syncedInstances,
                         Instant remoteVersion) {
        this(id, uid, remoteId, etag, title, allDay, start, end, zone, domain, location, description, attendees,
                recurrence, exceptions, mode, sequence, status, checklist, createdAt, updatedAt, overrides,
                syncedInstances, remoteVersion, EventOrigin.LOCAL);
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
        return EventOccurrences.occurrences(this, from, to, cap);
    }

    /**
     * The instances the rule alone produces in {@code [from, to)}: changed instances at their original
     * times, cancelled ones left out. What a RECURRENCE-ID may name.
     */
    public Recurrence.Expansion ruleOccurrences(Instant from, Instant to, int cap) {
        return recurrence == null ? occurrences(from, to, cap)
                : recurrence.expand(id, start, end, zone, allDay, exceptions, from, to, cap);
    }

    /** Whether {@code originalStart} is the start of an instance the rule produces and not cancelled. */
    public boolean hasInstance(LocalDateTime originalStart) {
        return EventOccurrences.hasInstance(this, originalStart);
    }

    /** The instance at {@code originalStart} as it stands: changed, or as the rule makes it. */
    public InstanceOverride instance(LocalDateTime originalStart) {
        InstanceOverride changed = overrides.get(originalStart);
        return changed != null ? changed : ruleInstance(originalStart);
    }

    /**
     * The instance at {@code originalStart} as the rule makes it, with the series' texts, changed or not;
     * a timed one lasts the {@linkplain Recurrence#exactLength exact length} of the first instance.
     */
    public InstanceOverride ruleInstance(LocalDateTime originalStart) {
        LocalDateTime instanceEnd = allDay ? originalStart.plus(java.time.Duration.between(start, end))
                : originalStart.atZone(zone).plus(Recurrence.exactLength(start, end, zone)).toLocalDateTime();
        return new InstanceOverride(originalStart, originalStart, instanceEnd, title, location, description);
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
                updatedAt, next, unmarked(value.originalStart()), remoteVersion, origin);
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
                updatedAt, overrides, marked, remoteVersion, origin);
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
                updatedAt, kept, before.syncedInstances(), before.remoteVersion(), before.origin());
    }

    /** When the event (its last instance, for a series) is over, or {@code null} if that is not known cheaply. */
    public Instant lastEnd() {
        return EventOccurrences.lastEnd(this);
    }

    /**
     * Whether every instance has ended by {@code now}: no instance meets {@code [now, …)}. A series with
     * COUNT is expanded from its start, which the count bounds; exceptions count as ended.
     */
    public boolean endedBy(Instant now) {
        return EventOccurrences.endedBy(this, now);
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
                overrides, syncedInstances, remoteVersion, origin);
    }

    public CalendarEvent withSequence(int value) {
        return new CalendarEvent(id, uid, remoteId, etag, title, allDay, start, end, zone, domain, location,
                description, attendees, recurrence, exceptions, mode, value, status, checklist, createdAt, updatedAt,
                overrides, syncedInstances, remoteVersion, origin);
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
                changed, unmarked(originalStart), remoteVersion, origin);
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
                updatedAt, overrides, syncedInstances, version, origin);
    }

    public CalendarEvent withRemote(String value, String tag) {
        return new CalendarEvent(id, uid, value, tag, title, allDay, start, end, zone, domain, location,
                description, attendees, recurrence, exceptions, mode, sequence, status, checklist, createdAt,
                updatedAt, overrides, syncedInstances, remoteVersion, origin);
    }

    public CalendarEvent withTimes(LocalDateTime newStart, LocalDateTime newEnd, Instant at) {
        return new CalendarEvent(id, uid, remoteId, etag, title, allDay, newStart, newEnd, zone, domain, location,
                description, attendees, recurrence, exceptions, mode, sequence, status, checklist, createdAt,
                changeStamp(at),
                overrides, syncedInstances, remoteVersion, origin);
    }

    public CalendarEvent withChecklist(List<ChecklistItem> value, Instant at) {
        return new CalendarEvent(id, uid, remoteId, etag, title, allDay, start, end, zone, domain, location,
                description, attendees, recurrence, exceptions, mode, sequence, status, value, createdAt,
                changeStamp(at),
                overrides, syncedInstances, remoteVersion, origin);
    }

    public ObjectNode toJson() {
        return CalendarEventJson.toJson(this);
    }

    /** The event as answers show it: every date-time with its offset, in the event's zone. */
    public ObjectNode toAnswer() {
        return CalendarEventJson.toAnswer(this);
    }

    public static CalendarEvent fromJson(JsonNode n) {
        return CalendarEventJson.fromJson(n);
    }
}
