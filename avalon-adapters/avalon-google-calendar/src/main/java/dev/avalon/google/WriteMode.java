package dev.avalon.google;

/** How {@link GoogleCalendar#update} sends an event. */
public enum WriteMode {
    /**
     * {@code PUT}: the event becomes exactly what Avalon sends; fields Avalon does not manage (reminders,
     * conference links, attachments) are dropped. Attendees' replies are still kept.
     */
    PUT,
    /**
     * The default. {@code PATCH}: Avalon's fields are replaced (cleared ones sent as {@code null}); what the user set in
     * Google that Avalon does not manage (reminders, conference links, attachments) stays. Private
     * extended properties are merged, so a key Avalon stops sending keeps its old value.
     */
    PATCH
}
