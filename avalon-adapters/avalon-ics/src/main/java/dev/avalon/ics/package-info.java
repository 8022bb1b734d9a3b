/**
 * The {@link dev.avalon.core.port.InviteRenderer} of Avalon on ical4j 4: iTIP (RFC 5546) REQUEST and
 * CANCEL invitations as validated iCalendar (RFC 5545), and parsing of such invitations back.
 *
 * <p>Nothing in this package is {@code null} unless it says so.
 */
package dev.avalon.ics;
