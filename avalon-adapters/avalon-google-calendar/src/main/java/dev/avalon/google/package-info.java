/**
 * The {@link dev.avalon.core.port.RemoteCalendar} port over the Google Calendar REST API v3, spoken
 * with {@code java.net.http} and Jackson: OAuth2 refresh-token flow, full and incremental sync,
 * client-chosen ids, ETag preconditions, PATCH updates that keep guests' replies and what Avalon does not
 * own, instances found through {@code events.instances}, and Google's truncated exponential backoff. Entry point:
 * {@link dev.avalon.google.GoogleCalendar}. Nothing is {@code null} unless it says so.
 */
package dev.avalon.google;
