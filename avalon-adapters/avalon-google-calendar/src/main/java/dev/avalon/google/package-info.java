/**
 * The {@link dev.avalon.core.port.RemoteCalendar} port over the Google Calendar REST API v3, spoken
 * with {@code java.net.http} and Jackson: OAuth2 refresh-token flow, full and incremental sync,
 * client-chosen ids, ETag preconditions and capped exponential backoff with full jitter. Entry point:
 * {@link dev.avalon.google.GoogleCalendar}. Nothing is {@code null} unless it says so.
 */
package dev.avalon.google;
