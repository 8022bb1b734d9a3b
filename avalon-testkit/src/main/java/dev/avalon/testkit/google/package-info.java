/**
 * A loopback fake of the Google Calendar API v3 and its OAuth2 token endpoint, for testing a
 * {@link dev.avalon.core.port.RemoteCalendar} adapter over real HTTP without the network. It speaks
 * HTTP only and knows no adapter. Nothing is {@code null} unless it says so.
 */
package dev.avalon.testkit.google;
