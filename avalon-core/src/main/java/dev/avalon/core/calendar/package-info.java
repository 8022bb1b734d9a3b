/**
 * The calendar engine: events kept in the brain's working state, recurrence expansion inside a
 * bounded window, overlap detection by sort-and-sweep, free slots within working hours, an invite
 * outbox for domains that send invitations, and change detection against a remote calendar.
 * Everything here is pure; the remote calendar, the invite renderer and the mail sender are ports.
 */
package dev.avalon.core.calendar;
