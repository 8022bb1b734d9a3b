/**
 * The {@link dev.avalon.core.port.RemoteCalendar} port over CalDAV (RFC 4791) with WebDAV sync (RFC 6578),
 * spoken with {@code java.net.http}, the JDK's namespace-aware XML and ical4j: events as {@code <id>.ics}
 * resources, instances of a series as overrides in the series' resource, {@code If-Match}/{@code If-None-Match}
 * preconditions, {@code calendar-multiget} and {@code calendar-query}, HTTP Basic authentication and the same
 * backoff as the Google adapter. Entry point: {@link dev.avalon.caldav.CalDavCalendar}. Nothing is {@code null}
 * unless it says so.
 */
package dev.avalon.caldav;
